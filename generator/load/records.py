"""The record types of a loaded data folder: what the checks, derivations and renderers read.

A :class:`Dataset` holds every validated record with where it came from: YAML files as
:class:`Loaded` (the model, the file relative to the data folder, the parsed document for
line numbers), tables as :class:`Table` (validated rows with their lines, cells and sheet,
the rows left out as :class:`Rejected`, the 合计/小计 rows as :class:`TotalLine`), a compound's
items as :class:`ItemRecord` in a :class:`CompoundRecord`, evaluations as
:class:`EvaluationRecord`. They are plain data: the folder walk that fills them is
:mod:`generator.load.dataset`, the readers of single files :mod:`generator.load.reader`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.findings import Finding
from generator.findings.model import cell_ref
from generator.load.yamlfile import YamlDoc
from generator.model.base import Record
from generator.model.catalogue import Catalogue
from generator.model.city import City
from generator.model.company import Company
from generator.model.compound import Compound
from generator.model.disclosures import ItemFile
from generator.model.evaluation import EvaluationSheet
from generator.model.model_project import ModelProject
from generator.model.tables import EvaluationRow

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=Record)


@dataclass
class Loaded(Generic[M]):
    """A validated YAML record with where it came from."""

    model: M
    rel: str
    doc: YamlDoc

    def line_of(self, *path: Any) -> int | None:
        return self.doc.line_of(path)[0]


@dataclass
class Rejected:
    """A table row left out because it failed validation or had too many cells: its line,
    its raw cells (field name -> text) and the finding that reported it (for the checks that
    skip what depends on the row to add that to the same finding)."""

    line: int
    cells: dict[str, str]
    finding: Finding | None


@dataclass
class TotalLine:
    """A 合计/小计 row of a table (never a record): its cells by field name (text as written)
    and the records it sums (indexes into ``Table.rows``); ``incomplete`` when a row it sums
    was left out (reported), so it cannot be checked."""

    line: int
    sheet_row: int
    word: str
    cells: dict[str, str]
    rows: list[int]
    incomplete: bool
    qualifier: str = ""
    """What stands beside the word (``收入`` in ``收入合计``)."""


@dataclass
class Table(Generic[R]):
    """Validated table rows with their lines; ``rel`` is None when the item has no table.

    ``header`` holds field names, ``titles`` the header cells as the file writes them,
    ``sheet_rows`` the row numbers a spreadsheet shows, ``rejected`` the rows left out,
    ``sheet`` the worksheet of a workbook, ``totals`` its 合计/小计 rows."""

    rel: str | None
    rows: list[R] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    sheet_rows: list[int] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    sheet: str | None = None
    totals: list[TotalLine] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)
    """The column (1-based, as in the file) of each header entry."""

    @property
    def invalid_rows(self) -> int:
        """Rows left out (reported): totals over the table cannot be fully checked."""
        return len(self.rejected)

    def column_of(self, name: str) -> int | None:
        if name not in self.header:
            return None
        index = self.header.index(name)
        return self.columns[index] if index < len(self.columns) else index + 1

    def title_of(self, name: str) -> str | None:
        index = self.column_of(name)
        return self.titles[index - 1] if index and index <= len(self.titles) else None

    def at(self, index: int, name: str) -> dict[str, Any]:
        """Where row ``index`` (of ``rows``), field ``name`` is, as keyword arguments of
        :meth:`Findings.add`: line, column, cell (``G7``), column name as written, field, sheet."""
        sheet_row = self.sheet_rows[index] if index < len(self.sheet_rows) else self.lines[index]
        return self.at_line(self.lines[index], sheet_row, name)

    def at_line(self, line: int, sheet_row: int, name: str) -> dict[str, Any]:
        """As :meth:`at`, for a line given by number (a total row's)."""
        column = self.column_of(name)
        return {"line": line, "column": column, "cell": cell_ref(column, sheet_row),
                "column_name": self.title_of(name), "field": name, "sheet": self.sheet}


@dataclass
class ItemRecord:
    item_id: str
    file: Loaded[ItemFile]
    table: Table


@dataclass
class CompoundRecord:
    id: str
    compound: Loaded[Compound]
    folder: Path
    items: dict[str, ItemRecord] = field(default_factory=dict)
    invalid_items: set[str] = field(default_factory=set)
    drafts: set[str] = field(default_factory=set)
    """Items whose file exists but holds nothing yet (only comments, as ``new compound`` writes
    it): 未公示, like a missing file, with a message that says the file is waiting to be filled in."""

    @property
    def model(self) -> Compound:
        return self.compound.model


@dataclass
class EvaluationRecord:
    sheet: Loaded[EvaluationSheet]
    table: Table[EvaluationRow] | None
    """None for a sheet that only holds lists by decision (no scores)."""


@dataclass
class Dataset:
    root: Path
    city: Loaded[City] | None = None
    catalogue: Loaded[Catalogue] | None = None
    companies: dict[str, Loaded[Company]] = field(default_factory=dict)
    compounds: dict[str, CompoundRecord] = field(default_factory=dict)
    evaluations: dict[str, EvaluationRecord] = field(default_factory=dict)
    model_projects: dict[str, Loaded[ModelProject]] = field(default_factory=dict)
    outside: set[Path] = field(default_factory=set)
    """Links below ``root`` that leave it (already reported; never read, never published)."""
    unreadable_compounds: set[str] = field(default_factory=set)
    unreadable_companies: set[str] = field(default_factory=set)
    """Ids whose folder or file exists but failed to load (already reported): references to
    them are not reported again."""
