"""Compute every period's ranking from the dataset: pure, exact and deterministic.

:func:`rank_rows` ranks one sheet given the policy and the previous period's ranking;
:func:`rank_all` ranks every sheet of a :class:`~generator.load.dataset.Dataset` in
chronological order; :func:`history` picks one company's results across periods.

"Previous period" means the period that ends the day before this one starts: after a gap
(a period without a sheet) the rank change is None and the bad-list streak starts again.
Rows in rater groups the policy does not name are ignored here (the check reports them).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Iterable

from generator.load.dataset import Dataset
from generator.model.city import EvaluationPolicy
from generator.model.evaluation import EvaluationSheet
from generator.model.tables import EvaluationRow
from generator.derive.rank.lists import assign_lists, competition_ranks, grade_of, order_key
from generator.derive.rank.results import CompanyResult, PeriodRanking
from generator.derive.rank.scores import companies_in, composite, group_breakdown


def _adjacent(previous: PeriodRanking | None, sheet: EvaluationSheet) -> PeriodRanking | None:
    if previous is not None and previous.period.end + timedelta(days=1) == sheet.period.start:
        return previous
    return None


def _rectification(sheet: EvaluationSheet, company: str) -> str | None:
    notes = [f"{n.status}：{n.note}" for n in sheet.rectifications if n.company == company]
    return "；".join(notes) if notes else None


def rank_rows(
    policy: EvaluationPolicy,
    sheet: EvaluationSheet,
    rows: Iterable[EvaluationRow],
    previous: PeriodRanking | None = None,
    compound_names: dict[str, str] | None = None,
) -> PeriodRanking:
    """Rank one sheet. ``previous`` is the ranking of the sheet before it (any period);
    ``compound_names`` (id -> name) are used in the per-compound explanations."""
    rows = list(rows)
    d = policy.score_decimals
    scores, details = group_breakdown(rows, [g.id for g in policy.rater_groups], sheet.dimension_aggregation, d,
                                      compound_names)
    prepared = []
    for company in companies_in(rows):
        own = scores.get(company, {})
        value, text, missing = composite(own, policy)
        prepared.append((order_key(company, value, own, policy), company, own, value, text, missing))
    prepared.sort(key=lambda p: p[0])
    ranks = competition_ranks([p[3] for p in prepared])
    grades = [grade_of(p[3], policy) for p in prepared]
    lists, red, bad = assign_lists(grades, policy.list_rule)
    before = _adjacent(previous, sheet)
    results = []
    for i, (_, company, own, value, text, missing) in enumerate(prepared):
        prior = before.result_of(company) if before else None
        streak = (1 + (prior.consecutive_bad if prior else 0)) if lists[i] == "bad" else 0
        results.append(CompanyResult(
            company=company,
            group_scores={g.id: own[g.id] for g in policy.rater_groups if g.id in own},
            composite=value,
            rank=ranks[i],
            list=lists[i],
            grade=grades[i],
            rank_change=(prior.rank - ranks[i]) if prior else None,
            consecutive_bad=streak,
            flagged=streak >= policy.consecutive_bad_flag,
            explanation=text,
            rectification=_rectification(sheet, company),
            missing_groups=missing,
            group_details={g.id: details[company][g.id] for g in policy.rater_groups
                           if g.id in details.get(company, {})},
        ))
    return PeriodRanking(sheet.period, policy, sheet, results, red, bad)


def rank_all(ds: Dataset) -> list[PeriodRanking]:
    """Every evaluation sheet ranked under the city's policy, oldest period first."""
    if ds.city is None:
        return []
    policy = ds.city.model.evaluation_policy
    records = sorted(ds.evaluations.values(), key=lambda r: (r.sheet.model.period.start, r.sheet.model.period.end))
    names = {cid: rec.model.name for cid, rec in ds.compounds.items()}
    out: list[PeriodRanking] = []
    for record in records:
        out.append(rank_rows(policy, record.sheet.model, record.table.rows, out[-1] if out else None, names))
    return out


def history(rankings: Iterable[PeriodRanking], company_id: str) -> list[tuple[PeriodRanking, CompanyResult]]:
    """The company's result in every period it was evaluated, in the order of ``rankings``."""
    out = []
    for ranking in rankings:
        result = ranking.result_of(company_id)
        if result is not None:
            out.append((ranking, result))
    return out
