"""共用设施设备维保: each system's maintainer, qualification, phone and inspections; an
inspection date already past the data date is marked overdue."""

from __future__ import annotations

from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.tables import FacilityRow as R
from generator.model.vocabulary import title_of as t
from generator.views.blocks import Block, facts, table
from generator.views.formatting import day
from generator.views.item_blocks import ItemContext, field_column

READS_CALENDAR = True
"""An inspection date passed is marked overdue (here and in the answer)."""


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.FacilityMaintenanceFile)
    cols = [field_column(R, "system", 0, key=True), field_column(R, "maintainer", 3),
            field_column(R, "qualification", 3), field_column(R, "phone", 0, kind="phone"),
            field_column(R, "last_inspection"), field_column(R, "next_inspection", key=True),
            field_column(R, "result", 1, key=True)]
    rows = [[r.system, r.maintainer, r.qualification, r.phone, day(r.last_inspection),
             day(r.next_inspection) + ("\n（已逾期）" if r.next_inspection < ctx.as_of else ""), r.result]
            for r in record.table.rows]
    return [table(cols, rows, title="设施设备维保"), facts([(t(d.FacilityMaintenanceFile, "note"), f.note)])]
