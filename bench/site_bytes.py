"""Where a built site's bytes go: PDFs (each compound's one PDF, its cover and item sheets; item
sheets as files of their own, which builds before issue 29 wrote; ranking lists) and what is inside
them (font programs, other streams, XMP metadata, plain objects), HTML pages, everything else.

Contract: :func:`site_bytes` walks a built site and returns byte counts by kind; :func:`pdf_parts`
splits one PDF's bytes by what its objects hold, reading the file itself (no outside tool: a
regex over ``N 0 obj … endobj``; an object stream counts as "packed objects"). Used by
``bench/bench_site.py``; nothing here is asserted.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)


def _kind(body: bytes) -> str:
    head = body[:600]
    if b"stream" not in body:
        return "plain objects"
    if b"/Subtype/CIDFontType0C" in head or b"/Subtype/OpenType" in head or b"/Length1" in head:
        return "fonts"
    if b"/Type/Metadata" in head:
        return "XMP"
    if b"/Type/ObjStm" in head or b"/Type/XRef" in head:
        return "packed objects"
    return "other streams"


def pdf_parts(path: Path) -> Counter[str]:
    data = path.read_bytes()
    parts: Counter[str] = Counter()
    for match in _OBJ.finditer(data):
        parts[_kind(match.group(2))] += len(match.group(0))
    parts["xref, header"] = len(data) - sum(parts.values())
    return parts


def site_bytes(site: Path) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(bytes by kind of file, files by kind, bytes inside the PDFs by part)."""
    sizes: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel.endswith(".pdf"):
            kind = "PDF ranking" if rel.startswith("pdf/ranking-") else "PDF sheet" if rel.count("/") >= 2 else "PDF compound"
            inside.update(pdf_parts(path))
        elif rel.endswith(".html"):
            kind = "HTML"
        else:
            kind = "other"
        sizes[kind] += path.stat().st_size
        counts[kind] += 1
    return sizes, counts, inside


def report(site: Path, compounds: int) -> str:
    sizes, counts, inside = site_bytes(site)
    total = sum(sizes.values())
    pdf = sum(v for k, v in sizes.items() if k.startswith("PDF"))
    lines = [f"site {total / 1e6:.1f} MB = {total / compounds / 1e3:.0f} KB per compound"]
    for kind in ("PDF compound", "PDF sheet", "PDF ranking", "HTML", "other"):
        if counts[kind]:
            lines.append(f"{kind}: {sizes[kind] / 1e6:.1f} MB in {counts[kind]} files ({sizes[kind] / counts[kind] / 1e3:.1f} KB "
                         f"each, {sizes[kind] / total:.0%} of the site)")
    lines.append("inside the PDFs: " + ", ".join(f"{k} {v / 1e6:.1f} MB ({v / max(pdf, 1):.0%})"
                                                 for k, v in inside.most_common()))
    return "\n    ".join(lines)
