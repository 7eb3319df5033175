"""Compile the printed notices with Typst: one document at a time, cached, PDF/A, deterministic.

The build's PDF stage (:mod:`generator.commands.printing`, the one road of the PDFs: the
build, the tests and ``bench/bench_pdf.py`` all take it) hands each worker process a batch of
documents; this module is what a worker does with each, plus what the stage needs around it:

* :func:`compile_cached` returns the cache file of a document (``<cache>/<sha256>.pdf``, the
  hash of everything that determines it: Typst and segno versions, Typst source, data JSON,
  every part's QR URL, every template file (:func:`template_fingerprint`), the font files, the paper,
  which is part of the data), compiling it only when missing; entries are written atomically,
  old ones are never read again and may be deleted at any time (default folder
  :data:`DEFAULT_CACHE_DIR`); the QR codes' SVGs are only made when a document is compiled;
* fonts: Noto Sans CJK SC only (:mod:`generator.engines.fonts`), given to Typst with the
  system fonts ignored, so the output does not depend on what else is installed; characters
  the font lacks are printed as □ (:func:`printable`; PDF/A allows no missing glyph) and
  named by ``pdf-glyph-missing`` warnings (:func:`glyph_findings`);
* archival and accessible: PDF/A-2a with PDF/UA-1 (:data:`PDF_STANDARD`), with the title, the author (the company, the
  self-managing organisation or the issuing body) and the language (zh) in the metadata;
* compact: Typst's plain objects (the tags' structure tree, dictionaries) are packed into a
  compressed object stream (:func:`generator.engines.pdf_pack.pack_pdf`; :data:`PACKING`),
  a quarter of a sheet's bytes and nearly half a booklet's;
* lean: the memoized work of a compile is let go right after it (:data:`RELEASE_COMPILES`);
* deterministic: the document date comes from the data (the version's date, the
  publication date), never from the build day or the clock, so the same data and statuses
  give byte-identical PDFs on any day.

Typst errors in a template raise :class:`~generator.errors.PdfError` (``pdf-compile-failed``),
an unknown paper ``pdf-paper`` (:func:`check_paper`). This module writes only into the cache
folder; it never touches the data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typst

if TYPE_CHECKING:
    from typst import PDFStandard

from generator.templates import ROOT

from generator.engines.pdf_pack import pack_pdf
from generator.engines.fonts import FontSet, PdfError, font_missing_error, missing_glyphs, pdf_error
from generator.findings import Finding, Severity
from generator.render.paper.document import PAPERS, PdfDocument
from generator.write.atomic import write_atomic
from generator.render.paper.qr import qr_svg

__all__ = ["PdfError", "compile_cached", "printable", "glyph_findings", "DEFAULT_CACHE_DIR", "TEMPLATES_DIR"]

TEMPLATES_DIR = ROOT / "typst"
PDF_STANDARD: list[PDFStandard] = ["a-2a", "ua-1"]
"""PDF/A-2a (fonts embedded, colours device-independent, XMP metadata with the identification,
and a tagged structure) and PDF/UA-1 beside it: tags a screen reader follows, a title shown
as the window title, every image (the QR codes) with its alternative text."""
PACKING = "objstm-1"
"""How compiled PDFs are packed (:func:`generator.engines.pdf_pack.pack_pdf`); part of every cache key."""
DEFAULT_CACHE_DIR = Path(".cache") / "pdf"
RELEASE_COMPILES = 10
"""Empty compiles after each document. The Typst binding keeps what a compile memoized until it
has gone unused for 10 compiles: a compound's PDF (its cover and about ten sheets) leaves about
100 MB, so a worker held about 1 GB. Ten compiles of an empty page (as SVG, a few ms each) let
it go at once: about 300 MB a worker, the same CPU time within the noise and the same bytes
(measured on the sample and a synthetic city, issue 29)."""


def template_fingerprint(templates_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in templates_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _tools() -> str:
    """The compiler, QR encoder, PDF standard and packing of every key (a package lookup costs a millisecond)."""
    return f"typst {version('typst')} segno {version('segno')} {'+'.join(PDF_STANDARD)} {PACKING}"


def cache_key(doc: PdfDocument, templates: str, fonts: FontSet) -> str:
    digest = hashlib.sha256()
    texts = [_tools(), doc.source(), *(t for part in doc.parts for t in (part.data_json(), part.qr_url)),
             templates, fonts.fingerprint()]
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=4)
def _compiler(root: str, font_dirs: tuple[str, ...], templates: str) -> typst.Compiler:
    """One compiler per template state: reusing it saves the font scan (0.2 s -> a few ms)."""
    return typst.Compiler(root=root, font_paths=list(font_dirs), ignore_system_fonts=True)


def compile_document(doc: PdfDocument, templates_dir: Path, fonts: FontSet, templates: str) -> bytes:
    compiler = _compiler(str(templates_dir), fonts.dirs, templates)
    try:
        pdf, warnings = compiler.compile_with_warnings(input=doc.program([qr_svg(url) for url in doc.qr_urls]).encode("utf-8"),
                                                       pdf_standards=PDF_STANDARD)
    except typst.TypstError as exc:
        raise pdf_error("pdf-compile-failed", f"生成 {doc.name} 失败：{exc}",
                        "这是模板的问题而不是数据的问题，请联系开发人员。", file=f"templates/typst/{doc.template}") from None
    for warning in warnings:
        if "unknown font family" in str(warning):
            raise font_missing_error(f"（Typst：{warning}）")
    for _ in range(RELEASE_COMPILES):
        compiler.compile(input=b"", format="svg")
    if not isinstance(pdf, bytes):  # typst returns one PDF as bytes (a list only for per-page images)
        raise pdf_error("pdf-compile-failed", f"生成 {doc.name} 失败：Typst 没有返回 PDF",
                        "这是模板的问题而不是数据的问题，请联系开发人员。", file=f"templates/typst/{doc.template}")
    return pack_pdf(pdf)


BOX = "\u25a1"
"""□: printed in place of a character the font lacks (PDF/A forbids the font's empty glyph)."""


def glyph_findings(doc: PdfDocument, fonts: FontSet, reported: set[tuple[str, str]] | None = None) -> list[Finding]:
    """One warning per printed string that holds characters the font has no glyph for, named
    by the data file of the part that prints it (the cover: the compound's folder; a sheet: its
    item's file).

    ``reported`` holds what earlier parts and documents of the build reported, as (compound or
    file, characters) and ("text", string): a compound's name is on its cover, every sheet and
    the ranking lists, one warning is enough."""
    if not missing_glyphs(fonts.regular, "".join(doc.texts())):
        return []
    reported = reported if reported is not None else set()
    out = []
    for part in doc.parts:
        scope = "/".join(part.origin.split("/")[:2]) if part.origin.startswith("compounds/") else part.origin
        for text in part.texts():
            missing = missing_glyphs(fonts.regular, text)
            if not missing:
                continue
            seen = ("text", text) in reported or (scope, "".join(missing)) in reported
            reported.update({("text", text), (scope, "".join(missing))})
            if seen:
                continue
            chars = "、".join(f"“{c}”（U+{ord(c):04X}）" for c in missing)
            out.append(Finding(
                code="pdf-glyph-missing", severity=Severity.WARNING, file=part.origin or doc.name,
                message=f"{doc.name} 中“{text[:40]}”含有字体没有的字符 {chars}，打印版会显示成方框",
                hint="改用规范汉字或去掉表情符号；网页版不受影响。"))
    return out


def boxed(doc: PdfDocument, fonts: FontSet) -> PdfDocument:
    """The document with every character the font lacks printed as □ (see :func:`glyph_findings`)."""

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            missing = missing_glyphs(fonts.regular, value)
            return "".join(BOX if ch in missing else ch for ch in value) if missing else value
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    return dataclasses.replace(doc, parts=tuple(dataclasses.replace(p, data=fix(p.data)) for p in doc.parts))


def printable(doc: PdfDocument, fonts: FontSet) -> tuple[PdfDocument, bool]:
    """The document as it is printed (characters the font lacks as □) and whether it had any
    (then :func:`glyph_findings` names them)."""
    if missing_glyphs(fonts.regular, "".join(doc.texts())):
        return boxed(doc, fonts), True
    return doc, False


def compile_cached(doc: PdfDocument, templates_dir: Path, fonts: FontSet, templates: str,
                   cache_dir: Path) -> tuple[Path, float | None]:
    """The cache file holding the compiled document, compiling it when missing; returns it and
    the compile time (``None``: it was in the cache)."""
    cached = cache_dir / f"{cache_key(doc, templates, fonts)}.pdf"
    if cached.is_file():
        return cached, None
    start = time.perf_counter()
    write_atomic(cached, compile_document(doc, templates_dir, fonts, templates))
    return cached, time.perf_counter() - start


def path_error(doc: PdfDocument) -> PdfError:
    return pdf_error("pdf-path", f"PDF 文件名“{doc.name}”不合法或重复", "检查小区和考评期间的编号。",
                     file=doc.origin or doc.name)


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise pdf_error("pdf-paper", f"纸张“{paper}”不支持，只能是 a4 或 a3", "使用 --paper a4 或 --paper a3。",
                        file="--paper")


