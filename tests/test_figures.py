"""City figures keep numerator and denominator and follow the data."""

from __future__ import annotations

from pathlib import Path

from generator.checks import run_checks
from generator.derive.figures import city_figures, item_coverage
from generator.findings import Findings
from generator.load.dataset import load
from tests.support import AS_OF, PC, edit


def figures(root: Path):
    findings = Findings()
    ds = load(root, findings)
    status = run_checks(ds, AS_OF, findings)
    return {r.label: r for r in city_figures(ds, status)}, item_coverage(ds, status)


def test_complaint_rates_keep_their_counts(mini: Path) -> None:
    fig, _ = figures(mini)
    first = fig["投诉一次办结率"]
    assert (first.numerator, first.denominator, str(first.percent)) == (17, 20, "85.0")
    assert first.text() == "85.0%（17/20 件）"


def test_not_applicable_items_leave_the_denominator(mini: Path) -> None:
    (mini / PC / "parking.csv").unlink()
    (mini / PC / "parking.yaml").write_text("not_applicable: 小区无车位\n", encoding="utf-8")
    (mini / PC / "oversight.yaml").unlink()
    (mini / PC / "oversight.csv").unlink()
    fig, coverage = figures(mini)
    on_time = fig["公示项目按时公示率"]
    assert (on_time.numerator, on_time.denominator) == (9, 10)
    assert coverage["parking"]["not_applicable"] == 1 and coverage["oversight"]["missing"] == 1
    assert fig["投诉办结率"].percent is None and fig["投诉办结率"].text().startswith("—")


def test_self_managed_compound_lowers_professional_coverage(mini: Path) -> None:
    second = mini / "compounds" / "cedar-yard"
    second.mkdir()
    (second / "compound.yaml").write_text(
        (mini / PC / "compound.yaml").read_text(encoding="utf-8")
        .replace("management: professional\ncompany: acme\n", "management: self_managed\nself_management: {organisation: 杉院自治小组, phone: 0550-7000001}\n")
        .replace("floor_area: 40000", "floor_area: 10000"),
        encoding="utf-8",
    )
    edit(second / "compound.yaml", "name: 松园小区", "name: 杉院")
    fig, _ = figures(mini)
    assert fig["专业化物业服务覆盖率（小区）"].text() == "50.0%（1/2 个小区）"
    assert fig["专业化物业服务覆盖率（面积）"].text() == "80.0%（40000/50000 ㎡）"
