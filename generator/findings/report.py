"""Findings as staff and tools read them: plain strings, no printing (the CLI prints them).

* :func:`text_lines`: errors first, then warnings; by file, then line (the order of
  :meth:`Findings.sorted`). Each line is ``file:line[:col] CODE [错误] G7（金额）：message``
  followed by a ``提示：`` line. Unless ``verbose``, warnings of one code under one compound
  folder are folded into one line: ``未公示 9 项：…``.
* :func:`github_lines`: GitHub Actions workflow commands
  (``::error file=…,line=…,col=…,title=CODE 标题::message``), escaped as the runner
  unescapes them: ``%`` ``\\r`` ``\\n`` in the message, and also ``:`` ``,`` in properties.
* :func:`summary`: the closing count line.

``prefix`` is the data folder as the user gave it (``data``), put before every file name.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Iterable

from generator.findings.codes import Severity, code as declared
from generator.findings.model import Finding


@dataclass(frozen=True)
class Folded:
    """Several warnings of one code under one compound folder, shown as one line."""

    code: str
    folder: str
    items: tuple[Finding, ...]


def _group(f: Finding) -> str | None:
    parts = f.file.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 and parts[0] == "compounds" else None


def fold(findings: Iterable[Finding]) -> list[Finding | Folded]:
    """Fold warnings of the same code in the same compound folder (two or more) into one."""
    findings = list(findings)
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        folder = _group(f)
        if f.severity is Severity.WARNING and folder is not None:
            groups.setdefault((folder, f.code), []).append(f)
    out: list[Finding | Folded] = []
    done: set[tuple[str, str]] = set()
    for f in findings:
        key = (_group(f) or "", f.code)
        if f.severity is Severity.WARNING and key in groups and len(groups[key]) > 1:
            if key not in done:
                done.add(key)
                out.append(Folded(f.code, key[0], tuple(groups[key])))
            continue
        out.append(f)
    return out


def _level(f: Finding, strict: bool) -> str:
    return Severity.ERROR.label if strict or f.severity is Severity.ERROR else Severity.WARNING.label


def describe(f: Finding) -> str:
    """The message with the cell and column (table cells) or the YAML key in front."""
    where = f.where()
    if not where and f.field and f.file.endswith(".yaml"):
        where = f"字段 {f.field}"
    return f"{where}：{f.message}" if where else f.message


def _short(f: Finding) -> str:
    name = f.file.rsplit("/", 1)[-1]
    return f"{name}（第 {f.line} 行）" if f.line else name


def file_path(prefix: str, file: str) -> str:
    """``file`` (relative to the data folder) as a path from where the user is: ``prefix``
    (the data folder as given) before it; a file beside the data folder (``../content/x``,
    the site's hand-written pages) is shown without the detour (``content/x``)."""
    joined = f"{prefix}/{file}"
    return posixpath.normpath(joined) if file.startswith("../") else joined


def text_lines(findings: Iterable[Finding], prefix: str, strict: bool = False, verbose: bool = False) -> list[str]:
    prefix = prefix.rstrip("/")
    lines: list[str] = []
    items: list[Finding | Folded] = list(findings) if verbose else fold(findings)
    for item in items:
        if isinstance(item, Folded):
            spec = declared(item.code)
            level = _level(item.items[0], strict)
            names = "、".join(_short(f) for f in item.items)
            lines.append(f"{prefix}/{item.folder}/ {item.code} [{level}] {spec.title} {len(item.items)} 项：{names}")
            if spec.hint:
                lines.append(f"    提示：{spec.hint}（--verbose 逐条列出）")
            continue
        lines.append(f"{file_path(prefix, item.file)}{item.location()[len(item.file):]} {item.code} [{_level(item, strict)}] {describe(item)}")
        if item.hint:
            lines.append(f"    提示：{item.hint}")
    return lines


def summary(findings: list[Finding], strict: bool = False) -> str:
    errors = sum(1 for f in findings if strict or f.severity is Severity.ERROR)
    return f"共 {errors} 个错误，{len(findings) - errors} 个警告。"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(findings: Iterable[Finding], prefix: str, strict: bool = False) -> list[str]:
    prefix = prefix.rstrip("/")
    out = []
    for f in findings:
        command = "error" if strict or f.severity is Severity.ERROR else "warning"
        props = [f"file={escape_property(file_path(prefix, f.file))}"]
        if f.line is not None:
            props.append(f"line={f.line}")
            if f.column is not None:
                props.append(f"col={f.column}")
        props.append(f"title={escape_property(f'{f.code} {f.title}')}")
        message = describe(f) + (f"\n提示：{f.hint}" if f.hint else "")
        out.append(f"::{command} {','.join(props)}::{escape_data(message)}")
    return out
