"""Properties of the ranking that hold for any sheet (hypothesis).

* the result is a permutation of the rated companies, with positions 1..n;
* it does not depend on the order of the CSV rows;
* raising one of a company's scores never lowers its rank;
* no company is on both lists, and the lists sit at the two ends of the order.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.model.city import EvaluationPolicy
from generator.model.tables import EvaluationRow
from generator.derive.rank import rank_rows
from tests.support import GROUPS, policy, sheet

# Scores on grids, one very coarse, so that ties (the interesting case) are common.
score = st.one_of(st.integers(0, 4).map(lambda i: Decimal(i) * 25),
                  st.integers(0, 40).map(lambda i: Decimal(i) * Decimal("2.5")))
company_ids = st.lists(st.from_regex(r"[a-b][a-z0-9]{0,5}", fullmatch=True), min_size=1, max_size=25, unique=True)
policies = st.sampled_from([
    policy(),
    policy(tie_break=["street", "residents"], missing_group="zero",
           list_rule={"kind": "ratio", "red_ratio": "0.5", "bad_ratio": "0.5", "rounding": "up"}),
    policy(missing_group="reweight", list_rule={"kind": "top_bottom", "top_n": 3, "bottom_n": 3}),
    policy(grades=[{"name": "A", "min_score": 80}, {"name": "B", "min_score": 60}, {"name": "C", "min_score": 0}],
           list_rule={"kind": "grades", "red_grades": ["A"], "bad_grades": ["C"]}, missing_group="zero"),
])


@st.composite
def sheets(draw):
    """(policy, rows): every company has every group unless the policy tolerates gaps; a
    group is scored in one row or in dimension rows over compounds; sum or mean; some
    companies are clones of others (exact ties)."""
    pol: EvaluationPolicy = draw(policies)
    rows = []
    for company in draw(company_ids):
        for g in GROUPS:
            if pol.missing_group != "error" and draw(st.integers(0, 5)) == 0:
                continue
            parts = draw(st.integers(1, 3))
            for j in range(parts):  # a single score, or dimension rows spread over compounds
                extra = {} if parts == 1 else {"dimension": f"d{j}", "compound": draw(st.sampled_from([None, "east", "west"]))}
                rows.append(EvaluationRow(company=company, group=g["id"], score=draw(score), **extra))
    companies = sorted({row.company for row in rows})
    for k in range(draw(st.integers(0, 3)) if companies else 0):  # exact ties: a clone of a company's rows
        source = draw(st.sampled_from(companies))
        rows += [row.model_copy(update={"company": f"clone{k}"}) for row in rows if row.company == source]
    return pol, rows, draw(st.sampled_from(["sum", "mean"]))


def outcome(ranking):
    return [(r.company, r.rank, r.composite, r.list, r.grade, r.explanation, r.group_details)
            for r in ranking.results]


@settings(max_examples=100, deadline=None)
@given(sheets())
def test_ranking_is_a_permutation_of_the_companies(case):
    pol, rows, aggregation = case
    s = sheet(dimension_aggregation=aggregation)
    ranking = rank_rows(pol, s, rows)
    assert sorted(r.company for r in ranking.results) == sorted({row.company for row in rows})
    composites = [r.composite for r in ranking.results]
    assert composites == sorted(composites, reverse=True)
    for r in ranking.results:  # standard competition rank: 1 + number strictly ahead
        assert r.rank == 1 + sum(1 for c in composites if c > r.composite)


@settings(max_examples=100, deadline=None)
@given(sheets(), st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_row_order(case, rnd):
    pol, rows, aggregation = case
    s = sheet(dimension_aggregation=aggregation)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert outcome(rank_rows(pol, s, shuffled)) == outcome(rank_rows(pol, s, rows))


@settings(max_examples=150, deadline=None)
@given(sheets(), st.data())
def test_raising_a_score_never_lowers_the_rank(case, data):
    pol, rows, aggregation = case
    s = sheet(dimension_aggregation=aggregation)
    assume(rows)
    i = data.draw(st.integers(0, len(rows) - 1), label="row")
    raised = data.draw(st.integers(0, 40).map(lambda k: Decimal(k) * Decimal("2.5")), label="new score")
    if raised < rows[i].score:
        raised = rows[i].score
    better = list(rows)
    better[i] = rows[i].model_copy(update={"score": raised})
    who = rows[i].company
    before = rank_rows(pol, s, rows).result_of(who)
    after = rank_rows(pol, s, better).result_of(who)
    assert after.rank <= before.rank
    assert after.composite >= before.composite


@settings(max_examples=100, deadline=None)
@given(sheets())
def test_lists_are_disjoint_and_at_the_ends(case):
    pol, rows, aggregation = case
    s = sheet(dimension_aggregation=aggregation)
    ranking = rank_rows(pol, s, rows)
    lists = [r.list for r in ranking.results]
    assert lists.count("red") == ranking.red_quota and lists.count("bad") == ranking.bad_quota
    assert ranking.red_quota + ranking.bad_quota <= len(lists)
    if pol.list_rule.kind != "grades":
        assert lists == ["red"] * ranking.red_quota + [None] * (len(lists) - ranking.red_quota - ranking.bad_quota) \
            + ["bad"] * ranking.bad_quota
