"""Ledgers on paper: the tables of a compound that can grow long, shown in full or summarised.

Contract: a ledger with at most :data:`DETAIL_LIMIT` rows is printed row by row; a longer one
is summarised (public revenue and utilities by quarter, the maintenance fund by year) and
followed by a note pointing to the full table online. All sums are exact Decimal sums of the
validated rows; nothing is recomputed from the YAML summaries (the checks compare those).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Sequence

from generator.model.base import quarter_of, parse_period
from generator.model.disclosures import PublicRevenueFile
from generator.model.tables import MaintenanceFundUseRow, PublicRevenueRow, UtilityRow
from generator.model.vocabulary import REVENUE_ENTRIES as ENTRY_LABELS
from generator.render.formatting import day, money, quantity
from generator.render.blocks import Block, Column, note, table
from generator.render.web.revenue import quarterly_totals

DETAIL_LIMIT = 12
"""Rows a ledger may have and still be printed in full on the notice board."""

USAGE_UNITS = {"公共用电": ("度", "元/度"), "公共用水": ("吨", "元/吨")}


def pointer(count: int, url: str, what: str = "明细") -> Block:
    return note(f"完整{what}共 {count} 笔，请扫码或访问：{url}")


def _quarter_label(quarter_id: str) -> str:
    return parse_period(quarter_id).label


def revenue_blocks(file: PublicRevenueFile, rows: Sequence[PublicRevenueRow], url: str) -> list[Block]:
    """Quarterly statement (always), by-category income of the latest quarter, and the rows
    themselves when few; the pointer to the online ledger when summarised."""
    blocks: list[Block] = []
    cols = [Column("季度", 0), Column("收入", 1, "right"), Column("合理成本", 1, "right"),
            Column("企业分成", 1, "right"), Column("归业主净收益", 1, "right"),
            Column("使用", 1, "right"), Column("期末结余", 1, "right")]
    quarters = quarterly_totals(file, rows)
    if quarters:
        body = [[q.period.label, money(q.income), money(q.cost), money(q.company_share), money(q.net_to_owners),
                 money(q.used), money(q.closing_balance)] for q in quarters]
        if len(quarters) > 1:
            tot = [sum((getattr(q, f) for q in quarters), Decimal(0)) for f in ("income", "cost", "company_share", "used")]
            body.append(["合计", money(tot[0]), money(tot[1]), money(tot[2]), money(tot[0] - tot[1] - tot[2]),
                         money(tot[3]), money(quarters[-1].closing_balance)])
        blocks.append(table(cols, body, total=len(quarters) > 1,
                            caption=f"按季度汇总（单位：元；期初结余 {money(file.opening_balance)} 元）"))
    if rows:
        latest = quarter_of(max(r.date for r in rows))
        by_cat: dict[str, Decimal] = defaultdict(Decimal)
        for r in rows:
            if r.type == "income" and quarter_of(r.date) == latest:
                by_cat[r.category] += r.amount
        if by_cat:
            parts = [[cat, money(amount)] for cat, amount in sorted(by_cat.items(), key=lambda kv: (-kv[1], kv[0]))]
            blocks.append(table([Column("收入类别", 1), Column("金额（元）", 1, "right")], parts,
                                caption=f"{_quarter_label(latest)}收入构成"))
        if len(rows) <= DETAIL_LIMIT:
            detail = [[day(r.date), ENTRY_LABELS[r.type], r.category, r.description, money(r.amount)] for r in rows]
            blocks.append(table([Column("日期", 0), Column("类型", 0), Column("类别", 0), Column("摘要", 3),
                                 Column("金额（元）", 0, "right")], detail, caption="收支明细"))
        blocks.append(pointer(len(rows), url, "台账") if len(rows) > DETAIL_LIMIT
                      else note(f"网上公示：{url}"))
    return blocks


def utility_blocks(rows: Sequence[UtilityRow], per_unit_label: str, url: str) -> list[Block]:
    if not rows:
        return []
    if len(rows) <= DETAIL_LIMIT:
        body = []
        for r in sorted(rows, key=lambda r: (r.month, r.kind)):
            usage_unit, price_unit = USAGE_UNITS[r.kind]
            body.append([r.month, r.kind, quantity(r.meter_start), quantity(r.meter_end), f"{quantity(r.usage)} {usage_unit}",
                         f"{quantity(r.unit_price)} {price_unit}", money(r.amount), quantity(r.per_unit)])
        cols = [Column("月份", 0), Column("类别", 0), Column("起始读数", 1, "right"), Column("截止读数", 1, "right"),
                Column("用量", 1, "right"), Column("单价", 1, "right"), Column("金额（元）", 1, "right"),
                Column(f"分摊（{per_unit_label}）", 1, "right")]
        return [table(cols, body, caption="公共水电读数与分摊"), note(f"网上公示：{url}")]
    sums: dict[tuple[str, str], list[Decimal]] = {}
    for r in rows:
        q = quarter_of(parse_period(r.month).start)
        acc = sums.setdefault((q, r.kind), [Decimal(0)] * 3)
        acc[0] += r.usage
        acc[1] += r.amount
        acc[2] += r.per_unit
    body = [[_quarter_label(q), kind, f"{quantity(v[0])} {USAGE_UNITS[kind][0]}", money(v[1]), quantity(v[2])]
            for (q, kind), v in sorted(sums.items(), key=lambda kv: (parse_period(kv[0][0]).start, kv[0][1]))]
    cols = [Column("季度", 0), Column("类别", 0), Column("用量", 1, "right"), Column("金额（元）", 1, "right"),
            Column(f"分摊合计（{per_unit_label}）", 1, "right")]
    return [table(cols, body, caption="按季度汇总"), pointer(len(rows), url, "读数记录")]


def fund_use_blocks(rows: Sequence[MaintenanceFundUseRow], url: str) -> list[Block]:
    if not rows:
        return []
    if len(rows) <= DETAIL_LIMIT:
        body = [[day(r.date), f"{r.project}\n（{r.scope}）", money(r.amount), r.apportionment, r.vote, r.contractor, r.status]
                for r in sorted(rows, key=lambda r: r.date)]
        cols = [Column("日期", 0), Column("项目（范围）", 4), Column("金额（元）", 0, "right"), Column("分摊方式", 2),
                Column("业主表决", 3), Column("施工单位", 3), Column("状态", 0)]
        return [table(cols, body, caption="维修资金使用明细"), note(f"网上公示：{url}")]
    years: dict[int, list] = {}
    for r in rows:
        acc = years.setdefault(r.date.year, [0, Decimal(0)])
        acc[0] += 1
        acc[1] += r.amount
    body = [[f"{y}年", str(v[0]), money(v[1])] for y, v in sorted(years.items())]
    cols = [Column("年度", 1), Column("使用项目数", 1, "right"), Column("使用金额（元）", 1, "right")]
    return [table(cols, body, caption="维修资金使用按年度汇总"), pointer(len(rows), url, "使用明细")]
