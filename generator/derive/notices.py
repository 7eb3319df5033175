"""Arithmetic of notices: the 公示期, public-revenue distributions, funds kept by unit.

Contract (pure, exact):

* :func:`notice_end`: the last day on display: the printed end date when the notice gives
  one, else the posting day plus the days on display, counted as the city counts them
  (``city.notice_days.count_posting_day``: the posting day as day one, or from the next day
  as 《民法典》第二百零一条 counts);
* :func:`distribution_problems`: what in a :class:`~generator.model.notices.Distribution`
  cannot all be true (payments outside the rule's minimum and maximum, a total that the
  households and the lowest and highest payments cannot give, a per-household or per-area
  total that the rate does not give, allowing each household's rounding);
  :func:`distribution_headline` says what happened (``分配 1,250,000 元，每户 320–9,600 元``)
  and :func:`distribution_rule` the rule as one sentence;
* :func:`fund_units`: the units a maintenance fund's years and uses name, in order; funds of
  different units are never summed.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Iterable

from generator.model.city import City
from generator.model.notices import Distribution
from generator.model.vocabulary import DISTRIBUTION_BASES, ROUNDING_UNITS

ROUNDING_STEP = {"yuan": Decimal(1), "jiao": Decimal("0.1"), "fen": Decimal("0.01")}


def notice_end(posted_on: date, days: int | None, ends_on: date | None, city: City | None) -> date:
    if ends_on is not None:
        return ends_on
    assert days is not None, "a notice without an end date needs its days on display"
    counted = city is not None and city.notice_days.count_posting_day
    return posted_on + timedelta(days=days - 1 if counted else days)


def _m(value: Decimal) -> str:
    """``1,250,000`` for a whole amount, ``1,234.50`` otherwise (as notices print them)."""
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), ",")
    return format(value.quantize(Decimal("0.01")), ",.2f")


def _rate_total(d: Distribution) -> tuple[Decimal, Decimal] | None:
    """The total the rate gives, and how far each household's rounding may move it."""
    if d.rate is None or d.minimum is not None or d.maximum is not None:
        return None
    half = ROUNDING_STEP[d.rounding] / 2 if d.rounding else Decimal(0)
    if d.basis == "per_household" and d.households is not None:
        return d.rate * d.households, Decimal(0)
    if d.basis == "per_area" and d.area is not None:
        return d.rate * d.area, half * (d.households or 0)
    return None


def distribution_problems(d: Distribution) -> list[str]:
    out = []
    if d.minimum is not None and d.maximum is not None and d.minimum > d.maximum:
        out.append(f"每户最低 {_m(d.minimum)} 元高于每户最高 {_m(d.maximum)} 元")
    if d.lowest_paid is not None and d.minimum is not None and d.lowest_paid < d.minimum:
        out.append(f"实发最低 {_m(d.lowest_paid)} 元低于规则的每户最低 {_m(d.minimum)} 元")
    if d.highest_paid is not None and d.maximum is not None and d.highest_paid > d.maximum:
        out.append(f"实发最高 {_m(d.highest_paid)} 元高于规则的每户最高 {_m(d.maximum)} 元")
    if d.lowest_paid is not None and d.highest_paid is not None and d.lowest_paid > d.highest_paid:
        out.append(f"实发最低 {_m(d.lowest_paid)} 元高于实发最高 {_m(d.highest_paid)} 元")
    elif d.households:
        if d.lowest_paid is not None and d.total < d.lowest_paid * d.households:
            out.append(f"分配总额 {_m(d.total)} 元少于 {d.households} 户 × 实发最低 {_m(d.lowest_paid)} 元"
                       f" = {_m(d.lowest_paid * d.households)} 元")
        if d.highest_paid is not None and d.total > d.highest_paid * d.households:
            out.append(f"分配总额 {_m(d.total)} 元多于 {d.households} 户 × 实发最高 {_m(d.highest_paid)} 元"
                       f" = {_m(d.highest_paid * d.households)} 元")
    expected = _rate_total(d)
    if expected is not None and abs(d.total - expected[0]) > expected[1]:
        basis = f"{d.households} 户" if d.basis == "per_household" else f"{d.area} ㎡"
        out.append(f"分配总额 {_m(d.total)} 元与 分配标准 {d.rate} 元 × {basis} = {_m(expected[0])} 元不符")
    return out


def distribution_headline(d: Distribution) -> str:
    text = f"分配 {_m(d.total)} 元"
    if d.lowest_paid is not None and d.highest_paid is not None:
        text += f"，每户 {_m(d.lowest_paid)}–{_m(d.highest_paid)} 元"
    if d.households is not None:
        text += f"，共 {d.households} 户"
    return text


def distribution_rule(d: Distribution) -> str | None:
    """``按产权面积每㎡ 12.50 元，四舍五入到元，每户最低 320 元、最高 9,600 元``; None when
    the notice states no rule."""
    parts = []
    if d.basis is not None:
        unit = "每㎡" if d.basis == "per_area" else "每户"
        parts.append(f"{DISTRIBUTION_BASES[d.basis]}{unit} {d.rate} 元" if d.rate is not None else DISTRIBUTION_BASES[d.basis])
    if d.rounding is not None:
        parts.append(ROUNDING_UNITS[d.rounding])
    bounds = [f"最低 {_m(d.minimum)} 元" if d.minimum is not None else "", f"最高 {_m(d.maximum)} 元" if d.maximum is not None else ""]
    if any(bounds):
        parts.append("每户" + "、".join(b for b in bounds if b))
    return "，".join(parts) or None


def fund_units(names: Iterable[str | None]) -> list[str | None]:
    """The distinct units in first-seen order (None: the compound's fund, no unit named)."""
    out: list[str | None] = []
    for name in names:
        if name not in out:
            out.append(name)
    return out
