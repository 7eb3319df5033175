"""The clerk's tools: findings as a pull-request comment, an .xlsx and a Code Quality report;
``check --compound/--street/--company``; the ``due`` list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.findings import Findings
from generator.findings.exports import code_quality, findings_workbook
from generator.findings.review import MARKER, MAX_ROWS, ReviewContext, review_markdown
from tests.support import DATA, cli

PR_XLSX = "compounds/hepan-yaju/public_revenue.xlsx"
LT_CSV = "compounds/lanting/public_revenue.csv"


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a clerk's two mistakes: a word in a workbook's amount cell (河畔雅居,
    sheet 公共收益收支, E3) and in a CSV amount (兰亭苑)."""
    root = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(DATA, root)
    book = openpyxl.load_workbook(root / PR_XLSX, data_only=True)  # openpyxl keeps no formula results
    book["公共收益收支"]["E3"] = "三百元"
    book.save(root / PR_XLSX)
    csv = root / LT_CSV
    csv.write_text(csv.read_text(encoding="utf-8").replace(",450.00,", ",四百五,", 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def reports(broken: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("reports")
    run = cli("check", "--data", broken, "--as-of", "2026-11-15", "--markdown", out / "review.md", "--xlsx",
              out / "检查结果.xlsx", "--codequality", out / "quality.json", "--details-url",
              "https://ci.example.org/run/1")
    return {"run": run, "md": (out / "review.md").read_text(encoding="utf-8"), "xlsx": out / "检查结果.xlsx",
            "quality": json.loads((out / "quality.json").read_text(encoding="utf-8"))}


def _table_rows(markdown: str) -> list[list[str]]:
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and not line.startswith("| 级别")]
    return [[c.strip() for c in row.strip("|").split(" | ")] for row in rows]


def test_the_comment_says_it_cannot_be_merged_and_lists_errors_first_with_sheet_and_cell(reports: dict) -> None:
    assert reports["run"].exit_code == 1
    md = reports["md"]
    assert md.splitlines()[0] == MARKER
    assert "数据检查未通过：2 个错误" in md and "有错误时不能合并" in md
    rows = _table_rows(md)
    assert [r[0] for r in rows[:2]] == ["错误", "错误"] and {r[0] for r in rows[2:]} == {"警告"}
    workbook_row = next(r for r in rows if "hepan-yaju" in r[1])
    assert workbook_row[1].endswith("/data/compounds/hepan-yaju/public\\_revenue.xlsx")
    assert workbook_row[2:4] == ["公共收益收支", "E3"]
    assert "三百元" in workbook_row[4] and workbook_row[5]  # what is wrong, how to fix it
    csv_row = next(r for r in rows if "lanting" in r[1])
    assert csv_row[2] == "" and csv_row[3].startswith("E") and "四百五" in csv_row[4]
    assert "[查看检查任务](https://ci.example.org/run/1)" in md


def test_the_findings_workbook_has_one_row_per_finding_errors_first(reports: dict) -> None:
    sheet = openpyxl.load_workbook(reports["xlsx"])["检查结果"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("级别", "代码", "文件", "工作表", "单元格", "行", "列", "问题", "怎么改")
    assert [r[0] for r in rows[1:3]] == ["错误", "错误"] and {r[0] for r in rows[3:]} == {"警告"}
    assert len(rows) - 1 == len(_table_rows(reports["md"]))
    mine = next(r for r in rows if r[2].endswith(f"/data/{PR_XLSX}"))
    assert mine[3:5] == ("公共收益收支", "E3") and "三百元" in mine[7] and mine[8]
    assert sheet.freeze_panes == "A2"


def test_the_code_quality_report_lists_every_finding_for_gitlab(reports: dict) -> None:
    quality = reports["quality"]
    assert len(quality) == len(_table_rows(reports["md"]))
    assert [q["severity"] for q in quality[:2]] == ["major", "major"]
    mine = next(q for q in quality if q["location"]["path"].endswith(f"/data/{PR_XLSX}"))
    assert "公共收益收支!E3" in mine["description"] and mine["location"]["lines"]["begin"] == 3
    assert len({q["fingerprint"] for q in quality}) == len(quality)


def test_text_from_the_data_cannot_add_markup_or_cells() -> None:
    findings = Findings()
    findings.add("yaml-value", "compounds/a|b/x.csv", "写成了 <script>alert(1)</script> | [链接](javascript:x)",
                 line=3, column=2, column_name="金额")
    md = review_markdown(findings.sorted(), ReviewContext(preview_url="https://x.example/previews/pr-3/"))
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\[链接\\]" in md
    assert len(_table_rows(md)[0]) == 6  # the | in the data is not a cell border
    assert "改正全部错误后会生成预览网站" in md and "previews/pr-3" not in md


def test_a_clean_change_links_its_preview_and_a_long_list_is_cut() -> None:
    findings = Findings()
    for i in range(MAX_ROWS + 5):
        findings.add("disclosure-missing", f"compounds/c{i:03d}/fee_schedule.yaml", "未公示")
    md = review_markdown(findings.sorted(), ReviewContext(preview_url="https://x.example/previews/pr-3/"))
    assert f"数据检查通过，有 {MAX_ROWS + 5} 个警告" in md
    assert "[打开这次修改后的网站](https://x.example/previews/pr-3/)" in md
    assert len(_table_rows(md)) == MAX_ROWS and "另有 5 条未列出" in md
    assert "数据检查通过，没有发现问题" in review_markdown([])


def test_a_formula_in_a_message_stays_text_in_the_workbook(tmp_path: Path) -> None:
    findings = Findings()
    findings.add("yaml-value", "compounds/a/x.csv", "=HYPERLINK(\"http://x\")", line=2)
    path = tmp_path / "f.xlsx"
    path.write_bytes(findings_workbook(findings.sorted()))
    cell = openpyxl.load_workbook(path)["检查结果"]["H2"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
    assert json.loads(code_quality(findings.sorted()))[0]["severity"] == "major"


def test_check_for_one_compound_street_or_company_lists_only_theirs(broken: Path) -> None:
    one = cli("check", "--data", broken, "--as-of", "2026-11-15", "--compound", "河畔雅居")
    assert one.exit_code == 1
    listed = [line for line in one.stdout.splitlines() if line.startswith("data") or "/compounds/" in line]
    assert listed and all("hepan-yaju" in line for line in listed)
    assert "不属于所选小区" in one.stderr
    street = cli("check", "--data", broken, "--as-of", "2026-11-15", "--street", "hubin")
    assert street.exit_code == 1 and "lanting" in street.stdout and "hepan-yaju" not in street.stdout
    unknown = cli("check", "--data", broken, "--compound", "没有这个小区")
    assert unknown.exit_code == 2 and "没有小区“没有这个小区”" in unknown.stderr and "hepan-yaju（河畔雅居）" in unknown.stderr


def test_due_lists_overdue_first_then_due_soon_then_not_posted() -> None:
    run = cli("due", "--data", DATA, "--as-of", "2026-11-15", "--days", "60", "--format", "json")
    assert run.exit_code == 0
    entries = json.loads(run.stdout)
    kinds = [e["kind"] for e in entries]
    assert kinds == sorted(kinds, key=["overdue", "due", "missing"].index)
    assert entries[0] == {"kind": "overdue", "compound": "jinshi-huayuan", "compound_name": "锦石花园",
                          "item": "public_revenue", "item_name": "公共收益收支",
                          "file": "compounds/jinshi-huayuan/public_revenue.yaml", "due": "2026-10-30", "days": 16}
    coming = [e for e in entries if e["kind"] == "due"]
    assert coming and all(0 <= e["days"] <= 60 for e in coming)
    assert [e["days"] for e in coming] == sorted(e["days"] for e in coming)
    text = cli("due", "--data", DATA, "--as-of", "2026-11-15", "--days", "60", "--company", "qinghe")
    assert text.stdout.splitlines()[:2] == [
        "【已逾期】", "  锦石花园  公共收益收支  逾期 16 天（应在 2026-10-30 前更新）  "
        f"{DATA.as_posix()}/compounds/jinshi-huayuan/public_revenue.yaml"]
    assert "兰亭苑" not in text.stdout and "湖滨公寓" in text.stdout  # qinghe serves 锦石花园 and 湖滨公寓
