"""Evaluation sheets and the evaluation policy: one defect at a time gives exactly the
expected finding (code, file, line, column, field, severity), starting from a clean
two-company sheet (the ``rated`` fixture) or, for the policy in city.yaml, the mini city."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import Severity
from tests.support import (CSV, SHEET_CSV, SHEET_YAML, YAML, Defect, add_line, cases, chain, edit, findings_for, replace,
                           write)

WARNING = Severity.WARNING

SHEET_DEFECTS = [
    Defect("unknown-company-reported-once-at-its-first-line",
           chain(write(CSV, SHEET_CSV.replace("beta,", "betta,")), replace(YAML, "company: beta", "company: acme")),
           "ref-unknown", CSV, 5, 1, field="company", says=("betta", "3 行"), hints=("beta",)),
    Defect("unknown-group-with-did-you-mean", add_line(CSV, "acme,comunity,85,,"),
           "eval-unknown-group", CSV, 8, 2, field="group", hints=("community",)),
    Defect("group-written-by-its-name", add_line(CSV, "acme,居民评价,85,,"),
           "eval-unknown-group", CSV, 8, 2, field="group", hints=("residents",)),
    Defect("missing-group-is-an-error-by-default", replace(CSV, "beta,regulator,75,,\n", ""),
           "eval-missing-group", CSV, 5, 2, field="group", says=("主管部门评价",)),
    *[Defect(f"missing-group-is-a-warning-under-{mode}",
             chain(replace("city.yaml", "  cycle: half_year", f"  cycle: half_year\n  missing_group: {mode}"),
                   replace(CSV, "beta,regulator,75,,\n", "")),
             "eval-missing-group", CSV, 5, 2, field="group", severity=WARNING, says=(words,))
      for mode, words in (("zero", "记 0 分"), ("reweight", "重新归一"))],
    *[Defect(f"score-{score}-outside-zero-to-max", replace(CSV, "acme,regulator,90", f"acme,regulator,{score}"),
             "eval-score-range", CSV, 3, 3, field="score")
      for score in ("100.5", "-1")],
    Defect("dimension-scores-summing-above-the-maximum",
           replace(CSV, "acme,residents,88,,\n", "acme,residents,60,组织建设,\nacme,residents,50,服务质量,\n"),
           "eval-score-range", CSV, 2, 3, field="score", says=("110",)),
    Defect("duplicate-row", add_line(CSV, "acme,residents,89,,"),
           "eval-duplicate-row", CSV, 8, 1, says=("第 2 行",)),
    Defect("same-group-with-and-without-dimensions", add_line(CSV, "acme,residents,10,组织建设,"),
           "eval-mixed-dimension", CSV, 2, 4, field="dimension"),
    Defect("unknown-compound", replace(CSV, "acme,residents,88,,", "acme,residents,88,,pine-cort"),
           "ref-unknown", CSV, 2, 5, field="compound", hints=("pine-court",)),
    Defect("compound-of-another-company", replace(CSV, "beta,residents,70,,", "beta,residents,70,,pine-court"),
           "eval-compound-company", CSV, 5, 5, field="compound", says=("acme",)),
    Defect("period-kind-must-match-the-cycle", replace(YAML, "period: 2026-H1", "period: 2026-Q2"),
           "eval-period-kind", YAML, 1, field="period", says=("季度", "半年")),
    Defect("rectification-for-an-unknown-company", replace(YAML, "company: beta", "company: gamma"),
           "ref-unknown", YAML, 5, field="rectifications[1].company"),
    Defect("rectification-for-a-company-not-on-the-sheet", write(CSV, "\n".join(SHEET_CSV.splitlines()[:4]) + "\n"),
           "eval-rectification-unrated", YAML, 5, field="rectifications[1].company", severity=WARNING),
    Defect("one-sheet-per-period",
           chain(write("evaluations/2026-h1-bis.yaml", SHEET_YAML), write("evaluations/2026-h1-bis.csv", SHEET_CSV)),
           "evaluation-duplicate-period", YAML, 1, field="period", says=("2026-h1-bis.yaml",)),
]


@pytest.mark.parametrize("defect", cases(SHEET_DEFECTS))
def test_one_sheet_defect_gives_its_finding(rated: Path, defect: Defect) -> None:
    defect.check(rated)


def test_clean_sheet_has_no_findings(rated: Path) -> None:
    assert findings_for(rated) == []


def test_max_score_comes_from_the_policy(rated: Path) -> None:
    edit(rated / "city.yaml", "  cycle: half_year", "  cycle: half_year\n  max_score: 80")
    found = findings_for(rated)
    assert sorted((f.code, f.line) for f in found) == [
        ("eval-score-range", 2), ("eval-score-range", 3), ("eval-score-range", 4)]


def test_dimension_scores_averaged_may_each_reach_the_maximum(rated: Path) -> None:
    edit(rated / CSV, "acme,residents,88,,\n", "acme,residents,60,组织建设,\nacme,residents,50,服务质量,\n")
    add_line(YAML, "dimension_aggregation: mean")(rated)
    assert findings_for(rated) == []


# --- the policy itself (validated by the pydantic model when city.yaml loads) ---

POLICY = "evaluation_policy"
POLICY_DEFECTS = [
    Defect("weights-must-sum-to-one", replace("city.yaml", "weight: 0.5}", "weight: 0.6}"),
           "field-invalid", "city.yaml", 18, 1, field=POLICY,  # the first line of the evaluation_policy block
           says=("1.1", "必须等于 1")),
    Defect("weights-must-be-positive",
           chain(replace("city.yaml", "weight: 0.5}", "weight: 0.7}"), replace("city.yaml", "weight: 0.2}", "weight: 0}")),
           "value-number", "city.yaml", 24, 37, field=f"{POLICY}.rater_groups[3].weight", says=("大于 0",)),
    *[Defect(f"ratio-{ratio}-above-one-half", replace("city.yaml", "bad_ratio: 0.1", f"bad_ratio: {ratio}"),
             "field-invalid", "city.yaml", 25, 3, field=f"{POLICY}.list_rule", says=("0 到 0.5",))
      for ratio in ("0.6", "0.51")],
    Defect("negative-ratio", replace("city.yaml", "red_ratio: 0.1", "red_ratio: -0.1"),
           "value-range", "city.yaml", 25, 28, field=f"{POLICY}.list_rule.red_ratio"),
    Defect("ratio-rule-needs-both-ratios", replace("city.yaml", "red_ratio: 0.1, ", ""),
           "field-invalid", "city.yaml", 25, 3, field=f"{POLICY}.list_rule", says=("red_ratio",)),
    Defect("tie-break-must-name-a-rater-group",
           replace("city.yaml", "  cycle: half_year", "  cycle: half_year\n  tie_break: [resident]"),
           "field-invalid", "city.yaml", 18, 1, field=POLICY, says=("resident",)),
    Defect("a-grade-cannot-be-on-both-lists",
           replace("city.yaml", "list_rule: {kind: ratio, red_ratio: 0.1, bad_ratio: 0.1, rounding: down}",
                   "list_rule: {kind: grades, red_grades: [A], bad_grades: [A]}\n  grades: [{name: A, min_score: 0}]"),
           "field-invalid", "city.yaml", 25, 3, field=f"{POLICY}.list_rule", says=("同时",)),
]


@pytest.mark.parametrize("defect", cases(POLICY_DEFECTS))
def test_one_policy_defect_gives_its_finding(mini: Path, defect: Defect) -> None:
    defect.check(mini)


def test_ratio_of_one_half_is_allowed(mini: Path) -> None:
    edit(mini / "city.yaml", "bad_ratio: 0.1", "bad_ratio: 0.5")
    assert findings_for(mini) == []
