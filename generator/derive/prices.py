"""Which price applies when: the current price of each fee and the next one announced.

Contract: :func:`fee_lines` groups the rows of a fee table by fee (kind, item, payer), in the
table's order, and splits each fee's rows at ``as_of``: ``current`` is the row with the latest
计费起始时间 on or before ``as_of`` (a row without a date counts as in force), ``upcoming``
the rows whose date is later, earliest first. Before a raise takes effect the page, the sheet
and the key figures read :func:`price_text`: ``现行 1.35 元/㎡·月；2027年1月1日起 1.50 元/㎡·月``.
:func:`tier_range` gives the lowest and highest plain price of a tier table, as typed (for
the key figures). Pure; prices are printed as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Sequence

from generator.model.notices import TierTable
from generator.model.stated import Stated
from generator.model.tables import FeeRow


@dataclass
class FeeLine:
    """One fee (kind, item, payer) with the row in force and the rows announced."""

    rows: list[FeeRow] = field(default_factory=list)
    current: FeeRow | None = None
    upcoming: list[FeeRow] = field(default_factory=list)

    @property
    def shown(self) -> FeeRow:
        """The row whose columns describe the fee (the current one, else the next)."""
        return self.current or self.upcoming[0]


def _key(row: FeeRow) -> tuple[str, str, str]:
    return row.kind, row.item, row.payer or ""


def fee_lines(rows: Sequence[FeeRow], as_of: date) -> list[FeeLine]:
    lines: dict[tuple[str, str, str], FeeLine] = {}
    for row in rows:
        lines.setdefault(_key(row), FeeLine()).rows.append(row)
    for line in lines.values():
        past = [r for r in line.rows if r.start_date is None or r.start_date <= as_of]
        if past:
            line.current = max(past, key=lambda r: r.start_date or date.min)
        line.upcoming = sorted((r for r in line.rows if r.start_date is not None and r.start_date > as_of),
                               key=lambda r: r.start_date or date.min)
    return list(lines.values())


def one_price(row: FeeRow) -> str:
    """``1.35 元/㎡·月`` (the price as typed, with its unit when it is a figure; ``见分档表``,
    ``按质论价`` alone: :meth:`~generator.model.stated.Stated.with_unit`)."""
    return row.price.with_unit(row.unit)


def _day_cn(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def price_text(line: FeeLine) -> str:
    """The price as residents should read it on ``as_of`` (see the module doc)."""
    if not line.upcoming:
        assert line.current is not None
        return one_price(line.current)
    later = "；".join(f"{_day_cn(r.start_date)}起 {one_price(r)}" for r in line.upcoming if r.start_date)
    return f"现行 {one_price(line.current)}；{later}" if line.current else later


def tier_range(table: TierTable) -> tuple[Stated, Stated] | None:
    """The lowest and highest plain-number price of the table, as typed; None when no cell is one."""
    values = [p for line in table.rows for p in line.prices if p.exact is not None]
    return (min(values, key=_exact), max(values, key=_exact)) if values else None


def _exact(price: Stated) -> Decimal:
    return price.exact if price.exact is not None else Decimal(0)


def tier_table_for(tables: Sequence[TierTable], item: str) -> TierTable | None:
    return next((t for t in tables if t.item == item), None)
