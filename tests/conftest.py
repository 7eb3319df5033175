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
