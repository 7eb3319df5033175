"""A PDF to build, as pure data: which Typst template, which entry function, which parts.

Contract: :class:`PdfDocument` holds everything a compile needs except the template files,
the fonts and the QR codes' SVGs: its :class:`PdfPart` s, each with its data, the URL its QR
code carries (the SVG is made from it by :mod:`generator.render.paper.qr`) and the data file
it comes from. A compound's PDF has a cover part and one part per item sheet, each with its
own QR code; a ranking list has one part. The Typst program (:meth:`PdfDocument.program`)
only imports the template and calls its entry function on two arrays, the parts' data
``(json(bytes("<JSON>")), ...)`` and their QR SVGs ``(bytes("<svg>"), ...)``: the data and the
SVGs travel as Typst string literals, quoted whole by :func:`typst_string` (every ``"`` and
``\\`` escaped, control characters as ``\\u{..}``), and Typst reads them back with
``json``/``bytes``, so nothing from the data is ever parsed as Typst markup or code (no
escaping of markup is needed, and injection is impossible). Handing them over as literals
rather than as ``sys.inputs`` lets one compiler keep its evaluated templates between
documents (new ``sys.inputs`` rebuild Typst's standard library: measured 20% slower, with
byte-identical PDFs). :meth:`PdfDocument.source` is the program without the data (part of the
cache key, with every part's :meth:`PdfPart.data_json` and QR URL). The other values spliced
into the program are the template file name and the entry function name, both written by
this code.
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


def _strings(value: Any, out: list[str]) -> list[str]:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, out)
    return out


@dataclass(frozen=True)
class PdfPart:
    """One part of a PDF (a compound's cover, one item's sheet, a ranking list): ``data`` its
    JSON-ready input, ``qr_url`` what its QR code says (the build makes the SVG only when it
    compiles), ``origin`` the data file or folder it comes from (for findings about it)."""

    data: dict[str, Any] = field(hash=False)
    qr_url: str = ""
    origin: str = ""

    def __post_init__(self) -> None:
        check_json_ready(self.data)

    def texts(self) -> list[str]:
        """Every string of the part that will be printed."""
        return _strings(self.data, [])

    def data_json(self) -> str:
        """Canonical JSON (sorted keys) so equal data gives equal bytes and cache keys."""
        return json.dumps(self.data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _array(items: list[str]) -> str:
    """A Typst array literal of ``items`` (code), also of one: ``(a,)``."""
    return "(" + ", ".join(items) + ",)"


@dataclass(frozen=True)
class PdfDocument:
    """One PDF: ``name`` is its site-relative path from the site plan (``pdf/lanting.pdf``),
    ``template`` a file in ``templates/typst/``, ``entry`` the function it exports (called with
    the parts' data and their QR codes, in the same order), ``parts`` what it prints; the first
    part gives the document's title, author and date and its origin."""

    name: str
    template: str
    entry: str
    parts: tuple[PdfPart, ...]

    def __post_init__(self) -> None:
        if not _FILE.match(self.template) or not _IDENT.match(self.entry):
            raise ValueError(f"bad template/entry: {self.template!r} {self.entry!r}")
        parts = self.name.split("/")
        if parts[0] != "pdf" or not self.name.endswith(".pdf") or any(not p or p.startswith(".") for p in parts):
            raise ValueError(f"bad PDF file name: {self.name!r}")
        if not self.parts:
            raise ValueError(f"a PDF without parts: {self.name!r}")

    @property
    def origin(self) -> str:
        """The data file or folder the document as a whole comes from (its first part's)."""
        return self.parts[0].origin

    @property
    def qr_urls(self) -> list[str]:
        return [part.qr_url for part in self.parts]

    def source(self) -> str:
        """The program without the data: which template, which entry, how many parts."""
        return (f"#import {typst_string(self.template)}: {self.entry}\n"
                f"#{self.entry}(<{len(self.parts)} parts>, <{len(self.parts)} qr codes>)\n")

    def program(self, qr_svgs: list[str]) -> str:
        """The Typst program that is compiled: the template's entry called on the parts' data
        and their QR codes' SVGs (one per part, in order) as quoted string literals."""
        if len(qr_svgs) != len(self.parts):
            raise ValueError(f"{len(qr_svgs)} QR codes for {len(self.parts)} parts")
        data = _array([f"json(bytes({typst_string(part.data_json())}))" for part in self.parts])
        codes = _array([f"bytes({typst_string(svg)})" for svg in qr_svgs])
        return f"#import {typst_string(self.template)}: {self.entry}\n#{self.entry}({data}, {codes})\n"

    def texts(self) -> list[str]:
        """Every string that will be printed."""
        return [text for part in self.parts for text in part.texts()]
