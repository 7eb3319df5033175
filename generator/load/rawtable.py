"""From a grid of cell texts (what a CSV or a worksheet holds) to a table of named cells.

Contract: :func:`tabulate` takes the rows of one table as the file has them (every cell
already text, each row with its line in the file and its spreadsheet row number) and
returns a :class:`RawTable`, or ``None`` with a finding. Both readers,
:mod:`generator.load.csvfile` and :mod:`generator.load.xlsxfile`, end here, so a CSV and a
workbook are read by the same rules:

* blank rows are skipped; the header is the first of the first :data:`HEADER_SEARCH` non-blank
  rows with at least two cells naming a field (else the first non-blank row); rows above it
  are a title (``2026年第三季度公共收益收支明细``): one warning naming them, not read;
* a 序号 column (numbering) is not read; a 备注/说明 column the model has no field for is
  not read either, and when it holds anything, one warning names it and its rows (it is
  not published; the figures and the other columns are checked as usual);
* a signature block under the table (a row starting 制表：, 审核：, 负责人：…, and the short
  rows after it, :data:`SIGNATURE`) is one warning naming its rows, not records;
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
from generator.findings.model import cell_ref, column_letters
from generator.load.limits import MAX_CELL_CHARS, MAX_CSV_COLUMNS, MAX_CSV_ROWS, SPLIT_HINT
from generator.model.values import MAX_DECIMALS, fold

TOTAL_WORDS: dict[str, str] = {"合计": "all", "总计": "all", "小计": "since_last"}
"""The first cell of a total row -> what it sums: every record row above it, or those since
the previous total row."""

HEADER_SEARCH = 10
"""Non-blank rows searched for the header (title rows above it are reported)."""
SIGNATURE = re.compile(r"^(制表|填表|编制|审核|复核|审批|批准|经办|负责人|会计|出纳|记账|签字|签名|盖章|公示单位|日期)(人|单位)?\s*[:：]")
"""The first cell of a signature line under a table (制表：张三  审核：李四)."""
NUMBERING = frozenset({"序号", "序", "no", "no."})
"""Header keys of a numbering column (not read)."""
NOTES = frozenset({"备注", "说明", "附注", "备注说明"})
"""Header keys of a notes column (not read when the model has no such field)."""

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


def names_field(text: str, aliases: dict[str, str]) -> bool:
    """Whether a header cell names one of the fields ``aliases`` knows."""
    key = header_key(text)
    return key in aliases or _UNIT.sub("", key) in aliases


def header_index(rows: list[list[str]], aliases: dict[str, str], strict: bool = False) -> int | None:
    """Index into the non-blank ``rows`` of the header (see the module doc); ``strict``: None
    when no row names two fields, instead of the first row."""
    for i, row in enumerate(rows[:HEADER_SEARCH]):
        if sum(1 for c in row if c.strip() and names_field(c, aliases)) >= 2:
            return i
    return None if strict or not rows else 0


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


def _where(rows: list[GridRow]) -> str:
    numbers = [str(r.row) for r in rows]
    return "第 " + "、".join(numbers[:5]) + (" 等" if len(numbers) > 5 else "") + " 行"


def _title_rows(titles: list[GridRow], rel: str, findings: Findings, sheet: str | None) -> None:
    column, first = next((i + 1, c.strip()) for i, c in enumerate(titles[0].cells) if c.strip())
    findings.warn("table-title-row", rel, f"表头上方的{_where(titles)}（“{first[:30]}”）是标题，不是表格内容，未读取",
                  line=titles[0].line, column=column, sheet=sheet, hint=f"删除{_where(titles)}，让表头（列名）在第一行；"
                  "标题不必写：网站和公示单会显示条目名称和所属期间。")


def _columns(head: GridRow, width: int, used: set[int], aliases: dict[str, str], rel: str, findings: Findings,
             sheet: str | None) -> tuple[list[int], list[int]] | None:
    """(read columns, notes columns), 0-based; None (and a finding) for values without a header."""
    columns: list[int] = []
    notes: list[int] = []
    for i, cell in enumerate(head.cells[:width]):
        key = header_key(cell)
        if not cell.strip():
            if i in used:
                findings.add("csv-unknown-column", rel, f"第 {i + 1} 列（{column_letters(i + 1)} 列）有内容却没有表头",
                             line=head.line, column=i + 1, sheet=sheet,
                             hint="在表头补上这一列的列名，或删除这一列的内容。")
                return None
        elif key in aliases:
            columns.append(i)
        elif key in NUMBERING:
            continue
        elif key in NOTES:
            notes.append(i)
        else:
            columns.append(i)
    return columns, notes


def _notes(head: GridRow, notes: list[int], records: list[GridRow], rel: str, findings: Findings,
           sheet: str | None) -> None:
    for i in notes:
        filled = [r for r in records if i < len(r.cells) and r.cells[i].strip()]
        if filled:
            findings.warn("table-notes-column", rel, f"“{head.cells[i].strip()}”列（{column_letters(i + 1)} 列）"
                          f"{_where(filled)}有内容：这一列作为备注保留在表格里，不在网站上公示，也不计入金额",
                          line=head.line, column=i + 1, sheet=sheet,
                          hint="需要居民看到的说明写进“摘要”列，或写在同名 YAML 文件的 notes 中；"
                          "只供内部查看的备注可以留着。")


def _first(row: GridRow) -> str:
    return next((c.strip() for c in row.cells if c.strip()), "")


def _signature(body: list[GridRow]) -> int | None:
    """Index into ``body`` where a signature block starts (it runs to the end), or None."""
    for i, record in enumerate(body):
        if SIGNATURE.match(_first(record)):
            rest = body[i + 1:]
            if all(sum(1 for c in r.cells if c.strip()) <= 2 or SIGNATURE.match(_first(r)) for r in rest):
                return i
    return None


def tabulate(grid: list[GridRow], rel: str, findings: Findings, aliases: dict[str, str],
             sheet: str | None = None) -> RawTable | None:
    """The table in ``grid`` (see the module doc); ``None`` (and a finding) when it cannot be read."""
    rows = [r for r in grid if any(c.strip() for c in r.cells)]
    if not rows:
        return RawTable(header=[], rows=[], sheet=sheet)
    at = header_index([r.cells for r in rows], aliases) or 0
    if at:
        _title_rows(rows[:at], rel, findings, sheet)
    head, body = rows[at], rows[at + 1:]
    width = max((i + 1 for i, c in enumerate(head.cells) if c.strip()), default=0)
    if width > MAX_CSV_COLUMNS:
        findings.add("csv-too-many-columns", rel, f"表头有 {width} 列，超过 {MAX_CSV_COLUMNS} 列的上限，未读取",
                     line=head.line, column=MAX_CSV_COLUMNS + 1, sheet=sheet,
                     hint="表头只写本表的列（见数据说明第四节），删除多余的列后再另存。")
        return None
    signed = _signature(body)
    if signed is not None:
        block = body[signed:]
        findings.warn("table-signature-row", rel, f"表格下方的{_where(block)}是签字（制表、审核）行，不是表格内容，未读取",
                      line=block[0].line, sheet=sheet,
                      hint=f"删除{_where(block)}：公示单的落款由网站按 YAML 中的公示单位生成；个人姓名不公示。")
        body = body[:signed]
    used = {i for r in body for i, c in enumerate(r.cells[:width]) if c.strip()}
    found = _columns(head, width, used, aliases, rel, findings, sheet)
    if found is None:
        return None
    columns, notes = found
    _notes(head, notes, body, rel, findings, sheet)
    table = RawTable(header=[field_of(head.cells[i], aliases) for i in columns], rows=[],
                     titles=[head.cells[i].strip() for i in columns], sheet=sheet, columns=[c + 1 for c in columns],
                     header_line=head.line)
    return table if _records(table, body, columns, width, rel, findings) else None


def _records(table: RawTable, body: list[GridRow], columns: list[int], width: int, rel: str,
             findings: Findings) -> bool:
    """Fill ``table`` with the record and total rows of ``body``; False (and a finding) at a limit."""
    sheet, header = table.sheet, table.header
    since, after_total = 0, False
    for record in body:
        long = next((i for i, cell in enumerate(record.cells) if len(cell) > MAX_CELL_CHARS), None)
        if long is not None:
            findings.add("csv-cell-too-long", rel,
                         f"单元格有 {len(record.cells[long])} 个字，超过 {MAX_CELL_CHARS} 字的上限", line=record.line,
                         column=long + 1, sheet=sheet,
                         hint="表格每格只写一项内容；较长的说明写在同名 YAML 文件的备注中。")
            return False
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
            return False
        table.rows.append(RawRow(line=record.line, cells=cells, row=record.row, ragged=ragged))
    return True


_CENTS = re.compile(r"\.(\d{3,})$")


def flag_cents(table: RawTable, fields: tuple[str, ...], rel: str, findings: Findings) -> None:
    """An amount with more than two decimals (``2368.555``) in ``fields`` is an error at its
    cell, and its row is left out (``ragged``: the totals over it are not checked): the page
    would show 2,368.56 where the file says 2368.555."""
    for record in table.rows:
        for name in fields:
            text = fold(record.cells.get(name, "")).replace(",", "").rstrip("元").strip()
            match = _CENTS.search(text)
            if match is None or record.ragged or not match.group(1).rstrip("0")[2:] or len(match.group(1)) > MAX_DECIMALS:
                continue  # more decimals than any number may have: the value parser reports it
            column = table.column_of(name)
            findings.add("value-cents", rel, f"金额“{record.cells[name]}”有 {len(match.group(1))} 位小数：网站和公示单按分显示，"
                         "会与表格中的数不一致", line=record.line, column=column, sheet=table.sheet,
                         cell=cell_ref(column, record.row or record.line), column_name=table.title_of(name), field=name,
                         hint="金额写到分（两位小数）：手工填写的四舍五入到分；公式算出的用 =ROUND(原公式,2)，"
                         "合计和结余也按四舍五入后的数计算。")
            record.ragged = True
            break
