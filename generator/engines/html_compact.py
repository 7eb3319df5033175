"""Drop the template indentation the site engine leaves in its HTML (about half of a page's bytes).

Contract: :func:`compact_html` returns the page with every line break and the whitespace
around it (spaces, tabs, blank lines) reduced to one line break, outside ``<pre>``,
``<textarea>``, ``<script>`` and ``<style>`` (kept byte for byte). Between tags and in text a
run of whitespace renders as one space wherever ``white-space`` collapses it, which is
everywhere on the site except those elements (``site.css`` sets only ``nowrap``, which collapses
too), so a page looks and reads the same. :func:`compact_folder` rewrites every ``.html`` file
below a folder (a part's engine output: :func:`generator.engines.parts.build_part`), so the
published site is smaller (issue 29: a site GitHub Pages accepts) and the part cache keeps the
compacted pages. Pure and deterministic: the same page gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BREAK = re.compile(r"[ \t]*\n\s*")


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
