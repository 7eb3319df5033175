"""From a grid of cell texts (what a CSV or a worksheet holds) to a table of named cells.

Contract: :func:`tabulate` takes the rows of one table as the file has them (every cell
already text, each row with its line in the file and its spreadsheet row number) and
returns a :class:`RawTable`, or ``None`` with a finding. Both readers,
:mod:`generator.load.csvfile` and :mod:`generator.load.xlsxfile`, end here, so a CSV and a
workbook are read by the same rules:

* blank rows are skipped; the first non-blank row is the header;
* a header cell names a field by its name or its Chinese title after NFKC folding, with
  spaces removed (``摘  要``), with a unit in brackets after it (``金额（元）``) or as one of
  the title's synonyms (``余额`` for ``结余``, :data:`generator.model.vocabulary.HEADER_SYNONYMS`);
* empty columns after the last header (Excel keeps formatting there) are ignored; an empty
  column without a header between others is ignored too; a column holding values without a
  header is a finding;
* a row whose first non-empty cell is 合计, 总计 or 小计 (:data:`TOTAL_WORDS`), maybe with a
  few characters before or after (``收入合计``, ``本季度小计``, ``合计：``), is a total row: kept
  apart in ``totals`` (the checks compare it with the rows it sums), never a record. A 合计 or
  总计 sums every record above it; a 小计 the records since the last group of total rows (so
  ``收入小计`` and ``支出小计`` one under the other sum the same records);
* bounded: a header over ``MAX_CSV_COLUMNS`` columns, more than ``MAX_CSV_ROWS`` rows or a
  cell over ``MAX_CELL_CHARS`` characters is a finding and the table is not read.

Findings carry the file, the line, the column and, for a worksheet, its name (``sheet``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.findings import Findings
from generator.findings.model import column_letters
from generator.load.limits import MAX_CELL_CHARS, MAX_CSV_COLUMNS, MAX_CSV_ROWS, SPLIT_HINT
from generator.model.values import fold

TOTAL_WORDS: dict[str, str] = {"合计": "all", "总计": "all", "小计": "since_last"}
"""The first cell of a total row -> what it sums: every record row above it, or those since
the previous total row."""

_UNIT = re.compile(r"[（(][^（）()]*[)）]$")
_SPACES = re.compile(r"\s+")


@dataclass
class GridRow:
    """One row as the file has it: its cells as text, where it is."""

    line: int
    """Line in the file (a CSV's physical line; a worksheet's row number)."""
    row: int
    """The row number a spreadsheet shows."""
    cells: list[str]


@dataclass
class RawRow:
    line: int
    cells: dict[str, str]
    row: int = 0
    """The row number a spreadsheet shows (differs from ``line`` after a cell with a line break)."""
    ragged: bool = False
    """More non-empty cells than the header has columns (already reported): the cells may be shifted."""


@dataclass
class TotalRow:
    """A 合计/小计 row: its cells by field name and the record rows (indexes into ``rows``) it sums;
    ``qualifier`` is what stands beside the word in its cell (``收入`` in ``收入合计``)."""

    line: int
    row: int
    word: str
    cells: dict[str, str]
    covers: list[int]
    qualifier: str = ""


@dataclass
class RawTable:
    header: list[str]
    rows: list[RawRow]
    titles: list[str] = field(default_factory=list)
    """The header cells as the file has them (``收费标准``), for findings."""
    sheet: str | None = None
    """The worksheet read, for a workbook."""
    totals: list[TotalRow] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    """The column (1-based, as in the file) of each header entry."""
    header_line: int = 1

    def column_of(self, name: str) -> int | None:
        """1-based column index of a header in the file, for findings."""
        try:
            index = self.header.index(name)
        except ValueError:
            return None
        return self.columns[index] if index < len(self.columns) else index + 1

    def title_of(self, name: str) -> str | None:
        """The header of field ``name`` as the file writes it."""
        try:
            index = self.header.index(name)
        except ValueError:
            return None
        return self.titles[index] if index < len(self.titles) else None


def header_key(text: str) -> str:
    """A header cell as it is matched: folded, without spaces."""
    return _SPACES.sub("", fold(text))


def field_of(text: str, aliases: dict[str, str]) -> str:
    """The field a header cell names (``aliases`` maps header keys to field names); the
    folded text itself when it names none."""
    key = header_key(text)
    if key in aliases:
        return aliases[key]
    bare = _UNIT.sub("", key)
    if bare != key and bare in aliases:
        return aliases[bare]
    return fold(text)


_QUALIFIER_CHARS = 6
"""At most this many characters beside the word: ``本季度合计`` is a total row, a long
description that happens to end in 合计 is not."""


def total_word(cells: list[str]) -> tuple[str, str] | None:
    """(合计/总计/小计, what stands beside it) when the first non-empty cell of ``cells`` is one."""
    first = next((c for c in cells if c.strip()), "")
    key = header_key(first).rstrip(":：")
    for word in TOTAL_WORDS:
        if key.endswith(word) or key.startswith(word):
            rest = key[:-len(word)] if key.endswith(word) else key[len(word):]
            if len(rest) <= _QUALIFIER_CHARS:
                return word, rest
    return None


def tabulate(grid: list[GridRow], rel: str, findings: Findings, aliases: dict[str, str],
             sheet: str | None = None) -> RawTable | None:
    """The table in ``grid`` (see the module doc); ``None`` (and a finding) when it cannot be read."""
    rows = [r for r in grid if any(c.strip() for c in r.cells)]
    if not rows:
        return RawTable(header=[], rows=[], sheet=sheet)
    head, body = rows[0], rows[1:]
    width = max((i + 1 for i, c in enumerate(head.cells) if c.strip()), default=0)
    if width > MAX_CSV_COLUMNS:
        findings.add("csv-too-many-columns", rel, f"表头有 {width} 列，超过 {MAX_CSV_COLUMNS} 列的上限，未读取",
                     line=head.line, column=MAX_CSV_COLUMNS + 1, sheet=sheet,
                     hint="表头只写本表的列（见数据说明第四节），删除多余的列后再另存。")
        return None
    used = {i for r in body for i, c in enumerate(r.cells[:width]) if c.strip()}
    columns: list[int] = []
    titles: list[str] = []
    header: list[str] = []
    for i, cell in enumerate(head.cells[:width]):
        if not cell.strip():
            if i in used:
                findings.add("csv-unknown-column", rel, f"第 {i + 1} 列（{column_letters(i + 1)} 列）有内容却没有表头",
                             line=head.line, column=i + 1, sheet=sheet,
                             hint="在表头补上这一列的列名，或删除这一列的内容。")
                return None
            continue  # an empty column between others: ignored
        columns.append(i)
        titles.append(cell.strip())
        header.append(field_of(cell, aliases))
    table = RawTable(header=header, rows=[], titles=titles, sheet=sheet, columns=[c + 1 for c in columns],
                     header_line=head.line)
    since, after_total = 0, False
    for record in body:
        long = next((i for i, cell in enumerate(record.cells) if len(cell) > MAX_CELL_CHARS), None)
        if long is not None:
            findings.add("csv-cell-too-long", rel,
                         f"单元格有 {len(record.cells[long])} 个字，超过 {MAX_CELL_CHARS} 字的上限", line=record.line,
                         column=long + 1, sheet=sheet,
                         hint="表格每格只写一项内容；较长的说明写在同名 YAML 文件的备注中。")
            return None
        cells = {name: (record.cells[i].strip() if i < len(record.cells) else "") for name, i in zip(header, columns)}
        total = total_word(record.cells)
        if total is not None:
            word, qualifier = total
            start = since if TOTAL_WORDS[word] == "since_last" else 0
            table.totals.append(TotalRow(record.line, record.row, word, cells, list(range(start, len(table.rows))),
                                         qualifier))
            after_total = True
            continue
        if after_total:
            since, after_total = len(table.rows), False
        extra = [i for i, c in enumerate(record.cells) if c.strip() and (i >= width)]
        ragged = bool(extra)
        if ragged:
            findings.add("csv-extra-cells", rel,
                         f"这一行有 {max(extra) + 1} 格，表头只有 {width} 列；这一行不计入核对",
                         line=record.line, column=width + 1, sheet=sheet,
                         hint="删除多余的单元格，或检查数字中的逗号是否未加引号（6,000.00 应写成 6000.00）。")
        if len(table.rows) >= MAX_CSV_ROWS:
            findings.add("csv-too-many-rows", rel, f"表格超过 {MAX_CSV_ROWS} 行的上限，未读取",
                         line=record.line, sheet=sheet, hint=SPLIT_HINT)
            return None
        table.rows.append(RawRow(line=record.line, cells=cells, row=record.row, ragged=ragged))
    return table
