"""Writing data files the way staff keep them.

Contract: :func:`yaml_text` gives block YAML with the editor schema line first; :func:`csv_bytes`
gives a CSV in one of the forms Excel produces (:class:`CsvStyle`); :class:`Writer` writes
below one folder only, never twice to the same path. Output depends only on the input.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.model.base import Record


_RESOLVER = yaml.resolver.Resolver()
_NEEDS_QUOTES = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|\s$|: |:$| #|[\t\x00-\x1f\x7f\x85\u2028\u2029\ufeff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029\ufeff]")


def _scalar(value: Any) -> str:
    """One scalar as YAML that reads back as the same value (Decimal stays exact)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (int, date)):
        return str(value)
    text = str(value)
    if text and not _NEEDS_QUOTES.search(text) and \
            _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str":
        return text
    if not _CONTROL.search(text):
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _block(value: dict | list, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:\n")
                _block(item, depth + 1, out)
            else:
                out.append(f"{pad}{key}: {_empty(item) if isinstance(item, (dict, list)) else _scalar(item)}\n")
        return
    for item in value:
        if isinstance(item, dict) and item:
            lines: list[str] = []
            _block(item, depth + 1, lines)
            lines[0] = f"{pad}- " + lines[0][len(pad) + 2:]
            out.extend(lines)
        else:
            out.append(f"{pad}- {_empty(item) if isinstance(item, (dict, list)) else _scalar(item)}\n")


def _empty(value: dict | list) -> str:
    return "{}" if isinstance(value, dict) else "[]"


def yaml_text(rel: Path, kind: str, data: dict, comments: tuple[str, ...] = ()) -> str:
    """A YAML file's text: the editor schema line, optional comments, then the data in block
    style with indented lists (easier for staff to read); strings are quoted only when YAML
    would otherwise read them as something else."""
    out = [f"# yaml-language-server: $schema={'../' * len(rel.parts)}schemas/{kind}.schema.json\n"]
    out += [f"# {c}\n" for c in comments]
    _block(data, 0, out)
    return "".join(out)


@dataclass(frozen=True)
class CsvStyle:
    """How a CSV is written, imitating what Excel users produce."""

    encoding: str = "utf-8"  # utf-8 | utf-8-sig | gb18030
    titles: bool = False  # Chinese titles instead of field names as headers
    money: str = "plain"  # plain 1234.50 | grouped 1,234.50 | yuan ¥1,234.50
    dates: str = "iso"  # iso 2026-07-01 | slash 2026/7/1 | chinese 2026年7月1日


MONEY_COLUMNS = frozenset({"amount", "balance", "price", "monthly_fee", "unit_price", "per_unit"})


def _cell(name: str, value: Any, style: CsvStyle) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        if style.dates == "slash":
            return f"{value.year}/{value.month}/{value.day}"
        if style.dates == "chinese":
            return f"{value.year}年{value.month}月{value.day}日"
        return value.isoformat()
    if isinstance(value, Decimal):
        if style.money == "plain":
            return format(value, "f")
        text = format(value, ",f")
        if style.money == "yuan" and name in MONEY_COLUMNS:
            return ("￥" if style.encoding == "gb18030" else "¥") + text
        return text
    return str(value)


def csv_bytes(model: type[Record], rows: list[dict], style: CsvStyle) -> bytes:
    """A CSV of ``rows`` (dicts keyed by field name) in ``style``; CRLF like Excel."""
    names = list(model.model_fields)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([(model.model_fields[n].title or n) if style.titles else n for n in names])
    for row in rows:
        writer.writerow([_cell(n, row.get(n), style) for n in names])
    return buf.getvalue().encode(style.encoding)


class Writer:
    """Writes files below one data folder; refuses paths outside it and double writes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[Path] = set()

    def _path(self, rel: str) -> Path:
        relpath = Path(rel)
        if relpath.is_absolute() or ".." in relpath.parts or relpath in self.written:
            raise ValueError(f"refusing to write {rel}")
        self.written.add(relpath)
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def yaml(self, rel: str, kind: str, data: dict, comments: tuple[str, ...] = ()) -> None:
        self._path(rel).write_bytes(yaml_text(Path(rel), kind, data, comments).encode("utf-8"))

    def csv(self, rel: str, model: type[Record], rows: list[dict], style: CsvStyle) -> None:
        self._path(rel).write_bytes(csv_bytes(model, rows, style))
