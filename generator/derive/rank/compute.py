"""Compute every period's ranking from the dataset: pure, exact and deterministic.

:func:`rank_rows` ranks one sheet given the policy and the rankings before it;
:func:`rank_all` ranks every sheet of a :class:`~generator.load.dataset.Dataset` in
chronological order (batches by number); :func:`history` picks one company's results
across periods.

"Previous period" means the period directly before this one (:func:`~generator.derive.rank.flags.adjacent`):
after a gap (a period without a sheet) the rank change is None and streaks start again.
Rows in rater groups the policy does not name are ignored here (the check reports them).
A sheet without scores (lists by decision only) has no results, only its decided lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable, Sequence

from generator.derive.rank.decisions import DecidedList, decided_lists
from generator.derive.rank.flags import adjacent, flag_hits, streak
from generator.derive.rank.lists import assign_lists, competition_ranks, grade_of, list_reason, order_key
from generator.derive.rank.models import total
from generator.derive.rank.results import CompanyResult, PeriodRanking
from generator.derive.rank.scores import companies_in, group_breakdown
from generator.load.dataset import Dataset
from generator.model.evaluation import EvaluationSheet, RectificationNote
from generator.model.policy import EvaluationPolicy
from generator.model.tables import EvaluationRow

OVERDUE = "逾期未报整改结果"
"""What a rectification 整改中 reads once its deadline passed without a reported result."""


def _note_text(note: RectificationNote, as_of: date | None) -> tuple[str, bool]:
    if note.status == "整改中" and note.deadline is not None and as_of is not None and as_of > note.deadline:
        return f"{OVERDUE}（整改期限 {note.deadline.isoformat()}）：{note.note}", True
    return f"{note.status}：{note.note}", False


def rectification_text(sheet: EvaluationSheet, company: str, as_of: date | None) -> tuple[str | None, bool]:
    """The sheet's rectification notes for ``company`` as of ``as_of`` (``status：note``, joined by
    ``；``; 整改中 past its deadline reads 逾期未报整改结果), and whether one is overdue."""
    texts = [_note_text(n, as_of) for n in sheet.rectifications if n.company == company]
    if not texts:
        return None, False
    return "；".join(t for t, _ in texts), any(o for _, o in texts)


def _history(earlier: Sequence[PeriodRanking], sheet: EvaluationSheet, company: str, now: set[str]):
    return [*((r.period, r.lists_of(company)) for r in earlier), (sheet.period, now)]


def rank_rows(
    policy: EvaluationPolicy,
    sheet: EvaluationSheet,
    rows: Iterable[EvaluationRow],
    previous: PeriodRanking | None = None,
    compound_names: dict[str, str] | None = None,
    *,
    earlier: Sequence[PeriodRanking] | None = None,
    as_of: date | None = None,
    ds: Dataset | None = None,
) -> PeriodRanking:
    """Rank one sheet. ``earlier``: the rankings before it, oldest first (``previous`` alone
    stands for ``[previous]``); ``compound_names`` (id -> name) name compounds in the
    explanations; ``as_of``: the day rectification deadlines are judged on."""
    earlier = list(earlier) if earlier is not None else ([previous] if previous is not None else [])
    rows = list(rows)
    d = policy.score_decimals
    scores, details = group_breakdown(rows, [g.id for g in policy.rater_groups], sheet.dimension_aggregation, d,
                                      compound_names)
    prepared = []
    for company in companies_in(rows):
        own = scores.get(company, {})
        value, text, missing = total(own, policy)
        prepared.append((order_key(company, value, own, policy), company, own, value, text, missing))
    prepared.sort(key=lambda p: p[0])
    ranks = competition_ranks([p[3] for p in prepared])
    graded = [grade_of(p[3], policy, p[2], p[5]) for p in prepared]
    specs = policy.list_specs()
    lists, counts = assign_lists([g for g, _ in graded], specs)
    decided = decided_lists(policy, sheet, ds)
    before = earlier[-1] if earlier and adjacent(earlier[-1].period, sheet.period) else None
    n = len(prepared)
    results = []
    for i, (_, company, own, value, text, missing) in enumerate(prepared):
        place = _Place(i, n, ranks[i], lists[i], graded[i])
        results.append(_result(policy, sheet, place, company, own, value, text, missing, details.get(company, {}),
                               decided, earlier, before, as_of))
    return PeriodRanking(sheet.period, policy, sheet, results, counts.get("red", 0), counts.get("bad", 0),
                         counts, decided)


@dataclass(frozen=True)
class _Place:
    """Where a company stands in the strict order: position, of n, rank, list id, (grade, why)."""

    position: int
    n: int
    rank: int
    list: str | None
    graded: tuple[str | None, str | None]


def _result(policy: EvaluationPolicy, sheet: EvaluationSheet, place: _Place, company: str, own: dict[str, Decimal],
            value: Decimal, text: str, missing: tuple[str, ...], details: dict[str, str], decided: list[DecidedList],
            earlier: Sequence[PeriodRanking], before: PeriodRanking | None, as_of: date | None) -> CompanyResult:
    """One company's result: its list and why, its flags over the periods before, its rectification."""
    prior = before.result_of(company) if before else None
    now = {place.list} if place.list else set()
    now |= {dl.spec.id for dl in decided if company in dl.company_ids}
    history = _history(earlier, sheet, company, now)
    spec = policy.list_spec(place.list) if place.list else None
    rectification, overdue = rectification_text(sheet, company, as_of)
    hits = flag_hits(policy, history)
    bad_id = next((f.list for f in policy.flag_rules() if f.consecutive is not None), None)
    grade, grade_reason = place.graded
    return CompanyResult(
        company=company,
        group_scores={g.id: own[g.id] for g in policy.rater_groups if g.id in own},
        composite=value,
        rank=place.rank,
        list=place.list,
        grade=grade,
        rank_change=(prior.rank - place.rank) if prior else None,
        consecutive_bad=streak(history, sheet.period, bad_id) if bad_id else 0,
        flagged=bool(hits),
        explanation=text,
        rectification=rectification,
        missing_groups=missing,
        group_details={g.id: details[g.id] for g in policy.rater_groups if g.id in details},
        reason=list_reason(spec, place.position, place.n, value, grade, policy) if spec else None,
        grade_reason=grade_reason,
        flags=hits,
        rectification_overdue=overdue,
    )


def _order(sheet: EvaluationSheet) -> tuple:
    return (sheet.period.start, sheet.period.end, sheet.period.batch or 0)


def rank_all(ds: Dataset, as_of: date | None = None) -> list[PeriodRanking]:
    """Every evaluation sheet ranked under the city's policy, oldest period first."""
    if ds.city is None:
        return []
    policy = ds.city.model.evaluation_policy
    records = sorted(ds.evaluations.values(), key=lambda r: _order(r.sheet.model))
    names = {cid: rec.model.name for cid, rec in ds.compounds.items()}
    out: list[PeriodRanking] = []
    for record in records:
        rows = record.table.rows if record.table is not None else []
        out.append(rank_rows(policy, record.sheet.model, rows, compound_names=names, earlier=list(out),
                             as_of=as_of, ds=ds))
    return out


def history(rankings: Iterable[PeriodRanking], company_id: str) -> list[tuple[PeriodRanking, CompanyResult]]:
    """The company's result in every period it was evaluated, in the order of ``rankings``."""
    out = []
    for ranking in rankings:
        result = ranking.result_of(company_id)
        if result is not None:
            out.append((ranking, result))
    return out
