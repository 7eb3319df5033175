"""What residents read first agrees with the tables below it, on every sample compound.

* every figure of a compound home's key-figures card (物业费, 停车费, 公共收益, 公摊, 维修基金)
  is a cell value of a table on the item page the card links to; the company's rank on the
  card (第 n 名（共 m 家）) is the ``n/m`` of its latest period on that page;
* every item page that shows data opens with its one-line answer, before the status box;
* every phone number on a compound's pages is a ``tel:`` link.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sitebuild import Built, html_tables, sample_site
from tests.support import DATA


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sample_site(tmp_path_factory)


class _Card(HTMLParser):
    """The key-figures card: per line, (link href, topic, [bold figures], line text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, str, list[str], str]] = []
        self._depth = 0
        self._in_li = False
        self._strong: list[str] | None = None
        self._href = ""
        self._text: list[str] = []
        self._figures: list[str] = []
        self._topic = ""
        self._in_a = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and "key-figures" in (a.get("class") or ""):
            self._depth = 1
        elif tag == "div" and self._depth:
            self._depth += 1
        elif self._depth and tag == "li":
            self._in_li, self._href, self._text, self._figures, self._topic = True, "", [], [], ""
        elif self._in_li and tag == "a" and not self._href:
            self._href, self._in_a = a.get("href") or "", True
        elif self._in_li and tag == "strong":
            self._strong = []

    def handle_endtag(self, tag):
        if tag == "div" and self._depth:
            self._depth -= 1
        elif tag == "a":
            self._in_a = False
        elif tag == "strong" and self._strong is not None:
            text = "".join(self._strong).strip()
            if text and text != self._topic:
                self._figures.append(text)
            self._strong = None
        elif tag == "li" and self._in_li:
            self.lines.append((self._href, self._topic, self._figures, "".join(self._text)))
            self._in_li = False

    def handle_data(self, data):
        if self._in_li:
            self._text.append(data)
            if self._in_a:
                self._topic += data
            if self._strong is not None:
                self._strong.append(data)


def card(page: Path) -> list[tuple[str, str, list[str], str]]:
    parser = _Card()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.lines


def cells(page: Path) -> set[str]:
    out = set()
    for rows in html_tables(page.read_text(encoding="utf-8")).values():
        for row in rows:
            for cell in row:
                out.add(cell)
                out.update(cell.split())
    return out


COMPOUNDS = sorted(p.name for p in (DATA / "compounds").iterdir() if p.is_dir())


@pytest.mark.parametrize("cid", COMPOUNDS)
def test_key_figures_are_the_item_tables_figures(built: Built, cid: str) -> None:
    home = built.site / "compounds" / cid / "index.html"
    lines = card(home)
    topics = [topic for _, topic, _, _ in lines]
    assert topics[:2] == ["物业费", "停车费"] or topics[0] == "物业费", topics
    checked = 0
    for href, topic, figures, text in lines:
        target = (home.parent / href).resolve() / "index.html"
        assert target.is_file(), (cid, topic, href)
        if not figures:  # 尚未公示 / 数据有误: no figure to compare
            assert "尚未公示" in text or "数据有误" in text, (cid, topic, text)
            continue
        table_cells = cells(target)
        if topic == "红黑榜":
            rank, of = re.search(r"第 (\d+) 名（共 (\d+) 家）", text).groups()
            assert f"{rank}/{of}" in table_cells or any(c.startswith(f"{rank}/{of}") for c in table_cells), (cid, text)
        else:
            for figure in figures:
                if re.fullmatch(r"[\d,.]+", figure):
                    assert figure in table_cells, (cid, topic, figure, sorted(table_cells)[:40])
        checked += 1
    assert checked >= 4, (cid, lines)


@pytest.mark.parametrize("cid", COMPOUNDS)
def test_item_pages_open_with_their_answer(built: Built, cid: str) -> None:
    pages = sorted((built.site / "compounds" / cid).glob("*/index.html"))
    assert len(pages) >= 10  # one page per catalogue item
    answered = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'class="admonition success"' in html or 'class="admonition warning"' in html:
            answer = html.find('class="answer"')
            assert 0 < answer < html.find('class="admonition'), page
            answered += 1
    assert answered, f"no item page of {cid} shows a notice: the test would check nothing"


PHONE = re.compile(r"(?<![\d\w])(?:0\d{2,3}-\d{7,8}|400-\d{3}-\d{4}|12345|12315)(?![\d\w])")


@pytest.mark.parametrize("cid", COMPOUNDS)
def test_every_phone_number_is_callable(built: Built, cid: str) -> None:
    items = sorted((built.site / "compounds" / cid).glob("*/index.html"))
    assert len(items) >= 10  # one page per catalogue item
    for page in [built.site / "compounds" / cid / "index.html", *items]:
        html = page.read_text(encoding="utf-8")
        article = html[html.index('<article'):html.index("</article>")]
        linked = set(re.findall(r'<a href="tel:(\d+)"', article))
        text = re.sub(r"<[^>]+>", " ", article)
        for number in PHONE.findall(text):
            assert re.sub(r"\D", "", number) in linked, (page, number)
