"""How values read on a page: money, quantities, percentages, dates, periods.

Contract: pure functions from exact values to display strings. Money stays
:class:`~decimal.Decimal` all the way (``format`` with a ``,.2f`` spec is exact on Decimal);
nothing goes through float. The strings contain only digits and ASCII/Chinese punctuation
that is safe in Markdown, so templates may place them without escaping.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from generator.model.base import Period


_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")


def money(value: Decimal | None) -> str:
    """``1234.5`` -> ``1,234.50``; negative amounts with a real minus sign; None -> ``—``."""
    if value is None:
        return "—"
    amount = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    text = format(abs(amount), ",.2f")
    return f"−{text}" if amount < 0 else text


def quantity(value: Decimal | int | None) -> str:
    """An exact quantity as written, with thousands groups: ``126500.50`` -> ``126,500.5``."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return format(value, ",")
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return format(normal.quantize(Decimal(1)), ",")
    return format(normal, ",f")


def percent(numerator: Decimal | int, denominator: Decimal | int) -> str:
    """``561 / 620`` -> ``90.5%`` (one decimal, half up); ``—`` when the denominator is 0."""
    if not denominator:
        return "—"
    ratio = Decimal(numerator) * 100 / Decimal(denominator)
    return f"{ratio.quantize(_TENTH, rounding=ROUND_HALF_UP)}%"


def ratio(value: Decimal | None) -> str:
    """A stored ratio (``0.925``) as a percentage (``92.5%``), exact digits kept."""
    if value is None:
        return "—"
    pct = (value * 100).normalize()
    text = format(pct.quantize(Decimal(1)) if pct == pct.to_integral_value() else pct, "f")
    return f"{text}%"


def day(value: date | None) -> str:
    """ISO date ``2026-07-01`` (sortable, unambiguous); None -> ``—``."""
    return value.isoformat() if value is not None else "—"


def day_cn(value: date | None) -> str:
    """``2026年7月1日`` for running text (the notice PDFs use it)."""
    return f"{value.year}年{value.month}月{value.day}日" if value is not None else "—"


def period(value: Period | None) -> str:
    return value.label if value is not None else "—"


FILTERS: dict[str, Callable[..., str]] = {
    "money": money,
    "quantity": quantity,
    "ratio": ratio,
    "day": day,
    "period": period,
}
"""Jinja filters (see :mod:`generator.render.web.environment`)."""
