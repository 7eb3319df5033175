"""Read one table from an Excel workbook (``.xlsx``, as Excel, WPS or LibreOffice save it).

Contract:

* one table per file: the visible worksheet named after the item (``names``: its id, its
  Chinese name…), else the first visible worksheet; hidden sheets are never read (templates
  and clerks keep lists there);
* read with pandas through the python-calamine engine, every cell as a Python value first
  (nothing inferred per column), then turned into text by :func:`cell_text` and parsed by
  the project's own rules (:mod:`generator.model.values`), exactly like a CSV cell:
  numbers as Excel shows them, to 15 significant digits, so a cell holding
  ``0.30000000000000004`` (``=0.1+0.2``) reads ``0.3``, never a float artefact; date cells as
  dates; a number in a date column (``date_fields``) as an Excel serial date (1950–2100);
  a formula as its cached value (what Excel last showed);
* then :func:`generator.load.rawtable.tabulate` (header, empty columns, 合计 rows, limits);
* merged cells (a title over the header, a merged header, merged rows) and cells showing a
  formula error (``#DIV/0!``, ``#REF!``) are findings naming the cell (one for the first error
  cell, listing the cells whose errors follow from it), and the table is not read; so are a
  file that is no workbook (an old ``.xls``, a CSV renamed, a damaged or password-protected
  file) and one that unpacks to more than ``MAX_XLSX_UNPACKED`` bytes (read before anything
  is unpacked);
* a sheet whose cells reach beyond ``MAX_CSV_ROWS`` rows or ``MAX_XLSX_COLUMNS`` columns is a
  finding, measured on the sheet's XML before any reader sees it (a reader allocates the whole
  rectangle: a 5 kB file with cells in A1 and XFD1048576 would take half a terabyte);
* findings carry the file, the worksheet's name and the cell as Excel names it
  (``public_revenue.xlsx:公共收益!G7``); ``line`` is the worksheet's row number;
* never raises for bad input, never writes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable
from xml.etree import ElementTree

import pandas as pd
from python_calamine import SheetTypeEnum, SheetVisibleEnum

from generator.findings import Findings
from generator.findings.model import cell_ref, column_letters
from generator.load.csvfile import OLE_MAGIC, ZIP_MAGIC
from generator.load.limits import MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_XLSX_COLUMNS, MAX_XLSX_UNPACKED, megabytes, too_big
from generator.load.rawtable import GridRow, RawTable, field_of, header_key, tabulate

EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's 1900 date system (serial 1 is 1900-01-01; Excel's phantom 1900-02-29 is
before every date accepted here)."""
MAX_BLANK_ROWS = 1000
"""Rows a sheet may reach beyond the row limit (blank or total rows below the table)."""
SERIAL_YEARS = range(1950, 2101)
"""A number in a date column is read as an Excel serial date only when it falls in these
years; a smaller one (``2026``, a year typed into a date cell) stays a number and is reported."""

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
_ERROR_CELL = re.compile(r'<c r="([A-Z]+\d+)"[^>]*?\bt="e"[^>]*>(?:.*?)<v>([^<]*)</v>', re.S)


def number_text(value: float) -> str:
    """A number cell as Excel shows it at most (15 significant digits), never in exponent form."""
    return format(Decimal(format(value, ".15g")), "f")


def serial_date(value: float) -> date | None:
    """The date of an Excel serial number (whole days) in :data:`SERIAL_YEARS`, else None."""
    if value != int(value):
        return None
    try:
        day = EXCEL_EPOCH + timedelta(days=int(value))
    except OverflowError:
        return None
    return day if day.year in SERIAL_YEARS else None


def cell_text(value: Any, is_date: bool = False) -> str:
    """A cell value (as pandas and calamine give it) as the text a clerk saw in the cell."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if is_date:
            day = serial_date(float(value))
            if day is not None:
                return day.isoformat()
        return str(value) if isinstance(value, int) else number_text(value)
    return str(value)


def _unpacked_size(raw: bytes) -> int | None:
    """The bytes the archive unpacks to (from its directory, nothing unpacked); None if no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name -> its XML part inside the archive."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        out[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return out


def _sheet_part(raw: bytes, sheet: str) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            part = _sheet_paths(archive).get(sheet)
            return archive.read(part) if part is not None else None
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return None


def extent(part: bytes) -> tuple[int, int]:
    """The last row and column holding a cell in a worksheet part, placed as readers place
    them (by reference, else after the previous one), streamed: no grid is built. A reader
    allocates that whole rectangle, so it is bounded before any reader sees the sheet."""
    rows = cols = row = col = 0
    for event, element in ElementTree.iterparse(io.BytesIO(part), events=("start", "end")):
        if event == "end":
            if element.tag == f"{_MAIN}row":
                element.clear()
            continue
        if element.tag == f"{_MAIN}row":
            number = element.get("r", "")
            row, col = (int(number) if number.isdigit() else row + 1), 0
        elif element.tag == f"{_MAIN}c":
            ref = _CELL_REF.match(element.get("r") or "")
            col, at = (_column_index(ref.group(1)), int(ref.group(2))) if ref else (col + 1, row)
            rows, cols = max(rows, at), max(cols, col)
    return rows, cols


def error_cells(raw: bytes, sheet: str) -> list[tuple[str, str]]:
    """(cell, error text) of every cell of ``sheet`` showing a formula error (``#DIV/0!``):
    read from the sheet's XML, since readers give such cells as empty."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            part = _sheet_paths(archive).get(sheet)
            if part is None:
                return []
            text = archive.read(part).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return []
    return [(m.group(1), m.group(2)) for m in _ERROR_CELL.finditer(text)]


def _choose(sheets: list[Any], names: Iterable[str]) -> str | None:
    visible = [s.name for s in sheets if s.visible == SheetVisibleEnum.Visible and s.typ == SheetTypeEnum.WorkSheet]
    wanted = {header_key(n) for n in names}
    named = [n for n in visible if header_key(n) in wanted]
    return (named or visible or [None])[0]


def _unreadable(findings: Findings, rel: str, message: str, hint: str) -> None:
    findings.add("xlsx-unreadable", rel, message, hint=hint)


def read_xlsx(path: Path, rel: str, findings: Findings, aliases: dict[str, str], raw: bytes | None = None,
              names: Iterable[str] = (), date_fields: frozenset[str] = frozenset()) -> RawTable | None:
    """Read the table of the workbook at ``path`` (or ``raw``, its bytes from git); see the
    module doc. ``aliases`` as for :func:`generator.load.csvfile.read_csv`."""
    if too_big(path, rel, MAX_CSV_BYTES, findings, "工作簿", raw):
        return None
    raw = path.read_bytes() if raw is None else raw
    stem = path.name.partition(".")[0]
    if raw.startswith(OLE_MAGIC):
        _unreadable(findings, rel, "这是旧版 Excel 97-2003 文件（.xls），或设置了打开密码的工作簿",
                    f"在 Excel 或 WPS 中打开，取消密码后“另存为 → Excel 工作簿（*.xlsx）”，保存为 {stem}.xlsx。")
        return None
    size = _unpacked_size(raw) if raw.startswith(ZIP_MAGIC) else None
    if size is None:
        _unreadable(findings, rel, "文件不是 Excel 工作簿（可能是改了扩展名的文本表格，或文件已损坏）",
                    f"文本表格（CSV）请命名为 {stem}.csv；工作簿请在 Excel 中重新“另存为 → Excel 工作簿（*.xlsx）”。")
        return None
    if size > MAX_XLSX_UNPACKED:
        findings.add("file-too-large", rel, f"工作簿解压后有 {megabytes(size)}，超过 {megabytes(MAX_XLSX_UNPACKED)} 的上限，未读取",
                     hint="工作簿只保留本期要公示的表格；删除图片和多余的工作表后再保存。")
        return None
    try:
        book = pd.ExcelFile(io.BytesIO(raw), engine="calamine")
        sheet = _choose(book.book.sheets_metadata, names)
        if sheet is None:
            _unreadable(findings, rel, "工作簿中没有可见的工作表", "在 Excel 中取消隐藏（右键工作表标签 → 取消隐藏）。")
            return None
        if not _within_extent(findings, rel, sheet, _sheet_part(raw, sheet)):
            return None
        merged = book.book.get_sheet_by_name(sheet).merged_cell_ranges or []
        frame = pd.read_excel(book, sheet_name=sheet, header=None, dtype=object)
    except Exception:  # noqa: BLE001 - any failure of the engine on a damaged file is the same finding
        _unreadable(findings, rel, "无法读取这个工作簿：文件已损坏、未保存完整，或设置了密码",
                    "在 Excel 或 WPS 中打开它（能打开就取消密码），重新“另存为 → Excel 工作簿（*.xlsx）”。")
        return None
    values = frame.values.tolist()
    if not _structure_ok(findings, rel, sheet, values, merged, raw):
        return None
    return tabulate(_grid(values, aliases, date_fields), rel, findings, aliases, sheet=sheet)


def _within_extent(findings: Findings, rel: str, sheet: str, part: bytes | None) -> bool:
    """False (and a finding) when the sheet reaches beyond the rows or columns a table may have."""
    if part is None:
        return True
    rows, cols = extent(part)
    if rows > MAX_CSV_ROWS + MAX_BLANK_ROWS:
        findings.add("csv-too-many-rows", rel, f"工作表用到了第 {rows} 行，超过 {MAX_CSV_ROWS} 行的上限，未读取",
                     sheet=sheet, hint="删除表格下方多余的行（选中这些行，右键“删除”），只保留本期要公示的内容。")
        return False
    if cols > MAX_XLSX_COLUMNS:
        findings.add("file-too-large", rel, f"工作表用到了第 {cols} 列（{column_letters(cols)} 列），超过 {MAX_XLSX_COLUMNS} 列的上限，未读取",
                     sheet=sheet, hint="删除表格右边多余的列（选中这些列，右键“删除”）。")
        return False
    return True


def _header_row(values: list[list[Any]]) -> int | None:
    """0-based index of the first row with a value (the header)."""
    return next((i for i, row in enumerate(values) if any(cell_text(v).strip() for v in row)), None)


def _structure_ok(findings: Findings, rel: str, sheet: str, values: list[list[Any]], merged: list[Any],
                  raw: bytes) -> bool:
    ok = True
    head = _header_row(values)
    title = head is not None and sum(1 for v in values[head] if cell_text(v).strip()) == 1
    for (r0, c0), (r1, c1) in sorted(merged):
        span = f"{cell_ref(c0 + 1, r0 + 1)}:{cell_ref(c1 + 1, r1 + 1)}"
        if head is not None and r0 <= head <= r1 and title:
            message = f"表格上方有合并单元格 {span}（标题行）：第一行应当就是表头"
            hint = "删除表头上方的标题行（标题不必写，网站会显示条目名称），让表头在第一行，每列一个列名。"
        elif head is not None and r0 <= head <= r1:
            message = f"表头中有合并单元格 {span}：每一列要有自己的表头"
            hint = "选中这些单元格，“取消合并”，再给每一列写上列名（列名见数据说明或 Excel 模板）。"
        else:
            message = f"表格中有合并单元格 {span}：合并后只有第一格有内容，其余各格是空的"
            hint = "选中这些单元格，“取消合并”，再在每一格填上内容。"
        findings.add("xlsx-merged-cells", rel, message, line=r0 + 1, column=c0 + 1, sheet=sheet,
                     cell=cell_ref(c0 + 1, r0 + 1), hint=hint)
        ok = False
    errors = error_cells(raw, sheet)
    if errors:
        ref, error = errors[0]
        match = re.match(r"([A-Z]+)(\d+)", ref)
        assert match is not None
        more = [r for r, _ in errors[1:]]
        also = f"（{'、'.join(more[:5])}{' 等' if len(more) > 5 else ''} 也显示错误，多半是引用了这一格）" if more else ""
        findings.add("xlsx-cell-error", rel, f"单元格显示公式错误 {error}，没有可读的值{also}", line=int(match.group(2)),
                     column=_column_index(match.group(1)), sheet=sheet, cell=ref,
                     hint="改正这一格的公式（常见原因：除以 0、引用的单元格被删除），或直接填写数值。")
        ok = False
    return ok


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - ord("A") + 1
    return index


def _grid(values: list[list[Any]], aliases: dict[str, str], date_fields: frozenset[str]) -> list[GridRow]:
    head = _header_row(values)
    dates: set[int] = set()
    if head is not None:
        dates = {i for i, v in enumerate(values[head]) if field_of(cell_text(v), aliases) in date_fields}
    return [GridRow(line=i + 1, row=i + 1, cells=[cell_text(v, j in dates) for j, v in enumerate(row)])
            for i, row in enumerate(values)]
