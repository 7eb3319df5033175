"""`python -m generator synth`: deterministic, valid synthetic cities."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.findings import Findings
from generator.load.dataset import load
from generator.tools.synth import write_city
from generator.tools.synth.ledgers import affordable_uses, fund_years
from generator.tools.synth.names import DISTRICTS, plan_city
from tests.support import AS_OF, cli


def synth(out: Path, count: int, seed: int) -> Path:
    result = cli("synth", "--compounds", str(count), "--seed", str(seed), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def check_json(root: Path) -> tuple[int, list[dict]]:
    result = cli("check", "--data", str(root), "--as-of", AS_OF.isoformat(), "--format", "json")
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture(scope="module")
def city30(tmp_path_factory) -> Path:
    return synth(tmp_path_factory.mktemp("synth") / "city", 30, 1)


def test_same_seed_same_bytes(tmp_path: Path, city30: Path):
    again = synth(tmp_path / "again", 30, 1)
    assert snapshot(again) == snapshot(city30)


def test_different_seed_differs(tmp_path: Path, city30: Path):
    other = snapshot(synth(tmp_path / "other", 30, 2))
    first = snapshot(city30)
    assert other != first
    assert len([name for name in first if other.get(name) != first[name]]) > 10


def test_thirty_compounds_pass_check(city30: Path):
    code, findings = check_json(city30)
    assert code == 0
    assert [f for f in findings if f["severity"] == "error"] == []


def test_thirty_compounds_have_every_item_and_a_mix_of_states(city30: Path):
    findings = Findings()
    ds = load(city30, findings)
    matrix = run_checks(ds, AS_OF, findings)
    assert len(matrix) == 30
    states = {st.state for row in matrix.values() for st in row.values()}
    assert {"published", "stale", "missing", "not_applicable"} <= states
    assert all(st.reason for row in matrix.values() for st in row.values() if st.state == "not_applicable")
    for item in ds.catalogue.model.items:
        assert any(row[item.id].state == "published" for row in matrix.values()), item.id


def test_evaluations_cover_every_company_and_rater_group(city30: Path):
    findings = Findings()
    ds = load(city30, findings)
    groups = {g.id for g in ds.city.model.evaluation_policy.rater_groups}
    assert sorted(ds.evaluations) == ["2025-h2", "2026-h1"]
    for record in ds.evaluations.values():
        rows = {(r.company, r.group) for r in record.table.rows}
        assert rows == {(c, g) for c in ds.companies for g in groups}


def test_compounds_and_companies_scale(tmp_path: Path):
    findings = Findings()
    write_city(tmp_path, 120, 5)
    ds = load(tmp_path, findings)
    assert len(ds.compounds) == 120
    assert len(ds.city.model.districts) >= 4
    assert 12 <= len(ds.companies) <= 18
    managed = {rec.model.company for rec in ds.compounds.values()}
    assert set(ds.companies) <= managed


def test_refuses_a_non_empty_output_folder(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("staff notes", encoding="utf-8")
    result = cli("synth", "--compounds", "3", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "staff notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


@pytest.mark.slow
def test_thousand_compounds_pass_check(tmp_path: Path):
    write_city(tmp_path, 1000, 7)
    code, findings = check_json(tmp_path)
    assert code == 0
    assert [f for f in findings if f["severity"] == "error"] == []


def test_a_province_of_twenty_districts_is_planned_with_distinct_names():
    plan, _rng = plan_city(20000, 1, len(DISTRICTS))
    assert len(plan.districts) == 20
    streets = [s["id"] for d in plan.districts for s in d["streets"]]
    communities = [c["id"] for d in plan.districts for s in d["streets"] for c in s["communities"]]
    assert len(set(streets)) == len(streets) and len(set(communities)) == len(communities)
    assert len(communities) == 5000


def test_more_districts_than_the_synthetic_names_is_refused_in_chinese(tmp_path: Path):
    result = cli("synth", "--compounds", "30", "--districts", str(len(DISTRICTS) + 1), "--out", str(tmp_path / "c"))
    assert result.exit_code == 2
    assert f"最多 {len(DISTRICTS)} 个区" in result.output
    assert not (tmp_path / "c").exists()


def test_a_maintenance_fund_never_pays_out_more_than_it_holds():
    opening, flows = Decimal("1000.00"), [(2024, Decimal("0"), Decimal("0")), (2025, Decimal("0"), Decimal("0"))]
    uses = [(date(2024, 5, 1), Decimal("600.00")), (date(2025, 3, 1), Decimal("300.00")),
            (date(2025, 6, 1), Decimal("400.00"))]
    rows = [{"date": day, "amount": amount} for day, amount in uses]
    kept_uses, kept_rows = affordable_uses(opening, flows, uses, rows)
    assert [u[1] for u in kept_uses] == [Decimal("600.00"), Decimal("300.00")]
    assert [r["amount"] for r in kept_rows] == [Decimal("600.00"), Decimal("300.00")]
    assert all(y["closing_balance"] >= 0 for y in fund_years(opening, flows, kept_uses))
