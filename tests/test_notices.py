"""Real-shaped notices entered as published: the page, the sheet and open data say what they say.

Each kind of notice the issue lists is entered the way a clerk copies it from the board
(fictional, realistic figures): a fee notice with a government-guided price, a raise from
2027-01-01, an elevator fee by floor with its formula, free parking with a cap, 按质论价,
a percentage of another standard and 0.80 typed as 0.80; a maintenance-fund application
with its vote, issued by a housing office with its document number and a printed end date,
and an emergency use without a vote; a public-revenue distribution over several years. Then
the item's web page (its Markdown, as staged for MkDocs), its notice-board sheet (pdftotext)
and the open-data CSVs are compared with the notice, figure by figure.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.derive.rank import rank_all
from generator.findings import Findings
from generator.load.dataset import load
from generator.render.context import SiteContext
from generator.render.web.compound import compound_pages
from generator.render.web.opendata import open_data
from tests.support import AS_OF, PDF_CITY, BuiltPdfs, build_pdf_city, copy_city, printed_sheet

LT = "compounds/lanting"

FEES = """kind,item,payer,content,billing_method,start_date,price,unit,price_form,base_price,float_range,basis
物业服务费,住宅物业服务费,住宅业主,公共区域保洁、秩序维护、绿化养护,按建筑面积按月计收,2024-01-01,1.35,元/㎡·月,政府指导价,1.20,±15%,示价〔2023〕8号
物业服务费,住宅物业服务费,住宅业主,公共区域保洁、秩序维护、绿化养护,按建筑面积按月计收,2027-01-01,1.50,元/㎡·月,政府指导价,1.40,±10%,示价〔2026〕5号
物业服务费,经济适用住房物业服务费,经济适用住房业主,,,,住宅物业服务费标准×70%,,政府指导价,,,
电梯运行费,电梯运行费,,,,,见分档表,元/户·月,,,,
二次供水费,二次供水加压费,,,,,0.80,元/吨,政府定价,,,
停车服务费,临时停车服务费,外来车辆,,,,1小时内免费，24小时最高10元,,,,,
特约服务,家政保洁,,,,,按质论价,,,,,
"""
FEE_YAML = """notice: {posted_on: 2026-11-02, approved_by: 业委会}
tiers:
  - item: 电梯运行费
    unit: 元/户·月
    row_title: 楼层
    formula: 10元+0.30元×(楼层−3)
    rows:
      - {label: 1—3 层, floor: 3, prices: ['10.00']}
      - {label: 4 层, floor: 4, prices: ['10.30']}
      - {label: 5 层, floor: 5, prices: ['10.60']}
      - {label: 6 层, floor: 6, prices: ['10.90']}
"""
OFFICE = """      - name: 示例市东城区住房和城乡建设局
        kind: 政府部门
        document_number: 东住建〔2026〕12号
        address: 示例市东城区河西路18号三楼物业科
        phone: 0999-11112000
"""
FUND = f"""notice:
  posted_on: 2026-08-25
  posting_days: 7
  ends_on: 2026-08-31
  issuers:
{OFFICE}account_bank: 示例市商业银行东城支行
years:
  - {{year: 2025, opening_balance: 3200000.00, deposited: 150000.00, interest: 48000.00, used: 286000.00}}
applications:
  - kind: 申请使用公告
    project: 3号楼电梯更新改造
    unit: 3号楼
    scope: 3号楼1—2单元
    estimated: 310余万元
    vote:
      households: 120
      area: 10845.60
      voters: 84
      voting_area: 7650.20
      agreed: 43
      agreed_area: 3900.10
      declared: 符合规定
    posted_on: 2026-08-25
    posting_days: 7
    ends_on: 2026-08-31
    issuers:
{OFFICE}  - kind: 应急使用
    project: 5号楼屋面渗漏应急维修
    unit: 5号楼
    estimated: 约4.2万元
    posted_on: 2026-07-10
    posting_days: 7
"""
REVENUE = """notice: {posted_on: 2026-10-12, period: 2021年至2026年第三季度, approved_by: 业委会}
opening_balance: 25000.00
company_share_rate: 0.1
uses_decided_by: 业主大会
quarters:
  - {period: 2026-q3, income: 54000.00, cost: 3240.00, company_share: 5076.00, net_to_owners: 45684.00, used: 1500.00}
distributions:
  - period: 2021~2026-Q3
    basis: 按产权面积
    rate: 12.50
    rounding: 四舍五入到元
    minimum: 320
    maximum: 9600
    households: 385
    total: 1250000
    lowest_paid: 320
    highest_paid: 9600
    paid_on: [2026-10-20, 2026-11-20]
"""


def enter_notices(data: Path) -> None:
    (data / LT / "fee_schedule.csv").write_text(FEES, encoding="utf-8")
    (data / LT / "fee_schedule.yaml").write_text(FEE_YAML, encoding="utf-8")
    (data / LT / "maintenance_fund.yaml").write_text(FUND, encoding="utf-8")
    (data / LT / "maintenance_fund.csv").unlink()
    (data / LT / "public_revenue.yaml").write_text(REVENUE, encoding="utf-8")
    (data / LT / "public_revenue.csv").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = copy_city(PDF_CITY, tmp_path_factory.mktemp("notices") / "data")
    enter_notices(data)
    return data


@pytest.fixture(scope="module")
def built(city: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltPdfs:
    base = tmp_path_factory.mktemp("notices-pdf")
    return build_pdf_city(city, base / "site", base / "cache")


def site(data: Path, as_of: date = AS_OF) -> SiteContext:
    findings = Findings()
    ds = load(data, findings)
    matrix = run_checks(ds, as_of, findings)
    assert not findings.has_errors(), [f.message for f in findings.errors()]
    return SiteContext(ds, matrix, rank_all(ds), as_of)


def flat(text: str) -> str:
    """Text without any whitespace: pdftotext and Markdown break lines in their own places."""
    return "".join(text.split())


def sheet(built: BuiltPdfs, slug: str) -> str:
    """The item's sheet, as its pages in the compound's PDF read."""
    return flat(printed_sheet(built.out / "pdf" / "lanting.pdf", slug).text)


def csv_rows(files: dict[str, str], path: str) -> list[dict[str, str]]:
    return [r for r in csv.DictReader(io.StringIO(files[path].lstrip("\ufeff"))) if r["小区编号"] == "lanting"]


# --- fees -----------------------------------------------------------------------------------

PRICES_AS_TYPED = ["现行1.35元/㎡·月；2027年1月1日起1.50元/㎡·月", "住宅物业服务费标准×70%", "0.80元/吨",
                   "1小时内免费，24小时最高10元", "按质论价"]


def test_fees_read_as_published_on_page_and_sheet(city: Path, built: BuiltPdfs) -> None:
    pages = compound_pages(site(city), "lanting")
    page = flat(pages[f"{LT}/fee-schedule.md"])
    on_sheet = sheet(built, "fee-schedule")
    for text in (page, on_sheet):
        for price in PRICES_AS_TYPED:  # the sheet's large-print line and the page's table say them whole
            assert price in text, price
        for floor, price in (("1—3层", "10.00"), ("4层", "10.30"), ("5层", "10.60"), ("6层", "10.90")):
            assert floor in text and price in text
        assert "10元+0.30元×(楼层−3)" in text.replace("&#40;", "(").replace("&#41;", ")")  # the formula, as printed
        assert "未注明" in text  # 电梯运行费: the notice gives no payer, content or basis
    # 政府指导价 with its 基准价 and 浮动幅度: whole on the page, cell by cell on the sheet's narrow column.
    assert "政府指导价（基准价1.20元/㎡·月，浮动幅度±15%）；2027年1月1日起政府指导价（基准价1.40元/㎡·月，浮动幅度±10%）" in page
    assert all(part in on_sheet for part in ("政府指", "导价", "价1.20", "±15%）", "±10%）", "2027年1月1"))
    assert "0.8元" not in page and "1.5元" not in page and "0.8元" not in on_sheet
    # The key figures: every fee residents pay, the raise announced with its date.
    home = flat(pages[f"{LT}/index.md"])
    assert "现行<strong>1.35</strong>元/㎡·月；2027年1月1日起<strong>1.50</strong>元/㎡·月" in home
    assert "电梯费" in home and "<strong>10.00–10.90</strong>元/户·月（分档）" in home
    assert "二次供水费" in home and "<strong>0.80</strong>元/吨" in home


def test_after_the_start_date_the_new_price_is_the_price(city: Path) -> None:
    page = flat(compound_pages(site(city, date(2027, 1, 5)), "lanting")[f"{LT}/fee-schedule.md"])
    assert "1.50元/㎡·月" in page and "现行" not in page and "1.35元" not in page


def test_open_data_keeps_prices_and_tiers_as_typed(city: Path) -> None:
    files = open_data(site(city))
    fees = csv_rows(files, "data/fees.csv")
    assert [r["收费标准"] for r in fees] == ["1.35", "1.50", "住宅物业服务费标准×70%", "见分档表", "0.80",
                                            "1小时内免费，24小时最高10元", "按质论价"]
    assert [(r["计费起始时间"], r["基准价"], r["浮动幅度"]) for r in fees[:2]] == [
        ("2024-01-01", "1.20", "±15%"), ("2027-01-01", "1.40", "±10%")]
    assert fees[3]["收费对象"] == "" and fees[3]["计费起始时间"] == ""  # not stated: empty, never invented
    tiers = csv_rows(files, "data/fee-tiers.csv")
    assert [(r["档次"], r["收费标准"]) for r in tiers] == [("1—3 层", "10.00"), ("4 层", "10.30"), ("5 层", "10.60"),
                                                          ("6 层", "10.90")]


# --- maintenance fund -----------------------------------------------------------------------

VOTE = ("表决范围内业主120人、专有部分面积10,845.60㎡；参与表决84人（70.00%）、面积7,650.20㎡（70.54%），达到双三分之二；"
        "同意43人（占参与表决人数51.19%）、面积3,900.10㎡（占参与表决面积50.98%），达到双过半数："
        "符合《民法典》第二百七十八条的表决要求。")


def test_a_fund_application_shows_its_vote_issuer_and_period(city: Path, built: BuiltPdfs) -> None:
    page = flat(compound_pages(site(city), "lanting")[f"{LT}/maintenance-fund.md"])
    on_sheet = sheet(built, "maintenance-fund")
    for text in (page, on_sheet):
        assert "申请使用公告：3号楼电梯更新改造" in text
        assert "310余万元" in text  # an approximate amount stays approximate
        assert VOTE in text
        assert "东住建〔2026〕12号" in text and "示例市东城区河西路18号三楼物业科" in text and "0999-11112000" in text
        assert "应急使用公告：5号楼屋面渗漏应急维修" in text and "应急使用，无需事先表决" in text
        assert "未注明" in text  # no contractor, no apportionment in the notice
    assert "公示期**：2026年8月25日至2026年8月31日" in page  # the printed end date, not a day later (the sheet's words)
    assert "公示期：2026年8月25日至2026年8月31日" in on_sheet
    # The sheet is signed by the office with its document number, objections go to it.
    signed = on_sheet.split("特此公示")[1]
    assert "示例市东城区住房和城乡建设局东住建〔2026〕12号" in signed
    assert "请于2026年8月31日前向示例市东城区住房和城乡建设局（地址示例市东城区河西路18号三楼物业科，电话0999-11112000）" \
        in on_sheet


def test_open_data_carries_the_vote_figures_and_the_result(city: Path) -> None:
    notices = csv_rows(open_data(site(city)), "data/fund-notices.csv")
    first = notices[0]
    assert (first["公告类别"], first["预算金额"], first["业主总人数"], first["专有部分总面积"], first["参与表决人数"],
            first["同意面积"], first["施工单位"]) == ("application", "310余万元", "120", "10845.60", "84", "3900.10", "")
    assert first["表决核算"].replace(" ", "") == VOTE
    assert notices[1]["公告类别"] == "emergency" and notices[1]["业主总人数"] == ""


# --- public revenue -------------------------------------------------------------------------

def test_a_distribution_is_the_periods_headline(city: Path, built: BuiltPdfs) -> None:
    pages = compound_pages(site(city), "lanting")
    headline = "2021年至2026年第三季度公共收益分配1,250,000元，每户320–9,600元，共385户"
    page = flat(pages[f"{LT}/public-revenue.md"])
    assert headline.replace("公共收益分配", "公共收益<strong>分配") in page
    assert "按产权面积每㎡12.50元，四舍五入到元，每户最低320元、最高9,600元" in page
    assert "2026年10月20日、2026年11月20日" in page
    assert "归全体业主<strong>0.00" not in page
    assert "所属期间：2021年至2026年第三季度" in sheet(built, "public-revenue")
    assert "分配1,250,000元，每户320–9,600元" in sheet(built, "public-revenue")
    assert "分配1,250,000元，每户320–9,600元" in flat(pages[f"{LT}/index.md"])
    rows = csv_rows(open_data(site(city)), "data/revenue-distributions.csv")
    assert [(r["分配所属期间"], r["分配总额"], r["实发最低"], r["实发最高"], r["发放日期"]) for r in rows] == [
        ("2021~2026-q3", "1250000", "320", "9600", "2026-10-20；2026-11-20")]
