"""Evaluation sheets and the evaluation policy: one defect at a time gives exactly the
expected finding (code, file, line, column), starting from a clean two-company sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import Finding, Severity
from tests.support import CSV, SHEET_CSV, SHEET_YAML, YAML, append, edit, findings_for, listing, only

def where(f: Finding) -> tuple:
    return (f.code, f.file, f.line, f.column, f.severity)


def test_clean_sheet_has_no_findings(rated: Path) -> None:
    assert findings_for(rated) == []


def test_unknown_company_reported_once_at_its_first_line(rated: Path) -> None:
    (rated / CSV).write_text(SHEET_CSV.replace("beta,", "betta,"), encoding="utf-8")
    edit(rated / YAML, "company: beta", "company: acme")
    f = only(rated)
    assert where(f) == ("ref-unknown", CSV, 5, 1, Severity.ERROR)
    assert "betta" in f.message and "3 行" in f.message
    assert "beta" in f.hint


def test_unknown_group_with_did_you_mean(rated: Path) -> None:
    append(rated / CSV, "acme,comunity,85,,")
    f = only(rated)
    assert where(f) == ("eval-unknown-group", CSV, 8, 2, Severity.ERROR)
    assert "community" in f.hint


def test_group_written_by_its_name_is_pointed_at_the_id(rated: Path) -> None:
    append(rated / CSV, "acme,居民评价,85,,")
    f = only(rated)
    assert f.code == "eval-unknown-group" and "residents" in f.hint


def test_missing_group_is_an_error_under_missing_group_error(rated: Path) -> None:
    edit(rated / CSV, "beta,regulator,75,,\n", "")
    f = only(rated)
    assert where(f) == ("eval-missing-group", CSV, 5, 2, Severity.ERROR)
    assert "主管部门评价" in f.message


@pytest.mark.parametrize("mode, words", [("zero", "记 0 分"), ("reweight", "重新归一")])
def test_missing_group_is_a_warning_when_the_policy_says_how_to_treat_it(rated: Path, mode: str, words: str) -> None:
    edit(rated / "city.yaml", "  cycle: half_year", f"  cycle: half_year\n  missing_group: {mode}")
    edit(rated / CSV, "beta,regulator,75,,\n", "")
    f = only(rated)
    assert where(f) == ("eval-missing-group", CSV, 5, 2, Severity.WARNING)
    assert words in f.message


@pytest.mark.parametrize("score", ["100.5", "-1"])
def test_score_outside_zero_to_max(rated: Path, score: str) -> None:
    edit(rated / CSV, "acme,regulator,90", f"acme,regulator,{score}")
    f = only(rated)
    assert where(f) == ("eval-score-range", CSV, 3, 3, Severity.ERROR)


def test_max_score_comes_from_the_policy(rated: Path) -> None:
    edit(rated / "city.yaml", "  cycle: half_year", "  cycle: half_year\n  max_score: 80")
    found = findings_for(rated)
    assert sorted((f.code, f.line) for f in found) == [
        ("eval-score-range", 2), ("eval-score-range", 3), ("eval-score-range", 4)]


def test_dimension_scores_summing_above_the_maximum(rated: Path) -> None:
    edit(rated / CSV, "acme,residents,88,,\n", "acme,residents,60,组织建设,\nacme,residents,50,服务质量,\n")
    f = only(rated)
    assert where(f) == ("eval-score-range", CSV, 2, 3, Severity.ERROR)
    assert "110" in f.message


def test_dimension_scores_averaged_may_each_reach_the_maximum(rated: Path) -> None:
    edit(rated / CSV, "acme,residents,88,,\n", "acme,residents,60,组织建设,\nacme,residents,50,服务质量,\n")
    append(rated / YAML, "dimension_aggregation: mean")
    assert findings_for(rated) == []


def test_duplicate_row(rated: Path) -> None:
    append(rated / CSV, "acme,residents,89,,")
    f = only(rated)
    assert where(f) == ("eval-duplicate-row", CSV, 8, 1, Severity.ERROR)
    assert "第 2 行" in f.message


def test_same_group_with_and_without_dimensions(rated: Path) -> None:
    append(rated / CSV, "acme,residents,10,组织建设,")
    f = only(rated)
    assert where(f) == ("eval-mixed-dimension", CSV, 2, 4, Severity.ERROR)


def test_unknown_compound(rated: Path) -> None:
    edit(rated / CSV, "acme,residents,88,,", "acme,residents,88,,pine-cort")
    f = only(rated)
    assert where(f) == ("ref-unknown", CSV, 2, 5, Severity.ERROR)
    assert "pine-court" in f.hint


def test_compound_of_another_company(rated: Path) -> None:
    edit(rated / CSV, "beta,residents,70,,", "beta,residents,70,,pine-court")
    f = only(rated)
    assert where(f) == ("eval-compound-company", CSV, 5, 5, Severity.ERROR)
    assert "acme" in f.message


def test_period_kind_must_match_the_cycle(rated: Path) -> None:
    edit(rated / YAML, "period: 2026-H1", "period: 2026-Q2")
    f = only(rated)
    assert where(f) == ("eval-period-kind", YAML, 1, None, Severity.ERROR)
    assert "季度" in f.message and "半年" in f.message


def test_rectification_for_an_unknown_company(rated: Path) -> None:
    edit(rated / YAML, "company: beta", "company: gamma")
    f = only(rated)
    assert where(f) == ("ref-unknown", YAML, 5, None, Severity.ERROR)
    assert f.field == "rectifications[1].company"


def test_rectification_for_a_company_not_on_the_sheet(rated: Path) -> None:
    (rated / CSV).write_text("\n".join(SHEET_CSV.splitlines()[:4]) + "\n", encoding="utf-8")
    f = only(rated)
    assert where(f) == ("eval-rectification-unrated", YAML, 5, None, Severity.WARNING)


def test_one_sheet_per_period(rated: Path) -> None:
    (rated / "evaluations" / "2026-h1-bis.yaml").write_text(SHEET_YAML, encoding="utf-8")
    (rated / "evaluations" / "2026-h1-bis.csv").write_text(SHEET_CSV, encoding="utf-8")
    found = findings_for(rated)
    assert [(f.code, f.file, f.line) for f in found] == [
        ("evaluation-duplicate-period", "evaluations/2026-h1.yaml", 1)]


# --- the policy itself (validated by the pydantic model when city.yaml loads) ---


def policy_finding(root: Path, old: str, new: str) -> Finding:
    edit(root / "city.yaml", old, new)
    found = [f for f in findings_for(root) if f.file == "city.yaml"]
    assert len(found) == 1, listing(found)
    return found[0]


def test_weights_must_sum_to_one(mini: Path) -> None:
    f = policy_finding(mini, "weight: 0.5}", "weight: 0.6}")
    assert (f.code, f.line) == ("field-invalid", 18)  # the first line of the evaluation_policy block
    assert "1.1" in f.message and "必须等于 1" in f.message


def test_weights_must_be_positive(mini: Path) -> None:
    edit(mini / "city.yaml", "weight: 0.5}", "weight: 0.7}")
    f = policy_finding(mini, "weight: 0.2}", "weight: 0}")
    assert f.code == "field-invalid" and "大于 0" in f.message


@pytest.mark.parametrize("ratio", ["0.6", "0.51"])
def test_ratio_above_one_half_is_rejected(mini: Path, ratio: str) -> None:
    f = policy_finding(mini, "bad_ratio: 0.1", f"bad_ratio: {ratio}")
    assert f.code == "field-invalid" and "0 到 0.5" in f.message


def test_negative_ratio_is_rejected(mini: Path) -> None:
    f = policy_finding(mini, "red_ratio: 0.1", "red_ratio: -0.1")
    assert (f.code, f.field) == ("value-range", "evaluation_policy.list_rule.red_ratio")


def test_ratio_of_one_half_is_allowed(mini: Path) -> None:
    edit(mini / "city.yaml", "bad_ratio: 0.1", "bad_ratio: 0.5")
    assert findings_for(mini) == []


def test_ratio_rule_needs_both_ratios(mini: Path) -> None:
    f = policy_finding(mini, "red_ratio: 0.1, ", "")
    assert f.code == "field-invalid" and "red_ratio" in f.message


def test_tie_break_must_name_a_rater_group(mini: Path) -> None:
    f = policy_finding(mini, "  cycle: half_year", "  cycle: half_year\n  tie_break: [resident]")
    assert f.code == "field-invalid" and "resident" in f.message


def test_a_grade_cannot_be_on_both_lists(mini: Path) -> None:
    f = policy_finding(
        mini, "list_rule: {kind: ratio, red_ratio: 0.1, bad_ratio: 0.1, rounding: down}",
        "list_rule: {kind: grades, red_grades: [A], bad_grades: [A]}\n  grades: [{name: A, min_score: 0}]")
    assert f.code == "field-invalid" and "同时" in f.message
