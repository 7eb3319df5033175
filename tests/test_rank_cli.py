"""`python -m generator rank`: the staff's table before publishing, and its exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result

from tests.support import CSV, DATA, SHEET_CSV, SHEET_YAML, YAML, cli, edit


def run(*args: str | Path) -> Result:
    return cli("rank", *args, env={"COLUMNS": "200"})  # rich's table fits, one company a line


def rated(mini: Path) -> Path:
    (mini / "evaluations").mkdir()
    (mini / YAML).write_text(SHEET_YAML.replace("company: beta", "company: acme"), encoding="utf-8")
    (mini / CSV).write_text("\n".join(SHEET_CSV.splitlines()[:4]) + "\n", encoding="utf-8")
    return mini


def test_sample_city_latest_period_table() -> None:
    result = run("--data", DATA)
    assert result.exit_code == 0, result.stdout + result.stderr
    out = result.stdout
    assert "2026年上半年" in out
    # 和顺: 91×0.5 + 90×0.3 + 89×0.2 = 90.30, first, up from second; 惠民 last on the bad list twice running
    heshun = next(line for line in out.splitlines() if "heshun" in line)
    assert all(cell in heshun for cell in ("91.00", "90.00", "89.00", "90.30", "红榜", "AAA", "↑1"))
    huimin = next(line for line in out.splitlines() if "huimin" in line)
    assert all(cell in huimin for cell in ("70.10", "黑榜", "连续 2 期"))


def test_earlier_period_by_option() -> None:
    result = run("--data", DATA, "--period", "2025-H2")
    assert result.exit_code == 0
    assert "2025年下半年" in result.stdout
    assert sum(1 for line in result.stdout.splitlines() if "85.30" in line) == 2  # the tie


def test_unknown_period_is_a_usage_error(mini: Path) -> None:
    result = run("--data", rated(mini), "--period", "2025-H1")
    assert result.exit_code == 2
    assert "2026-h1" in result.stderr and "Traceback" not in result.stderr


def test_data_errors_exit_1_with_findings(mini: Path) -> None:
    root = rated(mini)
    edit(root / CSV, "acme,regulator,90", "acme,regulator,190")
    result = run("--data", root)
    assert result.exit_code == 1
    assert f"{root.as_posix()}/{CSV}:3:3 eval-score-range [错误]" in result.stdout
    assert "综合得分" not in result.stdout  # no table from bad data


def test_warnings_are_shown_but_the_table_printed(mini: Path) -> None:
    root = rated(mini)
    edit(root / "city.yaml", "  cycle: half_year", "  cycle: half_year\n  missing_group: reweight")
    edit(root / CSV, "acme,community,85,,\n", "")
    result = run("--data", root)
    assert result.exit_code == 0
    assert "eval-missing-group [警告]" in result.stdout
    # (88×0.5 + 90×0.3) ÷ 0.8 = 88.75
    assert "88.75" in result.stdout and "缺评" in result.stdout
