"""What residents read on the built sample site: the compound home, item pages with units,
public revenue with its quarterly totals and chart, oversight, the compliance matrix, the
compounds index, local navigation and the open data. Expected values come from the data files
and the checks' status matrix, not from the renderer."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from collections import Counter
from decimal import Decimal

import pytest

from generator.views.formatting import day_cn
from generator.checks import run_checks
from generator.findings import Findings
from generator.load.dataset import Dataset, load
from generator.model.items import ITEMS
from tests.support import AS_OF, views_of
from tests.sitebuild import Built, content_text, parse, sample_site, table_after

LABEL = {"published": "已公示", "stale": "逾期未更新", "missing": "未公示", "not_applicable": "不适用"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sample_site(tmp_path_factory)


@pytest.fixture(scope="module")
def checked(built: Built) -> tuple[Dataset, dict]:
    findings = Findings()
    ds = load(built.data, findings)
    return ds, run_checks(ds, AS_OF, findings)


def text_of(built: Built, url: str) -> str:
    return content_text(built.site / url / "index.html")


def money(value) -> str:
    return format(value, ",.2f")


def test_compound_home_shows_who_runs_it_and_every_item_status(built: Built, checked) -> None:
    ds, matrix = checked
    cid = "lanting"
    rec = ds.compounds[cid]
    c = rec.model
    text = text_of(built, f"compounds/{cid}/")
    district, street, community = ds.city.model.community_index()[c.community]
    company = ds.companies[c.company].model
    profile = rec.items["company_profile"].file.model
    phones = rec.items["complaint_channels"].file.model.phones
    for expected in (c.name, c.address, district.name, street.name, community.name, company.name,
                     profile.project_manager.name, profile.project_manager.office_phone,
                     phones.customer_service, phones.repair, phones.emergency_24h, phones.complaint,
                     ds.city.model.hotline, f"数据版本 {views_of(built.data).booklet(cid).stamp}", f"数据日期 {views_of(built.data).compound(cid).data_date}"):
        assert expected in text, expected
    for item in ds.catalogue.model.items:
        status = matrix[cid][item.id]
        # the official name, what residents call it, the status
        assert f"{item.name} （{ITEMS[item.id].everyday}） {LABEL[status.state]}" in text
        if status.state == "published":
            assert day_cn(status.notice.posted_on) in text
            if status.notice.period:
                assert status.notice.period.label in text
    hrefs = [href for _, _, href in parse(built.site / "compounds" / cid / "index.html").links]
    assert f"https://wuye.example.org/pdf/{cid}.pdf" in hrefs


def test_each_status_reads_on_the_compound_pages(built: Built, checked) -> None:
    ds, matrix = checked
    seen = Counter()
    for cid in ds.compounds:
        home = text_of(built, f"compounds/{cid}/")
        for item in ds.catalogue.model.items:
            status = matrix[cid][item.id]
            seen[status.state] += 1
            page = text_of(built, f"compounds/{cid}/{item.id.replace('_', '-')}/")
            assert LABEL[status.state] in page
            if status.state == "stale":
                assert f"自{day_cn(status.since)}起逾期" in home
                assert f"{status.due} 前，自 {status.since} 起逾期" in page
                assert status.notice.period.label in page
            elif status.state == "not_applicable":
                assert f"理由：{status.reason}" in home and status.reason in page
            elif status.state == "missing":
                assert "本小区尚未公示此项" in page
    assert {"published", "stale", "missing", "not_applicable"} <= set(seen)


def test_self_managed_compound_names_its_organisation(built: Built, checked) -> None:
    ds, _ = checked
    cid = next(cid for cid, rec in ds.compounds.items() if rec.model.management == "self_managed")
    c = ds.compounds[cid].model
    assert f"业主自治管理（{c.self_management.organisation}）" in text_of(built, f"compounds/{cid}/")
    assert "不参加物业服务企业考评" in text_of(built, f"compounds/{cid}/oversight/")


def test_fee_schedule_shows_prices_with_units(built: Built, checked) -> None:
    ds, _ = checked
    record = ds.compounds["lanting"].items["fee_schedule"]
    text = text_of(built, "compounds/lanting/fee-schedule/")
    for row in record.table.rows:
        assert f"{row.price.text} {row.unit}" in text  # as typed: 1.60 stays 1.60
        assert row.basis in text
    assert "元/㎡·月" in text
    assert "期间：长期公示" in text and f"审核单位：{record.file.model.notice.approved_by}" in text
    html = (built.site / "compounds/lanting/fee-schedule/index.html").read_text(encoding="utf-8")
    assert html.count("<tr role=\"row\"") == len(record.table.rows) + 1  # header + one row per fee


def test_public_revenue_shows_the_stated_quarterly_totals_and_a_chart(built: Built, checked) -> None:
    ds, _ = checked
    record = ds.compounds["lanting"].items["public_revenue"]
    quarters = record.file.model.quarters
    assert quarters, "the sample states its quarterly totals"
    text = text_of(built, "compounds/lanting/public-revenue/")
    for q in quarters:
        row = " ".join([q.period.label, money(q.income), money(q.cost), money(q.company_share),
                        money(q.net_to_owners), money(q.used), money(q.closing_balance)])
        assert row in text
    page = built.site / "compounds/lanting/public-revenue/index.html"
    html = page.read_text(encoding="utf-8")
    chart = html[html.index('<figure class="bar-chart"'):html.index("</figure>")]
    assert "<script" not in chart
    for label in ("收入", "成本及企业分成", "归业主净收益"):
        assert chart.count(f'<span class="bar-label">{label}</span>') == min(len(quarters), 8)
    biggest = max(q.income for q in quarters)
    assert f"{money(biggest)} 元" in chart and "width:100.0%" in chart
    assert "归业主净收益</span>" in chart and f"{money(quarters[-1].net_to_owners)} 元" in chart


def test_oversight_page_has_the_ranking_and_the_compounds_own_figures(built: Built, checked) -> None:
    ds, _ = checked
    oversight = ds.compounds["lanting"].items["oversight"].file.model
    text = text_of(built, "compounds/lanting/oversight/")
    assert "企业考评结果" in text and "综合得分" in text
    s, c = oversight.satisfaction, oversight.complaints
    assert f"（{s.satisfied}/{s.surveyed}）" in text
    assert f"（{c.resolved}/{c.received}）" in text and f"（{c.first_time_resolved}/{c.received}）" in text
    for row in ds.compounds["lanting"].items["oversight"].table.rows:
        assert row.issue in text


def test_compliance_matrix_gives_numerator_and_denominator(built: Built, checked) -> None:
    ds, matrix = checked
    text = text_of(built, "compliance/")
    for n, item in enumerate(ds.catalogue.model.items, start=1):
        states = Counter(matrix[cid][item.id].state for cid in ds.compounds)
        applicable = len(ds.compounds) - states["not_applicable"]
        assert f"{n} {item.name} {states['published']}/{applicable} " in text, item.id
    rows = table_after(built.site / "compliance" / "index.html", "逐个小区")
    symbols = {"published": "✓", "stale": "!", "missing": "✗", "not_applicable": "–"}
    names = {rec.model.name: cid for cid, rec in ds.compounds.items()}
    assert len(rows) == len(ds.compounds) + 1
    for row in rows[1:]:
        cid = names[row[0]]
        assert row[2:] == [symbols[matrix[cid][item.id].state] for item in ds.catalogue.model.items], cid


def test_compounds_index_groups_by_district_and_street(built: Built, checked) -> None:
    ds, matrix = checked
    text = text_of(built, "compounds/")
    streets = {s.id: (d, s) for d in ds.city.model.districts for s in d.streets}
    for cid, rec in ds.compounds.items():
        district, street = streets[rec.model.street]
        d_at, s_at, c_at = text.index(district.name), text.index(street.name, text.index(district.name)), text.index(rec.model.name)
        assert d_at < s_at < c_at, cid
        following = [text.index(s.name) for s in district.streets if s.name in text and text.index(s.name) > s_at]
        assert all(c_at < f for f in following), f"{cid} listed under the wrong street"
        published = sum(1 for st in matrix[cid].values() if st.state == "published")
        applicable = sum(1 for st in matrix[cid].values() if st.state != "not_applicable")
        assert f"{rec.model.name} " in text and f"已公示 {published}/{applicable}" in text


def test_every_compound_page_links_to_all_its_pages(built: Built, checked) -> None:
    ds, _ = checked
    items = [i.id.replace("_", "-") for i in ds.catalogue.model.items]
    for cid in ("lanting", "songfeng-li"):
        home = parse(built.site / "compounds" / cid / "index.html")
        assert {f"{slug}/" for slug in items} <= {href for _, _, href in home.links}
        for slug in items:
            links = {href for _, _, href in parse(built.site / "compounds" / cid / slug / "index.html").links}
            assert "../" in links  # back to the compound's home
            assert {f"../{other}/" for other in items if other != slug} <= links


def test_open_data_files(built: Built, checked) -> None:
    ds, matrix = checked
    data = built.site / "data"
    rows = list(csv.DictReader(io.StringIO((data / "compounds.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r["编号"] for r in rows) == sorted(ds.compounds)
    compliance = json.loads((data / "compliance.json").read_text(encoding="utf-8"))
    assert len(compliance) == len(ds.compounds) * len(ds.catalogue.model.items)
    assert {(r["compound_id"], r["item_id"]): r["state"] for r in compliance} == {
        (cid, item): st.state for cid, row in matrix.items() for item, st in row.items()}
    ledger = ds.compounds["lanting"].items["public_revenue"].table
    copy = list(csv.reader(io.StringIO((data / "ledgers/lanting/public_revenue.csv").read_text(encoding="utf-8-sig"))))
    assert copy[0][:5] == ["日期", "类型", "类别", "摘要", "金额"]
    assert len(copy) == len(ledger.rows) + 1
    assert [r[4] for r in copy[1:]] == [format(r.amount, "f") for r in ledger.rows]
    # a workbook stores 200.00 as 200: the download writes it to the cent, like a CSV's
    workbook = ds.compounds["hepan-yaju"].items["public_revenue"]
    assert workbook.file.rel.endswith(".yaml") and workbook.table.rel.endswith(".xlsx")
    amounts = [r[4] for r in csv.reader(io.StringIO(
        (data / "ledgers/hepan-yaju/public_revenue.csv").read_text(encoding="utf-8-sig")))][1:]
    assert amounts and all(re.fullmatch(r"\d+\.\d\d", a) for a in amounts)
    assert [Decimal(a) for a in amounts] == [r.amount for r in workbook.table.rows]
    # what the clerk left to the generator is in the download as on the page
    assert all(row.balance is None for row in workbook.table.rows)
    balances = [r[5] for r in csv.reader(io.StringIO(
        (data / "ledgers/hepan-yaju/public_revenue.csv").read_text(encoding="utf-8-sig")))][1:]
    assert balances and all(re.fullmatch(r"-?\d+\.\d\d", b) for b in balances)
    shares = list(csv.DictReader(io.StringIO(
        (data / "ledgers/cuiping-shanzhuang/utility_sharing.csv").read_text(encoding="utf-8-sig"))))
    assert shares and all(re.fullmatch(r"\d+\.\d\d", r["分摊标准"]) for r in shares)


def test_feed_lists_the_newest_notices_first(built: Built, checked) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring((built.site / "feed.xml").read_bytes())
    updated = [e.findtext("a:updated", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert updated and updated == sorted(updated, reverse=True)
    assert root.findtext("a:updated", namespaces=ns) == updated[0]
    link = root.find("a:entry/a:link", ns).get("href")
    ds, _ = checked
    assert link.startswith(ds.city.model.base_url() + "compounds/")


class _Paragraphs(HTMLParser):
    """The text of every <p> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "p":
            self._depth += 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.texts[-1] += data


@pytest.mark.parametrize("page", ["data-guide", "about", "complain"])
def test_numbered_steps_of_the_content_pages_stay_lists(built: Built, page: str) -> None:
    """A step written "4. …" that Markdown folded into the paragraph above (a code block in a
    list item does that) reads as one run-on paragraph on a phone."""
    parser = _Paragraphs()
    parser.feed((built.site / page / "index.html").read_text(encoding="utf-8"))
    folded = [t for t in parser.texts if re.search(r"\n\s*\d+\. \S", t)]
    assert folded == [], folded[:2]
