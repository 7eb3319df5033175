"""What real notices leave out or get wrong, as the checks see it: one finding per root cause,
nothing invented (an unknown opening balance is not 0), the 第二百七十八条 thresholds exact.

Each case writes a notice into the mini city (tests/fixtures/mini, no findings of its own) the
way a clerk would copy it from the board and asserts the finding a clerk reads.
"""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.derive.notices import notice_end
from generator.derive.vote import assess
from generator.findings import Findings
from generator.load.dataset import load
from generator.model.base import parse_period
from generator.model.notices import Vote
from generator.model.stated import parse_stated
from generator.views.item_blocks import ItemContext, item_blocks
from tests.support import AS_OF, PC, findings_for, listing, only

PARTIAL = """date,type,category,description,amount,balance
2026-08-03,use,设施维修,更换3号楼单元门禁,682.60,
2026-09-12,use,设施维修,修补小区道路,600.00,
"""


def _revenue(mini: Path, ledger: str, yaml_extra: str = "") -> None:
    (mini / PC / "public_revenue.csv").write_text(ledger, encoding="utf-8")
    (mini / PC / "public_revenue.yaml").write_text(
        "notice: {posted_on: 2026-10-10, period: 2026-Q3, approved_by: 业委会}\n" + yaml_extra, encoding="utf-8")


def test_a_partial_notice_without_opening_balance_shows_no_invented_balance(mini: Path) -> None:
    _revenue(mini, PARTIAL)
    assert findings_for(mini) == []
    ds = load(mini, Findings())
    rec = ds.compounds["pine-court"]
    text = repr(item_blocks(ItemContext(ds, ds.city.model, rec, AS_OF, None, None), rec.items["public_revenue"]))
    assert "−1,282.60" not in text and "未注明" in text  # 期初结余 and every balance: unknown, not 0


def test_an_opening_balance_typed_as_0_gives_a_negative_balance_finding(mini: Path) -> None:
    _revenue(mini, PARTIAL, "opening_balance: 0\n")
    f = only(mini)
    assert (f.code, f.file, f.line) == ("balance-negative", f"{PC}/public_revenue.csv", 2)
    assert "−682.60" in f.message or "-682.60" in f.message
    assert "不要填 0" in (f.hint or "")


def test_balances_run_from_the_first_written_balance(mini: Path) -> None:
    _revenue(mini, PARTIAL.replace("682.60,\n", "682.60,5317.40\n"))
    assert findings_for(mini) == []
    _revenue(mini, PARTIAL.replace("682.60,\n", "682.60,300.00\n"))
    f = only(mini)
    assert (f.code, f.line) == ("balance-negative", 3)  # 300.00 − 600.00


VOTE = """applications:
  - kind: 申请使用公告
    project: 3号楼电梯更新改造
    unit: 3号楼
    estimated: 310余万元
    vote: {{households: 120, area: 10845.60, voters: 80, voting_area: {voting}, agreed: 41, agreed_area: {agreed},
           declared: 符合规定}}
    posted_on: 2026-08-25
    posting_days: 7
"""


def _vote(mini: Path, voting: str, agreed: str) -> None:
    path = mini / PC / "maintenance_fund.yaml"
    path.write_text(path.read_text(encoding="utf-8") + VOTE.format(voting=voting, agreed=agreed), encoding="utf-8")


def test_a_vote_that_meets_278_passes(mini: Path) -> None:
    _vote(mini, "7230.40", "3615.30")  # 80/120 and 7230.40/10845.60 are exactly two thirds; agreed just over half
    assert findings_for(mini) == []


def test_a_notice_saying_compliant_with_exactly_half_agreeing_is_an_error(mini: Path) -> None:
    _vote(mini, "7230.40", "3615.20")  # exactly half of the participating area: not 过半数
    f = only(mini)
    assert (f.code, f.file, f.field) == ("vote-278", f"{PC}/maintenance_fund.yaml", "applications[1].vote")
    assert "公告称“符合规定”" in f.message and "未达到双过半数" in f.message and "不符合《民法典》第二百七十八条" in f.message


def test_participation_below_two_thirds_is_an_error(mini: Path) -> None:
    _vote(mini, "7230.39", "3615.30")
    f = only(mini)
    assert f.code == "vote-278" and "未达到双三分之二" in f.message


def test_more_agreeing_than_voting_is_one_finding(mini: Path) -> None:
    _vote(mini, "7230.40", "7300.00")
    f = only(mini)
    assert f.code == "vote-figures" and "同意面积 7,300.00 ㎡ 大于参与表决面积 7,230.40 ㎡" in f.message


def test_raising_the_fund_needs_three_quarters() -> None:
    base = dict(households=100, area=Decimal(10000), voters=80, voting_area=Decimal(8000), agreed=60,
                agreed_area=Decimal(6000))
    assert assess(Vote(**base)).met
    assert assess(Vote(matter="raise_fund", **base)).met  # 60/80 = 3/4 exactly: at least three quarters
    assert not assess(Vote(matter="筹集维修资金", **base | {"agreed": 59})).met


FEES = "kind,item,payer,content,billing_method,start_date,price,unit,price_form,base_price,float_range,basis\n"


def _fees(mini: Path, rows: str, yaml_extra: str = "") -> None:
    (mini / PC / "fee_schedule.csv").write_text(FEES + rows, encoding="utf-8")
    (mini / PC / "fee_schedule.yaml").write_text("notice: {posted_on: 2026-01-05}\n" + yaml_extra, encoding="utf-8")


def test_a_price_edited_without_a_new_start_date_asks_correction_or_new_price(mini: Path) -> None:
    _fees(mini, "物业服务费,住宅物业服务费,,,,2025-01-01,0.85,元/㎡·月,,,,\n"
                "物业服务费,住宅物业服务费,,,,2025-01-01,0.95,元/㎡·月,,,,\n")
    f = only(mini)
    assert (f.code, f.line, f.cell, f.column_name) == ("price-same-start", 3, "G3", "price")
    assert "0.85 和 0.95" in f.message and "更正" in (f.hint or "") and "新价格" in (f.hint or "")


def test_a_guided_price_outside_its_range(mini: Path) -> None:
    _fees(mini, "停车服务费,地下车位,,,,,95,元/月,政府指导价,80,±10%,\n")
    f = only(mini)
    assert f.code == "price-guided-range" and "72–88" in f.message


def test_tier_tables_are_checked_against_their_formula_and_their_fee(mini: Path) -> None:
    tiers = ("tiers:\n  - item: 电梯运行费\n    formula: 10+0.30×(楼层-3)\n    rows:\n"
             "      - {label: 4 层, floor: 4, prices: ['10.30']}\n      - {label: 5 层, floor: 5, prices: ['10.50']}\n")
    _fees(mini, "电梯运行费,电梯运行费,,,,,见分档表,元/户·月,,,,\n", tiers)
    f = only(mini)
    assert (f.code, f.field) == ("fee-formula", "tiers[1].rows[2].prices") and "应为 10.60" in f.message
    _fees(mini, "电梯运行费,电梯运行费,,,,,见分档表,元/户·月,,,,\n")
    assert only(mini).code == "fee-tiers-missing"


def test_a_price_in_words_that_is_no_price_is_a_warning_at_its_cell(mini: Path) -> None:
    """看情况 is none of the forms notices price by: a warning at the cell, with the forms in
    Chinese; published as typed, never as “看情况 元/㎡·月”. Real wordings pass silently."""
    _fees(mini, "特约服务,疏通下水道,,,,,看情况,元/次,,,,\n")
    f = only(mini)
    assert (f.code, f.severity.value, f.line, f.cell) == ("price-text", "warning", 2, "G2")
    assert "“看情况”" in f.message and "不加单位" in f.message
    assert all(w in (f.hint or "") for w in ("0.80", "不超过70", "按质论价", "计费方式"))
    ds = load(mini, Findings())
    rec = ds.compounds["pine-court"]
    text = repr(item_blocks(ItemContext(ds, ds.city.model, rec, AS_OF, None, None), rec.items["fee_schedule"]))
    assert "看情况" in text and "看情况 元/次" not in text
    for worded in ("按质论价", "面议", "按合同约定", "按实际发生收取", "每次 50 元", "1小时内免费，24小时最高10元",
                   "标准×70%", "不超过 70 元", "10元+0.30元×(楼层−3)"):
        _fees(mini, f"特约服务,疏通下水道,,,,,{worded},元/次,,,,\n")
        assert findings_for(mini) == [], worded


@pytest.mark.parametrize(("typed", "shown"), [
    ("0.80", "0.80 元/次"), ("1.20-1.80", "1.20-1.80 元/次"), ("不超过 70 元", "不超过 70 元/次"),
    ("按质论价", "按质论价"), ("标准×70%", "标准×70%"), ("1小时内免费，24小时最高10元", "1小时内免费，24小时最高10元"),
    ("见分档表", "见分档表")])
def test_a_unit_follows_figures_only(typed: str, shown: str) -> None:
    assert parse_stated(typed).with_unit("元/次") == shown


DISTRIBUTION = """distributions:
  - {{period: 2021年至2025年第三季度, basis: 按产权面积, rate: 12.50, rounding: 到元, minimum: 320, maximum: 9600,
     households: 385, total: {total}, lowest_paid: 320, highest_paid: 9600, paid_on: [2025-11-20]}}
"""


def test_distribution_arithmetic(mini: Path) -> None:
    yaml = (mini / PC / "public_revenue.yaml").read_text(encoding="utf-8")
    (mini / PC / "public_revenue.yaml").write_text(yaml + DISTRIBUTION.format(total=1250000), encoding="utf-8")
    assert findings_for(mini) == []
    (mini / PC / "public_revenue.yaml").write_text(yaml + DISTRIBUTION.format(total=3700000), encoding="utf-8")
    f = only(mini)
    assert f.code == "distribution-arith" and "多于 385 户 × 实发最高 9,600 元 = 3,696,000 元" in f.message


def test_funds_of_different_units_are_not_summed(mini: Path) -> None:
    (mini / PC / "maintenance_fund.csv").write_text(
        "date,project,unit,amount\n2025-06-01,屋面防水,7号楼,30000.00\n2025-08-01,电梯维修,8号楼,12000.00\n"
        "合计,,,42000.00\n", encoding="utf-8")
    (mini / PC / "maintenance_fund.yaml").write_text(
        "notice: {posted_on: 2026-02-01, period: '2025'}\nyears:\n"
        "  - {year: 2025, unit: 7号楼, opening_balance: 300000.00, deposited: 10000.00, interest: 3000.00}\n"
        "  - {year: 2025, unit: 8号楼, opening_balance: 200000.00, deposited: 8000.00, interest: 2000.00}\n",
        encoding="utf-8")
    f = only(mini)
    assert (f.code, f.line, f.cell) == ("fund-units-summed", 4, "D4") and "7号楼、8号楼" in f.message
    ds = load(mini, Findings())
    rec = ds.compounds["pine-court"]
    text = repr(item_blocks(ItemContext(ds, ds.city.model, rec, AS_OF, None, None), rec.items["maintenance_fund"]))
    assert "7号楼年度收支" in text and "8号楼使用明细" in text
    assert "283,000.00" in text and "198,000.00" in text and "481,000.00" not in text and "42,000.00" not in text


def test_the_city_counts_the_days_on_display(mini: Path) -> None:
    ds = load(mini, Findings())
    city = ds.city.model
    assert notice_end(date(2026, 8, 25), 7, None, city) == date(2026, 9, 1)  # 《民法典》第二百零一条
    counted = city.model_copy(update={"notice_days": city.notice_days.model_copy(update={"count_posting_day": True})})
    assert notice_end(date(2026, 8, 25), 7, None, counted) == date(2026, 8, 31)
    assert notice_end(date(2026, 8, 25), 7, date(2026, 8, 30), city) == date(2026, 8, 30)  # printed end wins
    path = mini / "city.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notice_days: {count_posting_day: true}\n", encoding="utf-8")
    assert findings_for(mini) == [], listing(findings_for(mini))


def test_fund_notices_stay_up_as_many_days_as_the_city_sets_for_their_kind(mini: Path) -> None:
    """city.yaml's notice_days.fund_notices: an application that states no days is shown with
    the city's 公示期 for its kind; one that states fewer days than the city's is a warning."""
    path = mini / "city.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notice_days: {fund_notices: {申请使用公告: 10, 应急使用公告: 3}}\n",
                    encoding="utf-8")
    _vote(mini, "7230.40", "3615.30")
    f = only(mini)
    assert (f.code, f.severity.value, f.field) == ("notice-too-short", "warning", "applications[1].posting_days")
    assert "申请使用公告张贴 7 天，少于本市要求的 10 天" in f.message and "fund_notices" in (f.hint or "")
    fund = mini / PC / "maintenance_fund.yaml"
    fund.write_text(fund.read_text(encoding="utf-8").replace("    posting_days: 7\n", ""), encoding="utf-8")
    assert findings_for(mini) == []
    ds = load(mini, Findings())
    rec = ds.compounds["pine-court"]
    text = repr(item_blocks(ItemContext(ds, ds.city.model, rec, AS_OF, None, None), rec.items["maintenance_fund"]))
    assert "2026年8月25日至2026年9月4日" in text  # 10 days from the next day (《民法典》第二百零一条)


@pytest.mark.parametrize(("typed", "kind", "shown"), [
    ("0.80", "number", "0.80"), ("1,200", "number", "1,200"), ("1.20-1.80", "range", "1.20-1.80"),
    ("不超过 70 元", "cap", "不超过 70 元"), ("标准×70%", "percent", "标准×70%"),
    ("10元+0.30元×(楼层−3)", "formula", "10元+0.30元×(楼层−3)"), ("1小时内免费，24小时最高10元", "free", None),
    ("按质论价", "text", None), ("310余万", "approx", None), ("见分档表", "tiers", None)])
def test_prices_are_kept_as_typed(typed: str, kind: str, shown: str | None) -> None:
    price = parse_stated(typed)
    assert (price.kind, price.text) == (kind, shown or typed)


def test_formula_and_approximate_values() -> None:
    assert parse_stated("10元+0.30元×(楼层−3)").at_floor(7) == Decimal("11.20")
    assert parse_stated("310余万").value == Decimal(3_100_000)
    with pytest.raises(ValueError):
        parse_stated("0.8.5")


@pytest.mark.parametrize(("typed", "label", "start", "end"), [
    ("2021年至2025年第三季度", "2021年至2025年第三季度", date(2021, 1, 1), date(2025, 9, 30)),
    ("2021~2025-Q3", "2021年至2025年第三季度", date(2021, 1, 1), date(2025, 9, 30)),
    ("2026年第二批", "2026年第二批", date(2026, 1, 1), date(2026, 12, 31)),
    ("2026-B2", "2026年第二批", date(2026, 1, 1), date(2026, 12, 31)),
    ("2026年上半年", "2026年上半年", date(2026, 1, 1), date(2026, 6, 30)),
])
def test_periods_as_notices_print_them(typed: str, label: str, start: date, end: date) -> None:
    period = parse_period(typed)
    assert (period.label, period.start, period.end) == (label, start, end)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def test_a_price_edited_in_place_asks_whether_it_is_a_correction(mini: Path) -> None:
    _git(mini, "init", "-q")
    _git(mini, "add", ".")
    _git(mini, "commit", "-q", "-m", "notice")
    fees = mini / PC / "fee_schedule.csv"
    fees.write_text(fees.read_text(encoding="utf-8").replace(",0.85,", ",0.95,"), encoding="utf-8")
    f = only(mini)  # before committing, and after: the version before is the one that was posted
    assert (f.code, f.severity.value, f.line, f.cell) == ("price-changed", "warning", 2, "G2")
    assert "从 0.85 改为 0.95，计费起始时间仍是 2025-01-01" in f.message
    _git(mini, "commit", "-q", "-am", "edit")
    assert only(mini).code == "price-changed"
    (mini / PC / "fee_schedule.yaml").write_text(
        (mini / PC / "fee_schedule.yaml").read_text(encoding="utf-8") + "correction: 原误录为 0.85 元，更正为 0.95 元\n",
        encoding="utf-8")
    assert findings_for(mini) == []


def test_a_new_price_on_its_own_row_is_not_a_correction(mini: Path) -> None:
    _git(mini, "init", "-q")
    _git(mini, "add", ".")
    _git(mini, "commit", "-q", "-m", "notice")
    fees = mini / PC / "fee_schedule.csv"
    row = fees.read_text(encoding="utf-8").splitlines()[1]
    fees.write_text(fees.read_text(encoding="utf-8") + row.replace("2025-01-01", "2027-01-01").replace(",0.85,", ",0.95,")
                    + "\n", encoding="utf-8")
    assert findings_for(mini) == []
