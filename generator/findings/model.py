"""A finding and the collection every stage reports into.

A :class:`Finding` names the file (relative to the data folder, POSIX form), the line and
column number where known, the spreadsheet ``cell`` (``G7``) and the ``column_name`` as the
file has it (``收费标准``, not ``price``) for table cells, the worksheet (``sheet``) for a
workbook, where ``line`` is the worksheet's row and the location reads as Excel names a cell
(``public_revenue.xlsx:公共收益!G7``), the English ``field`` path (for
tools: ``--format json``), a declared ``code`` (:mod:`generator.findings.codes`), its
severity, a message in Chinese for the staff who edit the data and a hint on how to fix it.

:class:`Findings` collects them; nothing raises for bad data and nothing stops at the first
problem. Its order is the order staff read: errors first, then warnings; within each, by
file, then line. Reporting an undeclared code is a bug and raises ``KeyError``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Iterable, Iterator

from generator.findings.codes import Kind, Severity, code as declared


def column_letters(index: int) -> str:
    """1-based column index -> spreadsheet letters: 1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_ref(column: int | None, row: int | None) -> str | None:
    """The spreadsheet name of a cell (``G7``), or ``None`` when either part is unknown."""
    if not column or not row:
        return None
    return f"{column_letters(column)}{row}"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint: str | None = None
    cell: str | None = None
    column_name: str | None = None
    sheet: str | None = None

    def sort_key(self) -> tuple:
        return (self.severity is not Severity.ERROR, self.file, self.line or 0, self.column or 0, self.code,
                self.field or "", self.message)

    def location(self) -> str:
        """``file:line[:column]``; in a workbook ``file:sheet!G7`` (a cell) or ``file:sheet!7:7`` (a row)."""
        if self.sheet is not None:
            if self.cell:
                return f"{self.file}:{self.sheet}!{self.cell}"
            return f"{self.file}:{self.sheet}!{self.line}:{self.line}" if self.line else f"{self.file}:{self.sheet}"
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def where(self) -> str:
        """The cell and column as staff see them: ``G7（金额）``, ``第 7 行``, or ``""``; in a
        workbook, whose location already names the cell, the row and the column:
        ``第 7 行“金额”列``."""
        if self.sheet is not None and self.line:
            return f"第 {self.line} 行“{self.column_name}”列" if self.column_name else f"第 {self.line} 行"
        if self.cell and self.column_name:
            return f"{self.cell}（{self.column_name}）"
        if self.cell:
            return self.cell
        if self.column_name:
            return f"“{self.column_name}”列"
        return ""

    @property
    def title(self) -> str:
        return declared(self.code).title

    @property
    def kind(self) -> Kind:
        """What the finding is about: the data, the build's output, or a command that cannot run."""
        return declared(self.code).kind

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d


@dataclass
class Findings:
    """An ordered, de-duplicated collection of findings."""

    items: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: str,
        file: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        cell: str | None = None,
        column_name: str | None = None,
        severity: Severity | None = None,
        sheet: str | None = None,
    ) -> Finding:
        """Report ``code`` (declared in the registry) with its declared severity. ``hint``
        defaults to the code's hint; ``severity`` may only differ for codes declared with
        ``warning_when``."""
        spec = declared(code)
        chosen = severity or spec.severity
        if chosen is not spec.severity and spec.warning_when is None:
            raise ValueError(f"finding code {code} is declared as {spec.severity.value} only")
        if cell is None and line is not None and column is not None and column_name is not None:
            cell = cell_ref(column, line)
        if cell is None and sheet is not None and line is not None and column is not None:
            cell = cell_ref(column, line)
        finding = Finding(code, chosen, file, message, line, column, field, hint or spec.hint_for(),
                          cell, column_name, sheet)
        self.items.append(finding)
        return finding

    def warn(self, code: str, file: str, message: str, **kw) -> Finding:
        return self.add(code, file, message, severity=Severity.WARNING, **kw)

    def amend(self, finding: Finding, note: str) -> None:
        """Append a consequence (``note``) to a finding already reported, so one root cause
        stays one finding: "…不是可识别的数字；本季度合计暂不核对"."""
        for i, f in enumerate(self.items):
            if f is finding:
                self.items[i] = replace(f, message=f"{f.message}；{note}")
                return
        raise ValueError("amend: the finding was not reported here")

    def at(self, file: str, line: int | None) -> list[Finding]:
        """Errors reported so far for ``file`` at ``line``, in reporting order."""
        return [f for f in self.items if f.file == file and f.line == line and f.severity is Severity.ERROR]

    def extend(self, other: Iterable[Finding]) -> None:
        for f in other:
            declared(f.code)
            self.items.append(f)

    def sorted(self) -> list[Finding]:
        seen: set[Finding] = set()
        out = []
        for f in sorted(self.items, key=Finding.sort_key):
            if f not in seen:
                seen.add(f)
                out.append(f)
        return out

    def errors(self, strict: bool = False) -> list[Finding]:
        return [f for f in self.sorted() if strict or f.severity is Severity.ERROR]

    def has_errors(self, strict: bool = False) -> bool:
        return any(strict or f.severity is Severity.ERROR for f in self.items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.sorted())
