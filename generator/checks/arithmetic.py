"""Arithmetic and date-consistency checks of the disclosure records.

Amounts are compared exactly after rounding the computed value to 0.01 元 (ROUND_HALF_UP),
the way a notice prints them; rates to 0.001. Codes:

* ``arith-line-total``: a row's own arithmetic where the clerk wrote the figure (usage = end − start, amount = usage × price,
  per-unit share, commission = rate × costs);
* ``arith-period-total``: a stated total differs from the sum of its rows (quarter
  statements vs the public-revenue ledger, fund use vs its use list, total cost);
* ``arith-balance``: a running or closing balance (public revenue, maintenance fund, surplus);
* ``arith-net``: net income to owners or the company's share;
* ``arith-rate``: a stated rate differs from numerator ÷ denominator;
* ``arith-count``: counts that cannot add up (parking spaces, complaints, satisfaction);
* ``date-order``, ``inspection-overdue``, ``contract-expired``: dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from generator.findings import Findings
from generator.load.dataset import CompoundRecord, Dataset, ItemRecord
from generator.derive.ledgers import ledger_quarters
from generator.derive.statements import collection_rate, fund_years, service_figures
from generator.derive.statements import used_by_year as statement_used_by_year
from generator.model.base import quarter_of
from generator.model.disclosures import (MaintenanceFundFile, OversightFile, PublicRevenueFile, ServiceAccountsFile,
                                         UtilitySharingFile, item_as)

CENT = Decimal("0.01")
MILLI = Decimal("0.001")
ZERO = Decimal(0)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class _Reporter:
    findings: Findings
    rel: str

    def mismatch(self, code: str, what: str, stated, expected, *, how: str = "", **where) -> None:
        """``where``: line, column, field, and for table cells cell and column_name."""
        self.findings.add(code, self.rel, f"{what}写的是 {stated}，按{how or '明细'}计算应为 {expected}", **where)


def check(ds: Dataset, findings: Findings, as_of: date) -> None:
    for rec in ds.compounds.values():
        contract = rec.model.contract
        if contract is not None and contract.end < as_of:
            findings.warn("contract-expired", rec.compound.rel, f"物业服务合同已于 {contract.end} 到期",
                          line=rec.compound.line_of("contract", "end"), field="contract.end",
                          hint="续签或选聘后更新合同信息；合同期满继续服务的，注明实际情况。")
        for item_id, check_item in _ITEM_CHECKS.items():
            record = rec.items.get(item_id)
            if record is None or record.file.model.notice is None:
                continue
            if record.table.rejected and item_id in _TOTALS_SKIPPED:
                # One finding per root cause: a row left out would make every total and balance
                # after it look wrong; say so once, on the row's own finding, and check no totals.
                first = record.table.rejected[0]
                if first.finding is not None:
                    findings.amend(first.finding, _TOTALS_SKIPPED[item_id])
                continue
            check_item(rec, record, findings, as_of)


_TOTALS_SKIPPED = {
    "public_revenue": "这一行无法计入台账，本表的季度合计和结余暂不核对，改正后再核对",
    "maintenance_fund": "这一行无法计入使用明细，年度使用合计暂不核对，改正后再核对",
}


def _public_revenue(rec: CompoundRecord, record: ItemRecord, findings: Findings, as_of: date) -> None:
    file = item_as(record.file.model, PublicRevenueFile)
    _stated_quarters(record, file, _ledger_chain(record, file, findings), findings)


def _ledger_chain(record: ItemRecord, file: PublicRevenueFile, findings: Findings) -> dict[str, Decimal]:
    """Dates in order and each written balance against the running one (from the opening
    balance, else from the first written balance); a wrong balance is reported once and the
    rows carried on from it are not. Returns, per quarter, the balance carried from a wrong one."""
    table = record.table
    csv = _Reporter(findings, table.rel or "")
    balance = file.opening_balance
    carried: Decimal | None = None  # the chain from a wrong stated balance, once one is reported
    carried_by_quarter: dict[str, Decimal] = {}
    previous_date: date | None = None
    for i, row in enumerate(table.rows):
        if previous_date is not None and row.date < previous_date:
            findings.add("date-order", table.rel or "", f"日期 {row.date} 早于上一行 {previous_date}，台账应按日期顺序记录",
                         **table.at(i, "date"))
        previous_date = row.date
        change = row.amount if row.type == "income" else -row.amount
        if balance is None:  # no opening balance: the first written balance starts the chain
            balance = row.balance
            continue
        balance += change
        if carried is not None:
            carried += change
        if row.balance is None:
            continue
        if row.balance == balance:
            carried = None
        elif carried is not None and row.balance == carried:
            # Carried on from the wrong balance already reported: the same root cause, not a new one.
            carried_by_quarter[quarter_of(row.date)] = carried
        else:
            csv.mismatch("arith-balance", "结余", row.balance, balance, how="上一行结余加收入减支出",
                         **table.at(i, "balance"))
            carried = row.balance
            carried_by_quarter[quarter_of(row.date)] = carried
    return carried_by_quarter


def _stated_quarters(record: ItemRecord, file: PublicRevenueFile, carried_by_quarter: dict[str, Decimal],
                     findings: Findings) -> None:
    """Each quarter's summary in the YAML against the ledger's totals of that quarter."""
    table = record.table
    ledger = {q.period.id: q for q in ledger_quarters(file.opening_balance, table.rows)}
    yaml = _Reporter(findings, record.file.rel)
    for i, st in enumerate(file.quarters):
        q = st.period.id
        if st.period.kind != "quarter":
            findings.add("value-period", record.file.rel, f"公共收益汇总应按季度，“{q}”不是季度",
                         line=record.file.line_of("quarters", i, "period"), field=f"quarters[{i + 1}].period",
                         hint="写成 2026-Q3 这样的季度。")
            continue
        if not table.rows:
            # No ledger: the stated quarter is all there is, so its income and cost must be given.
            for field in ("income", "cost"):
                if getattr(st, field) is None:
                    findings.add("field-required", record.file.rel,
                                 f"{st.period.label}没有台账明细，季度汇总必须写{_PR_LABEL[field]}",
                                 line=record.file.line_of("quarters", i), field=f"quarters[{i + 1}].{field}",
                                 hint="在台账（public_revenue 表格）中逐笔记录，汇总就可以不填；或在这里补上合计。")
            continue
        got = ledger.get(q)
        wrong: set[str] = set()
        for field in ("income", "cost", "company_share", "used"):
            stated, expected = getattr(st, field), getattr(got, field) if got else ZERO
            if stated is not None and stated != expected:
                wrong.add(field)
                yaml.mismatch("arith-period-total", f"{st.period.label}{_PR_LABEL[field]}", stated, expected,
                              line=record.file.line_of("quarters", i, field), field=f"quarters[{i + 1}].{field}",
                              how="台账本季度各行合计")
        # Dependent checks use the ledger's totals, so a wrong total (reported above) never
        # makes a correct net figure or share look wrong.
        income, cost, share = (got.income, got.cost, got.company_share) if got else (ZERO, ZERO, ZERO)
        stated_net = (st.income or income) - (st.cost or cost) - (st.company_share if st.company_share is not None else share)
        if st.net_to_owners is not None and st.net_to_owners != income - cost - share and st.net_to_owners != stated_net:
            yaml.mismatch("arith-net", f"{st.period.label}归业主净收益", st.net_to_owners,
                          income - cost - share, line=record.file.line_of("quarters", i, "net_to_owners"),
                          field=f"quarters[{i + 1}].net_to_owners", how="收入 − 成本 − 企业分成")
        if file.company_share_rate is not None and "company_share" not in wrong:
            expected_share = money(file.company_share_rate * (income - cost))
            if (st.company_share if st.company_share is not None else share) != expected_share:
                yaml.mismatch("arith-net", f"{st.period.label}企业分成", st.company_share, expected_share,
                              line=record.file.line_of("quarters", i, "company_share"),
                              field=f"quarters[{i + 1}].company_share", how=f"约定比例 {file.company_share_rate} ×（收入 − 成本）")
        if got is not None and got.closing_balance is not None and st.closing_balance is not None \
                and st.closing_balance != got.closing_balance \
                and st.closing_balance != carried_by_quarter.get(q):
            yaml.mismatch("arith-balance", f"{st.period.label}期末结余", st.closing_balance, got.closing_balance,
                          line=record.file.line_of("quarters", i, "closing_balance"),
                          field=f"quarters[{i + 1}].closing_balance", how="台账本季度最后结余")


_PR_LABEL = {"income": "收入合计", "cost": "成本合计", "company_share": "企业分成", "used": "资金使用合计"}


def _utility(rec: CompoundRecord, record: ItemRecord, findings: Findings, as_of: date) -> None:
    table = record.table
    r = _Reporter(findings, table.rel or "")
    basis = item_as(record.file.model, UtilitySharingFile).basis_total
    for i, row in enumerate(table.rows):
        if row.meter_end < row.meter_start:
            findings.add("arith-line-total", table.rel or "", f"截止读数 {row.meter_end} 小于起始读数 {row.meter_start}",
                         **table.at(i, "meter_end"), hint="核对抄表读数。")
            continue
        if row.usage != row.meter_end - row.meter_start:
            r.mismatch("arith-line-total", "用量", row.usage, row.meter_end - row.meter_start, **table.at(i, "usage"), how="截止读数 − 起始读数")
        expected = money(row.usage * row.unit_price)
        if row.amount != expected:
            r.mismatch("arith-line-total", "金额", row.amount, expected, **table.at(i, "amount"), how="用量 × 单价")
        if basis and row.per_unit is not None:
            # Per-㎡ shares are small: the notice may state 2 to 4 decimals; check at the stated precision.
            places = Decimal(1).scaleb(-max(2, min(4, -row.per_unit.as_tuple().exponent)))
            share = (row.amount / basis).quantize(places, rounding=ROUND_HALF_UP)
            if row.per_unit != share:
                r.mismatch("arith-line-total", "分摊标准", row.per_unit, share, **table.at(i, "per_unit"), how=f"金额 ÷ 分摊基数 {basis}")


def _service_accounts(rec: CompoundRecord, record: ItemRecord, findings: Findings, as_of: date) -> None:
    f = item_as(record.file.model, ServiceAccountsFile)
    r = _Reporter(findings, record.file.rel)
    at = record.file.line_of
    if f.income is not None and f.income.receivable > 0:
        rate = collection_rate(f.income.received, f.income.receivable)
        stated_rate = f.income.collection_rate
        if stated_rate is not None and stated_rate.quantize(MILLI, rounding=ROUND_HALF_UP) != rate:
            r.mismatch("arith-rate", "收缴率", f.income.collection_rate, rate, line=at("income", "collection_rate"),
                       field="income.collection_rate", how="实收 ÷ 应收")
        if f.income.received > f.income.receivable:
            findings.warn("arith-rate", record.file.rel, "实收大于应收（含预收时请在说明中注明）",
                          line=at("income", "received"), field="income.received", hint="核对应收与实收。")
    total = sum((c.amount for c in f.costs), ZERO)
    if f.total_cost is not None and f.costs and f.total_cost != total:
        r.mismatch("arith-period-total", "支出合计", f.total_cost, total, line=at("total_cost"), field="total_cost",
                   how="各项支出之和")
    is_commission = rec.model.contract is not None and rec.model.contract.type == "commission"
    if f.commission is not None:
        if not is_commission:
            findings.add("commission-unexpected", record.file.rel, "包干制合同不应填写酬金", line=at("commission"),
                         field="commission", hint="删除 commission，或在 compound.yaml 中把合同类型改为 commission（酬金制）。")
        base = f.total_cost if f.total_cost is not None else total
        expected = money(f.commission.rate * base)
        if f.commission.amount is not None and f.commission.amount != expected:
            r.mismatch("arith-line-total", "酬金", f.commission.amount, expected, line=at("commission", "amount"),
                       field="commission.amount", how=f"酬金比例 {f.commission.rate} × 支出合计")
    elif is_commission and f.income is not None:
        findings.add("field-required", record.file.rel, "酬金制合同必须公示酬金（commission）", line=at("income"),
                     field="commission", hint="补充 commission: {rate: 0.1, amount: ...}。")
    if f.surplus is not None and f.income is not None:
        cost = f.total_cost if f.total_cost is not None else total
        expected = f.income.received + f.income.other_income - cost - (service_figures(f).commission or ZERO)
        if f.surplus != expected:
            r.mismatch("arith-balance", "结余", f.surplus, expected, line=at("surplus"), field="surplus",
                       how="实收 + 其他收入 − 支出合计 − 酬金")


def _maintenance_fund(rec: CompoundRecord, record: ItemRecord, findings: Findings, as_of: date) -> None:
    f = item_as(record.file.model, MaintenanceFundFile)
    r = _Reporter(findings, record.file.rel)
    used_by_year = dict(statement_used_by_year(record.table.rows))
    computed = {(t.unit, t.year): t for t in fund_years(f, record.table.rows)}
    seen: dict[str | None, int] = {}
    for i, y in enumerate(f.years):
        unit_name = f"{y.unit}" if y.unit else ""
        if y.unit not in seen and y.opening_balance is None:
            findings.add("field-required", record.file.rel, f"{unit_name}{y.year} 年是第一个年度，必须写期初余额",
                         line=record.file.line_of("years", i), field=f"years[{i + 1}].opening_balance",
                         hint="以后各年的期初余额可以不写，按上一年年末余额计算。")
        c = computed[(y.unit, y.year)]
        expected = c.opening_balance + y.deposited + y.interest - c.used
        if y.closing_balance is not None and y.closing_balance != expected:
            r.mismatch("arith-balance", f"{unit_name}{y.year} 年末余额", y.closing_balance, expected,
                       line=record.file.line_of("years", i, "closing_balance"), field=f"years[{i + 1}].closing_balance",
                       how="期初 + 归集 + 利息 − 使用")
        spent = used_by_year.pop((y.unit, y.year), ZERO)
        if record.table.rel is not None and y.used is not None and y.used != spent:
            r.mismatch("arith-period-total", f"{unit_name}{y.year} 年使用金额", y.used, spent,
                       line=record.file.line_of("years", i, "used"), field=f"years[{i + 1}].used",
                       how=f"使用明细（{record.table.rel.rsplit('/', 1)[-1]}）当年合计")
        previous = computed.get((y.unit, seen[y.unit])) if y.unit in seen else None
        if previous is not None and y.opening_balance is not None and y.opening_balance != previous.closing_balance:
            r.mismatch("arith-balance", f"{unit_name}{y.year} 年期初余额", y.opening_balance, previous.closing_balance,
                       line=record.file.line_of("years", i, "opening_balance"), field=f"years[{i + 1}].opening_balance",
                       how="上一年年末余额")
        seen[y.unit] = y.year
    if f.years:
        _fund_unreported_years(record, used_by_year, findings)


def _fund_unreported_years(record: ItemRecord, years: dict[tuple[str | None, int], Decimal], findings: Findings) -> None:
    table = record.table
    for i, row in enumerate(table.rows):
        if years.pop((row.unit, row.date.year), None) is not None:  # once per unit and year, at its first row
            findings.warn("arith-period-total", table.rel or "", f"{row.date.year} 年的使用明细没有对应的年度汇总（years）",
                          **table.at(i, "date"),
                          hint=f"在 maintenance_fund.yaml 的 years 中补上 {row.date.year} 年的汇总。")


def _parking(rec: CompoundRecord, record: ItemRecord, findings: Findings, as_of: date) -> None:
    table = record.table
    for i, row in enumerate(table.rows):
        if row.sold + row.rented + row.vacant != row.total:
            findings.add("arith-count", table.rel or "",
                         f"已售 {row.sold} + 已租 {row.rented} + 空置 {row.vacant} = {row.sold + row.rented + row.vacant}，与总数 {row.total} 不符",
                         **table.at(i, "total"), hint="核对各类车位数。")


def _oversight(rec: CompoundRecord, record: ItemRecord, findings: Findings, as_of: date) -> None:
    f = item_as(record.file.model, OversightFile)
    at = record.file.line_of
    if f.complaints is not None:
        c = f.complaints
        if c.resolved > c.received:
            findings.add("arith-count", record.file.rel, f"办结 {c.resolved} 件多于受理 {c.received} 件",
                         line=at("complaints", "resolved"), field="complaints.resolved", hint="核对投诉统计。")
        if c.first_time_resolved > c.resolved:
            findings.add("arith-count", record.file.rel, f"一次办结 {c.first_time_resolved} 件多于办结 {c.resolved} 件",
                         line=at("complaints", "first_time_resolved"), field="complaints.first_time_resolved",
                         hint="核对投诉统计。")
    if f.satisfaction is not None and f.satisfaction.satisfied > f.satisfaction.surveyed:
        findings.add("arith-count", record.file.rel, "满意户数多于参与测评户数", line=at("satisfaction", "satisfied"),
                     field="satisfaction.satisfied", hint="核对满意度测评数据。")
    table = record.table
    for i, row in enumerate(table.rows):
        if row.status == "已整改" and row.completed_on is None:
            findings.warn("field-required", table.rel or "", "已整改的事项应填写完成日期", **table.at(i, "completed_on"), hint="补充完成日期。")


def _facilities(rec: CompoundRecord, record: ItemRecord, findings: Findings, as_of: date) -> None:
    table = record.table
    for i, row in enumerate(table.rows):
        if row.next_inspection <= row.last_inspection:
            findings.add("date-order", table.rel or "", f"下次检验日期 {row.next_inspection} 不晚于上次 {row.last_inspection}",
                         **table.at(i, "next_inspection"),
                         hint="核对检验日期。")
        elif row.next_inspection < as_of:
            findings.warn("inspection-overdue", table.rel or "", f"{row.system}应于 {row.next_inspection} 检验，已逾期",
                          **table.at(i, "next_inspection"),
                          hint="完成检验后更新上次/下次检验日期。")


_ITEM_CHECKS = {
    "public_revenue": _public_revenue,
    "utility_sharing": _utility,
    "service_accounts": _service_accounts,
    "maintenance_fund": _maintenance_fund,
    "parking": _parking,
    "oversight": _oversight,
    "facility_maintenance": _facilities,
}
