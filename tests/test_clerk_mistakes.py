"""One finding per root cause: mistakes clerks make, each with its exact, single finding.

Each case edits the clean mini city (tests/fixtures/mini) the way a clerk would in Excel or a
text editor, runs load and every check, and asserts the whole list of findings: one finding,
at the cell the clerk has to change, naming the column as the file has it; what depends on a
value that could not be read is not blamed (the finding says it is not checked for now).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from generator.checks import run_checks
from generator.findings import Findings
from generator.load.dataset import load
from tests.support import AS_OF, PC, edit

PR_CSV, PR_YAML = f"{PC}/public_revenue.csv", f"{PC}/public_revenue.yaml"


def _balances(data: Path) -> None:
    """Row 3's balance mistyped and the clerk carried the wrong figure on to the quarter's end."""
    path = data / PR_CSV
    for old, new in (("1000.00,4000.00", "1000.00,4100.00"), ("200.00,3800.00", "200.00,3900.00"),
                     ("280.00,3520.00", "280.00,3620.00"), ("500.00,3020.00", "500.00,3120.00")):
        edit(path, old, new)
    edit(data / PR_YAML, "closing_balance: 3020.00", "closing_balance: 3120.00")


CASES: dict[str, tuple[Callable[[Path], None], list[tuple]]] = {
    # An IME full stop in an amount: the row cannot be read, so no total or balance after it is blamed.
    "ime-full-stop-in-amount": (
        lambda d: edit(d / PR_CSV, "快递柜场地,1000.00", "快递柜场地,1000。00"),
        [(PR_CSV, 3, "value-number", "E3", "amount", ("“1000。00”不是可识别的数字", "季度合计和结余暂不核对"))],
    ),
    # A thousands comma without quotes: one cell more than the header, the row's cells are shifted.
    "unquoted-thousands-comma": (
        lambda d: edit(d / PR_CSV, "电梯广告,2000.00", "电梯广告,2,000.00"),
        [(PR_CSV, 2, "csv-extra-cells", None, None, ("这一行有 7 格，表头只有 6 列", "季度合计和结余暂不核对"))],
    ),
    # A wrong quarter total: reported once; the net figure and the share, which are right, are not.
    "wrong-quarter-total": (
        lambda d: edit(d / PR_YAML, "income: 3000.00", "income: 3100.00"),
        [(PR_YAML, 6, "arith-period-total", None, None, ("2026年第三季度收入合计写的是 3100.00", "应为 3000.00"))],
    ),
    # A mistyped running balance; the next rows continue from the right figure.
    "wrong-balance": (
        lambda d: edit(d / PR_CSV, "1000.00,4000.00", "1000.00,4100.00"),
        [(PR_CSV, 3, "arith-balance", "F3", "balance", ("结余写的是 4100.00", "应为 4000.00"))],
    ),
    # The same mistake carried on by the clerk to every later row and the quarter's closing balance.
    "wrong-balance-carried-on": (
        _balances,
        [(PR_CSV, 3, "arith-balance", "F3", "balance", ("结余写的是 4100.00", "应为 4000.00"))],
    ),
    # A Chinese header as the clerk writes it is named in the finding.
    "bad-price-under-chinese-header": (
        lambda d: (edit(d / f"{PC}/fee_schedule.csv", ",price,", ",收费标准,"),
                   edit(d / f"{PC}/fee_schedule.csv", ",0.85,", ",0.8五,")),
        [(f"{PC}/fee_schedule.csv", 2, "value-number", "G2", "收费标准", ("“0.8五”不是可识别的数字",))],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_mistake_gives_exactly_one_finding(mini: Path, case: str) -> None:
    mutate, expected = CASES[case]
    mutate(mini)
    findings = Findings()
    run_checks(load(mini, findings), AS_OF, findings)
    got = findings.sorted()
    assert [(f.file, f.line, f.code, f.cell, f.column_name) for f in got] == [e[:5] for e in expected], (
        "\n".join(f"{f.location()} {f.code} {f.message}" for f in got))
    for finding, (*_, words) in zip(got, expected):
        for word in words:
            assert word in finding.message, finding.message


YAML_MISTAKES = {
    # A full-width colon typed with a Chinese IME: named on its own line (PyYAML names the next).
    "full-width-colon": ("households: 400", "households： 400", "键“households”后面用了中文冒号“：”"),
    "tab-indent": ("floor_area: 40000", "\tfloor_area: 40000", "Tab"),
    "colon-in-value": ("address: ", "address: 地址: ", "这里不能出现“: ”"),
    "unclosed-quote": ("households: 400", "households: '400", "引号没有成对"),
}


@pytest.mark.parametrize("case", sorted(YAML_MISTAKES))
def test_a_yaml_mistake_is_one_chinese_finding_on_its_line(mini: Path, case: str) -> None:
    old, new, words = YAML_MISTAKES[case]
    path = mini / PC / "compound.yaml"
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if old in text)
    edit(path, old, new)
    findings = Findings()
    load(mini, findings)
    got = [f for f in findings.sorted() if f.file == f"{PC}/compound.yaml"]
    assert [(f.code, f.line) for f in got] == [("yaml-syntax", line)], [(f.line, f.message) for f in got]
    assert words in got[0].message and not re.search(r"[A-Za-z]{4,}", got[0].message.replace("households", "").replace("YAML", ""))
