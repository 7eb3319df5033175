"""What a first visit to a page costs a phone before the search is opened, gzipped.

Contract: :func:`first_visit` reads a built site (no browser, no network) and returns, for
the page at a site-relative URL (``compounds/lanting/``), every file a browser fetches to show
it: the page, its style sheets, the scripts it runs (a ``<script type="text/plain">``, the
theme's script that ``assets/site.js`` loads when search opens, is not fetched), its icon and
its images, each with its size gzipped at level 6 (what a web server sends). ``make bench``
prints the total for a compound home; ``tests/test_browser_residents.py`` checks in Chromium
that a visit requests exactly these files, so the figure is what a phone downloads.
"""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BUDGET = 60_000
"""Bytes (gzipped) a first visit to a compound home may cost before search is opened."""


class _Fetched(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").split()
        if tag == "link" and ({"stylesheet", "icon"} & set(rel)) and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src") and a.get("type", "text/javascript") in ("text/javascript", "module"):
            self.urls.append(a["src"])
        elif tag == "img" and a.get("src") and a.get("loading") != "lazy":
            self.urls.append(a["src"])


def _file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def first_visit(site: Path, page: str) -> dict[str, int]:
    """Site-relative URL -> gzipped bytes, the page first (``page`` like ``compounds/lanting/``)."""
    html = _file(site, page).read_bytes()
    parser = _Fetched()
    parser.feed(html.decode("utf-8"))
    out = {page: len(gzip.compress(html, 6))}
    base = "http://site/" + page
    for url in parser.urls:
        if url.startswith("data:"):
            continue
        absolute = urljoin(base, url)
        if not absolute.startswith("http://site/"):
            continue  # another site: nothing a built site could refer to, but never counted as ours
        rel = absolute[len("http://site/"):].split("#")[0].split("?")[0]
        out.setdefault(rel, len(gzip.compress(_file(site, rel).read_bytes(), 6)))
    return out
