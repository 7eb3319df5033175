"""Scoring models, grades, lists, publication forms, cycles and flags: each in its own small
policy, as cities write them. Every expected figure was worked out by hand from the rule."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from pydantic import ValidationError

from generator.derive.rank import PeriodRanking, rank_rows
from generator.model.policy import EvaluationPolicy
from generator.model.tables import EvaluationRow
from tests.support import GROUPS, rows, sheet

UNWEIGHTED = [{k: v for k, v in g.items() if k != "weight"} for g in GROUPS]


def make(**data: Any) -> EvaluationPolicy:
    base: dict[str, Any] = {"version": "T", "cycle": "half_year", "rater_groups": GROUPS}
    base.update(data)
    return EvaluationPolicy.model_validate(base)


def points_rows(table: dict[str, dict[str, Any]]) -> list[EvaluationRow]:
    return [EvaluationRow(company=c, group=g, score=str(s)) for c, groups in table.items() for g, s in groups.items()]


# --- weights as cities write them -------------------------------------------------------

def test_weights_written_as_a_ratio_divide_by_their_sum():
    policy = make(rater_groups=UNWEIGHTED, weights="5:3:2")
    r = rank_rows(policy, sheet(), rows({"a": (88, 90, 85)})).results[0]
    # (440 + 270 + 170) / 10 = 88
    assert r.composite == D("88.00")
    assert r.explanation == "(88.00×5 + 90.00×3 + 85.00×2) ÷ 10 = 88.00"


def test_weights_written_as_percentages_show_as_written():
    policy = make(rater_groups=UNWEIGHTED, weights="50%/30%/20%")
    r = rank_rows(policy, sheet(), rows({"a": (88, 90, 85)})).results[0]
    assert r.explanation == "88.00×50% + 90.00×30% + 85.00×20% = 88.00"


def test_one_third_each_is_exact_until_the_rounding():
    policy = make(rater_groups=UNWEIGHTED, weights="1:1:1")
    r = rank_rows(policy, sheet(), rows({"a": (90, 80, 81)})).results[0]
    # 251 / 3 = 83.666… -> 83.67
    assert r.composite == D("83.67")
    assert r.explanation.endswith("÷ 3 = 83.6667… ≈ 83.67")


def test_a_group_weight_may_be_a_percentage():
    groups = [{**g, "weight": w} for g, w in zip(UNWEIGHTED, ("50%", "30%", "20%"))]
    assert make(rater_groups=groups).weight_terms()[0][0].factor == D("0.5")


@pytest.mark.parametrize("weights, words", [("50%/30%/30%", "110%"), ("5:3", "2 个数"), ("5:x:2", "权重")])
def test_wrong_weights_are_refused_in_words(weights, words):
    with pytest.raises(ValidationError, match=words):
        make(rater_groups=UNWEIGHTED, weights=weights)


# --- points from a base, capped components summed with signs -------------------------------

POINTS_GROUPS = [{"id": "plus", "name": "加分", "sign": "add"}, {"id": "minus", "name": "扣分", "sign": "deduct"}]


def test_points_are_added_and_deducted_from_the_base_and_may_go_negative():
    policy = make(scoring="points", base=100, rater_groups=POINTS_GROUPS,
                  lists=[{"id": "black", "name": "黑名单", "tone": "bad", "rule": {"bottom_n": 1}}])
    table = {"a": {"plus": 5, "minus": 12}, "b": {"minus": 130}, "c": {"plus": 3}}
    ranking = rank_rows(policy, sheet(), points_rows(table))
    got = {r.company: (r.composite, r.explanation) for r in ranking.results}
    assert got["a"] == (D("93.00"), "100 + 加分 5.00 − 扣分 12.00 = 93.00")
    assert got["b"] == (D("-30.00"), "100 − 扣分 130.00 = -30.00")
    assert got["c"] == (D("103.00"), "100 + 加分 3.00 = 103.00")
    assert [(r.company, r.list) for r in ranking.results] == [("c", None), ("a", None), ("b", "black")]
    assert ranking.result_of("b").reason == "3 家中得分最低（-30.00），按末 1 名列入黑名单"


def test_capped_components_count_at_most_their_cap():
    groups = [{"id": "basic", "name": "基础分", "cap": 80}, {"id": "good", "name": "优良信息", "cap": 40},
              {"id": "bad", "name": "不良信息", "sign": "deduct"}]
    policy = make(scoring="points", rater_groups=groups, lists=[])
    r = rank_rows(policy, sheet(), points_rows({"a": {"basic": 80, "good": 45, "bad": 6}})).results[0]
    # 80 + min(45, 40) - 6 = 114
    assert r.composite == D("114.00")
    assert r.explanation == "基础分 80.00 + 优良信息 40.00（45.00，封顶 40） − 不良信息 6.00 = 114.00"


# --- grades with conditions, publication forms -------------------------------------------

CONDITIONAL = [{"name": "A", "min_score": 60}, {"name": "B", "min_score": 0, "unless": ["bad"]},
               {"name": "C", "min_score": 0}, {"name": "C", "missing": True}]


def test_below_60_is_b_only_without_a_bad_record_and_c_when_data_is_missing():
    groups = [{"id": "basic", "name": "基础分", "weight": "0.8"}, {"id": "bad", "name": "不良记录", "weight": "0.2"}]
    policy = make(rater_groups=groups, grades=CONDITIONAL, missing_group="zero", lists=[])
    table = [("a", "basic", 90), ("a", "bad", 0), ("b", "basic", 50), ("b", "bad", 0),
             ("c", "basic", 50), ("c", "bad", 10), ("d", "basic", 95)]
    ranking = rank_rows(policy, sheet(), [EvaluationRow(company=c, group=g, score=str(s)) for c, g, s in table])
    got = {r.company: (r.grade, r.grade_reason) for r in ranking.results}
    assert got["a"] == ("A", "综合得分 72.00 ≥ 60，评为 A")
    assert got["b"] == ("B", "综合得分 40.00 ≥ 0，评为 B")
    assert got["c"] == ("C", "综合得分 42.00 ≥ 0，有不良记录记录，不评 B，评为 C")
    assert got["d"] == ("C", "缺少不良记录的评价数据，评为 C")
    assert ranking.grade_counts() == [("A", 1), ("B", 1), ("C", 2)]


def test_publication_form_is_declared():
    assert make(publish="counts").publish == "counts"
    assert make(publish="公布等级").publish == "grades"
    with pytest.raises(ValidationError):
        make(publish="stars")


# --- the city's own lists ----------------------------------------------------------------

THREE_LISTS = [
    {"id": "white", "name": "白名单", "tone": "good", "rule": {"top_n": 1}, "consequences": ["优先推荐"]},
    {"id": "watch", "name": "重点关注名单", "tone": "warning", "rule": {"grades": ["C"]}},
    {"id": "black", "name": "黑名单", "tone": "bad", "rule": {"bottom_ratio": "0.2"}},
]


def test_three_lists_are_filled_in_order_and_never_overlap():
    policy = make(lists=THREE_LISTS, grades=[{"name": "B", "min_score": 60}, {"name": "C", "min_score": 0}])
    table = {"a": (90, 90, 90), "b": (80, 80, 80), "c": (59, 59, 59), "d": (50, 50, 50), "e": (70, 70, 70)}
    ranking = rank_rows(policy, sheet(), rows(table))
    assert [(r.company, r.list) for r in ranking.results] == [
        ("a", "white"), ("b", None), ("e", None), ("c", "watch"), ("d", "watch")]
    # the black list's 20% of 5 = 1 place finds nobody left: c and d are on the watch list already
    assert ranking.quotas == {"white": 1, "watch": 2, "black": 0}
    assert ranking.result_of("c").reason == "综合得分 59.00，评为 C，按等级 C 列入重点关注名单"
    assert [s.colour for s in policy.list_specs()] == ["#b3261e", "#7a5200", "#202124"]


def test_default_lists_are_red_and_black_or_yellow():
    legacy = {"list_rule": {"kind": "ratio", "red_ratio": "0.1", "bad_ratio": "0.1"}}
    assert [(s.id, s.name, s.tone) for s in make(**legacy).list_specs()] == [("red", "红榜", "good"), ("bad", "黑榜", "bad")]
    yellow = make(**legacy, bad_list_name="黄榜").list_specs()[1]
    assert (yellow.name, yellow.tone) == ("黄榜", "warning")


@pytest.mark.parametrize("colour, ok", [("#b3261e", True), ("#777777", False), ("#ffd600", False), ("#222", True)])
def test_a_list_colour_needs_contrast_of_4_5_on_white(colour, ok):
    lists = [{"id": "red", "name": "红榜", "tone": "good", "colour": colour}]
    if ok:
        assert make(lists=lists).list_specs()[0].colour.startswith("#")
    else:
        with pytest.raises(ValidationError, match="4.5:1"):
            make(lists=lists)


def test_a_list_without_a_rule_is_never_computed():
    policy = make(lists=[{"id": "credit", "name": "失信企业信息名录", "tone": "bad"}])
    ranking = rank_rows(policy, sheet(), rows({"a": (10, 10, 10), "b": (90, 90, 90)}))
    assert all(r.list is None and r.reason is None for r in ranking.results)


def test_ratio_reason_names_the_place_and_the_rule():
    policy = make(list_rule={"kind": "ratio", "red_ratio": "0.2", "bad_ratio": "0.4"})
    table = {"a": (90, 90, 90), "b": (80, 80, 80), "c": (75, 75, 75), "d": (70.1, 70.1, 70.1), "e": (60, 60, 60)}
    ranking = rank_rows(policy, sheet(), rows(table))
    assert ranking.result_of("a").reason == "5 家中综合得分最高（90.00），按前 20% 列入红榜"
    assert ranking.result_of("e").reason == "5 家中综合得分最低（60.00），按末位 40% 列入黑榜"
    assert ranking.result_of("d").reason == "5 家中综合得分倒数第 2（70.10），按末位 40% 列入黑榜"


# --- cycles and flags --------------------------------------------------------------------

def _series(policy: EvaluationPolicy, periods: list[str], tables: list[dict]) -> list[PeriodRanking]:
    out: list[PeriodRanking] = []
    for period, table in zip(periods, tables):
        out.append(rank_rows(policy, sheet(period), rows(table), earlier=list(out)))
    return out


LAST = {"a": (90, 90, 90), "b": (80, 80, 80), "z": (50, 50, 50)}
BOTTOM_ONE = {"list_rule": {"kind": "top_bottom", "top_n": 0, "bottom_n": 1}}


@pytest.mark.parametrize("cycle, periods, streaks", [
    ("month", ["2026-01", "2026-02", "2026-04"], [1, 2, 1]),
    ("quarter", ["2025-q4", "2026-q1", "2026-q2"], [1, 2, 3]),
    ("year", ["2024", "2025", "2026"], [1, 2, 3]),
    ("batch", ["2025-b3", "2026-b1", "2026-b3"], [1, 2, 1]),
])
def test_consecutive_periods_of_each_cycle(cycle, periods, streaks):
    series = _series(make(cycle=cycle, **BOTTOM_ONE), periods, [LAST] * 3)
    assert [p.result_of("z").consecutive_bad for p in series] == streaks
    assert [p.result_of("z").flagged for p in series] == [s >= 2 for s in streaks]


def test_a_batch_is_named_as_notices_name_it():
    assert sheet("2026-B2").period.label == "2026年第二批"
    assert sheet("2026-b12").period.label == "2026年第十二批"


def test_rolling_window_counts_times_on_the_list_within_the_months():
    flags = [{"list": "bad", "count": 3, "within_months": 12, "consequence": "重新核定信用等级"}]
    policy = make(cycle="quarter", flags=flags, **BOTTOM_ONE)
    off = {"a": (90, 90, 90), "b": (40, 40, 40), "z": (50, 50, 50)}
    periods = ["2025-q2", "2025-q3", "2025-q4", "2026-q1", "2026-q2"]
    series = _series(policy, periods, [LAST, off, LAST, LAST, LAST])
    hits = [p.result_of("z").flags for p in series]
    # q2, q4, q1 -> 3 times in 12 months at 2026-q1; at 2026-q2 the window starts after 2025-06-30
    assert [len(h) for h in hits] == [0, 0, 0, 1, 1]
    assert hits[3][0].text == "12 个月内累计 3 次列入黑榜（规则：12 个月内累计 3 次）"
    assert hits[3][0].consequence == "重新核定信用等级"
    assert hits[4][0].text.startswith("12 个月内累计 3 次")


def test_a_flag_names_a_list_of_the_policy():
    with pytest.raises(ValidationError, match="black"):
        make(flags=[{"list": "black", "consecutive": 2}], list_rule=BOTTOM_ONE["list_rule"])
