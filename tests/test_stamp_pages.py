"""The ``/v/<stamp>/`` pages as a resident opens them: small standalone HTML pages written by
the generator (no engine), every link of which leads to a file of the built site (also under a
sub-path), with data escaped, readable at 390 px without sideways scrolling."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Iterator

import pytest

from tests.chromium import NEEDS_CHROMIUM, Browser
from tests.history_repo import HistorySite, history_site
from tests.sitebuild import (HOSTILE_NAME, SCRIPT, SUB_PATH, Built, content_text, parse, sub_path_site,
                             synth_site)
from tests.siteserver import serving


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> HistorySite:
    return history_site(tmp_path_factory)


def stamp_pages(site: Path) -> list[Path]:
    return sorted(p / "index.html" for p in (site / "v").iterdir() if (p / "index.html").is_file())


def broken_links(site: Path, page: Path) -> list[str]:
    """The hrefs of ``page`` that lead to no file of ``site`` (relative ones resolved as a
    browser does against the page's folder URL; absolute ones must be the site's own)."""
    here = page.parent.relative_to(site).as_posix() + "/"
    broken = []
    for _, _, href in parse(page).links:
        assert "://" not in href and not href.startswith("/"), (page, href)  # relative: any host, any sub-path
        target = posixpath.normpath(posixpath.join(here, href.split("#")[0]))
        if target.startswith(".."):
            broken.append(href)
            continue
        file = site / target / "index.html" if href.endswith("/") or target == "." else site / target
        if not file.is_file():
            broken.append(href)
    return broken


def test_every_link_of_every_stamp_page_leads_to_a_built_file(history: HistorySite) -> None:
    pages = stamp_pages(history.site)
    assert len(pages) > 100
    kinds = {"current": 0, "older": 0, "booklet": 0, "proof": 0}
    for page in pages:
        assert broken_links(history.site, page) == [], page
        text = content_text(page)
        kinds["older"] += "不是现行版本" in text
        kinds["current"] += "是现行版本" in text and "不是现行版本" not in text
        kinds["booklet"] += "公示汇编" in text
        kinds["proof"] += ".tlog-proof" in text
    assert all(kinds.values()), kinds


def test_an_older_version_says_what_changed_and_links_its_content(history: HistorySite) -> None:
    older = next(p for p in stamp_pages(history.site) if "之后改了什么" in content_text(p))
    html = older.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<html lang="zh-CN">' in html and 'name="viewport"' in html
    assert 'name="robots"' not in html  # found by anyone checking a sheet, as before
    text = content_text(older)
    stamp = older.parent.name
    assert f"版本号 {stamp}" in text and "不是现行版本" in text and "期间有效" in text
    assert "查看这个版本当时的内容" in text and "全部历史版本" in text and "公开日志中的记录" in text
    hrefs = [href for _, _, href in parse(older).links]
    assert f"{stamp}.tlog-proof" in hrefs and "../../verify/" in hrefs and "../../" in hrefs
    assert any(h.startswith("../../compounds/lanting/") and h.endswith("/history/") for h in hrefs)


def test_a_booklet_stamp_lists_the_item_stamps_it_covers(history: HistorySite) -> None:
    booklet = next(p for p in stamp_pages(history.site) if "公示汇编" in content_text(p))
    covered = [href for _, _, href in parse(booklet).links if href.startswith("../") and len(href) == 12]
    assert covered and all((booklet.parent / href / "index.html").is_file() for href in covered)
    assert "包含以下各项" in content_text(booklet) and "小区公示首页" in content_text(booklet)


def test_links_hold_under_a_sub_path(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = sub_path_site(tmp_path_factory, "mkdocs")
    pages = stamp_pages(built.site)
    assert pages and SUB_PATH == "/sub/"
    for page in pages:
        assert broken_links(built.site, page) == [], page
    item = (built.site / "compounds" / "lanting" / "fee-schedule" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://wuye.example.org/sub/v/' in item  # engine pages link a stamp page by its URL


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return synth_site(tmp_path_factory)


def test_a_hostile_compound_name_reads_as_text(synth: Built) -> None:
    hostile = [p for p in stamp_pages(synth.site) if "兰花" in content_text(p)]
    assert hostile
    for page in hostile:
        parsed = parse(page)
        assert parsed.scripts == [], page
        assert not any(name.startswith("on") for _, attrs in parsed.attrs for name in attrs), page
        assert not any(h.lower().startswith("javascript:") for _, _, h in parsed.links), page
        assert HOSTILE_NAME in content_text(page)
        assert "&lt;script&gt;" in page.read_text(encoding="utf-8") and SCRIPT not in page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(history: HistorySite) -> Iterator[str]:
    with serving(history.site, "/") as url:
        yield url


def _needs_chromium(test):
    for mark in NEEDS_CHROMIUM:
        test = mark(test)
    return test


@_needs_chromium
def test_a_stamp_page_is_readable_on_a_phone(browser: Browser, served: str, history: HistorySite,
                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    older = next(p for p in stamp_pages(history.site) if "之后改了什么" in content_text(p))
    browser.open(served + f"v/{older.parent.name}/", width=390)
    scroll = browser.js("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert scroll <= 390, f"{scroll} px wide at 390 px"
    assert browser.js("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
    assert browser.js("getComputedStyle(document.querySelector('.box')).borderLeftStyle") == "solid"
    shot = tmp_path_factory.mktemp("stamp-page") / "v-390.png"
    browser.screenshot(shot, width=390)
    print(f"screenshot: {shot}")
