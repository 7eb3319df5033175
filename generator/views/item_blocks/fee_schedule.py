"""收费项目与标准（明码标价）: every fee with its price and unit, the note, the price-report phone."""

from __future__ import annotations

from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.tables import FeeRow as R
from generator.model.vocabulary import title_of as t
from generator.views.blocks import Block, Fact, facts, table
from generator.views.formatting import day, quantity
from generator.views.item_blocks import ItemContext, field_column
from generator.views.phones import price_report_phone


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.FeeScheduleFile)
    cols = [field_column(R, "item", 3, key=True), field_column(R, "price", 0, "right", key=True),
            field_column(R, "payer", 2), field_column(R, "content", 3), field_column(R, "billing_method", 3),
            field_column(R, "start_date"), field_column(R, "price_form"), field_column(R, "basis", 3)]
    rows = [[f"{r.kind}：{r.item}", f"{quantity(r.price)} {r.unit}", r.payer, r.content, r.billing_method,
             day(r.start_date), r.price_form, r.basis] for r in record.table.rows]
    return [table(cols, rows, title="收费项目"),
            facts([(t(d.FeeScheduleFile, "note"), f.note),
                   Fact(t(d.FeeScheduleFile, "price_report_phone"), price_report_phone(ctx.city, ctx.rec), "phone")])]
