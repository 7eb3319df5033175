"""Shared fixtures: a small valid city to break one defect at a time."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.findings import Finding, Findings
from generator.load.dataset import load

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
AS_OF = date(2026, 11, 15)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini, a one-compound city with no findings."""
    dest = tmp_path / "data"
    shutil.copytree(MINI, dest)
    return dest


def findings_for(root: Path, as_of: date = AS_OF) -> list[Finding]:
    findings = Findings()
    ds = load(root, findings)
    run_checks(ds, as_of, findings)
    return findings.sorted()


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in a UTF-8 text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# A clean two-company evaluation sheet for the ranking tests.
SHEET_YAML = """\
period: 2026-H1
published_on: 2026-07-20
organiser: 测试市住房和城乡建设局
rectifications:
  - {company: beta, note: 楼道堆物清理, status: 整改中}
"""
SHEET_CSV = """\
company,group,score,dimension,compound
acme,residents,88,,
acme,regulator,90,,
acme,community,85,,
beta,residents,70,,
beta,regulator,75,,
beta,community,80,,
"""
CSV = "evaluations/2026-h1.csv"
YAML = "evaluations/2026-h1.yaml"


@pytest.fixture
def rated(mini: Path) -> Path:
    """The mini city with a second company and a clean 2026-H1 evaluation sheet."""
    beta = (mini / "companies" / "acme.yaml").read_text(encoding="utf-8")
    (mini / "companies" / "beta.yaml").write_text(
        beta.replace("测试物业服务有限公司", "贝塔物业有限公司").replace("MA2T00001X", "MA2T00002X"), encoding="utf-8")
    (mini / "evaluations").mkdir()
    (mini / YAML).write_text(SHEET_YAML, encoding="utf-8")
    (mini / CSV).write_text(SHEET_CSV, encoding="utf-8")
    return mini
