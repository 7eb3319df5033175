"""监督评价（一监督）: a slot for the company's latest red/black-list result (each medium shows
it its own way), the compound's satisfaction and complaint figures as rates with numerator
and denominator, and the rectification list."""

from __future__ import annotations

from decimal import Decimal

from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.tables import RectificationRow as R
from generator.model.vocabulary import DERIVED, title_of as t
from generator.render.blocks import Block, Fact, Note, Slot, facts, table
from generator.render.formatting import day, percent
from generator.render.item_blocks import ItemContext, field_column


def rate(numerator: int | Decimal, denominator: int | Decimal) -> str:
    """``90.5%（561/620）``: a rate always with its numerator and denominator."""
    return f"{percent(numerator, denominator)}（{numerator}/{denominator}）"


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.OversightFile)
    out: list[Block] = [Slot("ranking")]
    if ctx.rec.model.management == "self_managed":
        out.append(Note("本小区为业主自治管理，不参加物业服务企业考评。"))
    rows: list[Fact | tuple[str, str | None]] = []
    s, c = f.satisfaction, f.complaints
    S, C = d.Satisfaction, d.ComplaintStats
    if s is not None:
        rows.append(Fact(DERIVED["satisfaction"],
                         f"{rate(s.satisfied, s.surveyed)}（{t(S, 'satisfied')}/{t(S, 'surveyed')}）", key=True))
    if c is not None:
        rows += [(t(C, "received"), f"{c.received} 件"),
                 Fact(DERIVED["resolved_rate"], f"{rate(c.resolved, c.received)}（{t(C, 'resolved')}/{t(C, 'received')}）",
                      key=True),
                 (DERIVED["first_time_rate"],
                  f"{rate(c.first_time_resolved, c.received)}（{t(C, 'first_time_resolved')}/{t(C, 'received')}）")]
    rows.append((t(d.OversightFile, "volunteer_note"), f.volunteer_note))
    figures = facts(rows, title="本小区监督情况")
    out.append(figures if figures.rows else Note("本期未公示满意度测评和投诉统计。"))
    cols = [field_column(R, "issue", 4, key=True), field_column(R, "source", 2), field_column(R, "deadline"),
            field_column(R, "status", key=True), field_column(R, "completed_on")]
    body = [[r.issue, r.source, day(r.deadline), r.status, day(r.completed_on) if r.completed_on else ""]
            for r in record.table.rows]
    out.append(table(cols, body, title="整改清单", empty="本期没有整改事项。"))
    return out
