"""The body of each disclosure item on the printed notice: the item's blocks as Typst data.

Contract: :func:`item_blocks_json` builds the item's blocks once
(:mod:`generator.render.item_blocks`, the same the web page shows) and turns them into the
JSON of :func:`generator.render.blocks.paper_json` (long ledgers summarised with a pointer to
the full table online). It is only called for items that are published or stale; missing,
not-applicable and invalid items print their status alone. The one slot paper fills is the
company's ranking (:func:`ranking_blocks`); the web's chart and photo have no paper form.
"""

from __future__ import annotations

from generator.load.dataset import ItemRecord
from generator.render.blocks import Block, Column, JsonBlock, Note, Slot, facts, paper_blocks, table
from generator.derive.rank.wording import objection_body, why_lines
from generator.render.formatting import ratio
from generator.render.item_blocks import ItemContext, item_blocks


def ranking_blocks(ctx: ItemContext) -> list[Block]:
    """The company's latest red/black-list result with its score parts (professional compounds)."""
    if ctx.ranking is None:
        if ctx.rec.model.management == "professional":
            return [Note("本企业暂无考评结果。")]
        return []
    period, result = ctx.ranking
    policy = period.policy
    named = {s.id: s.name for s in policy.list_specs()}.get(result.list or "")
    rows: list[tuple[str, str | None]] = [
        ("考评期间", f"{period.period.label}（规则版本 {policy.version}）"),
        ("综合得分", f"{result.composite}（第 {result.rank} 名 / 共 {len(period.results)} 家）"),
        ("信用等级", result.grade), ("榜单", named or "未列入红黑榜"),
        ("原因", "；".join(why_lines(period, result)) or None),
        ("整改情况", result.rectification),
        ("异议", f"对榜单有异议的，向发布单位{objection_body(period)}提出"),
    ]
    terms, divisor = policy.weight_terms()
    body = [[g.name, ratio(t.factor / divisor),
             str(result.group_scores[g.id]) if g.id in result.group_scores else "缺评"]
            for g, t in zip(policy.rater_groups, terms)]
    return [facts(rows, title="企业考评结果"),
            table([Column("评价主体", 2), Column("权重", 1, "right"), Column("得分", 1, "right")], body,
                  title="得分构成"),
            Note(f"计算：{result.explanation}")]


def item_blocks_json(ctx: ItemContext, record: ItemRecord) -> list[JsonBlock]:
    out: list[Block] = []
    for block in item_blocks(ctx, record):
        if isinstance(block, Slot):
            out += ranking_blocks(ctx) if block.name == "ranking" else []
        else:
            out.append(block)
    return paper_blocks(out)
