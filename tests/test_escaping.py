"""Everything from data shows as text: ``<script>``, ``<img onerror>``, Markdown links to
``javascript:``, table-breaking ``|`` and newlines. Checked on the built site (a fixture compound
whose every text field is hostile) and, as a property, on the escaping helper itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.web.markdown_escape import md_cell, md_text
from tests.sitebuild import (HOSTILE_ID, HOSTILE_NAME, IMG, JS_LINK, SCRIPT, Built, content_text, parse, synth_site,
                             table_after)

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return synth_site(tmp_path_factory)


def hostile_pages(built: Built):
    return sorted((built.site / "compounds" / HOSTILE_ID).rglob("index.html"))


def test_no_injected_script_handler_or_javascript_link(built: Built) -> None:
    pages = hostile_pages(built) + [built.site / "compounds" / "index.html", built.site / "compliance" / "index.html"]
    assert len(pages) >= 12
    for page in pages:
        parsed = parse(page)
        assert not any("alert" in script for script in parsed.scripts), page
        for tag, attrs in parsed.attrs:
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), page
        for _, _, href in parsed.links:
            assert not href.strip().lower().startswith("javascript:"), (page, href)


def test_the_feed_is_announced_in_the_head_and_its_title_is_text(built: Built) -> None:
    """A compound name holding a Markdown link and image reaches the feed link's title as text
    (no live ``javascript:`` link, no remote image), and the link sits in the head, where HTML
    allows it, with a ``rel`` the theme does not take for a language version (no sitemap.xml
    fetched beside the feed)."""
    for page in hostile_pages(built):
        head, body = page.read_text(encoding="utf-8").split("</head>", 1)
        assert "application/atom+xml" in head and "application/atom+xml" not in body, page
        feeds = [a for tag, a in parse(page).attrs if tag == "link" and "alternate" in (a.get("rel") or "").split()]
        assert [a["title"] for a in feeds] == [f"{HOSTILE_NAME}：公示更新"], page
        assert all(a["rel"] != "alternate" and a["href"].endswith(f"/compounds/{HOSTILE_ID}/feed.xml") for a in feeds)
        assert not any(tag == "img" and "x/y.png" in (a.get("src") or "") for tag, a in parse(page).attrs), page


def test_hostile_strings_read_as_text(built: Built) -> None:
    home = content_text(built.site / "compounds" / HOSTILE_ID / "index.html")
    assert HOSTILE_NAME in home
    assert IMG in home  # alias and service level
    assert f"{JS_LINK} | 第二列 第二行 **粗** `代码`" in home  # newline folded, syntax literal
    fees = content_text(built.site / "compounds" / HOSTILE_ID / "fee-schedule" / "index.html")
    for literal in ("甲|乙", JS_LINK.replace(",", "，"), SCRIPT, "# 标题", "- 列表", "1. 编号", "{: .x} ==标记==",
                    f"{IMG} {JS_LINK}"):
        assert literal in fees, literal
    channels = content_text(built.site / "compounds" / HOSTILE_ID / "complaint-channels" / "index.html")
    for literal in (SCRIPT, JS_LINK, "| 甲 | 乙 |", "30 分钟 | 到场"):
        assert literal in channels, literal
    scope = content_text(built.site / "compounds" / HOSTILE_ID / "service-scope" / "index.html")
    assert f"理由：{SCRIPT}{JS_LINK}" in scope


def test_pipes_and_newlines_stay_inside_their_cell(built: Built) -> None:
    rows = table_after(built.site / "compounds" / HOSTILE_ID / "fee-schedule" / "index.html", "收费项目")
    assert len(rows) == 3  # header + the two CSV rows
    assert all(len(row) == len(rows[0]) for row in rows)
    first = rows[1]
    assert first[0] == "物业服务费：甲|乙"
    assert "第一行" in first[2] and "第二行" in first[2]
    ledger = table_after(built.site / "compounds" / HOSTILE_ID / "public-revenue" / "index.html", "收支台账")
    assert len(ledger) == 3 and all(len(row) == 6 for row in ledger)
    assert ledger[1][3] == IMG and ledger[2][3].startswith(JS_LINK) and "| 第二行 |" in ledger[2][3]


def test_page_titles_are_escaped(built: Built) -> None:
    html = (built.site / "compounds" / HOSTILE_ID / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<script>" not in title and "&lt;script&gt;" in title


def _visible(html: str) -> str:
    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_starttag(self, tag, attrs):
            assert tag in ("p", "br", "table", "thead", "tbody", "tr", "th", "td"), f"markup from data: <{tag}>"

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


PIECES = list("<>&\"'`*_[](){}|#-+=!.:~^$\\ \n\t1aZ中文") + ["javascript:", "<script>", "&amp;", "&#42;", "1. ", "- "]
hostile_text = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_md_text_renders_exactly_the_text(value: str) -> None:
    html = markdown.markdown(md_text(value), extensions=EXTENSIONS)
    assert " ".join(_visible(html).split()) == " ".join(value.split())


@settings(max_examples=300, deadline=None)
@given(hostile_text, hostile_text)
def test_md_cell_keeps_the_table_shape(a: str, b: str) -> None:
    table = f"| x | y |\n|---|---|\n| {md_cell(a)} | {md_cell(b)} |\n"
    html = markdown.markdown(table, extensions=EXTENSIONS)
    assert html.count("<td>") == 2 and html.count("<tr>") == 2
    cells = re.findall(r"<td>(.*?)</td>", html, re.S)
    for cell, value in zip(cells, (a, b)):
        expected = " ".join(value.split()) or "—"
        assert " ".join(_visible(re.sub(r"<br\s*/?>", " ", cell)).split()) == expected
