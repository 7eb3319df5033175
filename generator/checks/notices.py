"""Checks of what real notices state: balances, prices, tier tables, votes, distributions, units.

Codes (declared in :mod:`generator.findings.codes`):

* ``balance-negative``: a balance the generator computed falls below zero (an unknown
  opening balance is not 0: it is left out, so this means the figures given cannot be
  right or the notice left out income) - once per ledger or fund, at the first such row;
* ``price-same-start``: the same fee has two prices from the same 计费起始时间 (a corrected
  price or a new one? a new price needs its own start date);
* ``price-guided-range``: a 政府指导价 outside 基准价 ± 浮动幅度 (one without them is shown
  with 基准价未注明, as published);
* ``price-text``: a price that is words but not a way notices word a price (``看情况``: not
  a figure, a range, a cap, a percentage, a formula, free periods, 见分档表, nor 按质论价、面议、
  按合同约定 …, :attr:`generator.model.stated.Stated.priced`); a warning, since a notice
  that really prints it is published as typed, without a unit after it;
* ``fee-tiers-missing``: a price that says 见分档表 without a tier table of that item;
* ``fee-formula``: a tier table's worked value that its own formula does not give;
* ``vote-figures``: vote figures that cannot all be true; ``vote-278``: a notice that says
  符合规定 while the figures miss a threshold of 《民法典》第二百七十八条;
* ``distribution-arith``: a distribution whose figures cannot all be true;
* ``notice-too-short``: a maintenance-fund notice stating fewer days on display than the
  city requires for its kind (``city.yaml`` ``notice_days.fund_notices``);
* ``fund-units-summed``: a 合计 row over the use rows of different units' funds.
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator.derive.ledgers import running_balances
from generator.derive.notices import distribution_problems, fund_units
from generator.derive.prices import tier_table_for
from generator.derive.statements import fund_years
from generator.derive.vote import assess, declares_compliance, inconsistencies
from generator.findings import Findings
from generator.load.dataset import CompoundRecord, Dataset, ItemRecord
from generator.model.city import City
from generator.model.disclosures import FeeScheduleFile, MaintenanceFundFile, PublicRevenueFile, item_as
from generator.model.tables import FeeRow
from generator.model.vocabulary import FUND_NOTICE_KINDS

_SPREAD = re.compile(r"(上浮|下浮|上下浮动|浮动|±|\+/-)?\s*(?:不超过)?\s*(\d+(?:\.\d+)?)\s*%")


def check(ds: Dataset, findings: Findings) -> None:
    for rec in ds.compounds.values():
        for item_id, run in _CHECKS.items():
            record = rec.items.get(item_id)
            if record is not None and record.file.model.notice is not None:
                run(rec, record, findings)
        fund = rec.items.get("maintenance_fund")
        if fund is not None and fund.file.model.notice is not None:
            _fund_days(ds.city.model if ds.city else None, fund, findings)


def _public_revenue(rec: CompoundRecord, record: ItemRecord, findings: Findings) -> None:
    f = item_as(record.file.model, PublicRevenueFile)
    table = record.table
    if not table.rejected:
        for i, (row, after) in enumerate(zip(table.rows, running_balances(f.opening_balance, table.rows))):
            if row.balance is None and after is not None and after < 0:
                findings.add("balance-negative", table.rel or "", f"按台账计算，这一行之后的结余为 {after}，低于零",
                             **table.at(i, "balance"))
                break
    for i, dist in enumerate(f.distributions):
        for problem in distribution_problems(dist):
            findings.add("distribution-arith", record.file.rel, f"{dist.period.label}的分配：{problem}",
                         line=record.file.line_of("distributions", i), field=f"distributions[{i + 1}]")


def _guided(rec_rel: str, table, i: int, row: FeeRow, findings: Findings) -> None:
    if row.base_price is None or row.float_range is None:
        return  # shown as 未注明 on the page and the sheet: the notice did not state it
    base, price, m = row.base_price.exact, row.price.exact, _SPREAD.search(row.float_range)
    if base is None or price is None or m is None:
        return
    spread = Decimal(m.group(2)) / 100
    low = base if m.group(1) == "上浮" else base * (1 - spread)
    high = base if m.group(1) == "下浮" else base * (1 + spread)
    if not low <= price <= high:
        findings.add("price-guided-range", rec_rel, f"“{row.item}”收费标准 {row.price.text} 超出基准价 {row.base_price.text}"
                     f" 浮动 {row.float_range} 的范围（{low.normalize()}–{high.normalize()}）", **table.at(i, "price"))


def _priced(rel: str, table, i: int, row: FeeRow, name: str, findings: Findings) -> None:
    price = getattr(row, name)
    if price is None or price.priced:
        return
    title = FeeRow.model_fields[name].title
    findings.warn("price-text", rel, f"“{row.item}”的{title}写的是“{price.text}”：不是金额，也不是公告计价的常见写法，"
                  "网站会原样显示（不加单位）", **table.at(i, name),
                  hint="照公告原样填写价格：0.80、1.20-1.80、不超过70、标准×70%、10元+0.30元×(楼层−3)、1小时内免费，24小时最高10元、"
                  "见分档表；公告写的是文字就照抄（如 按质论价、面议、按合同约定）。这一格若是备注，移到“计费方式”或 note 中。")


def _fee_schedule(rec: CompoundRecord, record: ItemRecord, findings: Findings) -> None:
    f = item_as(record.file.model, FeeScheduleFile)
    table = record.table
    rel = table.rel or ""
    seen: dict[tuple[str, str, str, object], tuple[int, FeeRow]] = {}
    for i, row in enumerate(table.rows):
        key = (row.kind, row.item, row.payer or "", row.start_date)
        if key in seen and seen[key][1].price.text != row.price.text:
            first = seen[key][1]
            when = f"计费起始时间 {row.start_date}" if row.start_date else "没有计费起始时间"
            findings.add("price-same-start", rel, f"“{row.item}”有两个收费标准（{first.price.text} 和 {row.price.text}），{when}相同",
                         **table.at(i, "price"))
        seen.setdefault(key, (i, row))
        if row.price_form == "政府指导价":
            _guided(rel, table, i, row, findings)
        for name in ("price", "base_price"):
            _priced(rel, table, i, row, name, findings)
        if row.price.kind == "tiers" and tier_table_for(f.tiers, row.item) is None:
            findings.add("fee-tiers-missing", rel, f"“{row.item}”的收费标准写的是“{row.price.text}”，但 fee_schedule.yaml 没有同名的分档价格表",
                         **table.at(i, "price"))
    for k, tier in enumerate(f.tiers):
        if tier.formula is None or tier.formula.kind != "formula":
            continue
        for n, line in enumerate(tier.rows):
            expected = tier.formula.at_floor(line.floor) if line.floor is not None else None
            wrong = [p.text for p in line.prices if expected is not None and p.exact is not None and p.exact != expected]
            if wrong:
                findings.add("fee-formula", record.file.rel, f"“{tier.item}”{line.label}写的是 {wrong[0]}，"
                             f"按公式 {tier.formula.text} 计算应为 {expected}",
                             line=record.file.line_of("tiers", k, "rows", n), field=f"tiers[{k + 1}].rows[{n + 1}].prices")


def _fund_days(city: City | None, record: ItemRecord, findings: Findings) -> None:
    """Fund notices stating fewer days on display than the city requires for their kind
    (``notice-too-short``)."""
    for i, app in enumerate(item_as(record.file.model, MaintenanceFundFile).applications):
        need = city.notice_days.fund_notices.get(app.kind) if city else None
        if need is None or app.posting_days is None or app.posting_days >= need:
            continue
        kind = FUND_NOTICE_KINDS[app.kind]
        findings.warn("notice-too-short", record.file.rel, f"“{app.project}”的{kind}张贴 {app.posting_days} 天，"
                      f"少于本市要求的 {need} 天", line=record.file.line_of("applications", i, "posting_days"),
                      field=f"applications[{i + 1}].posting_days",
                      hint=f"{kind}张贴不少于 {need} 天（city.yaml 的 notice_days.fund_notices），并改正 posting_days。")


def _maintenance_fund(rec: CompoundRecord, record: ItemRecord, findings: Findings) -> None:
    f = item_as(record.file.model, MaintenanceFundFile)
    table = record.table
    units = fund_units(r.unit for r in table.rows)
    if len(units) > 1:
        for total in table.totals:
            findings.add("fund-units-summed", table.rel or "", f"合计行把不同资金单元（{'、'.join(u or '未写单元' for u in units)}）的金额加在一起",
                         **table.at_line(total.line, total.sheet_row, "amount"))
    for y in fund_years(f, table.rows):
        if y.closing_balance < 0:
            where = f"{y.unit}" if y.unit else ""
            findings.add("balance-negative", record.file.rel, f"{where}{y.year} 年末余额按计算为 {y.closing_balance}，低于零",
                         line=record.file.line_of("years"), field="years")
            break
    for i, app in enumerate(f.applications):
        if app.vote is None:
            continue
        line, field = record.file.line_of("applications", i, "vote"), f"applications[{i + 1}].vote"
        problems = inconsistencies(app.vote)
        for problem in problems:
            findings.add("vote-figures", record.file.rel, f"“{app.project}”的表决：{problem}", line=line, field=field)
        result = assess(app.vote)
        if not problems and declares_compliance(app.vote) and not result.met:
            findings.add("vote-278", record.file.rel, f"“{app.project}”的公告称“{app.vote.declared}”，但{result.sentence}",
                         line=line, field=field)


_CHECKS = {"public_revenue": _public_revenue, "fee_schedule": _fee_schedule, "maintenance_fund": _maintenance_fund}
