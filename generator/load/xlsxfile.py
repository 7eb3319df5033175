"""Read one table from an Excel workbook (``.xlsx``, as Excel, WPS or LibreOffice save it).

Contract:

* bounded before any cell is read: the archive is unpacked with a bound that does not trust
  its directory (:mod:`generator.load.xlsxzip`), then every size a reader allocates from is
  measured on the XML and checked against the limits (:mod:`generator.load.xlsxmeasure`:
  sheets, each sheet's extent in any spelling, cells, shared strings and their length);
  a size over a limit is a finding naming the limit;
* parsed in a worker process with a memory bound (:mod:`generator.load.xlsxworker`), from
  the bytes that were measured; a reader that dies there is a finding naming the file, the
  build goes on;
* one table per file: the sheet :func:`generator.load.xlsxsheet.choose` picks (the sheet
  named after the item, else the first visible one holding the header; a cover sheet in
  front is a warning, a table only on a hidden sheet an error); hidden sheets are not read;
* cells as the clerk sees them (:func:`cell_text`), then parsed by the project's own rules
  (:mod:`generator.model.values`), exactly like a CSV cell: text stays text (``N/A``,
  ``NULL``, ``None``: no missing-value list); numbers as Excel shows them, to 15 significant
  digits (``=0.1+0.2`` reads ``0.3``; an 18-digit number reads as Excel shows it, not with
  float noise); in a column kept as typed (a price), a number as its number format shows
  it (``1.80`` in a ``0.00`` cell, ``70%``; :mod:`generator.load.xlsxformats`); date cells as dates, in the workbook's date system (1900 or 1904); a number
  in a date column (``date_fields``) as a serial date of that system (1950–2100); Excel's
  1900-02-29 (serial 60), a day that never was, reads ``1900-02-29`` and is reported as such;
  a formula as its cached value (what Excel last showed);
* merged cells, cells showing a formula error, formulas saved without a value, hidden rows
  and columns holding anything: findings naming the cells, the table not read
  (:func:`generator.load.xlsxsheet.layout_ok`); a title row above the header, a signature
  line under the table, 序号 and 备注 columns: see :func:`generator.load.rawtable.tabulate`;
* findings carry the file, the worksheet's name and the cell as Excel names it
  (``public_revenue.xlsx:公共收益!G7``); ``line`` is the worksheet's row number;
* never raises for bad input, never writes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from generator.findings import Findings
from generator.load.csvfile import OLE_MAGIC, ZIP_MAGIC
from generator.load.limits import MAX_CSV_BYTES, too_big
from generator.load.rawtable import GridRow, RawTable, field_of, header_index, tabulate
from generator.load.xlsxformats import Shown, shown
from generator.load.xlsxmeasure import Book, Sheet, measure
from generator.load.xlsxsheet import choose, layout_ok, visible_ok
from generator.load.xlsxworker import WorkerDied, read_sheets
from generator.load.xlsxzip import Refused, repack, unpack

EPOCHS = {False: date(1899, 12, 30), True: date(1904, 1, 1)}
"""Day 0 of Excel's 1900 date system (serial 61 is 1900-03-01; the phantom 1900-02-29 is
before every serial accepted here) and of the 1904 system (Mac Excel of old)."""
PHANTOM_DAY = "1900-02-29"
"""How Excel's serial 60 reads: a day that never was, so the date parser reports it."""
SERIAL_YEARS = range(1950, 2101)
"""A number in a date column is read as an Excel serial date only when it falls in these
years; a smaller one (``2026``, a year typed into a date cell) stays a number and is reported."""
_EXACT_DIGITS = 15


def number_text(value: float) -> str:
    """A number cell as Excel shows it at most (15 significant digits), never in exponent form."""
    return format(Decimal(format(value, ".15g")), "f")


def serial_date(value: float, date1904: bool = False) -> date | None:
    """The date of an Excel serial number (whole days) in :data:`SERIAL_YEARS`, else None."""
    if value != int(value):
        return None
    try:
        day = EPOCHS[date1904] + timedelta(days=int(value))
    except OverflowError:
        return None
    return day if day.year in SERIAL_YEARS else None


def cell_text(value: Any, is_date: bool = False, date1904: bool = False) -> str:
    """A cell value (as the reader gives it) as the text a clerk saw in the cell."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        if is_date:
            day = serial_date(float(value), date1904)
            if day is not None:
                return day.isoformat()
        if isinstance(value, int) and abs(value) < 10 ** _EXACT_DIGITS:
            return str(value)
        return number_text(float(value))
    return str(value)


def _unreadable(findings: Findings, rel: str, message: str, hint: str) -> None:
    findings.add("xlsx-unreadable", rel, message, hint=hint)


def _open(raw: bytes, rel: str, stem: str, findings: Findings) -> tuple[Book, dict[str, list[list[Any]]]] | None:
    """The workbook measured and parsed (in the worker); None (and a finding) when it cannot be."""
    if raw.startswith(OLE_MAGIC):
        _unreadable(findings, rel, "这是旧版 Excel 97-2003 文件（.xls），或设置了打开密码的工作簿",
                    f"在 Excel 或 WPS 中打开，取消密码后“另存为 → Excel 工作簿（*.xlsx）”，保存为 {stem}.xlsx。")
        return None
    if not raw.startswith(ZIP_MAGIC):
        _unreadable(findings, rel, "文件不是 Excel 工作簿（可能是改了扩展名的文本表格，或文件已损坏）",
                    f"文本表格（CSV）请命名为 {stem}.csv；工作簿请在 Excel 中重新“另存为 → Excel 工作簿（*.xlsx）”。")
        return None
    try:
        parts = unpack(raw)
        book = measure(parts)
        return book, read_sheets(repack(parts))
    except Refused as refused:
        hint = refused.hint or ("工作簿只保留本期要公示的表格；删除图片、多余的工作表和表格外的内容后再保存。"
                                if refused.code == "file-too-large" else
                                "在 Excel 或 WPS 中打开它（能打开就取消密码），重新“另存为 → Excel 工作簿（*.xlsx）”。")
        findings.add(refused.code, rel, refused.message, sheet=refused.sheet, hint=hint)
    except WorkerDied as died:
        findings.add("xlsx-reader-died", rel, f"读取这个工作簿时{died.why}；其余文件照常检查",
                     hint="这个文件可能已损坏或是特意构造的：在 Excel 或 WPS 中打开，把表格复制到新建的工作簿，"
                     "“另存为 → Excel 工作簿（*.xlsx）”。")
    except ValueError:
        _unreadable(findings, rel, "无法读取这个工作簿：文件已损坏、未保存完整，或设置了密码",
                    "在 Excel 或 WPS 中打开它（能打开就取消密码），重新“另存为 → Excel 工作簿（*.xlsx）”。")
    return None


def read_xlsx(path: Path, rel: str, findings: Findings, aliases: dict[str, str], raw: bytes | None = None,
              names: Iterable[str] = (), date_fields: frozenset[str] = frozenset(),
              typed_fields: frozenset[str] = frozenset()) -> RawTable | None:
    """Read the table of the workbook at ``path`` (or ``raw``, its bytes from git); see the
    module doc. ``aliases`` as for :func:`generator.load.csvfile.read_csv`; ``typed_fields``:
    the fields kept as typed, whose number cells read as their number format shows them."""
    if too_big(path, rel, MAX_CSV_BYTES, findings, "工作簿", raw):
        return None
    raw = path.read_bytes() if raw is None else raw
    opened = _open(raw, rel, path.name.partition(".")[0], findings)
    if opened is None:
        return None
    book, sheets = opened
    sheet = choose(book, sheets, names, aliases, findings, rel)
    if sheet is None:
        return None
    grid = _grid(sheets[sheet.name], sheet, aliases, (date_fields, typed_fields), book.date1904)
    shown = visible_ok(sheet, [row.cells for row in grid], findings, rel)
    if not layout_ok(sheet, _title_rows(grid, aliases), findings, rel):
        return None
    table = tabulate(grid, rel, findings, aliases, sheet=sheet.name)  # a title or signature row: other mistakes
    return table if shown else None


def _title_rows(grid: list[GridRow], aliases: dict[str, str]) -> int:
    """The sheet row just above the header (0 when the header is the first row with content)."""
    rows = [r for r in grid if any(c.strip() for c in r.cells)]
    at = header_index([r.cells for r in rows], aliases) or 0
    return rows[at].row - 1 if rows else 0


def _grid(values: list[list[Any]], sheet: Sheet, aliases: dict[str, str],
          fields: tuple[frozenset[str], frozenset[str]], date1904: bool) -> list[GridRow]:
    plain = [[cell_text(v) for v in row] for row in values]
    rows = [r for r in plain if any(c.strip() for c in r)]
    at = header_index(rows, aliases)
    heads = [field_of(c, aliases) for c in rows[at]] if at is not None else []
    dates = {i for i, f in enumerate(heads) if f in fields[0]}
    typed = {i for i, f in enumerate(heads) if f in fields[1]}
    grid = []
    for i, row in enumerate(values):
        cells = [PHANTOM_DAY if (i + 1, j + 1) in sheet.serial60 and isinstance(v, date)
                 else _typed(v, sheet.shown.get((i + 1, j + 1))) if j in typed
                 else cell_text(v, j in dates, date1904) for j, v in enumerate(row)]
        grid.append(GridRow(line=i + 1, row=i + 1, cells=cells))
    return grid


def _typed(value: Any, form: Shown | None) -> str:
    """A cell of a column kept as typed: a number as its number format shows it (``1.80``)."""
    text = cell_text(value)
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return shown(text, form) if number and form is not None and text else text
