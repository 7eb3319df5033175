"""Order, rank, list and grade: the rules that turn composites into red/bad lists.

* Strict order: higher composite first; equal composites are ordered by the policy's
  ``tie_break`` groups (higher score first, a missing score counts as 0), then by company
  id. The list quotas count along this order.
* Rank: standard competition ranking on the composite alone (1, 2, 2, 4): companies with
  equal composites share a rank, even when the tie-break put one of them on a list.
* Quotas (``ratio``): ``ratio × n`` rounded as the rule says (down = floor, half_up,
  up = ceiling), where n is the number of companies on the sheet; ``top_bottom``: the first
  ``top_n`` and last ``bottom_n``; ``grades``: companies whose grade is listed.
* A company is never on both lists: the red list is filled first and the bad list takes
  at most the companies left (so small sheets can get fewer bad places than the rule).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Sequence

from generator.model.vocabulary import ROUNDINGS
from generator.derive.rank.results import ListName
from generator.model.city import EvaluationPolicy, ListRule

ROUNDING = {"down": ROUND_FLOOR, "half_up": ROUND_HALF_UP, "up": ROUND_CEILING}
ROUNDING_LABELS = ROUNDINGS  # the words are the vocabulary's (model/vocabulary.py)


def quota(ratio: Decimal, n: int, rounding: str) -> int:
    """``ratio × n`` rounded by ``rounding`` (down/half_up/up), e.g. 0.1 × 35 down -> 3."""
    return int((ratio * n).quantize(Decimal(1), rounding=ROUNDING[rounding]))


def order_key(company: str, composite: Decimal, scores: dict[str, Decimal], policy: EvaluationPolicy) -> tuple:
    return (-composite, *(-scores.get(g, Decimal(0)) for g in policy.tie_break), company)


def competition_ranks(composites: Sequence[Decimal]) -> list[int]:
    """Ranks for composites already in descending order: 1, 2, 2, 4."""
    ranks: list[int] = []
    for i, value in enumerate(composites):
        ranks.append(ranks[-1] if i and value == composites[i - 1] else i + 1)
    return ranks


def grade_of(composite: Decimal, policy: EvaluationPolicy) -> str | None:
    """The first grade (highest minimum first) whose minimum the composite reaches."""
    for grade in policy.grades:
        if composite >= grade.min_score:
            return grade.name
    return None


def assign_lists(grades: Sequence[str | None], rule: ListRule) -> tuple[list[ListName | None], int, int]:
    """Lists for companies in strict order; returns (lists, red count, bad count)."""
    n = len(grades)
    out: list[ListName | None] = [None] * n
    if rule.kind == "grades":
        for i, grade in enumerate(grades):
            if grade is not None and grade in rule.red_grades:
                out[i] = "red"
            elif grade is not None and grade in rule.bad_grades:
                out[i] = "bad"
        return out, out.count("red"), out.count("bad")
    if rule.kind == "ratio":
        assert rule.red_ratio is not None and rule.bad_ratio is not None
        red, bad = quota(rule.red_ratio, n, rule.rounding), quota(rule.bad_ratio, n, rule.rounding)
    else:
        red, bad = rule.top_n or 0, rule.bottom_n or 0
    red = min(red, n)
    bad = min(bad, n - red)
    for i in range(red):
        out[i] = "red"
    for i in range(n - bad, n):
        out[i] = "bad"
    return out, red, bad
