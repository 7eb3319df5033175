"""Type nothing twice, in the utility table: a clerk may type only the meter readings and the
price; 用量, 金额 and 分摊标准 are computed as the notice prints them, and checked when written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.derive.statements import completed_rows, utility_share
from generator.findings import Findings
from generator.load.dataset import load
from generator.model.disclosures import UtilitySharingFile
from tests.support import PC, findings_for, listing, only

HEADER = "月份,类别,起始读数,截止读数,单价"


def _utility(root: Path, text: str) -> None:
    (root / PC / "utility_sharing.csv").write_text(text, encoding="utf-8")


def test_readings_and_price_alone_give_usage_amount_and_share(mini: Path) -> None:
    _utility(mini, f"{HEADER}\n2026-10,公共用电,1000,3000,0.60\n2026-10,公共用水,100,133.5,3.45\n")
    assert findings_for(mini) == []
    record = load(mini, Findings()).compounds["pine-court"].items["utility_sharing"]
    file = record.file.model
    assert isinstance(file, UtilitySharingFile) and file.method == "按建筑面积"
    power, water = record.table.rows
    assert (power.usage, power.amount) == (Decimal(2000), Decimal("1200.00"))
    assert (water.usage, water.amount) == (Decimal("33.5"), Decimal("115.58"))  # 115.575 half up
    # per ㎡ to 4 places: 1200 / 40000 and 115.58 / 40000
    assert [utility_share(file, r) for r in (power, water)] == [Decimal("0.0300"), Decimal("0.0029")]
    assert [r.per_unit for r in completed_rows(file, record.table.rows)] == [Decimal("0.0300"), Decimal("0.0029")]


def test_a_written_figure_is_still_checked(mini: Path) -> None:
    _utility(mini, "月份,类别,起始读数,截止读数,用量,单价,金额\n2026-10,公共用电,1000,3000,2100,0.60,\n")
    found = only(mini)
    assert (found.code, found.column_name) == ("arith-line-total", "用量")
    assert "2000" in found.message


def test_a_blank_figure_beside_a_wrong_reading_is_one_finding(mini: Path) -> None:
    _utility(mini, f"{HEADER}\n2026-10,公共用电,一千,3000,0.60\n")
    found = only(mini)
    assert found.column_name == "起始读数", listing([found])
