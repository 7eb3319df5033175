"""公共能耗分摊: the sharing method and basis, and each month's meter readings, usage (度, 吨),
price, amount and share (on paper summarised by quarter when long)."""

from __future__ import annotations

from decimal import Decimal

from generator.derive.statements import utility_share
from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.base import parse_period, quarter_of
from generator.model.tables import UtilityRow as R
from generator.model.vocabulary import SHARING_UNITS, UTILITY_UNITS, YUAN, title_of as t
from generator.views.blocks import Block, Column, facts, table
from generator.views.formatting import money, quantity
from generator.views.item_blocks import ItemContext, field_column


def _by_quarter(f: d.UtilitySharingFile, rows: list[R], share_unit: str) -> Block:
    sums: dict[tuple[str, str], list[Decimal]] = {}
    for r in rows:
        acc = sums.setdefault((quarter_of(parse_period(r.month).start), r.kind), [Decimal(0)] * 3)
        acc[0] += r.usage
        acc[1] += r.amount
        acc[2] += utility_share(f, r) or Decimal(0)
    body = [[parse_period(q).label, kind, f"{quantity(v[0])} {UTILITY_UNITS[kind][0]}", money(v[1]), quantity(v[2])]
            for (q, kind), v in sorted(sums.items(), key=lambda kv: (parse_period(kv[0][0]).start, kv[0][1]))]
    return table([Column("季度"), field_column(R, "kind"), field_column(R, "usage", 1, "right"),
                  field_column(R, "amount", 1, "right", unit=YUAN),
                  Column("分摊合计", 1, "right", share_unit)], body, title="按季度汇总")


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.UtilitySharingFile)
    basis_unit, share_unit = SHARING_UNITS[f.method or "按建筑面积"]
    rows = sorted(record.table.rows, key=lambda r: r.month)
    cols = [field_column(R, "month", key=True), field_column(R, "kind", key=True),
            field_column(R, "meter_start", 1, "right"), field_column(R, "meter_end", 1, "right"),
            field_column(R, "usage", 1, "right", key=True), field_column(R, "unit_price", 1, "right"),
            field_column(R, "amount", 1, "right", unit=YUAN, key=True),
            field_column(R, "per_unit", 1, "right", unit=share_unit, key=True)]
    body = [[r.month, r.kind, quantity(r.meter_start), quantity(r.meter_end),
             f"{quantity(r.usage)} {UTILITY_UNITS[r.kind][0]}", f"{quantity(r.unit_price)} {UTILITY_UNITS[r.kind][1]}",
             money(r.amount), quantity(utility_share(f, r))] for r in rows]
    basis = f"{quantity(f.basis_total)} {basis_unit}" if f.basis_total is not None else None
    return [facts([(t(d.UtilitySharingFile, "method"), f.method), (t(d.UtilitySharingFile, "basis_total"), basis)]),
            table(cols, body, title="抄表与分摊", ledger="读数记录", url=ctx.item_url("utility_sharing"),
                  summary=_by_quarter(f, rows, share_unit))]
