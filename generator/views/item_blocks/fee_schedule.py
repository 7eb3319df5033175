"""收费项目与标准（明码标价）: every fee with its price as typed and its unit (before a raise,
the current and the next price), 政府指导价 with 基准价 and 浮动幅度, each tier table as a
table (by floor, or building type x service grade, with its formula), the note and the
price-report phone. A column the notice does not state reads 未注明. On paper the fee table
has four columns (item, price, payer, price form); content, billing, start date and basis are
a line under each row (``note`` columns), so the sheet reads at a metre. Which price is current
reads the calendar (a raise announced ahead becomes current on its date), so the version is
stamped as posted (``READS_CALENDAR``)."""

from __future__ import annotations

from typing import Callable

from generator.derive.prices import FeeLine, fee_lines, price_text
from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.notices import TierTable
from generator.model.tables import FeeRow as R
from generator.model.vocabulary import NOT_STATED, title_of as t
from generator.views.blocks import Block, Column, Fact, facts, table
from generator.views.formatting import day, day_cn
from generator.views.item_blocks import ItemContext, field_column
from generator.views.phones import price_report_phone

T = TierTable

READS_CALENDAR = True


def _or_not_stated(value: str | None) -> str:
    return value if value else NOT_STATED


def _form(row: R) -> str:
    """``政府指导价（基准价 1.20 元/㎡·月，浮动幅度 ±10%）``."""
    if row.price_form is None:
        return NOT_STATED
    if row.price_form != "政府指导价":
        return row.price_form
    base = f"{t(R, 'base_price')} {row.base_price.with_unit(row.unit)}" if row.base_price else f"{t(R, 'base_price')}{NOT_STATED}"
    spread = f"{t(R, 'float_range')} {row.float_range}" if row.float_range else f"{t(R, 'float_range')}{NOT_STATED}"
    return f"{row.price_form}（{base}，{spread}）"


def _over_time(line: FeeLine, text: Callable[[R], str]) -> str:
    """A column's value; where an announced price changes it, ``…；2027年1月1日起 …`` as the price reads."""
    now = text(line.shown)
    later = [f"{day_cn(r.start_date)}起 {text(r)}" for r in line.upcoming if r.start_date and text(r) != now]
    return "；".join([now, *later]) if line.current else now


def _row(line: FeeLine) -> list[str]:
    r = line.shown
    return [f"{r.kind}：{r.item}", price_text(line), _or_not_stated(r.payer), _or_not_stated(r.content),
            _or_not_stated(r.billing_method), day(r.start_date) if r.start_date else NOT_STATED,
            _over_time(line, _form), _over_time(line, lambda x: _or_not_stated(x.basis))]


def _tier_table(tier: TierTable) -> Block:
    unit = tier.unit or ""
    heads = tier.columns or [t(R, "price")]
    cols = [Column(tier.row_title, 1, key=True),
            *(Column(h, 1, "right", key=True) for h in heads)]
    rows = [[line.label, *(p.text for p in line.prices)] for line in tier.rows]
    title = f"{tier.item}（按{tier.row_title}{'×服务等级' if tier.columns else ''}分档）"
    return table(cols, rows, title=title, unit=unit)


def _tier_facts(tier: TierTable) -> Block:
    return facts([(f"{tier.item}{t(T, 'formula')}", tier.formula.text if tier.formula else None),
                  (f"{tier.item}{t(T, 'start_date')}", day(tier.start_date) if tier.start_date else None)])


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.FeeScheduleFile)
    cols = [field_column(R, "item", 3, key=True), field_column(R, "price", 3, "right", key=True),
            field_column(R, "payer", 2), field_column(R, "content", 3, note=True),
            field_column(R, "billing_method", 3, note=True), field_column(R, "start_date", note=True),
            field_column(R, "price_form", 2), field_column(R, "basis", 3, note=True)]
    rows = [_row(line) for line in fee_lines(record.table.rows, ctx.as_of)]
    out: list[Block] = [table(cols, rows, title="收费项目")]
    for tier in f.tiers:
        out += [_tier_table(tier), _tier_facts(tier)]
    out.append(facts([(t(d.FeeScheduleFile, "correction"), f.correction), (t(d.FeeScheduleFile, "note"), f.note),
                      Fact(t(d.FeeScheduleFile, "price_report_phone"), price_report_phone(ctx.city, ctx.rec), "phone")]))
    return out

