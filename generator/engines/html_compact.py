"""Tidy an engine's output: drop the template indentation from its HTML, the date from its sitemap.

Contract: :func:`compact_html` returns the page with every line break and the whitespace
around it (spaces, tabs, blank lines) reduced to one line break, outside ``<pre>``,
``<textarea>``, ``<script>`` and ``<style>`` (kept byte for byte). Between tags and in text a
run of whitespace renders as one space wherever ``white-space`` collapses it, which is
everywhere on the site except those elements (``site.css`` sets only ``nowrap``, which collapses
too), so a page looks and reads the same. :func:`compact_folder` rewrites every ``.html`` file
below a folder (a part's engine output: :func:`generator.engines.parts.build_part`), so the
published site is smaller (issue 29: a site GitHub Pages accepts) and the part cache keeps the
compacted pages. Pure and deterministic: the same page gives the same bytes.

:func:`tidy_output` does that and takes ``<lastmod>`` out of ``sitemap.xml`` (and writes
``sitemap.xml.gz`` again, with no time in its header): the engines stamp every URL with the
build's date (``SOURCE_DATE_EPOCH``), which is no page's real date and would make every part
differ from one day to the next.
"""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BREAK = re.compile(r"[ \t]*\n\s*")
_LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")
SITEMAP = "sitemap.xml"


def compact_html(page: str) -> str:
    pieces = _KEPT.split(page)
    out = []
    # split with two groups: text, kept block, its tag name, text, ...
    for i in range(0, len(pieces), 3):
        out.append(_BREAK.sub("\n", pieces[i]))
        if i + 1 < len(pieces):
            out.append(pieces[i + 1])
    return "".join(out)


def compact_folder(root: Path) -> None:
    """Compact every HTML file below ``root`` in place."""
    for path in sorted(root.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        compacted = compact_html(text)
        if compacted != text:
            path.write_text(compacted, encoding="utf-8")


def tidy_output(root: Path) -> None:
    """:func:`compact_folder`, and the sitemap without dates (see the module docstring)."""
    compact_folder(root)
    sitemap = root / SITEMAP
    if not sitemap.is_file():
        return
    text = _LASTMOD.sub("", sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    packed = root / f"{SITEMAP}.gz"
    if packed.is_file():
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, filename=packed.name, mode="wb", mtime=0) as gz:
            gz.write(text.encode("utf-8"))
        packed.write_bytes(buffer.getvalue())
