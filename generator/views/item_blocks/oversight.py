"""监督评价（一监督）: a slot for the company's latest red/black-list result (each medium shows
it its own way; :func:`ranking_blocks` is its format-neutral filling, which paper prints), the compound's satisfaction and complaint figures as rates with numerator
and denominator, and the rectification list.

The ranking's rectification reads the as-of day (整改中 past its deadline reads 逾期未报整改结果),
so the item is stamped as of its posting date (``READS_CALENDAR``)."""

from __future__ import annotations

from decimal import Decimal

from generator.derive.rank import rectification_text
from generator.derive.rank.wording import list_name, score_word, why_lines
from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.tables import RectificationRow as R
from generator.model.vocabulary import DERIVED, title_of as t
from generator.views.blocks import Block, Column, Fact, Note, Slot, facts, table
from generator.views.formatting import day, percent
from generator.views.item_blocks import ItemContext, field_column
from generator.views.ranking import groups_of, objection_text

READS_CALENDAR = True


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


def ranking_blocks(ctx: ItemContext) -> list[Block]:
    """The company's latest red/black-list result with its score parts (professional compounds)."""
    if ctx.ranking is None:
        if ctx.rec.model.serving_company:
            return [Note("本企业暂无考评结果。")]
        return []
    period, result = ctx.ranking
    policy = period.policy
    named = list_name(period, result.list)
    ranked = policy.publish == "ranks"  # grades or counts: no score, rank or arithmetic is published
    rows: list[tuple[str, str | None]] = [
        ("考评期间", f"{period.period.label}（规则版本 {policy.version}）"),
        (score_word(policy), f"{result.composite}（第 {result.rank} 名 / 共 {len(period.results)} 家）") if ranked
        else ("参评企业", f"共 {len(period.results)} 家"),
        ("信用等级", result.grade if policy.publish != "counts" else None), ("榜单", named or "未列入红黑榜"),
        ("原因", "；".join(why_lines(period, result)) or None),
        ("整改情况", rectification_text(period.sheet, result.company, ctx.as_of)[0]),
        ("异议", objection_text(ctx.city, period.sheet)),
    ]
    groups = groups_of(policy)
    body = [[g.name, g.percent, str(result.group_scores[g.id]) if g.id in result.group_scores else "缺评"]
            for g in groups]
    if not ranked:
        return [facts(rows, title="企业考评结果")]
    return [facts(rows, title="企业考评结果"),
            table([Column("评价主体", 2), Column("权重", 1, "right"), Column("得分", 1, "right")], body,
                  title="得分构成"),
            Note(f"计算：{result.explanation}")]
