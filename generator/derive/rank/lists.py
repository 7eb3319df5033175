"""Order, rank, list and grade: the rules that turn totals into lists.

* Strict order: higher total first; equal totals are ordered by the policy's ``tie_break``
  groups (higher score first, a missing score counts as 0), then by company id. The list
  quotas count along this order.
* Rank: standard competition ranking on the total alone (1, 2, 2, 4): companies with
  equal totals share a rank, even when the tie-break put one of them on a list.
* Lists are filled in the policy's order (``policy.list_specs()``): ``top_ratio``/``bottom_ratio``
  cover the first or last ``ratio × n`` places rounded as the rule says (down = floor, half_up,
  up = ceiling; n = every company on the sheet), ``top_n``/``bottom_n`` that many places,
  ``grades`` every company of those grades; a company already on an earlier list keeps it and
  its place is not passed on. So a company is never on two lists, and a list can get fewer
  members than its rule (a small sheet, or the last company already on a grade list).
  A list without a rule is decided, never computed.
* Grades: a grade for incomplete data (``missing``) first, then the first grade (highest
  minimum first) whose minimum the total reaches and whose ``unless`` groups have no points.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Sequence

from generator.derive.rank.scores import fixed, plain
from generator.model.policy import EvaluationPolicy, ListSpec, Selection

ROUNDING = {"down": ROUND_FLOOR, "half_up": ROUND_HALF_UP, "up": ROUND_CEILING}


def quota(ratio: Decimal, n: int, rounding: str) -> int:
    """``ratio × n`` rounded by ``rounding`` (down/half_up/up), e.g. 0.1 × 35 down -> 3."""
    return int((ratio * n).quantize(Decimal(1), rounding=ROUNDING[rounding]))


def order_key(company: str, total: Decimal, scores: dict[str, Decimal], policy: EvaluationPolicy) -> tuple:
    return (-total, *(-scores.get(g, Decimal(0)) for g in policy.tie_break), company)


def competition_ranks(totals: Sequence[Decimal]) -> list[int]:
    """Ranks for totals already in descending order: 1, 2, 2, 4."""
    ranks: list[int] = []
    for i, value in enumerate(totals):
        ranks.append(ranks[-1] if i and value == totals[i - 1] else i + 1)
    return ranks


def grade_of(total: Decimal, policy: EvaluationPolicy, scores: dict[str, Decimal] | None = None,
             missing: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """(grade, why in plain words) for one company; (None, None) without grades."""
    names = {g.id: g.name for g in policy.rater_groups}
    word = "得分" if policy.scoring == "points" else "综合得分"
    value = fixed(total, policy.score_decimals)
    skipped: list[str] = []
    for grade in policy.grades:
        if grade.missing:
            if missing:
                return grade.name, f"缺少{'、'.join(names[m] for m in missing)}的评价数据，评为 {grade.name}"
            continue
        if grade.min_score is not None and total < grade.min_score:
            continue
        marks = [names[u] for u in grade.unless if (scores or {}).get(u, Decimal(0)) > 0]
        if marks:
            skipped.append(f"有{'、'.join(marks)}记录，不评 {grade.name}")
            continue
        reach = f" ≥ {plain(grade.min_score)}" if grade.min_score is not None else ""
        return grade.name, "，".join([f"{word} {value}{reach}", *skipped, f"评为 {grade.name}"])
    return None, None


def _chosen(rule: Selection, free: list[int], grades: Sequence[str | None], n: int) -> list[int]:
    if rule.grades:
        return [i for i in free if grades[i] in rule.grades]
    free_set = set(free)
    ratio = rule.top_ratio if rule.top_ratio is not None else rule.bottom_ratio
    k = min(quota(ratio, n, rule.rounding) if ratio is not None else (rule.top_n or rule.bottom_n or 0), n)
    places = range(k) if rule.end == "top" else range(n - k, n)
    return [i for i in places if i in free_set]


def assign_lists(grades: Sequence[str | None], specs: Sequence[ListSpec]) -> tuple[list[str | None], dict[str, int]]:
    """List ids for companies in strict order, and how many each list took."""
    n = len(grades)
    out: list[str | None] = [None] * n
    counts: dict[str, int] = {}
    for spec in specs:
        if spec.rule is None:
            continue
        chosen = _chosen(spec.rule, [i for i in range(n) if out[i] is None], grades, n)
        for i in chosen:
            out[i] = spec.id
        counts[spec.id] = len(chosen)
    return out, counts


def rule_words(rule: Selection) -> str:
    """The rule as a notice says it: ``按末位 20%``, ``按前 3 名``, ``按等级 C``."""
    if rule.grades:
        return f"按等级 {'、'.join(rule.grades)}"
    if rule.top_ratio is not None:
        return f"按前 {plain(rule.top_ratio * 100)}%"
    if rule.bottom_ratio is not None:
        return f"按末位 {plain(rule.bottom_ratio * 100)}%"
    return f"按前 {rule.top_n} 名" if rule.top_n is not None else f"按末 {rule.bottom_n} 名"


def list_reason(spec: ListSpec, position: int, n: int, total: Decimal, grade: str | None,
                policy: EvaluationPolicy) -> str:
    """Why a company is on ``spec``: ``5 家中综合得分最低（70.10），按末位 20% 列入黑榜``.
    ``position`` is its place in the strict order (0 = first). A city that publishes grades or
    counts (``policy.publish``) publishes no score and no place: ``评为 D，按等级 D 列入黑榜``,
    ``按末位 20% 列入黑榜``."""
    assert spec.rule is not None
    word = "得分" if policy.scoring == "points" else "综合得分"
    value = fixed(total, policy.score_decimals)
    words = rule_words(spec.rule)
    words += " " if words[-1].isascii() else ""
    if policy.publish != "ranks":
        return (f"评为 {grade}，" if spec.rule.grades else "") + f"{words}列入{spec.name}"
    if spec.rule.grades:
        return f"{word} {value}，评为 {grade}，{words}列入{spec.name}"
    if spec.rule.end == "top":
        place = "最高" if position == 0 else f"第 {position + 1} 高"
    else:
        back = n - position
        place = "最低" if back == 1 else f"倒数第 {back}"
    return f"{n} 家中{word}{place}（{value}），{words}列入{spec.name}"
