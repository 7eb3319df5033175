"""公共收益收支: the agreed share and who decides uses, the quarterly statement with its total
(and a slot for the web's chart), the latest quarter's income by category, and the ledger
(on paper summarised by the quarterly statement when long)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from generator.derive.ledgers import quarterly_totals, running_balances
from generator.derive.notices import distribution_headline, distribution_rule
from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.base import parse_period, quarter_of
from generator.model.tables import PublicRevenueRow as R
from generator.model.notices import Distribution as D
from generator.model.vocabulary import DERIVED, NOT_STATED, REVENUE_ENTRIES, YUAN, title_of as t
from generator.views.blocks import Block, Column, Fact, Note, Slot, facts, table
from generator.views.formatting import day, day_cn, money, quantity, ratio
from generator.views.item_blocks import ItemContext, field_column

Q = d.QuarterStatement
OWNERS_NOTE = "公共收益扣除合理成本和企业分成后，归全体业主所有（《民法典》第二百八十二条）。"


def _statement(f: d.PublicRevenueFile, record: ItemRecord) -> Block:
    quarters = quarterly_totals(f, record.table.rows)
    cols = [field_column(Q, "period", key=True),
            *(field_column(Q, name, 1, "right", key=name == "net_to_owners")
              for name in ("income", "cost", "company_share", "net_to_owners", "used", "closing_balance"))]
    rows = [[q.period.label, money(q.income), money(q.cost), money(q.company_share), money(q.net_to_owners),
             money(q.used), _balance(q.closing_balance)] for q in quarters]
    total = None
    if len(quarters) > 1:
        s = {k: sum((getattr(q, k) for q in quarters), Decimal(0)) for k in ("income", "cost", "company_share", "used")}
        total = [DERIVED["total"], money(s["income"]), money(s["cost"]), money(s["company_share"]),
                 money(s["income"] - s["cost"] - s["company_share"]), money(s["used"]),
                 _balance(quarters[-1].closing_balance)]
    return table(cols, rows, title="按季度汇总", total=total, unit=YUAN)


def _balance(value: Decimal | None) -> str:
    """A balance, or 未注明 while no balance is known (an unknown opening balance is not 0)."""
    return money(value) if value is not None else NOT_STATED


def _distribution(dist: D) -> list[Block]:
    paid = "、".join(day_cn(x) for x in dist.paid_on) or None
    return [facts([(t(D, "period"), dist.period.label), ("分配情况", distribution_headline(dist)),
                   ("分配规则", distribution_rule(dist) or NOT_STATED),
                   (t(D, "area"), f"{quantity(dist.area)} ㎡" if dist.area is not None else None),
                   (t(D, "paid_on"), paid or NOT_STATED), (t(D, "decided_by"), dist.decided_by)],
                  title=f"{dist.period.label}公共收益分配")]


def _by_category(rows: list[R]) -> Block | None:
    if not rows:
        return None
    latest = quarter_of(max(r.date for r in rows))
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        if r.type == "income" and quarter_of(r.date) == latest:
            sums[r.category] += r.amount
    body = [[cat, money(amount)] for cat, amount in sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))]
    return table([Column("收入类别", 1), Column(t(R, "amount"), 1, "right", YUAN)], body,
                 title=f"{parse_period(latest).label}收入构成")


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.PublicRevenueFile)
    rows = list(record.table.rows)
    share = ratio(f.company_share_rate) + "（按收入减合理成本计）" if f.company_share_rate is not None else None
    out: list[Block] = [
        facts([(t(d.PublicRevenueFile, "company_share_rate"), share),
               (t(d.PublicRevenueFile, "uses_decided_by"), f.uses_decided_by),
               Fact(t(d.PublicRevenueFile, "opening_balance"),
                    f"{money(f.opening_balance)} {YUAN}" if f.opening_balance is not None else NOT_STATED)]),
        Note(OWNERS_NOTE),
        *(block for dist in f.distributions for block in _distribution(dist)),
    ]
    if f.quarters or rows:
        out += [_statement(f, record), Slot("revenue_chart")]
    by_category = _by_category(rows)
    if by_category is not None:
        out.append(by_category)
    cols = [field_column(R, "date"), field_column(R, "type"), field_column(R, "category"),
            field_column(R, "description", 3), field_column(R, "amount", 0, "right", unit=YUAN),
            field_column(R, "balance", 0, "right", unit=YUAN)]
    # A balance the clerk left out is computed (type nothing twice); one written is checked.
    balances = running_balances(f.opening_balance, rows)
    body = [[day(r.date), REVENUE_ENTRIES[r.type], r.category, r.description, money(r.amount),
             _balance(r.balance if r.balance is not None else balance)] for r, balance in zip(rows, balances)]
    out.append(table(cols, body, title="收支台账", ledger="台账", url=ctx.item_url("public_revenue")))
    return out
