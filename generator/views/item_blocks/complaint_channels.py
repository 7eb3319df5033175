"""服务电话与投诉报修流程: the company's phones, the supervision phones (nearest body first),
the steps of a repair or complaint, the promised times and the volunteer supervisors."""

from __future__ import annotations

from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.vocabulary import title_of as t
from generator.views.blocks import Block, Column, Fact, Steps, facts, table
from generator.views.item_blocks import ItemContext, field_column
from generator.views.phones import supervision_phones


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.ComplaintChannelsFile)
    out: list[Block] = []
    if f.phones is not None:
        out.append(facts([Fact(t(d.Phones, name), getattr(f.phones, name), "phone", key=True)
                          for name in ("customer_service", "repair", "emergency_24h", "complaint")],
                         title="服务电话"))
    where = ctx.city.community_index().get(ctx.rec.model.community) or (None, None, None)
    supervision = supervision_phones(ctx.city, ctx.rec, *where)
    out.append(table([Column("单位", 2), Column("电话", 1, kind="phone", key=True)],
                     [list(p) for p in supervision], title="监督电话"))
    out.append(Steps(tuple(f.flow), t(d.ComplaintChannelsFile, "flow")))
    if f.response_times:
        out.append(table([field_column(d.ResponseTime, "kind", 1), field_column(d.ResponseTime, "promise", 2)],
                         [[r.kind, r.promise] for r in f.response_times],
                         title=t(d.ComplaintChannelsFile, "response_times")))
    if f.volunteer_supervisors is not None:
        out.append(facts([(t(d.ComplaintChannelsFile, "volunteer_supervisors"), f"{f.volunteer_supervisors} 名")]))
    return out
