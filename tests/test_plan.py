"""The site plan lists every output of a build, and the build publishes exactly that."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.derive.rank import rank_all
from generator.findings import Findings
from generator.load.dataset import load
from generator.views import paths
from generator.render.plan import SitePlan, plan_site
from generator.views.site import Views
from tests.sitebuild import sample_site
from tests.support import AS_OF, DATA, ROOT


def _plan(data: Path) -> SitePlan:
    findings = Findings()
    ds = load(data, findings)
    matrix = run_checks(ds, AS_OF, findings)
    assert not findings.has_errors()
    return plan_site(Views(ds, matrix, rank_all(ds), AS_OF))


def test_every_planned_output_is_in_the_built_site(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = sample_site(tmp_path_factory)
    plan = _plan(built.data)
    missing = []
    for output in plan.outputs.values():
        target = built.site / paths.built_file(output.path)
        if not target.is_file():
            missing.append(output.path)
    assert missing == []
    kinds = {kind: len(plan.of_kind(kind)) for kind in ("page", "asset", "data", "feed", "pdf", "html")}
    assert all(kinds.values()), kinds
    built_pdfs = sorted(p.relative_to(built.site).as_posix() for p in (built.site / "pdf").rglob("*.pdf"))
    assert built_pdfs == sorted(o.path for o in plan.of_kind("pdf"))


def test_every_compound_and_catalogue_item_has_a_page_and_the_qr_targets_follow_the_url_rules() -> None:
    plan = _plan(DATA)
    base = plan.base_url
    compounds = [p.name for p in (DATA / "compounds").iterdir() if p.is_dir()]
    assert len(compounds) >= 10
    for cid in compounds:
        assert plan.has(paths.compound_home(cid))
        assert plan.has(f"compounds/{cid}/public-revenue.md")
        pdf = plan.outputs[paths.pdf_file(cid)]
        assert pdf.qr == f"{base}compounds/{cid}/"
    rankings = [pdf for pdf in plan.of_kind("pdf") if pdf.path.startswith("pdf/ranking-")]
    assert rankings
    for pdf in plan.of_kind("pdf"):
        if pdf.path.startswith("pdf/ranking-"):
            period = pdf.path.removeprefix("pdf/ranking-").removesuffix(".pdf")
            assert pdf.qr == f"{base}ranking/{period}/"
    assert plan.outputs["compounds/lanting/index.md"].url == "compounds/lanting/"


def test_url_rules_live_in_one_module() -> None:
    """No renderer spells a site path itself: the f-strings that make paths are in views/paths.py."""
    offenders = subprocess.run(
        ["grep", "-rnE", r"f\"(pdf/|data/ledgers|[a-z-]+/\{[^}]*\}/?[a-z-]*(index)?\.md)", str(ROOT / "generator")],
        capture_output=True, text=True).stdout.splitlines()
    assert [line for line in offenders if "views/paths.py" not in line and ".md.j2" not in line] == []
