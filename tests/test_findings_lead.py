"""Findings that lead: the real cause first and alone, names beside ids, tables under their
Chinese names, workbook findings located by sheet and cell everywhere (privacy included)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.findings.suggest import did_you_mean
from tests.fixtures.workbooks.clerk import build
from tests.support import PC, edit, findings_for, listing, only


@pytest.mark.parametrize("suffix, says", [(".xls", "旧版"), (".et", "WPS"), (".xlsm", "宏")])
def test_a_table_in_a_format_that_cannot_be_read_is_one_finding_naming_it(mini: Path, suffix: str, says: str) -> None:
    csv = mini / PC / "public_revenue.csv"
    csv.rename(csv.with_suffix(suffix))
    f = only(mini)
    assert (f.code, f.file) == ("table-format", f"{PC}/public_revenue{suffix}") and says in f.message, listing([f])
    assert "public_revenue.xlsx" in (f.hint or "")


def test_a_table_named_in_chinese_is_read(mini: Path) -> None:
    (mini / PC / "public_revenue.csv").unlink()
    build("text-NA").save(mini / PC / "公共收益收支.xlsx")
    assert findings_for(mini) == []


def test_hints_name_what_an_id_stands_for(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "company: acme", "company: acne")
    f = only(mini)
    assert f.code == "ref-unknown" and f.hint == "是不是想写“acme”（测试物业服务有限公司）？"
    assert did_you_mean("安居物业", {"anju": "安居物业"}) == "“安居物业”是名称，这里请写它的编号“anju”。"
    assert did_you_mean("zzz", {"anju": "安居物业", "acme": None}) == "可用的编号：acme、anju（安居物业）"


def test_a_privacy_finding_in_a_workbook_names_the_sheet_and_cell(mini: Path) -> None:
    wb: Workbook = build("text-NA")
    wb.active["D3"] = "退款 13912345678"
    (mini / PC / "public_revenue.csv").unlink()
    wb.save(mini / PC / "public_revenue.xlsx")
    f = only(mini)
    assert f.location() == f"{PC}/public_revenue.xlsx:公共收益收支!D3", listing([f])
