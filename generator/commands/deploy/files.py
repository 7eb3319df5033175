"""The files of a built site as a deploy sees them: path, content hash, content type, cache policy.

Contract: :func:`site_files` lists every file below a built site (the site marker included, so
a target can tell it holds a generated site), sorted, each with its MD5 (what object stores
report as the ETag of a simple upload), its ``Content-Type`` and its ``Cache-Control``.
The two header rules are declared here once (:data:`CONTENT_TYPES`, :func:`cache_control`);
they do not depend on the machine's MIME database, so every deploy sets the same headers.

Cache policy: pages and every file whose content changes under the same name (HTML, the
feed, sitemap, search index, open data, PDFs) may be cached for :data:`SHORT` (5 minutes):
residents see a corrected notice soon. Theme assets whose name carries a content hash
(``bundle.a5f9d56c.min.js``) never change: a year, ``immutable``. Other assets (images,
the site's stylesheet, fonts, search-language scripts): :data:`ASSET` (a day).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path



CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".gz": "application/gzip",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
"""Content type by file extension (lower case); anything else is ``application/octet-stream``."""
SPECIAL_TYPES = {"feed.xml": "application/atom+xml; charset=utf-8"}
"""Site-relative paths whose type is more precise than their extension's."""

SHORT = "public, max-age=300"
ASSET = "public, max-age=86400"
IMMUTABLE = "public, max-age=31536000, immutable"
_DOCUMENTS = {".html", ".xml", ".json", ".csv", ".txt", ".md", ".pdf", ".gz", ".xlsx"}
_HASHED = re.compile(r"\.[0-9a-f]{8,}\.(min\.)?(js|css)(\.map)?$")


@dataclass(frozen=True)
class SiteFile:
    path: str
    """Site-relative POSIX path (``compounds/lanting/index.html``)."""
    source: Path
    md5: str
    """Hex MD5 of the bytes."""
    size: int
    content_type: str
    cache_control: str


def content_type(path: str) -> str:
    if path in SPECIAL_TYPES:
        return SPECIAL_TYPES[path]
    return CONTENT_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")


def cache_control(path: str) -> str:
    if _HASHED.search(path) and path.startswith("assets/"):
        return IMMUTABLE
    if Path(path).suffix.lower() in _DOCUMENTS:
        return SHORT
    return ASSET


def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def site_files(site: Path) -> list[SiteFile]:
    out = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = file.relative_to(site).as_posix()
        out.append(SiteFile(rel, file, md5_of(file), file.stat().st_size, content_type(rel), cache_control(rel)))
    return out


def file_count(site: Path) -> int:
    return sum(1 for p in site.rglob("*") if p.is_file())
