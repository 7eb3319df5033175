"""How `check` shows findings: errors first, grouped by file in line order, warnings folded per
compound unless --verbose, cells and columns named as the file has them; `--format github` as
the GitHub Actions runner parses workflow commands; `--as-of` in the data's date forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import AS_OF, PC, cli, edit

DAY = AS_OF.isoformat()


def _unescape(text: str, property: bool) -> str:
    """The runner's unescaping (actions/runner ActionCommand): %0D %0A (and %3A %2C in properties), %25 last."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property else [])
    for old, new in pairs:
        text = text.replace(old, new)
    return text.replace("%25", "%")


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse ``::command k=v,k=v::data`` as the runner does: properties split on ',' then the first '='."""
    match = re.fullmatch(r"::([a-z-]+)(?: ([^:]*))?::(.*)", line, re.S)
    assert match, f"not a workflow command: {line!r}"
    command, props, data = match.groups()
    properties = {}
    for part in (props or "").split(","):
        key, _, value = part.partition("=")
        properties[key] = _unescape(value, property=True)
    return command, properties, _unescape(data, property=False)


def _mistakes(data: Path) -> None:
    edit(data / PC / "fee_schedule.csv", ",2025-01-01,", ",50%,")  # a % in the message (a price of 50% is a real price)
    edit(data / PC / "public_revenue.csv", "1000.00,4000.00", "1000.00,4100.00")
    for item in ("parking", "utility_sharing"):  # two warnings of one compound
        (data / PC / f"{item}.yaml").unlink()
        (data / PC / f"{item}.csv").unlink()


def test_github_annotations_parse_as_the_runner_parses_them(mini: Path) -> None:
    _mistakes(mini)
    result = cli("check", "--data", mini, "--as-of", DAY, "--format", "github")
    assert result.exit_code == 1
    commands = [parse_workflow_command(line) for line in result.stdout.splitlines()]
    assert [(c, p["file"], p.get("line"), p.get("col"), p["title"].split()[0]) for c, p, _ in commands] == [
        ("error", f"{mini.as_posix()}/{PC}/fee_schedule.csv", "2", "6", "value-date"),
        ("error", f"{mini.as_posix()}/{PC}/public_revenue.csv", "3", "6", "arith-balance"),
        ("warning", f"{mini.as_posix()}/{PC}/parking.yaml", None, None, "disclosure-missing"),
        ("warning", f"{mini.as_posix()}/{PC}/utility_sharing.yaml", None, None, "disclosure-missing"),
    ]
    message = commands[0][2]
    assert message.startswith("F2（start_date）：“50%”不是可识别的日期") and "\n提示：" in message


def test_github_escaping_of_properties_and_messages() -> None:
    from generator.findings import Findings
    from generator.findings.report import github_lines

    findings = Findings()
    findings.add("value-number", "a,b:c.csv", "100% 错\r\n第二行", line=3, column=2, column_name="金额")
    (line,) = github_lines(findings.sorted(), "data")
    assert "\n" not in line and "\r" not in line
    command, props, message = parse_workflow_command(line)
    assert (command, props["file"], props["line"], props["col"]) == ("error", "data/a,b:c.csv", "3", "2")
    assert props["title"] == "value-number 不是可识别的数字或金额"
    assert message.startswith("B3（金额）：100% 错\r\n第二行\n提示：")


def test_text_shows_errors_first_then_warnings_folded_per_compound(mini: Path) -> None:
    _mistakes(mini)
    result = cli("check", "--data", mini, "--as-of", DAY)
    lines = [line for line in result.stdout.splitlines() if not line.startswith("    ")]
    prefix = mini.as_posix()
    assert lines == [
        f"{prefix}/{PC}/fee_schedule.csv:2:6 value-date [错误] F2（start_date）：“50%”不是可识别的日期（请写成 2026-07-01、2026/7/1 或 2026年7月1日）",
        f"{prefix}/{PC}/public_revenue.csv:3:6 arith-balance [错误] F3（balance）：结余写的是 4100.00，按上一行结余加收入减支出计算应为 4000.00",
        f"{prefix}/{PC}/ disclosure-missing [警告] 未公示 2 项：parking.yaml、utility_sharing.yaml",
    ]
    verbose = cli("check", "--data", mini, "--as-of", DAY, "--verbose")
    assert sum("disclosure-missing [警告]" in line for line in verbose.stdout.splitlines()) == 2


@pytest.mark.parametrize("day", ["2026-11-15", "2026/11/15", "2026.11.15", "2026年11月15日", "２０２６-１１-１５"])
def test_as_of_takes_the_date_forms_of_the_data(mini: Path, day: str) -> None:
    result = cli("check", "--data", mini, "--as-of", day)
    assert result.exit_code == 0, result.output


def test_a_wrong_as_of_is_explained_in_chinese(mini: Path) -> None:
    result = cli("check", "--data", mini, "--as-of", "11/15/2026")
    assert result.exit_code == 2
    assert "不是可识别的日期" in result.output


def test_the_command_line_framework_speaks_chinese(mini: Path) -> None:
    help_text = cli("check", "--help").output
    for words in ("用法：", "选项", "[默认：text]", "显示本帮助并退出。"):
        assert words in help_text
    for english in ("Usage:", "Options", "Show this message and exit.", "default:"):
        assert english not in help_text
    unknown = cli("check", "--data", mini, "--nope")
    assert unknown.exit_code == 2 and "没有选项 '--nope'" in unknown.output and "No such option" not in unknown.output
    assert "[必填]" in cli("synth", "--help").output


def test_workbooks_in_formats_it_cannot_read_say_how_to_save_them(mini: Path) -> None:
    """A WPS .et and an .ods table: one warning each, or one folded line that still says what to do."""
    (mini / PC / "parking.et").write_bytes(b"WPS")
    (mini / PC / "oversight.ods").write_bytes(b"ODS")
    out = cli("check", "--data", mini, "--as-of", DAY).stdout
    assert "file-format [警告] 表格格式读不了 2 项：oversight.ods、parking.et" in out
    assert "另存为 → Excel 工作簿（*.xlsx）”，文件名不变" in out
    verbose = cli("check", "--data", mini, "--as-of", DAY, "--verbose").stdout
    assert "保存为 parking.xlsx" in verbose and "保存为 oversight.xlsx" in verbose
