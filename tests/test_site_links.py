"""The built site's structure: every compound x item page exists, no internal link or anchor is
broken, the search index is segmented and finds every compound, the nav stays short.

The link check runs twice: on the files of the built sites, and over HTTP on the sample city
published under a sub-path (``site_url`` ``.../sub/``, served at ``http://127.0.0.1:<port>/sub/``
and nothing else), built once with each engine (MkDocs and Zensical), following every link
and ``src`` of every page; links to ``site_url`` are the site's own and are followed there.
"""

from __future__ import annotations

import html
import json
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.findings import Findings
from generator.load.dataset import load
from tests.sitebuild import (SUB_PATH, SUB_SITE_URL, Built, PageParser, parse, sample_site, staged_yaml, sub_path_site,
                             synth_site)
from tests.siteserver import serving

ENGINES = ["mkdocs", pytest.param("zensical", marks=pytest.mark.zensical)]


@pytest.fixture(scope="session", params=["sample", "synth"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sample_site(tmp_path_factory) if request.param == "sample" else synth_site(tmp_path_factory)


def dataset(built: Built):
    return load(built.data, Findings())


def test_every_compound_and_item_page_exists(site: Built) -> None:
    ds = dataset(site)
    items = [i.id for i in ds.catalogue.model.items]
    assert len(ds.compounds) >= 10 and len(items) >= 10
    missing = []
    for cid in ds.compounds:
        urls = [f"compounds/{cid}/"] + [f"compounds/{cid}/{item.replace('_', '-')}/" for item in items]
        missing += [u for u in urls if not (site.site / u / "index.html").is_file()]
    assert missing == []
    assert (site.site / "compounds" / "index.html").is_file()
    assert (site.site / "compliance" / "index.html").is_file()


def _target(site: Path, page: Path, href: str, site_url: str | None = None) -> tuple[Path, str] | None:
    """The file an internal link points at and its fragment; None for external links.
    Absolute links under ``site_url`` are the site's own."""
    if site_url and href.startswith(site_url):
        href = "/" + href[len(site_url):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = page.parent
    target = (base / unquote(parts.path)).resolve() if not parts.path.startswith("/") else site / parts.path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path, site_url: str | None = None) -> list[str]:
    pages = sorted(site.rglob("*.html"))
    parsed: dict[Path, PageParser] = {p.resolve(): parse(p) for p in pages}
    broken = []
    for path, parser in parsed.items():
        for tag, attr, href in parser.links:
            found = _target(site, path, href, site_url)
            if found is None:
                continue
            target, fragment = found
            rel = target.relative_to(site.resolve()).as_posix() if site.resolve() in target.parents else str(target)
            if rel.startswith("pdf/") and not (site / "pdf").is_dir():
                continue  # PDFs come from the PDF stage, which this build may not include
            if not target.is_file():
                broken.append(f"{path.relative_to(site.resolve())}: <{tag} {attr}={href!r}> -> missing {rel}")
            elif fragment and target.suffix == ".html" and fragment not in parsed[target].ids:
                broken.append(f"{path.relative_to(site.resolve())}: {href!r} -> no #{fragment} in {rel}")
    return broken


def test_no_broken_internal_links_or_anchors(site: Built) -> None:
    assert broken_links(site.site, dataset(site).city.model.base_url()) == []


def test_pdf_links_are_absolute_under_site_url_and_name_an_existing_compound(site: Built) -> None:
    ds = dataset(site)
    base = ds.city.model.base_url()
    for cid in list(ds.compounds)[:3]:
        home = site.site / "compounds" / cid / "index.html"
        assert [href for _, _, href in parse(home).links if href.endswith(".pdf")] == [f"{base}pdf/{cid}.pdf"], home
        # an item page links the compound's one PDF, which holds the item's notice-board sheet
        item = site.site / "compounds" / cid / "public-revenue" / "index.html"
        hrefs = [href for _, _, href in parse(item).links if href.endswith(".pdf")]
        assert hrefs == [f"{base}pdf/{cid}.pdf"], item
    # no generated page carries a relative raw-HTML link (engines resolve those differently)
    staged = [p for p in (site.stage / "docs").rglob("*.md") if 'href="../' in p.read_text(encoding="utf-8")]
    assert staged == []


def crawl(base: str, site_url: str, start: list[str]) -> tuple[set[str], list[str]]:
    """Fetch ``start`` and every same-site URL any fetched HTML page links to (``href``/``src``),
    checking fragments against the target page's ids. Returns the URLs fetched and the broken
    links (``page -> link: why``)."""
    fetched: dict[str, PageParser | None] = {}
    status: dict[str, str] = {}
    referrers: dict[str, list[tuple[str, str, str]]] = {}
    queue = list(start)
    for url in start:
        referrers.setdefault(url, []).append(("(start)", url, ""))
    while queue:
        url = queue.pop()
        if url in fetched:
            continue
        try:
            with urllib.request.urlopen(url, timeout=30) as reply:
                body = reply.read()
                kind = reply.headers.get_content_type()
            status[url] = "ok"
        except urllib.error.HTTPError as exc:
            fetched[url], status[url] = None, f"HTTP {exc.code}"
            continue
        parser = None
        if kind == "text/html":
            parser = PageParser()
            parser.feed(body.decode("utf-8"))
            parser.close()
            for _, _, href in parser.links:
                target = urljoin(url, href)
                if target.startswith(site_url):
                    target = base + target[len(site_url):]
                parts = urlsplit(target)
                if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base).netloc:
                    continue  # mailto:, tel:, other sites
                page = target.split("#")[0].split("?")[0]
                page = page.removesuffix("index.html") if page.endswith("/index.html") else page
                referrers.setdefault(page, []).append((url, href, parts.fragment))
                if page not in fetched:
                    queue.append(page)
        fetched[url] = parser
    broken = []
    for page, refs in referrers.items():
        for source, href, fragment in refs:
            if not page.startswith(base):
                broken.append(f"{source} -> {href}: leaves {base}")
            elif status.get(page) != "ok":
                broken.append(f"{source} -> {href}: {status.get(page)}")
            elif fragment and fetched[page] is not None and unquote(fragment) not in fetched[page].ids:
                broken.append(f"{source} -> {href}: no #{fragment}")
    return set(fetched), sorted(set(broken))


@pytest.fixture(scope="module", params=ENGINES)
def sub_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sub_path_site(tmp_path_factory, request.param)


def test_every_link_works_under_a_sub_path(sub_site: Built) -> None:
    pages = sorted(p.relative_to(sub_site.site).as_posix() for p in sub_site.site.rglob("*.html"))
    assert len(pages) > 100
    with serving(sub_site.site, SUB_PATH) as base:
        from_home, broken_from_home = crawl(base, SUB_SITE_URL, [base])
        everything, broken = crawl(base, SUB_SITE_URL, [base + p.removesuffix("index.html") for p in pages])
    assert broken_from_home == [] and broken == []
    # every page is reached from the home page by following links, PDFs and open data included
    unreached = [p for p in pages if base + p.removesuffix("index.html") not in from_home and p != "404.html"]
    assert unreached == []
    assert base + "pdf/lanting.pdf" in from_home and base + "data/compounds.csv" in from_home
    assert any(u.startswith(base + "assets/") for u in everything)


def test_the_crawler_reports_missing_pages_anchors_and_links_leaving_the_sub_path(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="b/">gone</a><a href="a/#nowhere">bad anchor</a>'
        '<a href="/x/">outside</a><a href="https://wuye.example.org/sub/a/">own, absolute</a>'
        '<a href="https://wuye.example.org/sub/c.pdf">own, missing</a><a href="https://example.org/x">external</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="../index.html">back</a>', encoding="utf-8")
    with serving(tmp_path, SUB_PATH) as base:
        fetched, broken = crawl(base, SUB_SITE_URL, [base])
    host = base[: -len(SUB_PATH)]
    assert broken == sorted([
        f"{base} -> /x/: leaves {base}",
        f"{base} -> a/#nowhere: no #nowhere",
        f"{base} -> b/: HTTP 404",
        f"{base} -> https://wuye.example.org/sub/c.pdf: HTTP 404",
    ])
    assert f"{host}/x/" in fetched and base + "a/" in fetched


def test_search_index_is_segmented_and_finds_every_compound(site: Built) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    docs = index["docs"]
    assert any("\u200b" in d["title"] + d["text"] for d in docs)
    titles = {d["location"]: html.unescape(d["title"].replace("\u200b", "")) for d in docs}
    ds = dataset(site)
    for cid, rec in ds.compounds.items():
        name = " ".join(rec.model.name.split())
        assert titles.get(f"compounds/{cid}/") == name, cid
        # jieba splits the name into words; two leading characters start one of them
        tokens = [t for d in docs if d["location"] == f"compounds/{cid}/"
                  for t in html.unescape(d["title"]).replace(" ", "\u200b").split("\u200b")]
        assert any(t.startswith(name[:2]) for t in tokens), (cid, tokens)


def test_bulky_pages_stay_out_of_the_search_index(site: Built) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    ds = dataset(site)
    item_pages = {f"compounds/{cid}/{i.id.replace('_', '-')}/" for cid in ds.compounds for i in ds.catalogue.model.items}
    assert locations & item_pages == set()
    assert "compliance/" not in locations


def test_nav_lists_sections_only(site: Built) -> None:
    config = staged_yaml((site.stage / "mkdocs.yml").read_text(encoding="utf-8"))
    titles = [next(iter(entry)) for entry in config["nav"]]
    assert titles == ["首页", "小区", "公示情况", "红黑榜", "示范项目", "关于"]
    about = [next(iter(e)) for e in config["nav"][-1]["关于"]]
    assert about == ["关于本站", "如何投诉", "数据说明", "开放数据", "最近更新", "核对公示版本"]
    flat = json.dumps(config["nav"], ensure_ascii=False)
    assert "compounds/" in flat and flat.count("compounds/") == 1  # the index only
    home = (site.site / "index.html").read_text(encoding="utf-8")
    ds = dataset(site)
    some = sorted(ds.compounds)[0]
    assert f"compounds/{some}/" not in home.split('class="md-main"')[0]  # not in header/nav


def test_engine_config_is_offline_and_plugin_free(site: Built) -> None:
    config = staged_yaml((site.stage / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["language"] == "zh"
    assert config["theme"]["font"] is False
    assert config["plugins"] == [{"search": {"lang": ["zh"]}}]
    assert "hooks" not in config
    for page in [site.site / "index.html", next((site.site / "compounds").glob("*/index.html"))]:
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        fetched = [a.get("src") or a.get("href") or "" for tag, a in parse(page).attrs
                   if tag in ("script", "img", "iframe")
                   or (tag == "link" and not {"canonical", "alternate"} & set((a.get("rel") or "").split()))]
        # canonical and feed links are not fetched
        assert [url for url in fetched if urlsplit(url).netloc] == []


def test_link_checker_reports_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="b/">gone</a><a href="a/#nowhere">bad anchor</a>'
        '<a href="https://example.org/x">external</a><a href="#top">self</a><p id="top"></p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="../index.html#top">back</a>',
                                               encoding="utf-8")
    assert broken_links(tmp_path) == [
        "index.html: <a href='b/'> -> missing b",
        "index.html: 'a/#nowhere' -> no #nowhere in a/index.html",
    ]
