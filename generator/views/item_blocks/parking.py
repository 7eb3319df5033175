"""车位车库: spaces by type and ownership (total, sold, rented, vacant, monthly rent) with a
total row, and the occupancy fee."""

from __future__ import annotations

from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.tables import ParkingRow as R
from generator.model.vocabulary import DERIVED, YUAN, title_of as t
from generator.views.blocks import Block, facts, table
from generator.views.formatting import money, quantity
from generator.views.item_blocks import ItemContext, field_column

COUNTS = ("total", "sold", "rented", "vacant")


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.ParkingFile)
    rows = record.table.rows
    cols = [field_column(R, "type", key=True), field_column(R, "ownership", key=True),
            *(field_column(R, k, 1, "right", unit="个", key=k in ("total", "vacant")) for k in COUNTS),
            field_column(R, "monthly_fee", 1, "right", key=True), field_column(R, "note", 2)]
    body = [[r.type, r.ownership, *(quantity(getattr(r, k)) for k in COUNTS),
             money(r.monthly_fee) if r.monthly_fee is not None else "", r.note or ""] for r in rows]
    total = None
    if len(rows) > 1:
        total = [DERIVED["total"], "", *(quantity(sum(getattr(r, k) for r in rows)) for k in COUNTS), "", ""]
    collected = (f"{money(f.occupancy_fee_collected)} {YUAN}（计入公共收益）"
                 if f.occupancy_fee_collected is not None else None)
    return [table(cols, body, title="车位情况", total=total),
            facts([(t(d.ParkingFile, "occupancy_fee_standard"), f.occupancy_fee_standard),
                   (t(d.ParkingFile, "occupancy_fee_collected"), collected)], title="车位占用费")]
