"""A table saved by Excel in any accepted encoding, header style and number style loads the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.findings import Findings
from generator.load.dataset import load
from tests.support import PC, findings_for

ENGLISH = (
    "date,type,category,description,amount,balance\n"
    "2026-07-05,income,广告,电梯广告,2000.00,3000.00\n"
    "2026-08-01,income,场地租赁,快递柜场地,1000.00,4000.00\n"
    "2026-08-15,cost,税费,税费,200.00,3800.00\n"
    "2026-09-30,company_share,企业分成,按约定 10%,280.00,3520.00\n"
    "2026-09-30,use,设施维修,更换路灯,500.00,3020.00\n"
)
EXCELISH = (
    "日期,类型,类别,摘要,金额,结余\r\n"
    "2026/7/5,income,广告,电梯广告,\"¥2,000.00\",\"3,000.00\"\r\n"
    "2026年8月1日,income,场地租赁,快递柜场地,１０００,\"4,000\"\r\n"
    "2026.8.15,cost,税费,税费,200元,3800\r\n"
    ",,,,,\r\n"
    "2026-09-30 00:00:00,company_share,企业分成,\"按约定\n10%\",280,3520\r\n"
    "2026/9/30,use,设施维修,更换路灯,500,3020\r\n"
)


def rows(root: Path):
    ds = load(root, Findings())
    table = ds.compounds["pine-court"].items["public_revenue"].table
    return [(r.date, r.type, r.amount, r.balance) for r in table.rows], table.lines


@pytest.mark.parametrize(
    "text, encoding",
    [(ENGLISH, "utf-8"), (ENGLISH, "utf-8-sig"), (ENGLISH, "gb18030"),
     (EXCELISH, "utf-8"), (EXCELISH, "utf-8-sig"), (EXCELISH, "gb18030")],
)
def test_same_rows_whatever_excel_wrote(mini: Path, text: str, encoding: str) -> None:
    expected, _ = rows(mini)
    (mini / PC / "public_revenue.csv").write_bytes(text.encode(encoding))
    assert findings_for(mini) == []
    got, _ = rows(mini)
    assert got == expected


def test_lines_count_blank_rows_and_multiline_cells(mini: Path) -> None:
    (mini / PC / "public_revenue.csv").write_bytes(EXCELISH.encode("gb18030"))
    _, lines = rows(mini)
    assert lines == [2, 3, 4, 6, 8]


def test_error_after_a_multiline_cell_points_at_its_physical_line(mini: Path) -> None:
    bad = EXCELISH.replace("2026/9/30,use", "2026/9/31,use")
    (mini / PC / "public_revenue.csv").write_bytes(bad.encode("utf-8-sig"))
    found = [f for f in findings_for(mini) if f.code == "value-date"]
    assert [(f.line, f.column) for f in found] == [(8, 1)]
