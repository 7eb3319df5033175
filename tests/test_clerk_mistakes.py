"""One finding per root cause: mistakes clerks make, each with its exact, single finding.

Each case is a one-defect row (:class:`tests.support.Defect`): it edits the clean mini city
(tests/fixtures/mini) the way a clerk would in Excel or a text editor, runs the one check, and
asserts the whole finding: one finding, at the cell the clerk has to change, naming the column
as the file has it; what depends on a value that could not be read is not blamed (the finding
says it is not checked for now).
"""

from __future__ import annotations

import re
from pathlib import Path
import pytest

from tests.support import PC, Defect, cases, chain, edit, replace

PR_CSV, PR_YAML = f"{PC}/public_revenue.csv", f"{PC}/public_revenue.yaml"


def _balances(data: Path) -> None:
    """Row 3's balance mistyped and the clerk carried the wrong figure on to the quarter's end."""
    path = data / PR_CSV
    for old, new in (("1000.00,4000.00", "1000.00,4100.00"), ("200.00,3800.00", "200.00,3900.00"),
                     ("280.00,3520.00", "280.00,3620.00"), ("500.00,3020.00", "500.00,3120.00")):
        edit(path, old, new)
    edit(data / PR_YAML, "closing_balance: 3020.00", "closing_balance: 3120.00")


MISTAKES = [
    # An IME full stop in an amount: the row cannot be read, so no total or balance after it is blamed.
    Defect("ime-full-stop-in-amount", replace(PR_CSV, "快递柜场地,1000.00", "快递柜场地,1000。00"),
           "value-number", PR_CSV, 3, 5, field="amount", cell="E3", column_name="amount",
           says=("“1000。00”不是可识别的数字", "季度合计和结余暂不核对")),
    # A thousands comma without quotes: one cell more than the header, the row's cells are shifted.
    Defect("unquoted-thousands-comma", replace(PR_CSV, "电梯广告,2000.00", "电梯广告,2,000.00"),
           "csv-extra-cells", PR_CSV, 2, 7, says=("这一行有 7 格，表头只有 6 列", "季度合计和结余暂不核对")),
    # A wrong quarter total: reported once; the net figure and the share, which are right, are not.
    Defect("wrong-quarter-total", replace(PR_YAML, "income: 3000.00", "income: 3100.00"),
           "arith-period-total", PR_YAML, 6, field="quarters[1].income",
           says=("2026年第三季度收入合计写的是 3100.00", "应为 3000.00")),
    # A mistyped running balance; the next rows continue from the right figure.
    Defect("wrong-balance", replace(PR_CSV, "1000.00,4000.00", "1000.00,4100.00"),
           "arith-balance", PR_CSV, 3, 6, field="balance", cell="F3", column_name="balance",
           says=("结余写的是 4100.00", "应为 4000.00")),
    # The same mistake carried on by the clerk to every later row and the quarter's closing balance.
    Defect("wrong-balance-carried-on", _balances,
           "arith-balance", PR_CSV, 3, 6, field="balance", cell="F3", column_name="balance",
           says=("结余写的是 4100.00", "应为 4000.00")),
    # A Chinese header as the clerk writes it is named in the finding.
    Defect("bad-price-under-chinese-header",
           chain(replace(f"{PC}/fee_schedule.csv", ",price,", ",收费标准,"), replace(f"{PC}/fee_schedule.csv", ",0.85,", ",0.8五,")),
           "value-number", f"{PC}/fee_schedule.csv", 2, 7, field="price", cell="G2", column_name="收费标准",
           says=("“0.8五”不是可识别的数字",)),
]


@pytest.mark.parametrize("defect", cases(MISTAKES))
def test_one_mistake_gives_exactly_one_finding(mini: Path, defect: Defect) -> None:
    defect.check(mini)


COMPOUND = f"{PC}/compound.yaml"
YAML_MISTAKES = [
    # A full-width colon typed with a Chinese IME: named on its own line (PyYAML names the next).
    Defect("full-width-colon", replace(COMPOUND, "households: 400", "households： 400"), "yaml-syntax", COMPOUND, 8, 11,
           says=("键“households”后面用了中文冒号“：”",)),
    Defect("tab-indent", replace(COMPOUND, "floor_area: 40000", "\tfloor_area: 40000"), "yaml-syntax", COMPOUND, 9, 1,
           says=("Tab",)),
    Defect("colon-in-value", replace(COMPOUND, "address: ", "address: 地址: "), "yaml-syntax", COMPOUND, 5, 12,
           says=("这里不能出现“: ”",)),
    Defect("unclosed-quote", replace(COMPOUND, "households: 400", "households: '400"), "yaml-syntax", COMPOUND, 8, 13,
           says=("引号没有成对",)),
]


@pytest.mark.parametrize("defect", cases(YAML_MISTAKES))
def test_a_yaml_mistake_is_one_chinese_finding_on_its_line(mini: Path, defect: Defect) -> None:
    finding = defect.check(mini)
    assert not re.search(r"[A-Za-z]{4,}", finding.message.replace("households", "").replace("YAML", ""))
