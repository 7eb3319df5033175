"""Score arithmetic: rounding, number forms, and group scores from sheet rows.

Rounding rule (stated on the methodology page): every group score and every composite is
rounded half up (``ROUND_HALF_UP``) to ``policy.score_decimals`` places. A company's group
score is computed per compound (its dimension rows summed or averaged, as the sheet's
``dimension_aggregation`` says; a row without a compound counts as one unit), then averaged
over its compounds, then rounded. The composite is the sum of the rounded group scores times
their weights, rounded (:mod:`generator.derive.rank.models`); so anyone can redo the arithmetic
from the published figures. An explanation shows the exact value before rounding (a
non-terminating quotient is shown to two more places followed by "…").
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Literal

from generator.model.policy_parts import plain
from generator.model.tables import EvaluationRow

__all__ = ["fixed", "group_breakdown", "group_scores", "companies_in", "plain", "quantize", "shown"]


def quantize(value: Decimal, decimals: int) -> Decimal:
    """Round half up to ``decimals`` places."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fixed(value: Decimal, decimals: int) -> str:
    """A score as shown on pages: rounded to ``decimals`` places, always with them."""
    return format(quantize(value, decimals), "f")


def shown(value: Decimal, decimals: int) -> str:
    """An exact intermediate value: ``decimals`` places, more if it has them (``…`` if endless)."""
    if value == quantize(value, decimals):
        return fixed(value, decimals)
    short = quantize(value, decimals + 2)
    return plain(value) if short == value else plain(short) + "…"


def _unit_text(parts: list[tuple[str | None, Decimal]], aggregation: str, decimals: int) -> tuple[Decimal, str]:
    total = sum((score for _, score in parts), Decimal(0))
    value = total if aggregation == "sum" else total / len(parts)
    terms = " + ".join(f"{dim} {shown(score, decimals)}" if dim else shown(score, decimals) for dim, score in parts)
    if len(parts) == 1:
        return value, terms
    text = terms if aggregation == "sum" else f"({terms}) ÷ {len(parts)}"
    return value, f"{text} = {shown(value, decimals)}"


def group_breakdown(
    rows: Iterable[EvaluationRow],
    groups: Iterable[str],
    aggregation: Literal["sum", "mean"],
    decimals: int,
    compound_names: dict[str, str] | None = None,
) -> tuple[dict[str, dict[str, Decimal]], dict[str, dict[str, str]]]:
    """(company -> {group -> rounded score}, company -> {group -> how it was computed}).

    Only the groups named in ``groups`` count. The "how" text exists only where a group score
    comes from more than one row (dimensions or compounds); it names dimensions as written in
    the sheet and compounds by ``compound_names`` (else by id), e.g.
    ``组织建设 18.50 + 队伍建设 17.50 = 36.00`` or ``(东苑：90.00 + 西苑：85.00) ÷ 2 = 87.50``.
    Units and parts are listed in sorted order, so the text is independent of row order.
    """
    wanted = set(groups)
    units: dict[tuple[str, str], dict[str, list[tuple[str | None, Decimal]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row.group in wanted:
            units[(row.company, row.group)][row.compound or ""].append((row.dimension, row.score))
    scores: dict[str, dict[str, Decimal]] = defaultdict(dict)
    details: dict[str, dict[str, str]] = defaultdict(dict)
    for (company, group), by_unit in sorted(units.items()):
        values, texts = [], []
        for compound, parts in sorted(by_unit.items()):
            value, text = _unit_text(sorted(parts, key=lambda p: (p[0] or "", p[1])), aggregation, decimals)
            values.append(value)
            label = (compound_names or {}).get(compound, compound)
            texts.append(f"{label}：{text}" if compound else text)
        exact = sum(values, Decimal(0)) / len(values)
        result = quantize(exact, decimals)
        scores[company][group] = result
        rows_used = sum(len(parts) for parts in by_unit.values())
        if rows_used > 1:
            text = texts[0] if len(texts) == 1 else f"({' + '.join(texts)}) ÷ {len(texts)} = {shown(exact, decimals)}"
            if exact != result:
                text += f" ≈ {fixed(result, decimals)}"
            details[company][group] = text
    return dict(scores), dict(details)


def group_scores(
    rows: Iterable[EvaluationRow],
    groups: Iterable[str],
    aggregation: Literal["sum", "mean"],
    decimals: int,
) -> dict[str, dict[str, Decimal]]:
    """company id -> {group id -> rounded score}, for the groups named in ``groups`` only."""
    return group_breakdown(rows, groups, aggregation, decimals)[0]


def companies_in(rows: Iterable[EvaluationRow]) -> list[str]:
    """Every company that has at least one row (even in an unknown group), sorted."""
    return sorted({row.company for row in rows})
