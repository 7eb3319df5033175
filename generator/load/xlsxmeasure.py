"""Measure a workbook's real sizes and read its layout facts from the XML, before any reader.

Contract: :func:`measure` takes the parts :func:`generator.load.xlsxzip.unpack` returned and,
streaming every XML part (no grid is built), returns a :class:`Book`: its worksheets in
order (name, visible or not, extent, hidden rows and columns, merged ranges, cells showing a
formula error, cells holding serial 60, the number form of number cells styled as a plain
number, :mod:`generator.load.xlsxformats`), the date system (1900 or 1904) and the size of the
shared-strings table. Everything a reader would allocate from is bounded here
(:mod:`generator.load.limits`) and a size over a limit raises
:class:`~generator.load.xlsxzip.Refused` naming the limit:

* the extent of a sheet as a reader places its cells: by reference in any spelling (``A1``,
  ``xfd1048576``, any number of letters), else after the previous cell; with or without the
  default namespace (tags are matched by local name, so a sheet written without
  ``xmlns="…/main"`` is measured like any other);
* the shared-strings table: its entries, counted and as declared (``count``/``uniqueCount``:
  a reader allocates what is declared), and their characters; the text a sheet's cells
  show, a shared string counted once per cell that shows it;
* sheets, and cells over all sheets (rows x columns from A1, what a reader lays out).

Never raises anything but :class:`~generator.load.xlsxzip.Refused` for bad input.
"""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass, field
from typing import Iterator
from xml.etree import ElementTree

from generator.findings.model import column_letters
from generator.load.limits import (MAX_CSV_ROWS, MAX_SHARED_STRINGS, MAX_XLSX_CELLS, MAX_XLSX_COLUMNS, MAX_XLSX_SHEETS,
                                   MAX_XLSX_TEXT)
from generator.load.xlsxformats import Shown, cell_formats
from generator.load.xlsxzip import Refused

MAX_BLANK_ROWS = 1000
"""Rows a sheet may reach beyond the row limit (blank or total rows below the table)."""
_REF = re.compile(r"([A-Za-z]+)(\d+)$")
_BIG = 10 ** 18
_TRUE = ("1", "true")


@dataclass
class Sheet:
    """One worksheet as its XML has it (rows and columns 1-based)."""

    name: str
    visible: bool
    part: str
    rows: int = 0
    cols: int = 0
    text: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column) of each merged range."""
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    """(row, column, error text) of each cell showing a formula error (``#DIV/0!``)."""
    serial60: set[tuple[int, int]] = field(default_factory=set)
    """(row, column) of number cells holding 60: Excel's 1900-02-29, a day that never was."""
    uncomputed: list[tuple[int, int, str]] = field(default_factory=list)
    """(row, column, formula) of formula cells saved without their value (no program computed them)."""
    shown: dict[tuple[int, int], Shown] = field(default_factory=dict)
    """(row, column) -> the number form of number cells styled as a plain number (``0.00``)."""


@dataclass
class Book:
    sheets: list[Sheet]
    date1904: bool = False
    shared: list[int] = field(default_factory=list)
    """The length of each shared string."""
    formats: list[Shown | None] = field(default_factory=list)
    """Each cell style's number form (:func:`generator.load.xlsxformats.cell_formats`)."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _attr(element: ElementTree.Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (``r:id``, ``id``)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _elements(part: bytes) -> Iterator[tuple[str, ElementTree.Element]]:
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(part), events=("start", "end")):
            yield event, element
    except ElementTree.ParseError:
        raise Refused("xlsx-unreadable", "工作簿已损坏（其中的 XML 部件不完整）") from None


def column_index(letters: str) -> int:
    """``A`` -> 1, ``xfd`` -> 16384 (any case); ``_BIG`` for more letters than any grid has."""
    if len(letters) > 6:
        return _BIG
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - ord("A") + 1
    return index


def _number(text: str | None, default: int) -> int:
    if text is None or not text.isdigit():
        return default
    return int(text) if len(text) < 19 else _BIG


def _range(ref: str) -> tuple[int, int, int, int] | None:
    ends = [_REF.match(p.replace("$", "")) for p in ref.split(":")]
    if len(ends) != 2 or not all(ends):
        return None
    (c0, r0), (c1, r1) = [(column_index(m.group(1)), _number(m.group(2), 0)) for m in ends if m]
    return r0, c0, r1, c1


def _rels(parts: dict[str, bytes], owner: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type's last word, target part) of the part ``owner``."""
    folder, name = posixpath.split(owner)
    raw = parts.get(posixpath.join(folder, "_rels", f"{name}.rels"))
    out: dict[str, tuple[str, str]] = {}
    for event, element in _elements(raw) if raw else ():
        if event == "end" and _local(element.tag) == "Relationship":
            target = element.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[element.get("Id", "")] = (element.get("Type", "").rpartition("/")[2], path)
    return out


def _workbook_part(parts: dict[str, bytes]) -> str:
    for kind, target in _rels(parts, "").values():
        if kind == "officeDocument" and target in parts:
            return target
    if "xl/workbook.xml" in parts:
        return "xl/workbook.xml"
    raise Refused("xlsx-unreadable", "文件不是 Excel 工作簿（压缩包中没有工作簿部件），或文件已损坏")


def _shared(part: bytes | None) -> list[int]:
    lengths: list[int] = []
    total = 0
    for event, element in _elements(part) if part else ():
        name = _local(element.tag)
        if event == "start" and name == "sst":
            declared = max(_number(element.get("count"), 0), _number(element.get("uniqueCount"), 0))
            if declared > MAX_SHARED_STRINGS:
                raise Refused("file-too-large", f"工作簿的共享字符串表声明了 {declared} 项，超过 {MAX_SHARED_STRINGS} 项的上限，未读取")
        elif event == "end" and name == "si":
            size = sum(len(t.text or "") for t in element.iter() if _local(t.tag) == "t")
            lengths.append(size)
            total += size
            element.clear()
            if len(lengths) > MAX_SHARED_STRINGS or total > MAX_XLSX_TEXT:
                raise Refused("file-too-large", f"工作簿的共享字符串表超过上限（{MAX_SHARED_STRINGS} 项、{MAX_XLSX_TEXT} 字），未读取")
    return lengths


def measure(parts: dict[str, bytes]) -> Book:
    """The workbook's sheets and sizes (see the module doc)."""
    workbook = _workbook_part(parts)
    rels = _rels(parts, workbook)
    book = Book(sheets=[])
    for event, element in _elements(parts[workbook]):
        if event != "end":
            continue
        name = _local(element.tag)
        if name == "workbookPr":
            book.date1904 = (element.get("date1904") or "").lower() in _TRUE
        elif name == "sheet":
            kind, target = rels.get(_attr(element, "id") or "", ("", ""))
            if kind == "worksheet" and target in parts:
                book.sheets.append(Sheet(element.get("name", ""), element.get("state", "visible") == "visible", target))
    if len(book.sheets) > MAX_XLSX_SHEETS:
        raise Refused("file-too-large", f"工作簿有 {len(book.sheets)} 个工作表，超过 {MAX_XLSX_SHEETS} 个的上限，未读取",
                      hint="公示表格只要一个工作表：删除其余的工作表后再保存。")
    shared = next((t for k, t in rels.values() if k == "sharedStrings"), None)
    book.shared = _shared(parts.get(shared) if shared else None)
    styles = next((t for k, t in rels.values() if k == "styles"), None)
    book.formats = cell_formats(parts.get(styles) if styles else None)
    cells = 0
    for sheet in book.sheets:
        _measure_sheet(sheet, parts[sheet.part], book)
        cells += sheet.rows * sheet.cols
    if cells > MAX_XLSX_CELLS:
        raise Refused("file-too-large", f"工作簿各工作表共铺开 {cells} 个单元格，超过 {MAX_XLSX_CELLS} 个的上限，未读取",
                      hint="删除表格下方和右边多余的行和列，以及不用的工作表。")
    return book


def _cell(sheet: Sheet, element: ElementTree.Element, at: tuple[int, int], book: Book) -> None:
    """Account for one ``<c>`` element (its text, an error it shows, serial 60)."""
    kind = element.get("t", "n")
    value = next((child.text or "" for child in element if _local(child.tag) == "v"), None)
    formula = next((child.text or "…" for child in element if _local(child.tag) == "f"), None)
    if formula is not None and not value and kind != "str":  # "str": a formula whose result is text, maybe ""
        sheet.uncomputed.append((at[0], at[1], formula[:50]))
    if kind == "s" and value is not None and value.isdigit() and int(value) < len(book.shared):
        sheet.text += book.shared[int(value)]
    elif kind == "inlineStr":
        sheet.text += sum(len(t.text or "") for t in element.iter() if _local(t.tag) == "t")
    elif value is not None:
        sheet.text += len(value)
        if kind == "e":
            sheet.errors.append((at[0], at[1], value))
        elif kind == "n" and not book.date1904 and value.strip() in ("60", "60.0"):
            sheet.serial60.add(at)
        style = element.get("s") or ""
        form = book.formats[int(style)] if kind == "n" and style.isdigit() and int(style) < len(book.formats) else None
        if form is not None:
            sheet.shown[at] = form


def _measure_sheet(sheet: Sheet, part: bytes, book: Book) -> None:
    row = col = 0
    here = (0, 0)
    for event, element in _elements(part):
        name = _local(element.tag)
        if event == "start" and name == "row":
            row, col = _number(element.get("r"), row + 1), 0
            if (element.get("hidden") or "").lower() in _TRUE:
                sheet.hidden_rows.add(row)
        elif event == "start" and name == "c":
            ref = _REF.match(element.get("r") or "")
            col, at = (column_index(ref.group(1)), _number(ref.group(2), row)) if ref else (col + 1, row)
            sheet.rows, sheet.cols, here = max(sheet.rows, at), max(sheet.cols, col), (at, col)
            _check_extent(sheet)
        elif event == "end" and name == "c":
            _cell(sheet, element, here, book)
            element.clear()
            if sheet.text > MAX_XLSX_TEXT:
                raise Refused("file-too-large", f"工作表中的文字超过 {MAX_XLSX_TEXT} 字的上限，未读取", sheet=sheet.name,
                              hint="表格每格只写一项内容；删除多余的行后再保存。")
        elif event == "end" and name == "row":
            element.clear()
        elif event == "end" and name == "col" and (element.get("hidden") or "").lower() in _TRUE:
            first, last = _number(element.get("min"), 0), _number(element.get("max"), 0)
            sheet.hidden_cols.update(range(first, min(last, MAX_XLSX_COLUMNS) + 1))
        elif event == "end" and name == "mergeCell":
            span = _range(element.get("ref") or "")
            if span:
                sheet.merged.append(span)


def _check_extent(sheet: Sheet) -> None:
    if sheet.rows > MAX_CSV_ROWS + MAX_BLANK_ROWS:
        raise Refused("csv-too-many-rows", f"工作表用到了第 {sheet.rows} 行，超过 {MAX_CSV_ROWS} 行的上限，未读取",
                      sheet=sheet.name, hint="删除表格下方多余的行（选中这些行，右键“删除”），只保留本期要公示的内容。")
    if sheet.cols > MAX_XLSX_COLUMNS:
        letters = column_letters(sheet.cols) if sheet.cols < _BIG else "XFD 之外"
        raise Refused("file-too-large", f"工作表用到了第 {sheet.cols} 列（{letters} 列），超过 {MAX_XLSX_COLUMNS} 列的上限，未读取",
                      sheet=sheet.name, hint="删除表格右边多余的列（选中这些列，右键“删除”）。")
