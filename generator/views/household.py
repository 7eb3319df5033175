"""What the key figures mean for one household: a worked fee example, the owners' money per
household, what it was spent on, and whom to call.

Contract: pure, format-neutral spans (:mod:`generator.views.spans`) for
:func:`generator.views.answers.key_figures`. Nothing is invented: every figure is a value of
the validated data or Decimal arithmetic on such values, worded as what it is.

* :func:`fee_example`: ``按户均建筑面积 108.9 ㎡ 计，住宅每月 147.02 元``: the compound's floor
  area over its households (one decimal, half up) times the current 物业服务费 per ㎡ and
  month (the 住宅 line when there is one; 现行 before an announced raise); only when the data gives both and the price is a
  plain number per ㎡ and month.
* :func:`per_household`: ``合每户 143.57 元``: an amount over the compound's households
  (only where the data gives households).
* :func:`use_spans`: what the owners' money was spent on in the quarter: ``本季度动用
  3,772.01 元：经业主大会表决，更换小区健身器材`` (the ledger's words), or ``本季度未动用``
  with the latest earlier use.
* :func:`contact_spans`: 报修, 物业投诉 (or the self-managing organisation) and the owners'
  committee, as callable phones.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Sequence

from generator.derive.ledgers import QuarterTotal
from generator.derive.prices import FeeLine, fee_lines
from generator.model.compound import Compound
from generator.model.tables import PublicRevenueRow
from generator.views.formatting import day_cn, money, quantity
from generator.views.spans import Span, fig, join, tel, text

if TYPE_CHECKING:
    from generator.views.compound import CompoundView

_TENTH = Decimal("0.1")
PER_AREA_MONTH = ("元/㎡·月", "元/平方米·月", "元/㎡/月", "元/平方米/月")
"""Units of a fee charged per ㎡ of floor area and month (the worked example needs one)."""


def typical_area(c: Compound) -> Decimal | None:
    """户均建筑面积: floor area over households, one decimal; None unless the data gives both."""
    if not c.households or not c.floor_area:
        return None
    return (c.floor_area / c.households).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _per_area_line(v: "CompoundView") -> FeeLine | None:
    lines = [ln for ln in fee_lines(v.rows("fee_schedule"), v.as_of)
             if ln.current is not None and ln.current.kind == "物业服务费" and ln.current.unit in PER_AREA_MONTH
             and ln.current.price.exact is not None]
    homes = [ln for ln in lines if ln.current is not None and "住宅" in ln.current.item]
    chosen = homes or lines
    return chosen[0] if chosen else None


def fee_example(v: "CompoundView") -> list[Span] | None:
    """``按户均建筑面积 108.9 ㎡ 计，住宅每月 147.02 元`` (the fee's label without 物业服务费;
    see the module docstring)."""
    area = typical_area(v.record.model)
    line = _per_area_line(v)
    row = line.current if line is not None else None
    price = row.price.exact if row is not None else None
    if area is None or line is None or row is None or price is None:
        return None
    now = "现行" if line.upcoming else ""
    label = row.item.removesuffix("物业服务费").removesuffix("物业费")
    return [text(f"按户均建筑面积 {quantity(area)} ㎡ 计，{label}{now}每月 "), fig(money(price * area)), text(" 元")]


def per_household(c: Compound, amount: Decimal | None) -> list[Span]:
    """``，合每户 143.57 元``; nothing without households or an amount."""
    if amount is None or not c.households:
        return []
    return [text("，合每户 "), fig(money(amount / c.households)), text(" 元")]


def use_spans(last: QuarterTotal, rows: Sequence[PublicRevenueRow]) -> list[Span]:
    """What the owners' money was spent on in ``last`` (see the module docstring)."""
    uses = [r for r in rows if r.type == "use"]
    within = [r for r in uses if last.period.start <= r.date <= last.period.end]
    if last.used:
        spans = [text("，本季度动用 "), fig(money(last.used)), text(" 元")]
        said = "；".join(dict.fromkeys(r.description for r in within))
        return spans + ([text(f"：{said}")] if said else [])
    before = [r for r in uses if r.date < last.period.start]
    if not before:
        return [text("，本季度未动用")]
    latest = max(before, key=lambda r: r.date)
    return [text(f"，本季度未动用（上次动用：{day_cn(latest.date)} "), fig(money(latest.amount)),
            text(f" 元，{latest.description}）")]


def contact_spans(v: "CompoundView") -> list[Span] | None:
    """``报修 0550-…，物业投诉 0550-…，业委会 0550-…`` (self-managed: the organisation's phone)."""
    c = v.record.model
    parts: list[list[Span]] = []
    phones = getattr(v.file("complaint_channels"), "phones", None)
    if phones is not None:
        parts += [[text("报修 "), tel(phones.repair)], [text("物业投诉 "), tel(phones.complaint)]]
    elif c.self_management is not None:
        parts.append([text(f"{c.self_management.organisation} "), tel(c.self_management.phone)])
    committee = c.owners_committee
    if committee is not None and committee.kind != "无" and committee.phone:
        parts.append([text(f"{committee.kind} "), tel(committee.phone)])
    return join(parts, "，") if parts else None
