"""The registry of finding codes against the staff guide (generator/templates/content/data-guide.md, section 五).

Every declared code has exactly one row ``| `code` | 级别 | 含义 | 怎么改 |`` whose 级别 is
the declared severity (with the declared exception, in the same words) and whose 含义 starts
with the declared title; the guide documents no code the registry lacks. Reporting an
undeclared code, or a warning under an error-only code, is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checks.privacy import PATTERNS
from generator.findings import CODES, Findings, Severity
from generator.load.validation import ERROR_CODES

GUIDE = (Path(__file__).resolve().parent.parent / "generator" / "templates" / "content" / "data-guide.md").read_text(encoding="utf-8")
SECTION = GUIDE[GUIDE.index("## 五、"):GUIDE.index("## 六、")]
ROWS: dict[str, list[list[str]]] = {}
for _match in re.finditer(r"^\| `([a-z][a-z0-9-]*)` \|(.*)\|$", SECTION, re.M):
    ROWS.setdefault(_match.group(1), []).append([c.strip() for c in _match.group(2).split("|")])


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_documented_once_as_declared(code: str) -> None:
    spec = CODES[code]
    assert code in ROWS, f"generator/templates/content/data-guide.md section 五 has no row for `{code}`"
    assert len(ROWS[code]) == 1, f"`{code}` has {len(ROWS[code])} rows in the guide"
    level, meaning, fix = ROWS[code][0]
    expected = spec.severity.label + (f"（{spec.warning_when}时为警告）" if spec.warning_when else "")
    assert level == expected, f"`{code}`: 级别 {level!r}, registry says {expected!r}"
    assert meaning.startswith(spec.title), f"`{code}`: 含义 should start with the title {spec.title!r}"
    assert fix, f"`{code}`: 怎么改 is empty"


def test_the_guide_documents_no_undeclared_code() -> None:
    assert sorted(set(ROWS) - set(CODES)) == []


def test_codes_named_by_tables_of_the_generator_are_declared() -> None:
    assert set(ERROR_CODES.values()) | {"field-type"} <= set(CODES)
    assert {code for code, _, _ in PATTERNS} <= set(CODES)


def test_undeclared_codes_and_wrong_severities_are_refused() -> None:
    findings = Findings()
    with pytest.raises(KeyError):
        findings.add("no-such-code", "city.yaml", "x")
    with pytest.raises(ValueError):
        findings.warn("yaml-syntax", "city.yaml", "x")  # declared as an error only
    with pytest.raises(ValueError):
        findings.add("disclosure-missing", "a.yaml", "x", severity=Severity.ERROR)
    ok = findings.warn("arith-rate", "a.yaml", "实收大于应收")  # declared with warning_when
    assert ok.severity is Severity.WARNING
    assert findings.add("yaml-syntax", "city.yaml", "x").hint == CODES["yaml-syntax"].hint


def test_a_cell_is_named_as_a_spreadsheet_names_it() -> None:
    findings = Findings()
    f = findings.add("value-number", "a.csv", "x", line=7, column=7, column_name="金额")
    assert (f.cell, f.where()) == ("G7", "G7（金额）")
    assert findings.add("value-number", "a.csv", "x", line=3, column=28, column_name="备注").cell == "AB3"
