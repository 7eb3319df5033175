"""The one place that turns findings and errors into lines and exit codes.

Exit codes (:mod:`generator.errors`): 0 clean, 1 the data has errors (or warnings with
``--strict``), 2 usage or configuration. A command either finishes (:func:`finish`), reports
the data's findings (:func:`print_findings`, then :func:`exit_for`), or raises a
:class:`~generator.errors.GeneratorError`, which the command group hands to :func:`fail`:
each of its findings is one line ``错误：…`` with its hint (``提示：…``), then the error's exit
code. Everything goes to stderr but the findings of ``check`` and what a command lists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from generator.errors import EXIT_DATA, EXIT_OK, DataErrors, GeneratorError
from generator.findings import Finding


def print_findings(findings: list[Finding], data: Path | str, fmt: str = "text", strict: bool = False,
                   verbose: bool = False) -> None:
    """The findings as ``check`` prints them: ``text`` for people, ``json`` for tools,
    ``github`` as GitHub Actions annotations; a summary line on stderr (not for json)."""
    from generator.findings.report import github_lines, summary, text_lines

    root = Path(data).as_posix()
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
        return
    lines = github_lines(findings, root, strict) if fmt == "github" else text_lines(findings, root, strict, verbose)
    for line in lines:
        click.echo(line)
    click.echo(summary(findings, strict), err=True)


def exit_for(findings: list[Finding], strict: bool = False) -> NoReturn:
    """Exit 1 when any finding is an error (with ``strict``: any finding at all), else 0."""
    from generator.findings import Severity

    sys.exit(EXIT_DATA if any(strict or f.severity is Severity.ERROR for f in findings) else EXIT_OK)


def fail(error: GeneratorError) -> NoReturn:
    """Show what stopped the command and exit with its code."""
    if isinstance(error, DataErrors):
        print_findings(error.findings, error.data)
        if error.note:
            click.echo(error.note, err=True)
    else:
        show_stop(error.findings)
    sys.exit(error.exit_code)


def show_stop(findings: list[Finding]) -> None:
    """What stopped a command: ``错误：…`` and ``提示：…`` lines on stderr."""
    for finding in findings:
        click.echo(f"错误：{finding.message}" + (f"\n提示：{finding.hint}" if finding.hint else ""), err=True)


def finish() -> NoReturn:
    sys.exit(EXIT_OK)
