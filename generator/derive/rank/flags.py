"""Flags: a company on a list for consecutive periods, or several times within a window.

Contract: :func:`flag_hits` takes the company's lists in the periods before this one (oldest
first, each period with its lists) and returns the rules of ``policy.flag_rules()`` it meets
now, each in plain words with the rule's consequence. Consecutive means adjacent periods
(:func:`adjacent`): a month, quarter, half year or year ending the day before the next one
starts, or the batch numbered one less in the same year (batch 1 follows any batch of the
previous year). A window of N months counts the periods ending after the day N months before
this period's end, this period included.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Sequence

from generator.derive.rank.results import FlagHit
from generator.model.base import Period
from generator.model.policy import EvaluationPolicy, FlagRule


def adjacent(before: Period, after: Period) -> bool:
    """Whether ``after`` directly follows ``before``."""
    if after.batch is not None and before.batch is not None:
        same_year = before.start.year == after.start.year
        return (same_year and before.batch == after.batch - 1) or (
            after.batch == 1 and before.start.year == after.start.year - 1)
    return before.end + timedelta(days=1) == after.start


def months_before(day: date, months: int) -> date:
    """The last day of the month ``months`` before ``day``'s month: 2026-06-30, 12 -> 2025-06-30."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def streak(history: Sequence[tuple[Period, set[str]]], period: Period, list_id: str) -> int:
    """Adjacent periods in a row, ending with ``period`` (whose lists are last in ``history``),
    on ``list_id``."""
    count = 0
    after: Period | None = None
    for p, lists in reversed(history):
        if after is not None and not adjacent(p, after):
            break
        if list_id not in lists:
            break
        count += 1
        after = p
    return count


def _hit(rule: FlagRule, history: Sequence[tuple[Period, set[str]]], period: Period, name: str) -> FlagHit | None:
    if rule.consecutive is not None:
        run = streak(history, period, rule.list)
        if run >= rule.consecutive:
            return FlagHit(rule.list, f"连续 {run} 期列入{name}（规则：连续 {rule.consecutive} 期）", rule.consequence)
        return None
    assert rule.count is not None and rule.within_months is not None
    since = months_before(period.end, rule.within_months)
    times = sum(1 for p, lists in history if p.end > since and rule.list in lists)
    if times >= rule.count:
        return FlagHit(rule.list, f"{rule.within_months} 个月内累计 {times} 次列入{name}"
                                  f"（规则：{rule.within_months} 个月内累计 {rule.count} 次）", rule.consequence)
    return None


def flag_hits(policy: EvaluationPolicy, history: Sequence[tuple[Period, set[str]]]) -> tuple[FlagHit, ...]:
    """The flag rules met; ``history`` ends with this period."""
    if not history:
        return ()
    period = history[-1][0]
    out = []
    for rule in policy.flag_rules():
        spec = policy.list_spec(rule.list)
        hit = _hit(rule, history, period, spec.name if spec else rule.list)
        if hit is not None:
            out.append(hit)
    return tuple(out)
