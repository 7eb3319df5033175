"""Tables kept in Excel: a workbook (.xlsx) wherever a CSV is accepted, and the habits of
people who work in Excel (or WPS) accepted or explained precisely.

Workbooks are made here with openpyxl, as a clerk's program would save them, and a few are
committed files saved by LibreOffice Calc (tests/fixtures/workbooks, made by its make.py):
date cells, serial dates, formulas (the cached value is read), a hidden sheet, merged header
cells, a formula error. The reference is the mini city's public-revenue ledger (CSV), which
every form must load into the same rows.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.derive.prices import one_price
from generator.findings import Findings, Severity
from generator.load.dataset import load
from generator.load.xlsxfile import cell_text
from generator.load.xlsxformats import shape_of, shown
from tests.fixtures.workbooks.clerk import HEADER, LEDGER, workbook
from tests.support import MINI, PC, ROOT, cli, findings_for, listing, only

FIXTURES = ROOT / "tests" / "fixtures" / "workbooks"


def ledger_rows(root: Path) -> list[tuple]:
    ds = load(root, Findings())
    table = ds.compounds["pine-court"].items["public_revenue"].table
    return [(r.date, r.type, r.category, r.description, r.amount, r.balance) for r in table.rows]


REFERENCE = ledger_rows(MINI)


def save(wb: Workbook, root: Path, name: str = "public_revenue.xlsx") -> Path:
    """Save ``wb`` as the mini compound's table, in place of its CSV."""
    (root / PC / "public_revenue.csv").unlink(missing_ok=True)
    path = root / PC / name
    wb.save(path)
    return path


# --- a workbook reads like the CSV ---------------------------------------------------


def test_a_workbook_with_date_cells_and_chinese_values_loads_the_same_rows(mini: Path) -> None:
    save(workbook(LEDGER), mini)
    assert findings_for(mini) == []
    assert ledger_rows(mini) == REFERENCE


def test_numbers_are_exact_as_excel_shows_them_never_float_artefacts(mini: Path) -> None:
    rows = [list(r) for r in LEDGER]
    rows[0][4], rows[0][5] = 1999.9 + 0.1, 0.1 + 0.2 + 2999.7  # 2000.0000000000002, 3000.0000000000005
    rows[2][4] = 0.1 + 0.2 + 199.7                              # 200.00000000000003
    save(workbook(rows), mini)
    assert findings_for(mini) == []
    assert [r[4] for r in ledger_rows(mini)] == [Decimal("2000"), Decimal("1000"), Decimal("200"), Decimal("280"),
                                                Decimal("500")]
    assert cell_text(0.1 + 0.2) == "0.3" and cell_text(1234.5) == "1234.5" and cell_text(1e-7) == "0.0000001"


def test_serial_numbers_in_a_date_column_are_dates_and_a_bare_year_is_reported(mini: Path) -> None:
    rows = [list(r) for r in LEDGER]
    rows[1][0] = 46235  # Excel's serial for 2026-08-01, typed into a cell formatted as General
    save(workbook(rows), mini)
    assert ledger_rows(mini) == REFERENCE
    rows[1][0] = 2026
    save(workbook(rows), mini)
    f = only(mini)
    assert (f.code, f.location(), f.column_name) == ("value-date", f"{PC}/public_revenue.xlsx:公共收益收支!A3", "日期")
    assert "“2026”不是可识别的日期" in f.message


def test_findings_name_the_sheet_and_the_cell_as_excel_does(mini: Path) -> None:
    rows = [list(r) for r in LEDGER]
    rows[2][4] = "二百"
    save(workbook(rows), mini)
    f = only(mini)
    assert (f.code, f.file, f.sheet, f.cell, f.line, f.column) == (
        "value-number", f"{PC}/public_revenue.xlsx", "公共收益收支", "E4", 4, 5)
    result = cli("check", "--data", mini, "--as-of", "2026-11-15")
    assert result.exit_code == 1
    line = f"{mini.as_posix()}/{PC}/public_revenue.xlsx:公共收益收支!E4 value-number [错误] 第 4 行“金额”列：“二百”不是可识别的数字"
    assert line in result.output, result.output


def test_the_sheet_named_after_the_item_is_read_and_hidden_sheets_never(mini: Path) -> None:
    wb = workbook([["不是这张表"]], header=["说明"], title="封面")
    hidden = wb.create_sheet("下拉选项", 0)
    hidden.append(["收入"])
    hidden.sheet_state = "hidden"
    table = wb.create_sheet("公共收益收支")
    table.append(HEADER)
    for row in LEDGER:
        table.append(row)
    save(wb, mini)
    assert findings_for(mini) == [] and ledger_rows(mini) == REFERENCE
    # Without a sheet named after the item, the first visible sheet is the table.
    first = workbook(LEDGER, title="Sheet1")
    first.create_sheet("下拉选项", 0).sheet_state = "hidden"
    save(first, mini)
    assert findings_for(mini) == [] and ledger_rows(mini) == REFERENCE


# --- committed files saved by LibreOffice Calc ----------------------------------------


def test_a_file_saved_by_a_spreadsheet_program_with_formulas_serial_dates_and_totals(mini: Path) -> None:
    """ledger.xlsx: a hidden list sheet and a notes sheet before the table, date cells, a
    serial date, a date typed as text, the share and every balance as formulas, 合计 rows
    computed by SUMIF and SUM, a formatted empty cell beyond the table."""
    (mini / PC / "public_revenue.csv").unlink()
    shutil.copy(FIXTURES / "ledger.xlsx", mini / PC / "public_revenue.xlsx")
    assert findings_for(mini) == []
    assert ledger_rows(mini) == REFERENCE
    table = load(mini, Findings()).compounds["pine-court"].items["public_revenue"].table
    assert [(t.word, t.sheet_row) for t in table.totals] == [("合计", 7), ("总计", 8)]


def test_prices_typed_as_number_cells_read_as_their_number_format_shows_them(mini: Path) -> None:
    """fee_schedule.xlsx (saved by Calc): a clerk types 1.80 into a ``0.00`` cell, which holds
    the number 1.8; the site prints what the cell shows: 1.80, 3.50, 1,200.00 (``#,##0.00``),
    30 (General), 5% (``0%``), and the 基准价 and 浮动幅度 likewise. Amount columns of other
    tables still read the value (their own formatting applies)."""
    (mini / PC / "fee_schedule.csv").unlink()
    shutil.copy(FIXTURES / "fee_schedule.xlsx", mini / PC / "fee_schedule.xlsx")
    assert findings_for(mini) == []
    rows = load(mini, Findings()).compounds["pine-court"].items["fee_schedule"].table.rows
    assert [r.price.text for r in rows] == ["1.80", "3.50", "1,200.00", "30", "5%"]
    assert [r.price.kind for r in rows] == ["number", "number", "number", "number", "percent"]
    assert (rows[0].base_price.text, rows[0].float_range) == ("1.80", "10%")
    assert [one_price(r) for r in rows[:3]] == ["1.80 元/㎡·月", "3.50 元/㎡·月", "1,200.00 元/年"]
    assert rows[2].price.exact == Decimal(1200) and rows[2].start_date == date(2025, 1, 1)


@pytest.mark.parametrize(("code", "value", "shows"), [
    ("0.00", "1.8", "1.80"), ("#,##0.00", "1200", "1,200.00"), ("0%", "0.7", "70%"), ("0.00%", "0.055", "5.50%"),
    ('"¥"#,##0.00;[Red]-"¥"#,##0.00', "80", "80.00"), ("[$-804]0.00", "0.3", "0.30"), ('0.00"元"', "2.6", "2.60"),
    ("0.0#", "1.25", "1.25"), ("0.00", "1.805", "1.805"),  # never rounded: what the cell holds is published
    ("General", "1.8", None), ("yyyy-mm-dd", "46000", None), ("0.00E+00", "1200", None), ("@", "1.8", None),
    ("# ?/?", "0.5", None)])
def test_number_formats_as_excel_shows_them(code: str, value: str, shows: str | None) -> None:
    form = shape_of(code)
    assert (shown(value, form) if form else None) == shows


@pytest.mark.parametrize("name, cell, says", [
    ("title_row.xlsx", "A1", "表头上方的第 1 行（“松园小区2026年第三季度公共收益台账”）是标题，不是表格内容"),
    ("merged_header.xlsx", "E1", "表头中有合并单元格 E1:F1"),
    ("formula_error.xlsx", "F4", "单元格显示公式错误 #DIV/0!，没有可读的值（F5、F6、F7 也显示错误"),
])
def test_merged_cells_and_formula_errors_are_one_clear_finding(mini: Path, name: str, cell: str, says: str) -> None:
    (mini / PC / "public_revenue.csv").unlink()
    shutil.copy(FIXTURES / name, mini / PC / "public_revenue.xlsx")
    f = only(mini)
    assert f.location() == f"{PC}/public_revenue.xlsx:公共收益收支!{cell}" and says in f.message, listing([f])
    assert f.hint


# --- Excel habits ---------------------------------------------------------------------


def test_empty_columns_and_rows_around_the_table_are_ignored(mini: Path) -> None:
    wb = workbook(LEDGER, header=HEADER + [None, None])
    ws = wb.active
    ws.cell(12, 9).number_format = "#,##0.00"  # formatting left far below and to the right
    ws.cell(2, 8, "   ")
    save(wb, mini)
    assert findings_for(mini) == [] and ledger_rows(mini) == REFERENCE


def test_a_column_with_values_but_no_header_is_reported(mini: Path) -> None:
    wb = workbook(LEDGER, header=HEADER + [None, "备注"])
    wb.active.cell(3, 7, "补记")
    save(wb, mini)
    f = only(mini)
    assert (f.code, f.cell) == ("csv-unknown-column", "G1") and "有内容却没有表头" in f.message


def test_column_synonyms_units_and_spaces_in_headers(mini: Path) -> None:
    save(workbook(LEDGER, header=["日  期", "收支类型", "类别", "摘要", "金额（元）", "余额"]), mini)
    assert findings_for(mini) == [] and ledger_rows(mini) == REFERENCE


def test_two_names_for_one_column_are_a_duplicate(mini: Path) -> None:
    save(workbook([r + [r[5]] for r in LEDGER], header=HEADER + ["余额"]), mini)
    f = only(mini)
    assert f.code == "csv-duplicate-column" and "结余" in f.message


def test_total_rows_are_checked_not_read_as_records(mini: Path) -> None:
    rows = LEDGER + [["合计", "收入", None, None, 3000, 3020], ["小计", None, None, "本季度全部", 3980, None]]
    save(workbook(rows), mini)
    assert findings_for(mini) == [] and ledger_rows(mini) == REFERENCE
    rows[-1] = ["合计：", None, None, None, 3890, None]
    rows[-2][5] = 3200
    save(workbook(rows), mini)
    found = findings_for(mini)
    assert [(f.code, f.cell, f.severity) for f in found] == [("arith-balance", "F7", Severity.ERROR),
                                                            ("arith-period-total", "E8", Severity.ERROR)], listing(found)
    assert "合计行的“金额”写的是 3890，按上面 5 行之和计算应为 3980" in found[1].message


def test_a_word_beside_total_narrows_it_and_subtotals_sum_their_group(mini: Path) -> None:
    rows = (LEDGER[:2] + [["收入小计", None, None, None, 3000, None]] + LEDGER[2:]
            + [["支出小计", None, None, None, 980, None], ["本季度合计", None, None, None, 3980, 3020]])
    save(workbook(rows), mini)
    assert findings_for(mini) == [] and ledger_rows(mini) == REFERENCE
    rows[2][4] = 2000
    save(workbook(rows), mini)
    f = only(mini)
    assert (f.code, f.cell) == ("arith-period-total", "E4") and "收入小计行的“金额”写的是 2000，按上面 2 行之和计算应为 3000" in f.message


def test_a_number_in_a_total_row_that_cannot_be_added_is_a_warning(mini: Path) -> None:
    text = (mini / PC / "utility_sharing.csv").read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    (mini / PC / "utility_sharing.csv").write_text("\n".join([header, *rows, "合计,,,,,0.60,,"]) + "\n", encoding="utf-8")
    f = only(mini)
    assert (f.code, f.severity, f.field) == ("total-row-unchecked", Severity.WARNING, "unit_price")


def test_a_csv_and_a_workbook_for_the_same_table_is_an_error(mini: Path) -> None:
    workbook(LEDGER).save(mini / PC / "public_revenue.xlsx")
    f = only(mini)
    assert (f.code, f.file) == ("file-duplicate", f"{PC}/public_revenue.csv")
    assert "public_revenue.csv、public_revenue.xlsx" in f.message


def test_a_workbook_renamed_to_csv_gets_a_hint_that_says_what_to_do(mini: Path) -> None:
    buffer = io.BytesIO()
    workbook(LEDGER).save(buffer)
    (mini / PC / "public_revenue.csv").write_bytes(buffer.getvalue())
    f = only(mini)
    assert f.code == "csv-encoding" and "把文件名改为 public_revenue.xlsx" in (f.hint or "")


def test_an_old_xls_or_a_text_file_named_xlsx_is_explained(mini: Path) -> None:
    (mini / PC / "public_revenue.csv").rename(mini / PC / "public_revenue.xlsx")
    f = only(mini)
    assert f.code == "xlsx-unreadable" and "public_revenue.csv" in (f.hint or "")
    (mini / PC / "public_revenue.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    f = only(mini)
    assert f.code == "xlsx-unreadable" and "另存为" in (f.hint or "") and ".xls" in f.message


def test_excels_unicode_text_export_is_read(mini: Path) -> None:
    """Excel's “Unicode 文本”: UTF-16 with a byte-order mark, tab-separated, saved as .txt."""
    lines = ["\t".join(HEADER)] + ["\t".join(str(c) for c in row) for row in LEDGER]
    (mini / PC / "public_revenue.csv").unlink()
    (mini / PC / "public_revenue.txt").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    assert findings_for(mini) == [] and ledger_rows(mini) == REFERENCE


def test_excels_lock_file_is_named_for_what_it_is(mini: Path) -> None:
    (mini / PC / "~$public_revenue.xlsx").write_bytes(b"\x05clerk")
    f = only(mini)
    assert f.code == "file-unknown" and "临时文件" in f.message


def test_a_workbook_that_unpacks_too_large_is_refused_before_unpacking(mini: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    (mini / PC / "public_revenue.csv").unlink()
    (mini / PC / "public_revenue.xlsx").write_bytes(buffer.getvalue())
    f = only(mini)
    assert f.code == "file-too-large" and "解压后" in f.message


@pytest.mark.parametrize("far, code", [("XFD1048576", "csv-too-many-rows"), ("XFD2", "file-too-large"),
                                       ("A30000", "csv-too-many-rows")])
def test_a_sheet_reaching_far_is_refused_before_a_reader_allocates_it(mini: Path, far: str, code: str) -> None:
    """A 5 kB workbook with a cell in A1 and one in XFD1048576 would make the reader allocate
    the whole rectangle (half a terabyte): its extent is measured on the XML first."""
    wb = workbook(LEDGER)
    wb.active[far] = "x"
    save(wb, mini)
    f = only(mini)
    assert f.code == code and f.sheet == "公共收益收支" and "未读取" in f.message


def test_an_evaluation_score_sheet_may_be_a_workbook(rated: Path) -> None:
    csv_path = next((rated / "evaluations").glob("*.csv"))
    lines = [line.split(",") for line in csv_path.read_text(encoding="utf-8").splitlines()]
    wb = Workbook()
    ws = wb.active
    ws.title = "评分表"
    for line in lines:
        ws.append([float(c) if c.replace(".", "").isdigit() else c for c in line])
    csv_path.unlink()
    wb.save(csv_path.with_suffix(".xlsx"))
    assert findings_for(rated) == []


def test_a_datetime_cell_with_a_time_is_not_silently_a_date(mini: Path) -> None:
    rows = [list(r) for r in LEDGER]
    rows[0][0] = datetime(2026, 7, 5, 14, 30)
    save(workbook(rows), mini)
    f = only(mini)
    assert (f.code, f.cell) == ("value-date", "A2") and "2026-07-05 14:30:00" in f.message
