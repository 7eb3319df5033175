"""服务事项与服务标准: the service level and its basis, the contract term, the services table."""

from __future__ import annotations

from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.tables import ServiceItemRow as R
from generator.model.vocabulary import DERIVED, title_of as t
from generator.views.blocks import Block, facts, table
from generator.views.formatting import day
from generator.views.item_blocks import ItemContext, field_column


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.ServiceScopeFile)
    k = ctx.rec.model.contract
    head = facts([(t(d.ServiceScopeFile, "service_level"), f.service_level),
                  (t(d.ServiceScopeFile, "standard_basis"), f.standard_basis),
                  (DERIVED["term"], f"{day(k.start)} 至 {day(k.end)}" if k else None)])
    cols = [field_column(R, "category", 0, key=True), field_column(R, "item", 2, key=True),
            field_column(R, "standard", 4, key=True), field_column(R, "frequency", 2)]
    rows = [[r.category, r.item, r.standard, r.frequency] for r in record.table.rows]
    return [head, table(cols, rows, title="服务事项")]
