"""Fees in one line: the key figures' 物业费, 电梯费, 停车费… as residents read them.

Contract: :func:`fee_spans` gives, for one fee kind of a compound's shown fee table, every
fee of that kind as spans: the label without the kind's words, the price as typed with its
unit, a tier table's lowest to highest price, and before a raise takes effect both prices
(``住宅 现行 1.35 元/㎡·月；2027年1月1日起 1.50 元/㎡·月``, :mod:`generator.derive.prices`).
:data:`FEE_TOPICS` lists the kinds residents pay, each in their words; every one reaches the
key figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from generator.derive.prices import FeeLine, fee_lines, tier_range, tier_table_for
from generator.model import disclosures as d
from generator.model.notices import TierTable
from generator.model.stated import UNIT_KINDS
from generator.model.tables import FeeRow
from generator.views.formatting import day_cn
from generator.views.spans import Span, fig as _fig, join as _join, text as _t

if TYPE_CHECKING:
    from generator.views.compound import CompoundView

def _one(row: FeeRow, tiers: Sequence[TierTable]) -> list[Span]:
    table = tier_table_for(tiers, row.item) if row.price.kind == "tiers" else None
    bounds = tier_range(table) if table is not None else None
    unit = row.unit or (table.unit if table is not None else None)
    figure = f"{bounds[0].text}–{bounds[1].text}" if bounds else row.price.text
    unit = unit if bounds or row.price.kind in UNIT_KINDS else None  # 按质论价: no unit after words
    return [_fig(figure), *([_t(f" {unit}")] if unit else []), *([_t("（分档）")] if bounds else [])]


def _price(line: FeeLine, suffix: str, tiers: Sequence[TierTable]) -> list[Span]:
    """``住宅 1.35 元/㎡·月`` for ``住宅物业服务费`` (the kind's words dropped from the label);
    before a raise: ``住宅 现行 1.35 元/㎡·月；2027年1月1日起 1.50 元/㎡·月`` (:mod:`generator.derive.prices`)."""
    label = line.shown.item
    for word in (suffix, line.shown.kind, FEE_TOPICS.get(line.shown.kind, "")):
        if word and label.endswith(word) and len(label) > len(word):
            label = label[: -len(word)]
            break
    spans = [_t(f"{label} ")] + ([_t("现行 "), *_one(line.current, tiers)] if line.current and line.upcoming
                                 else _one(line.shown, tiers) if line.current else [])
    for i, row in enumerate(line.upcoming):
        sep = "；" if line.current or i else ""
        spans += [_t(f"{sep}{day_cn(row.start_date)}起 "), *_one(row, tiers)]
    return spans


def fee_spans(v: "CompoundView", kind: str) -> list[Span]:
    f = v.file_as("fee_schedule", d.FeeScheduleFile)
    tiers = f.tiers if f is not None else []
    lines = [ln for ln in fee_lines(v.rows("fee_schedule"), v.as_of) if ln.shown.kind == kind]
    return _join([_price(ln, kind, tiers) for ln in lines], "，")


FEE_TOPICS = {"物业服务费": "物业费", "电梯运行费": "电梯费", "二次供水费": "二次供水费", "停车服务费": "停车费",
              "装修垃圾清运费": "装修垃圾清运费"}
"""Fee kinds residents pay, each with the words they use: every one reaches the key figures."""
