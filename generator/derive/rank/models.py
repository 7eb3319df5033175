"""Scoring models: one company's total from its group scores, with the arithmetic as text.

* ``weighted`` (加权平均): the sum of group score x factor, divided by the policy's divisor
  (1 for weights written as 0.5 or 50%, 10 for ``5:3:2``). Missing groups follow
  ``policy.missing_group``: ``zero`` (and ``error``, which the check reports, so such data
  is never published) count them as 0; ``reweight`` divides by the factors present.
  ``88.00×0.5 + 90.00×0.3 + 85.00×0.2 = 87.70``; ``(88.00×5 + 90.00×3 + 85.00×2) ÷ 10 = 87.70``.
* ``points`` (基础分加减分): ``base`` plus each group added or deducted as its sign says, a
  group counting at most its ``cap``; the total may be negative.
  ``100 + 加分 5.00 − 扣分 12.00 = 93.00``; ``基础分 80.00 + 优良 40.00（45.00，封顶 40） − 不良 6.00 = 114.00``.

Every total is rounded half up to ``policy.score_decimals``; the text shows the exact value
and ``≈`` the rounded one when they differ.
"""

from __future__ import annotations

from decimal import Decimal

from generator.derive.rank.scores import fixed, plain, quantize, shown
from generator.model.policy import EvaluationPolicy

MISSING_MARK = "（缺评）"
MINUS = "−"


def _result(exact: Decimal, text: str, decimals: int) -> tuple[Decimal, str]:
    result = quantize(exact, decimals)
    if exact == result:
        return result, f"{text} = {fixed(result, decimals)}"
    return result, f"{text} = {shown(exact, decimals)} ≈ {fixed(result, decimals)}"


def weighted(scores: dict[str, Decimal], policy: EvaluationPolicy) -> tuple[Decimal, str, tuple[str, ...]]:
    """(total, arithmetic, missing group ids) under ``scoring: weighted``."""
    d = policy.score_decimals
    terms_def, divisor = policy.weight_terms()
    missing = tuple(t.group for t in terms_def if t.group not in scores)
    terms: list[str] = []
    total = present = Decimal(0)
    for t in terms_def:
        if t.group in scores:
            total += scores[t.group] * t.factor
            present += t.factor
            terms.append(f"{fixed(scores[t.group], d)}×{t.label}")
        elif policy.missing_group != "reweight":
            terms.append(f"{fixed(Decimal(0), d)}{MISSING_MARK}×{t.label}")
    text = " + ".join(terms) if terms else fixed(Decimal(0), d)
    denominator = present if policy.missing_group == "reweight" and missing else divisor
    if denominator == 0:
        exact = Decimal(0)
    elif denominator == 1:
        exact = total
    else:
        exact = total / denominator
        text = f"({text}) ÷ {plain(denominator)}"
    value, text = _result(exact, text, d)
    return value, text, missing


def points(scores: dict[str, Decimal], policy: EvaluationPolicy) -> tuple[Decimal, str, tuple[str, ...]]:
    """(total, arithmetic, ()) under ``scoring: points``: groups without rows count 0."""
    d = policy.score_decimals
    total = policy.base
    text = plain(policy.base) if policy.base else ""
    for g in policy.rater_groups:
        if g.id not in scores:
            continue
        score = scores[g.id]
        counted = min(score, g.cap) if g.cap is not None else score
        term = f"{g.name} {fixed(counted, d)}"
        if counted != score:
            term += f"（{fixed(score, d)}，封顶 {plain(g.cap or counted)}）"
        total += counted if g.sign == "add" else -counted
        op = "+" if g.sign == "add" else MINUS
        text = f"{text} {op} {term}" if text else (term if g.sign == "add" else f"{MINUS}{term}")
    value, text = _result(total, text or fixed(Decimal(0), d), d)
    return value, text, ()


def total(scores: dict[str, Decimal], policy: EvaluationPolicy) -> tuple[Decimal, str, tuple[str, ...]]:
    """The policy's scoring model applied to one company's group scores."""
    return points(scores, policy) if policy.scoring == "points" else weighted(scores, policy)
