"""The command line: ``check``'s output format, exit codes and stable JSON, ``schema``; run in
process through click's test runner (:func:`tests.support.cli`), plus one smoke test for each
way to start it: ``python -m generator`` and the installed ``wuye`` script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import AS_OF, PC, ROOT, cli, edit, run_module

DAY = AS_OF.isoformat()


def test_clean_data_exits_0(mini: Path) -> None:
    result = cli("check", "--data", mini, "--as-of", DAY)
    assert result.exit_code == 0, result.output
    assert "共 0 个错误，0 个警告" in result.stderr


def test_errors_exit_1_with_location_code_and_hint(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "company: acme", "company: acmee")
    result = cli("check", "--data", mini, "--as-of", DAY)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{mini.as_posix()}/{PC}/compound.yaml:7 ref-unknown [错误]")
    assert "提示：是不是想写“acme”（测试物业服务有限公司）？" in result.stdout


def test_warnings_pass_unless_strict(mini: Path) -> None:
    (mini / PC / "parking.yaml").unlink()
    (mini / PC / "parking.csv").unlink()
    assert cli("check", "--data", mini, "--as-of", DAY).exit_code == 0
    strict = cli("check", "--data", mini, "--as-of", DAY, "--strict")
    assert strict.exit_code == 1 and "disclosure-missing [错误]" in strict.stdout


def test_usage_errors_exit_2(mini: Path, tmp_path: Path) -> None:
    assert cli("check", "--data", tmp_path / "nowhere").exit_code == 2
    assert cli("check", "--data", mini, "--as-of", "2026-13-45").exit_code == 2
    assert cli("check", "--data", mini, "--format", "xml").exit_code == 2
    assert cli("no-such-command").exit_code == 2


def test_json_findings_are_stable(mini: Path) -> None:
    edit(mini / PC / "fee_schedule.csv", ",0.85,", ",-0.85,")
    edit(mini / PC / "compound.yaml", "households: 400", "households: 400\nhouseholds: 401")
    (mini / PC / "parking.yaml").unlink()
    (mini / PC / "parking.csv").unlink()
    args = ("check", "--data", mini, "--as-of", DAY, "--format", "json")
    first, second = cli(*args), cli(*args)
    assert first.exit_code == 1 and first.stdout == second.stdout
    items = json.loads(first.stdout)
    assert [sorted(i) for i in items] == [["cell", "code", "column", "column_name", "field", "file", "hint", "line", "message", "severity",
                                            "sheet"]] * len(items)
    assert [(i["file"], i["line"], i["code"], i["severity"]) for i in items] == [
        (f"{PC}/compound.yaml", 9, "yaml-duplicate-key", "error"),
        (f"{PC}/fee_schedule.csv", 2, "money-negative", "error"),
        (f"{PC}/parking.yaml", None, "disclosure-missing", "warning"),
    ]


def test_schemas_in_the_repo_are_up_to_date(tmp_path: Path) -> None:
    result = cli("schema", "--out", tmp_path)
    assert result.exit_code == 0
    generated = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in (ROOT / "schemas").iterdir())
    assert generated == committed and len(generated) >= 5
    for name in generated:
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "schemas" / name).read_text(encoding="utf-8"), (
            f"schemas/{name} is out of date: run `make schema`")


# --- the entry points, each in a process of its own -----------------------------------


def test_python_m_generator_reports_a_data_error_without_traceback(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "company: acme", "company: acmee")
    result = run_module("check", "--data", mini, "--as-of", DAY)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{mini.as_posix()}/{PC}/compound.yaml:7 ref-unknown [错误]")
    assert "共 1 个错误" in result.stderr and "Traceback" not in result.stderr


def test_wuye_script_checks_a_clean_city_and_refuses_bad_usage(mini: Path) -> None:
    wuye = Path(sys.executable).parent / "wuye"  # installed by `pip install -e .` (make setup)
    done = subprocess.run([wuye, "check", "--data", mini, "--as-of", DAY], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "共 0 个错误，0 个警告" in done.stderr
    bad = subprocess.run([wuye, "check", "--data", mini, "--as-of", "2026-13-45"], capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 2 and "不是真实存在的日期" in bad.stderr and "Traceback" not in bad.stderr


def test_a_preview_is_not_a_publication_no_log_and_not_indexed(mini: Path, tmp_path: Path) -> None:
    from generator.tlog.note import generate_signer, signer_text

    key = signer_text(generate_signer("wuye.example.org/log", seed=bytes(range(32))))  # a test key
    out = tmp_path / "site"
    done = cli("build", "--data", mini, "--out", out, "--as-of", DAY, "--preview-pr", "4", "--jobs", "1",
               "--pdf-cache", tmp_path / "pdf", "--site-cache", tmp_path / "cache", env={"WUYE_LOG_KEY": key})
    assert done.exit_code == 0, done.output
    assert not (out / "log").exists()  # no published log was asked for, and none was started
    assert "https://wuye.example.org/previews/pr-4/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    pages = sorted(p for p in out.rglob("*.html") if p.name != "404.html")  # a 404 is never indexed
    robots = '<meta name="robots" content="noindex, nofollow">'
    assert len(pages) > 10 and all(robots in p.read_text(encoding="utf-8") for p in pages)
    published = tmp_path / "published"
    done = cli("build", "--data", mini, "--out", published, "--as-of", DAY, "--jobs", "1",
               "--pdf-cache", tmp_path / "pdf", "--site-cache", tmp_path / "cache")
    assert done.exit_code == 0 and robots not in (published / "index.html").read_text(encoding="utf-8")
