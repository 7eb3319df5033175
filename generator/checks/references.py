"""Checks: references (being written)."""

from __future__ import annotations

from datetime import date

from generator.findings import Findings
from generator.load.dataset import Dataset


def check(ds: Dataset, findings: Findings, as_of: date | None = None) -> None:
    return None
