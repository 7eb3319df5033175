"""Hand-computed rankings: arithmetic, rounding, ties, quotas, missing groups, grades, streaks.

Every expected figure below was worked out by hand from the policy's rule, not taken from
the implementation's output.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from generator.model.tables import EvaluationRow
from generator.derive.rank import PeriodRanking, history, rank_rows
from tests.support import policy, rows, sheet, ten_companies


def summary(ranking: PeriodRanking) -> list[tuple[str, int, str | None]]:
    return [(r.company, r.rank, r.list) for r in ranking.results]


def test_composite_is_weighted_sum_with_the_arithmetic_written_out():
    result = rank_rows(policy(), sheet(), rows({"anju": (88, 90, 85)})).results[0]
    # 88×0.5 = 44, 90×0.3 = 27, 85×0.2 = 17 -> 88
    assert result.composite == D("88.00")
    assert result.group_scores == {"residents": D("88.00"), "regulator": D("90.00"), "street": D("85.00")}
    assert result.explanation == "88.00×0.5 + 90.00×0.3 + 85.00×0.2 = 88.00"


def test_rounding_is_half_up_and_shown():
    # 87.45×0.5 = 43.725; + 24 + 16 = 83.725 -> 83.73 half up (banker's rounding would give 83.72)
    result = rank_rows(policy(), sheet(), rows({"anju": ("87.45", 80, 80)})).results[0]
    assert result.composite == D("83.73")
    assert result.explanation == "87.45×0.5 + 80.00×0.3 + 80.00×0.2 = 83.725 ≈ 83.73"


def test_score_decimals_of_the_policy_apply():
    result = rank_rows(policy(score_decimals=1), sheet(), rows({"anju": ("87.45", 80, 80)})).results[0]
    # group score 87.45 -> 87.5 first; 43.75 + 24 + 16 = 83.75 -> 83.8
    assert result.group_scores["residents"] == D("87.5")
    assert result.composite == D("83.8")


def test_equal_composites_share_a_rank_and_the_tie_break_orders_them():
    table = {
        "a": (90, 90, 90),   # 90
        "b": (80, 90, 90),   # 40 + 27 + 18 = 85
        "c": (86, 84, 84),   # 43 + 25.2 + 16.8 = 85
        "d": (80, 80, 80),   # 80
    }
    by_id = rank_rows(policy(), sheet(), rows(table))
    assert [(r.company, r.rank) for r in by_id.results] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]
    by_residents = rank_rows(policy(tie_break=["residents"]), sheet(), rows(table))
    assert [(r.company, r.rank) for r in by_residents.results] == [("a", 1), ("c", 2), ("b", 2), ("d", 4)]


def test_quota_boundary_inside_a_tie_follows_the_tie_break():
    table = {"a": (90, 90, 90), "b": (80, 90, 90), "c": (86, 84, 84), "d": (80, 80, 80)}
    rule = {"kind": "top_bottom", "top_n": 2, "bottom_n": 1}
    ranking = rank_rows(policy(list_rule=rule, tie_break=["residents"]), sheet(), rows(table))
    # b and c share rank 2, but only two red places: c has the higher residents score
    assert summary(ranking) == [("a", 1, "red"), ("c", 2, "red"), ("b", 2, None), ("d", 4, "bad")]


def _many(n: int) -> list[EvaluationRow]:
    # company c01 scores 99, c02 98, ...: distinct composites, c01 best
    return rows({f"c{i:02d}": (100 - i, 100 - i, 100 - i) for i in range(1, n + 1)})


def test_ten_percent_of_35_companies_rounded_down_is_3_red_and_3_bad():
    ranking = rank_rows(policy(), sheet(), _many(35))
    assert (ranking.red_quota, ranking.bad_quota) == (3, 3)
    assert [r.company for r in ranking.red] == ["c01", "c02", "c03"]
    assert [r.company for r in ranking.bad] == ["c33", "c34", "c35"]


@pytest.mark.parametrize("rounding, expected", [("down", 3), ("half_up", 4), ("up", 4)])
def test_quota_rounding_modes_on_3_5_places(rounding, expected):
    rule = {"kind": "ratio", "red_ratio": "0.1", "bad_ratio": "0.1", "rounding": rounding}
    ranking = rank_rows(policy(list_rule=rule), sheet(), _many(35))
    assert (ranking.red_quota, ranking.bad_quota) == (expected, expected)


def test_fewer_than_ten_companies_give_empty_lists_at_ten_percent_rounded_down():
    nine = rank_rows(policy(), sheet(), _many(9))
    assert (nine.red_quota, nine.bad_quota) == (0, 0)
    assert all(r.list is None for r in nine.results)
    ten = rank_rows(policy(), sheet(), _many(10))
    assert [(r.company, r.list) for r in ten.results if r.list] == [("c01", "red"), ("c10", "bad")]


def test_a_company_is_never_on_both_lists_when_quotas_overlap():
    rule = {"kind": "ratio", "red_ratio": "0.5", "bad_ratio": "0.5", "rounding": "up"}
    one = rank_rows(policy(list_rule=rule), sheet(), _many(1))
    assert summary(one) == [("c01", 1, "red")]
    assert (one.red_quota, one.bad_quota) == (1, 0)
    three = rank_rows(policy(list_rule={"kind": "top_bottom", "top_n": 2, "bottom_n": 2}), sheet(), _many(3))
    assert [r.list for r in three.results] == ["red", "red", "bad"]


MISSING = {"anju": (80, None, 90), "bode": (70, 70, 70)}


def test_missing_group_counted_as_zero():
    ranking = rank_rows(policy(missing_group="zero"), sheet(), rows(MISSING))
    anju = ranking.result_of("anju")
    # 40 + 0 + 18 = 58
    assert anju.composite == D("58.00")
    assert anju.missing_groups == ("regulator",)
    assert anju.explanation == "80.00×0.5 + 0.00（缺评）×0.3 + 90.00×0.2 = 58.00"
    assert [r.company for r in ranking.results] == ["bode", "anju"]


def test_missing_group_reweighted():
    ranking = rank_rows(policy(missing_group="reweight"), sheet(), rows(MISSING))
    anju = ranking.result_of("anju")
    # (40 + 18) / 0.7 = 82.857142… -> 82.86
    assert anju.composite == D("82.86")
    assert anju.explanation == "(80.00×0.5 + 90.00×0.2) ÷ 0.7 = 82.8571… ≈ 82.86"
    assert "regulator" not in anju.group_scores
    assert [r.company for r in ranking.results] == ["anju", "bode"]


def test_missing_group_under_error_policy_still_computes_as_zero():
    # the check reports the error (see test_rank_checks); the figures never reach a page
    anju = rank_rows(policy(), sheet(), rows(MISSING)).result_of("anju")
    assert anju.composite == D("58.00")
    assert anju.missing_groups == ("regulator",)


GRADES = [
    {"name": "AAA", "min_score": 85}, {"name": "AA", "min_score": 80}, {"name": "A", "min_score": 70},
    {"name": "B", "min_score": 60}, {"name": "C", "min_score": 0},
]


def test_grades_from_thresholds_and_lists_by_grade():
    table = {
        "top": (85, 85, 85),          # 85.00: AAA (the minimum is included)
        "near": ("84.99", 85, 85),     # 42.495 + 25.5 + 17 = 84.995 -> 85.00 half up: AAA
        "mid": ("84.98", 85, 85),      # 42.49 + 25.5 + 17 = 84.99: AA
        "pass": (60, 60, 60),          # 60.00: B
        "fail": ("59.99", 60, 60),     # 29.995 + 18 + 12 = 59.995 -> 60.00: B
        "low": (50, 60, 60),           # 25 + 18 + 12 = 55: C
    }
    rule = {"kind": "grades", "red_grades": ["AAA"], "bad_grades": ["C"]}
    ranking = rank_rows(policy(grades=GRADES, list_rule=rule), sheet(), rows(table))
    got = {r.company: (str(r.composite), r.grade, r.list) for r in ranking.results}
    assert got == {
        "top": ("85.00", "AAA", "red"), "near": ("85.00", "AAA", "red"), "mid": ("84.99", "AA", None),
        "pass": ("60.00", "B", None), "fail": ("60.00", "B", None), "low": ("55.00", "C", "bad"),
    }
    assert (ranking.red_quota, ranking.bad_quota) == (2, 1)


def test_grades_shown_alongside_a_ratio_rule():
    ranking = rank_rows(policy(grades=GRADES), sheet(), _many(10))
    assert [r.grade for r in ranking.results[:2]] == ["AAA", "AAA"]  # 99, 98
    assert ranking.results[-1].grade == "AAA"  # 90: still AAA; grades do not depend on rank


PERIODS = ("2025-H1", "2025-H2", "2026-H1")


def _periods(tables: list[dict], periods=PERIODS, flag: int = 2) -> list[PeriodRanking]:
    out: list[PeriodRanking] = []
    for table, period in zip(tables, periods):
        out.append(rank_rows(policy(consecutive_bad_flag=flag), sheet(period), rows(table), earlier=list(out)))
    return out


def test_consecutive_bad_list_periods_raise_the_flag():
    z = [p.result_of("z") for p in _periods([ten_companies(), ten_companies(), ten_companies()])]
    assert [(x.list, x.consecutive_bad, x.flagged) for x in z] == [("bad", 1, False), ("bad", 2, True), ("bad", 3, True)]
    z3 = [p.result_of("z") for p in _periods([ten_companies(), ten_companies(), ten_companies()], flag=3)]
    assert [x.flagged for x in z3] == [False, False, True]


def test_one_period_off_the_bad_list_restarts_the_streak():
    # in the middle period y (40) is last and takes the only bad place; z is ninth
    r = _periods([ten_companies(), ten_companies(y=40), ten_companies()])
    assert [(p.result_of("z").list, p.result_of("z").consecutive_bad) for p in r] == [("bad", 1), (None, 0), ("bad", 1)]
    assert not any(p.result_of("z").flagged for p in r)


def test_rank_change_since_the_previous_period():
    r = _periods([ten_companies(), ten_companies(y=40), ten_companies()])
    assert [p.result_of("y").rank for p in r] == [1, 10, 1]
    assert [p.result_of("y").rank_change for p in r] == [None, -9, 9]
    assert [p.result_of("c0").rank_change for p in r] == [None, 1, -1]


def test_a_gap_between_periods_restarts_the_streak_and_has_no_rank_change():
    r = _periods([ten_companies(), ten_companies(), ten_companies()], periods=("2024-H1", "2025-H1", "2025-H2"))
    z = [p.result_of("z") for p in r]
    assert [x.consecutive_bad for x in z] == [1, 1, 2]
    assert [x.rank_change for x in z] == [None, None, 0]


def test_history_lists_every_period_the_company_was_rated():
    second = ten_companies(y=40)
    del second["c7"]
    r = _periods([ten_companies(), second, ten_companies()])
    assert [(p.period.id, res.rank) for p, res in history(r, "y")] == [("2025-h1", 1), ("2025-h2", 9), ("2026-h1", 1)]
    assert [p.period.id for p, _ in history(r, "c7")] == ["2025-h1", "2026-h1"]
    assert history(r, "c7")[1][1].rank_change is None  # not rated in the previous period
    assert history(r, "nobody") == []


def test_dimensions_summed_or_averaged_and_compounds_averaged():
    dims = [("组织建设", 18), ("队伍建设", 17), ("日常管理", 19), ("服务质量", 18), ("社会形象", 16)]
    table = [EvaluationRow(company="anju", group="residents", score=str(s), dimension=d) for d, s in dims]
    table += [EvaluationRow(company="anju", group="regulator", score="90", compound="east"),
              EvaluationRow(company="anju", group="regulator", score="85", compound="west"),
              EvaluationRow(company="anju", group="street", score="80")]
    summed = rank_rows(policy(), sheet(), table).results[0]
    # residents 18+17+19+18+16 = 88; regulator (90+85)/2 = 87.5; 44 + 26.25 + 16 = 86.25
    assert summed.group_scores == {"residents": D("88.00"), "regulator": D("87.50"), "street": D("80.00")}
    assert summed.composite == D("86.25")
    # the parts are explained, dimensions in sorted order, compounds by name where known
    assert summed.group_details == {
        "residents": "日常管理 19.00 + 服务质量 18.00 + 社会形象 16.00 + 组织建设 18.00 + 队伍建设 17.00 = 88.00",
        "regulator": "(east：90.00 + west：85.00) ÷ 2 = 87.50",
    }
    named = rank_rows(policy(), sheet(), table, compound_names={"east": "东苑", "west": "西苑"}).results[0]
    assert named.group_details["regulator"] == "(东苑：90.00 + 西苑：85.00) ÷ 2 = 87.50"
    averaged = rank_rows(policy(), sheet(dimension_aggregation="mean"), table).results[0]
    # residents 88/5 = 17.6; 8.8 + 26.25 + 16 = 51.05
    assert averaged.group_scores["residents"] == D("17.60")
    assert averaged.composite == D("51.05")
    assert averaged.group_details["residents"] == (
        "(日常管理 19.00 + 服务质量 18.00 + 社会形象 16.00 + 组织建设 18.00 + 队伍建设 17.00) ÷ 5 = 17.60")


def test_dimensions_inside_compounds_with_an_endless_mean():
    table = [EvaluationRow(company="anju", group="residents", score=s, dimension=d, compound=c)
             for c, d, s in [("east", "甲", "90"), ("east", "乙", "85"), ("east", "丙", "81"), ("west", None, "80")]]
    table += rows({"anju": (None, 80, 80)})
    result = rank_rows(policy(), sheet(dimension_aggregation="mean"), table).results[0]
    # east: (90 + 85 + 81) / 3 = 85.333…; (85.333… + 80) / 2 = 82.666… -> 82.67
    assert result.group_scores["residents"] == D("82.67")
    assert result.group_details["residents"] == (
        "(east：(丙 81.00 + 乙 85.00 + 甲 90.00) ÷ 3 = 85.3333… + west：80.00) ÷ 2 = 82.6667… ≈ 82.67")


def test_rectification_notes_are_attached_to_their_company():
    s = sheet(rectifications=[{"company": "bode", "note": "楼道堆物清理", "status": "整改中"},
                              {"company": "bode", "note": "电梯年检", "status": "已整改"}])
    ranking = rank_rows(policy(), s, rows({"anju": (90, 90, 90), "bode": (60, 60, 60)}))
    assert ranking.result_of("bode").rectification == "整改中：楼道堆物清理；已整改：电梯年检"
    assert ranking.result_of("anju").rectification is None


def test_rows_of_groups_the_policy_does_not_name_are_ignored():
    table = rows({"anju": (80, 80, 80)}) + [EvaluationRow(company="anju", group="media", score="0")]
    assert rank_rows(policy(), sheet(), table).results[0].composite == D("80.00")
