"""A PDF to build, as pure data: which Typst template, which entry function, which data.

Contract: :class:`PdfDocument` holds everything a compile needs except the template files,
the fonts and the QR code's SVG (made from ``qr_url`` by :mod:`generator.render.paper.qr`).
The Typst program (:meth:`PdfDocument.program`) only imports the template and calls its
entry function on ``json(bytes("<the data as JSON>"))`` and the QR SVG ``bytes("<svg>")``:
the data and the SVG travel as Typst string literals, quoted whole by :func:`typst_string`
(every ``"`` and ``\\`` escaped, control characters as ``\\u{..}``), and Typst reads them
back with ``json``/``bytes``, so nothing from the data is ever parsed as Typst markup or code
(no escaping of markup is needed, and injection is impossible). Handing them over as
literals rather than as ``sys.inputs`` lets one compiler keep its evaluated templates
between documents (new ``sys.inputs`` rebuild Typst's standard library: measured 20% slower,
with byte-identical PDFs). :meth:`PdfDocument.source` is the program without the data (part
of the cache key, with :meth:`PdfDocument.data_json`). The other values spliced into the
program are the template file name and the entry function name, both written by this code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from generator.render.paper.blocks_json import check_json_ready

Paper = Literal["a4", "a3"]
PAPERS: tuple[Paper, ...] = ("a4", "a3")


def paper_of(name: str) -> Paper:
    """The paper called ``name`` (``a4`` or ``a3``); ValueError for any other name."""
    for paper in PAPERS:
        if paper == name:
            return paper
    raise ValueError(f"unknown paper {name!r} (one of {', '.join(PAPERS)})")

_IDENT = re.compile(r"^[a-z][a-z0-9-]*$")
_FILE = re.compile(r"^[a-z][a-z0-9-]*\.typ$")


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TO_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _ESCAPES.get(ch) or f"\\u{{{ord(ch):x}}}"


def typst_string(text: str) -> str:
    """Quote ``text`` as a Typst string literal (code mode): ``a"b`` -> ``"a\\"b"``; ``\\``,
    ``\\n``, ``\\r``, ``\\t`` escaped as such, other control characters as ``\\u{..}``."""
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def pdf_date(day: date) -> dict[str, int]:
    """A date as the templates' ``set document(date: ...)`` takes it (PDF/A needs one)."""
    return {"year": day.year, "month": day.month, "day": day.day}


@dataclass(frozen=True)
class PdfDocument:
    """One PDF: ``name`` is its site-relative path from the site plan (``pdf/lanting.pdf``), ``template`` a file in
    ``templates/typst/``, ``entry`` the function it exports, ``data`` its JSON-ready input,
    ``qr_url`` what its QR code says (the build makes the SVG only when it compiles),
    ``origin`` the data file or folder it comes from (for findings about it)."""

    name: str
    template: str
    entry: str
    data: dict[str, Any] = field(hash=False)
    qr_url: str = ""
    origin: str = ""

    def __post_init__(self) -> None:
        if not _FILE.match(self.template) or not _IDENT.match(self.entry):
            raise ValueError(f"bad template/entry: {self.template!r} {self.entry!r}")
        parts = self.name.split("/")
        if parts[0] != "pdf" or not self.name.endswith(".pdf") or any(not p or p.startswith(".") for p in parts):
            raise ValueError(f"bad PDF file name: {self.name!r}")
        check_json_ready(self.data)

    def source(self) -> str:
        return (
            f"#import {typst_string(self.template)}: {self.entry}\n"
            f"#{self.entry}(json(bytes(sys.inputs.data)), bytes(sys.inputs.qr))\n"
        )

    def program(self, qr_svg: str) -> str:
        """The Typst program that is compiled: :meth:`source` with the data and the QR code's
        SVG as quoted string literals instead of ``sys.inputs`` (see the module docstring)."""
        return (
            f"#import {typst_string(self.template)}: {self.entry}\n"
            f"#{self.entry}(json(bytes({typst_string(self.data_json())})), bytes({typst_string(qr_svg)}))\n"
        )

    def texts(self) -> list[str]:
        """Every string that will be printed."""
        out: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)

        walk(self.data)
        return out

    def data_json(self) -> str:
        """Canonical JSON (sorted keys) so equal data gives equal bytes and cache keys."""
        return json.dumps(self.data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
