"""The `check` command: output format, exit codes, stable JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import PC, ROOT, edit


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def test_clean_data_exits_0(mini: Path) -> None:
    result = run("check", "--data", str(mini), "--as-of", "2026-11-15")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "共 0 个错误，0 个警告" in result.stderr


def test_errors_exit_1_with_location_code_and_hint(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "company: acme", "company: acmee")
    result = run("check", "--data", str(mini), "--as-of", "2026-11-15")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{mini.as_posix()}/{PC}/compound.yaml:7 ref-unknown [错误]")
    assert "提示：是不是想写“acme”？" in result.stdout
    assert "Traceback" not in result.stderr


def test_warnings_pass_unless_strict(mini: Path) -> None:
    (mini / PC / "parking.yaml").unlink()
    (mini / PC / "parking.csv").unlink()
    assert run("check", "--data", str(mini), "--as-of", "2026-11-15").returncode == 0
    strict = run("check", "--data", str(mini), "--as-of", "2026-11-15", "--strict")
    assert strict.returncode == 1 and "disclosure-missing [错误]" in strict.stdout


def test_usage_errors_exit_2(mini: Path, tmp_path: Path) -> None:
    assert run("check", "--data", str(tmp_path / "nowhere")).returncode == 2
    assert run("check", "--data", str(mini), "--as-of", "2026-13-45").returncode == 2
    assert run("check", "--data", str(mini), "--format", "xml").returncode == 2
    assert run("no-such-command").returncode == 2


def test_json_findings_are_stable(mini: Path) -> None:
    edit(mini / PC / "fee_schedule.csv", ",0.85,", ",-0.85,")
    edit(mini / PC / "compound.yaml", "households: 400", "households: 400\nhouseholds: 401")
    (mini / PC / "parking.yaml").unlink()
    (mini / PC / "parking.csv").unlink()
    args = ("check", "--data", str(mini), "--as-of", "2026-11-15", "--format", "json")
    first, second = run(*args), run(*args)
    assert first.returncode == 1 and first.stdout == second.stdout
    items = json.loads(first.stdout)
    assert [sorted(i) for i in items] == [["code", "column", "field", "file", "hint", "line", "message", "severity"]] * len(items)
    assert [(i["file"], i["line"], i["code"], i["severity"]) for i in items] == [
        (f"{PC}/compound.yaml", 9, "yaml-duplicate-key", "error"),
        (f"{PC}/fee_schedule.csv", 2, "money-negative", "error"),
        (f"{PC}/parking.yaml", None, "disclosure-missing", "warning"),
    ]


def test_schemas_in_the_repo_are_up_to_date(tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    generated = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in (ROOT / "schemas").iterdir())
    assert generated == committed
    for name in generated:
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "schemas" / name).read_text(encoding="utf-8"), (
            f"schemas/{name} is out of date: run `make schema`")
