"""The clerk's traps, read as the clerk sees them: each a one-defect copy of the mini city's
public-revenue workbook (tests/fixtures/workbooks/clerk.py), made with openpyxl here and as
LibreOffice Calc saved it (tests/fixtures/workbooks/clerk/, by make.py), must give exactly
its one finding, at the sheet and cell the clerk has to change, in Chinese with a hint; a
defect that is no mistake (a 序号 column, a 1904 workbook, text reading ``N/A``, an 18-digit
number) gives none and the ledger shows what the cell shows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.findings import Findings
from generator.load.dataset import load
from tests.fixtures.workbooks.clerk import DEFECTS, SPREADSHEET_COMPUTES, build
from tests.support import PC, ROOT, findings_for, listing

SAVED = ROOT / "tests" / "fixtures" / "workbooks" / "clerk"
FILE = f"{PC}/public_revenue.xlsx"


def put(mini: Path, name: str, maker: str) -> None:
    (mini / PC / "public_revenue.csv").unlink()
    if maker == "openpyxl":
        build(name).save(mini / FILE)
    else:
        shutil.copy(SAVED / f"{name}.xlsx", mini / FILE)


def test_distinct_mistakes_in_one_workbook_are_each_named_once(mini: Path) -> None:
    """A title on top, a duplicate row hidden and a signature under the table: three mistakes,
    three findings, each with its fix, reported together."""
    wb = build("hidden-duplicate-row")
    DEFECTS["title-row"][0](wb)
    DEFECTS["signature-line"][0](wb)
    (mini / PC / "public_revenue.csv").unlink()
    wb.save(mini / FILE)
    found = findings_for(mini)
    assert [(f.code, f.location()) for f in found] == [
        ("xlsx-hidden-rows", f"{FILE}:公共收益收支!4:4"), ("table-title-row", f"{FILE}:公共收益收支!A1"),
        ("table-signature-row", f"{FILE}:公共收益收支!10:10")], listing(found)


@pytest.mark.parametrize("maker", ["openpyxl", "libreoffice"])
@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_one_clerk_mistake_gives_its_one_finding(mini: Path, name: str, maker: str) -> None:
    put(mini, name, maker)
    says = DEFECTS[name][1]
    found = findings_for(mini)
    if says.code is None or (maker == "libreoffice" and name in SPREADSHEET_COMPUTES):
        assert found == [], listing(found)
        ledger = load(mini, Findings()).compounds["pine-court"].items["public_revenue"].table.rows
        for index, field, shown in says.rows:
            value = getattr(ledger[index], field)
            assert (value.isoformat() if hasattr(value, "isoformat") else str(value)) == shown
        return
    assert len(found) == 1, listing(found)
    f = found[0]
    assert (f.code, f.location()) == (says.code, f"{FILE}:{says.where}"), listing(found)
    assert all(w in f.message + (f.hint or "") for w in says.words), listing(found)
    assert f.hint
