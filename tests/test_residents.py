"""What residents read first agrees with the tables below it, on every sample compound.

* every figure of a compound home's key-figures card (物业费, 停车费, 公共收益, 公摊, 维修基金)
  is a cell value of a table on the item page the card links to, or (the worked fee example,
  the balance per household) the arithmetic on the data, redone here; the company's rank on
  the card (第 n 名（共 m 家）) is the ``n/m`` of its latest period on that page;
* the card opens with the four first answers: what I pay (with a worked example), where the
  owners' money went and the balance per household, whom to call (tel: links), the list
  result with its reason;
* every item page that shows data opens with its one-line answer, before the status box, and
  carries what its sheet carries: 公示期 (长期公示 for a standing notice, which takes
  objections at any time), the 异议 line, and a 纠错 link under every table of figures that
  opens a report naming the compound, the item, the period and the stamp;
* every phone number on a compound's pages is a ``tel:`` link; an extension is dialled after
  a pause (``0550-6302501转8001`` -> ``tel:0550-6302501,8001``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
import yaml

from generator.findings import Findings
from generator.load.dataset import load
from generator.model.city import CorrectionRoute
from generator.render.web.environment import phone_link
from generator.render.web.markdown_escape import md_text
from generator.views.answers import CONTACTS
from generator.views.corrections import correction
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
    html = home.read_text(encoding="utf-8")
    lines = card(home)
    topics = [topic for _, topic, _, _ in lines]
    assert topics[:2] == ["物业费", "停车费"] or topics[0] == "物业费", topics
    checked = 0
    for href, topic, figures, text in lines:
        target = (home.parent / href).resolve() / "index.html"
        assert target.is_file(), (cid, topic, href)
        if topic == CONTACTS:  # the phones of the home's own 有事找谁 section
            section = re.sub(r"<[^>]+>", "", html[html.index(f'id="{CONTACTS}"'):])
            assert all(n in section for n in re.findall(r"[\d-]{5,}", text)), (cid, text)
            continue
        if not figures:  # 尚未公示 / 数据有误: no figure to compare
            assert "尚未公示" in text or "数据有误" in text, (cid, topic, text)
            continue
        table_cells = cells(target)
        if topic == "红黑榜":
            rank, of = re.search(r"第 (\d+) 名（共 (\d+) 家）", text).groups()
            assert f"{rank}/{of}" in table_cells or any(c.startswith(f"{rank}/{of}") for c in table_cells), (cid, text)
        else:
            derived = worked_figures(cid, text)
            for figure in figures:
                if re.fullmatch(r"[\d,.]+", figure) and figure not in derived:
                    assert figure in table_cells, (cid, topic, figure, sorted(table_cells)[:40])
        checked += 1
    assert checked >= 4, (cid, lines)


def _compound(cid: str) -> dict:
    return yaml.safe_load((DATA / "compounds" / cid / "compound.yaml").read_text(encoding="utf-8"))


def worked_figures(cid: str, text: str) -> set[str]:
    """The card's figures that are arithmetic on the data rather than a table's cell, each
    checked here (Decimal, half up): the worked example ``按户均建筑面积 A ㎡ 计，住宅每月 X 元``
    (A = floor area / households, X = the 住宅 price per ㎡ and month × A) and
    ``累计结余 B 元，合每户 Y 元`` (Y = B / households)."""
    c, out = _compound(cid), set()
    cent, tenth = Decimal("0.01"), Decimal("0.1")
    example = re.search(r"按户均建筑面积 ([\d,.]+) ㎡ 计，(\w*?)(?:现行)?每月 ([\d,.]+) 元", text)
    if example:
        price = Decimal(re.search(re.escape(example.group(2)) + r" (?:现行 )?[￥¥]?([\d.]+) 元/㎡·月", text).group(1))
        area, monthly = (Decimal(g.replace(",", "")) for g in example.group(1, 3))
        assert area == (Decimal(str(c["floor_area"])) / c["households"]).quantize(tenth, ROUND_HALF_UP), (cid, text)
        assert monthly == (price * area).quantize(cent, ROUND_HALF_UP), (cid, text)
        out.add(example.group(3))
    each = re.search(r"累计结余 ([\d,.]+) 元，合每户 ([\d,.]+) 元", text)
    if each:
        balance, per = (Decimal(g.replace(",", "")) for g in each.groups())
        assert per == (balance / c["households"]).quantize(cent, ROUND_HALF_UP), (cid, text)
        out.add(each.group(2))
    return out


FIRST_QUESTIONS = ["物业费", "公共收益", "有事找谁", "红黑榜"]
"""What I pay, where the owners' money went, whom to call, the list result: in this order."""


@pytest.mark.parametrize("cid", COMPOUNDS)
def test_the_card_opens_with_the_four_first_answers(built: Built, cid: str) -> None:
    """物业费 with a worked example where the data gives floor area and households; 公共收益 with
    what the quarter's money was spent on and the balance per household; 有事找谁 with 报修,
    物业投诉 and the owners' committee as tel: links; the list result with its reason."""
    lines = card(built.site / "compounds" / cid / "index.html")
    topics = [topic for _, topic, _, _ in lines]
    asked = [t for t in FIRST_QUESTIONS if t in topics]
    assert topics[:len(asked)] == asked and asked[:3] == FIRST_QUESTIONS[:3], (cid, topics)
    said = {topic: text for _, topic, _, text in lines}
    if worked_figures(cid, said["物业费"]):
        assert "按户均建筑面积" in said["物业费"]
    revenue = said["公共收益"]
    assert "本期没有" in revenue or "尚未公示" in revenue or "分配" in revenue or (
        ("本季度动用" in revenue or "本季度未动用" in revenue) and "合每户" in revenue), (cid, revenue)
    c = _compound(cid)
    committee = (c.get("owners_committee") or {}).get("phone")
    html = (built.site / "compounds" / cid / "index.html").read_text(encoding="utf-8")
    card_html = html[html.index('class="key-figures"'):]
    card_html = card_html[:card_html.index("</div>")]
    contacts = card_html[card_html.index("有事找谁"):]
    contacts = contacts[:contacts.index("</li>")]
    assert contacts.count('href="tel:') >= (2 if "报修" in contacts else 1), (cid, contacts)
    if committee:
        assert f'href="tel:{committee}"' in contacts, (cid, contacts)
    if "红黑榜" in said:
        assert re.search(r"列入.+（.+）|未列入.+（.+为.+）", said["红黑榜"]), (cid, said["红黑榜"])


def test_where_the_owners_money_went_is_on_the_card(built: Built) -> None:
    """翠屏山庄: nothing spent in the third quarter, 3,772.01 元 on fitness equipment in May (the
    ledger's words); the balance 109,110.71 元 over 760 households."""
    said = {topic: text for _, topic, _, text in card(built.site / "compounds" / "cuiping-shanzhuang" / "index.html")}
    assert ("2026年第三季度归全体业主 29,180.28 元，本季度未动用（上次动用：2026年5月27日 3,772.01 元，"
            "经业主大会表决，更换小区健身器材） · 累计结余 109,110.71 元，合每户 143.57 元") in said["公共收益"]
    assert "住宅 现行 2.60 元/㎡·月" in said["物业费"] and "按户均建筑面积 142.4 ㎡ 计，住宅现行每月 370.24 元" in said["物业费"]


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
        linked = {re.sub(r"\D", "", main) for main in re.findall(r'<a href="tel:([0-9+-]+)[,"]', article)}
        text = re.sub(r"<[^>]+>", " ", article)
        for number in PHONE.findall(text):
            assert re.sub(r"\D", "", number) in linked, (page, number)


@pytest.mark.parametrize(("written", "dialled"), [
    ("0550-6302501转8001", "tel:0550-6302501,8001"),
    ("0550-6302501 分机 12", "tel:0550-6302501,12"),
    ("０５５０－６３０２５０１", "tel:0550-6302501"),
    ("400 880 6601", "tel:400-880-6601"),
    ("12345", "tel:12345"),
])
def test_a_phone_link_dials_the_number_then_its_extension(written: str, dialled: str) -> None:
    href = phone_link(written)
    assert href == f"[{md_text(written)}]({dialled})"


@pytest.mark.parametrize("cid", COMPOUNDS)
def test_a_shared_link_shows_a_card_with_the_figures_and_reads_as_its_heading(built: Built, cid: str) -> None:
    """Every compound and item page has a description and og: tags (a card in an owners' group),
    the compound's describing its key figures; its headings' anchors are their words."""
    home = (built.site / "compounds" / cid / "index.html").read_text(encoding="utf-8")
    for page in [built.site / "compounds" / cid / "index.html", *sorted((built.site / "compounds" / cid).glob("*/index.html"))]:
        html = page.read_text(encoding="utf-8")
        tags = dict(re.findall(r'<meta (name="description"|property="og:\w+") content="([^"]*)"', html))
        assert {'name="description"', 'property="og:title"', 'property="og:description"', 'property="og:url"'} <= set(tags), page
        assert tags['name="description"'] == tags['property="og:description"'] and len(tags['property="og:description"']) > 8
    card = dict(re.findall(r'<meta (name="description"|property="og:\w+") content="([^"]*)"', home))
    assert "物业费" in card['property="og:description"'], card
    assert 'id="有事找谁"' in home and 'id="公示目录"' in home


def _item_pages_with_data(built: Built, cid: str) -> list[tuple[Path, str]]:
    out = []
    for page in sorted((built.site / "compounds" / cid).glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="admonition success"' in html or 'class="admonition warning"' in html:
            out.append((page, html[html.index("<article"):html.index("</article>")]))
    return out


@pytest.mark.parametrize("cid", COMPOUNDS)
def test_item_pages_carry_what_their_sheets_carry(built: Built, cid: str) -> None:
    """公示期 (a standing notice: 长期公示, objections at any time, never a deadline), the 异议 line
    with callable phones, and under every table of figures a 纠错 link that opens a report
    (the sample city: an email) naming the compound, the item, the period and the stamp."""
    name = _compound(cid)["name"]
    pages = _item_pages_with_data(built, cid)
    assert pages
    for page, article in pages:
        text = re.sub(r"<[^>]+>", "", article)
        objection = re.search(r'<p class="objection">(.*?)</p>', article, re.S)
        assert objection and "对公示内容如有异议" in objection.group(1) and 'href="tel:' in objection.group(1), page
        said = re.sub(r"<[^>]+>", "", objection.group(1))
        if "公示期：长期公示（" in text:
            assert "可随时向" in said and "请于" not in said, (page, said)
        else:
            until = re.search(r"公示期：\d{4}年\d+月\d+日至(\d{4}年\d+月\d+日)", text)
            assert until and f"请于{until.group(1)}前" in said, (page, said)
        stamp = re.search(r"本项版本号.*?<code>([0-9a-f]{8})</code>", article, re.S).group(1)
        item = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)(<small|</h1>)", article, re.S).group(1)).strip()
        sections = re.split(r"<h2", article)
        for section in sections:
            for table in re.finditer(r'<div class="rt">', section):
                after = section[table.end():]
                link = re.search(r'<p class="correction-link"><a href="([^"]+)">', after)
                assert link, (page, "a table without a 纠错 link")
                href = unquote(link.group(1).replace("&amp;", "&"))
                assert href.startswith("mailto:jiucuo@wuye.example.org?subject=纠错："), href
                assert all(w in href for w in (name, item, stamp)), (page, href)
                assert re.search(r"（(\d{4}年.*?|长期公示)）版本号", href), href


@pytest.mark.parametrize(("route", "href", "words"), [
    (None, "tel:12345", "致电政务服务便民热线（12345），请说明：兰亭苑 公共收益收支（2026年第三季度）版本号 2d258b0e"),
    ({"by": "phone", "to": "0550-6302501转8001", "name": "物业科"}, "tel:0550-6302501,8001",
     "致电物业科（0550-6302501转8001），请说明：兰亭苑 公共收益收支（2026年第三季度）版本号 2d258b0e"),
    ({"by": "web", "to": "https://12345.example.org/jiucuo/", "name": "12345 网上平台"}, "https://12345.example.org/jiucuo/",
     "在12345 网上平台的网上表单报告，请写明：兰亭苑 公共收益收支（2026年第三季度）版本号 2d258b0e"),
])
def test_a_correction_goes_where_the_city_says_and_names_what_is_wrong(route: dict | None, href: str, words: str) -> None:
    """纠错 by phone or the city's web form (neither can be prefilled: the words say what to
    name), or, when the city configures no route, the hotline."""
    loaded = load(DATA, Findings()).city
    assert loaded is not None
    city = loaded.model
    city = city.model_copy(update={"corrections": CorrectionRoute.model_validate(route) if route else None})
    view = SimpleNamespace(compound="兰亭苑", name="公共收益收支", period="2026年第三季度", stamp="2d258b0e",
                           url="https://wuye.example.org/compounds/lanting/public-revenue/")
    c = correction(city, view)  # type: ignore[arg-type]
    assert c.href == href and words in c.how and c.link == "纠错"
