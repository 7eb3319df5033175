"""Load the whole data folder into a :class:`Dataset` of validated models.

Layout (see content/data-guide.md for staff)::

    data/city.yaml                      City (tree, phones, site_url, evaluation policy)
    data/catalogue.yaml                 Catalogue (the disclosure items the city requires)
    data/companies/<id>.yaml            Company
    data/compounds/<id>/compound.yaml   Compound
    data/compounds/<id>/<item>.yaml     the item's notice/N.A. + details (model.items.ITEMS)
    data/compounds/<id>/<item>.csv      the item's table, where it has one (or .xlsx, .txt:
                                        generator.load.tablefile)
    data/evaluations/<period>.yaml/.csv EvaluationSheet + EvaluationRow (or .xlsx, .txt)
    data/model_projects/<id>.yaml       ModelProject; photos in data/model_projects/photos/

Contract: :func:`load` never raises for bad data and never writes. Every problem becomes a
finding; records that fail validation are left out of the dataset (the findings say why).
File names in findings are relative to the data folder. Nothing outside the data folder is
read: a link leaving it is a ``file-outside`` finding and is never opened
(:mod:`generator.load.limits`, also for the size limits).
"""

from __future__ import annotations

import re

import difflib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator.findings import Finding, Findings
from generator.findings.model import cell_ref
from generator.load.limits import outside_links, report_outside
from generator.load.rawtable import RawTable
from generator.load.tablefile import TABLE_SUFFIXES, find_table, read_table
from generator.load.validation import report
from generator.load.yamlfile import YamlDoc, read_yaml
from generator.model.base import SLUG_RE, Record
from generator.model.catalogue import Catalogue
from generator.model.city import City
from generator.model.company import Company
from generator.model.compound import Compound
from generator.model.disclosures import ItemFile
from generator.model.items import ITEMS
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


class _Loader:
    def __init__(self, root: Path, findings: Findings, outside: set[Path]) -> None:
        self.root = root
        self.findings = findings
        self.outside = outside

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def yaml(self, path: Path, model: type[M], raw: bytes | None = None) -> Loaded[M] | None:
        doc = self.doc(path, raw)
        return None if doc is None else self.validate(doc, self.rel(path), model)

    def doc(self, path: Path, raw: bytes | None = None) -> YamlDoc | None:
        """The YAML at ``path`` read (not validated); None when unreadable (reported)."""
        if path in self.outside:
            return None
        return read_yaml(path, self.rel(path), self.findings, raw)

    def validate(self, doc: YamlDoc, rel: str, model: type[M]) -> Loaded[M] | None:
        if not isinstance(doc.data, dict):
            self.findings.add("yaml-not-mapping", rel, "文件内容应为一组“键: 值”", line=1,
                              hint="参照示例文件的结构书写。")
            return None
        try:
            return Loaded(model.model_validate(doc.data), rel, doc)
        except ValidationError as exc:
            report(exc, model, rel, self.findings, doc.line_of)
            return None

    def table(self, path: Path, model: type[R], content: bytes | None = None,
              names: tuple[str, ...] = ()) -> Table[R] | None:
        """The table at ``path`` (a CSV, text or workbook; ``names``: the worksheet names that
        mean it), its rows validated as ``model``; None when it cannot be read (reported)."""
        rel = self.rel(path)
        if path in self.outside:
            return None
        raw = read_table(path, rel, self.findings, model, content, names)
        if raw is None:
            return None
        ok = self._check_header(raw, model, rel)
        out: Table[R] = Table(rel=rel, header=raw.header, titles=raw.titles, sheet=raw.sheet, columns=raw.columns)
        if not ok:
            return None
        index_of: list[int | None] = []
        for row in raw.rows:
            index_of.append(None)
            if row.ragged:  # reported by the reader; its cells may be shifted, so none is trusted
                out.rejected.append(Rejected(row.line, row.cells, next(iter(self.findings.at(rel, row.line)), None)))
                continue
            cells = {k: v for k, v in row.cells.items() if k in model.model_fields}
            cells = {k: v for k, v in cells.items() if v != "" or not _optional(model, k)}
            try:
                out.rows.append(model.model_validate(cells))
                index_of[-1] = len(out.rows) - 1
                out.lines.append(row.line)
                out.sheet_rows.append(row.row or row.line)
            except ValidationError as exc:
                before = len(self.findings.items)
                report(exc, model, rel, self.findings, partial(_cell_at_loc, raw, row))
                first = self.findings.items[before] if len(self.findings.items) > before else None
                out.rejected.append(Rejected(row.line, row.cells, first))
        for total in raw.totals:
            covered = [index_of[k] for k in total.covers]
            out.totals.append(TotalLine(total.line, total.row, total.word, total.cells,
                                        [i for i in covered if i is not None], None in covered, total.qualifier))
        return out

    def _check_header(self, raw: RawTable, model: type[Record], rel: str) -> bool:
        fields = model.model_fields
        ok = True
        line = raw.header_line or 1
        for name in raw.header:
            if name not in fields:
                titles = [f.title or n for n, f in fields.items()] + list(fields)
                close = difflib.get_close_matches(name, titles, n=1, cutoff=0.5)
                self.findings.add("csv-unknown-column", rel, f"未知的列“{name}”", line=line, column=raw.column_of(name),
                                  field=name, sheet=raw.sheet,
                                  hint=f"是不是想写“{close[0]}”？" if close else "可用的列：" + "、".join(titles))
                ok = False
        if len(set(raw.header)) != len(raw.header):
            twice = next(n for n in raw.header if raw.header.count(n) > 1)
            self.findings.add("csv-duplicate-column", rel, f"表头有重复的列“{fields[twice].title if twice in fields else twice}”",
                              line=line, sheet=raw.sheet, hint="删除重复的列（“余额”和“结余”是同一列）。")
            ok = False
        for name, info in fields.items():
            if info.is_required() and name not in raw.header:
                self.findings.add("csv-missing-column", rel, f"缺少必需的列“{info.title or name}”（{name}）",
                                  line=line, field=name, sheet=raw.sheet, hint="在表头补上这一列。")
                ok = False
        return ok

    def slug_ok(self, name: str, rel: str, what: str) -> bool:
        if SLUG_RE.match(name):
            return True
        self.findings.add("id-format", rel, f"{what}编号“{name}”不合法：只能用小写字母、数字和连字符",
                          hint="把文件（夹）改名，如 lanting-garden。")
        return False


def _cell_at(raw: RawTable, row: Any, name: Any) -> dict[str, Any]:
    """Where field ``name`` of table row ``row`` is: line, column, cell, column name and sheet."""
    column = raw.column_of(name) if isinstance(name, str) else None
    return {"line": row.line, "column": column, "cell": cell_ref(column, row.row or row.line),
            "column_name": raw.title_of(name) if isinstance(name, str) else None, "sheet": raw.sheet}


def _cell_at_loc(raw: RawTable, row: Any, loc: tuple[Any, ...]) -> dict[str, Any]:
    """:func:`_cell_at` for a validation error's location (its first part is the field)."""
    return _cell_at(raw, row, loc[0] if loc else None)


def _optional(model: type[Record], name: str) -> bool:
    return not model.model_fields[name].is_required()


KNOWN_COMPOUND_FILES = {"compound.yaml"} | {f"{i}.yaml" for i in ITEMS} | {
    f"{i}{suffix}" for i, spec in ITEMS.items() if spec.row_model is not None for suffix in TABLE_SUFFIXES}
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".svg", ".webp"}


def _city_and_catalogue(ld: _Loader) -> tuple[Loaded[City] | None, Loaded[Catalogue] | None]:
    out: list = []
    for name, model in (("city.yaml", City), ("catalogue.yaml", Catalogue)):
        path = ld.root / name
        if path in ld.outside:
            out.append(None)
        elif not path.is_file():
            ld.findings.add("file-missing", name, f"缺少 {name}", hint="参照示例数据创建该文件。")
            out.append(None)
        else:
            out.append(ld.yaml(path, model))
    return out[0], out[1]


def load_city_and_catalogue(root: Path, findings: Findings) -> tuple[Loaded[City] | None, Loaded[Catalogue] | None]:
    """Only ``city.yaml`` and ``catalogue.yaml`` (for commands that need the city's tree and
    catalogue, such as ``new compound``), with the same findings as :func:`load`."""
    outside = outside_links(root)
    report_outside(root, outside, findings)
    return _city_and_catalogue(_Loader(root, findings, set(outside)))


def load(root: Path, findings: Findings) -> Dataset:
    """Read and validate everything below ``root``."""
    outside = outside_links(root)
    report_outside(root, outside, findings)
    ld = _Loader(root, findings, set(outside))
    ds = Dataset(root=root, outside=set(outside))
    ds.city, ds.catalogue = _city_and_catalogue(ld)

    for path in sorted((root / "companies").glob("*.yaml")):
        if ld.slug_ok(path.stem, ld.rel(path), "企业"):
            rec = ld.yaml(path, Company)
            if rec:
                ds.companies[path.stem] = rec
            else:
                ds.unreadable_companies.add(path.stem)

    for folder in sorted((root / "compounds").glob("*")):
        if folder in ld.outside:
            ds.unreadable_compounds.add(folder.name)
        elif folder.is_dir():
            _load_compound(ld, ds, folder)

    _load_evaluations(ld, ds)

    for path in sorted((root / "model_projects").glob("*.yaml")):
        if ld.slug_ok(path.stem, ld.rel(path), "示范项目"):
            project = ld.yaml(path, ModelProject)
            if project:
                ds.model_projects[path.stem] = project
    return ds


def _load_compound(ld: _Loader, ds: Dataset, folder: Path) -> None:
    rel_folder = ld.rel(folder)
    if not ld.slug_ok(folder.name, rel_folder, "小区"):
        return
    main = folder / "compound.yaml"
    ds.unreadable_compounds.add(folder.name)  # until it has loaded
    if main in ld.outside:
        return
    if not main.is_file():
        ld.findings.add("file-missing", f"{rel_folder}/compound.yaml", "小区文件夹中缺少 compound.yaml",
                        hint="每个小区文件夹都要有 compound.yaml（小区基本信息）。")
        return
    compound = ld.yaml(main, Compound)
    for path in sorted(folder.iterdir()):
        if path.name not in KNOWN_COMPOUND_FILES and path.suffix.lower() not in PHOTO_SUFFIXES:
            _unknown_file(ld, path)
    if compound is None:
        return
    ds.unreadable_compounds.discard(folder.name)
    rec = CompoundRecord(id=folder.name, compound=compound, folder=folder)
    for item_id, spec in ITEMS.items():
        file_model, row_model, table_required = spec.file_model, spec.row_model, spec.table_required
        path = folder / f"{item_id}.yaml"
        if path in ld.outside or any(folder / f"{item_id}{s}" in ld.outside for s in TABLE_SUFFIXES):
            rec.invalid_items.add(item_id)
            continue
        table_path = find_table(folder, item_id, rel_folder, ld.findings) if row_model is not None else None
        duplicate = table_path is None and row_model is not None and _has_table(folder, item_id)  # reported
        if not path.is_file():
            if table_path is not None:
                ld.findings.add("file-missing", ld.rel(table_path), f"有 {table_path.name} 却没有 {item_id}.yaml",
                                hint=f"补上 {item_id}.yaml（公示日期、期间、审核单位）；可用 new compound 生成的样板。")
            continue
        doc = ld.doc(path)
        if doc is not None and doc.data in ({}, None):
            rec.drafts.add(item_id)
            if table_path is not None and row_model is not None:
                ld.table(table_path, row_model, names=spec.sheet_names)  # its problems are reported now
            continue
        loaded = ld.validate(doc, ld.rel(path), file_model) if doc is not None else None
        table: Table | None = Table(rel=None)
        if row_model is not None:
            if table_path is not None:
                table = ld.table(table_path, row_model, names=spec.sheet_names)
            elif duplicate:
                table = None
            elif table_required and loaded is not None and loaded.model.notice is not None:
                ld.findings.add("file-missing", f"{rel_folder}/{item_id}.csv", f"缺少表格 {item_id}.xlsx（或 {item_id}.csv）",
                                hint=f"该条目的明细写在同名表格中：python -m generator template {item_id} 生成 Excel 模板，"
                                     "填好后保存为该文件名；不适用时在 YAML 中写 not_applicable。")
                table = None
        if loaded is None or table is None:
            rec.invalid_items.add(item_id)
            continue
        rec.items[item_id] = ItemRecord(item_id, loaded, table)
    ds.compounds[folder.name] = rec


def _has_table(folder: Path, stem: str) -> bool:
    return any((folder / f"{stem}{suffix}").is_file() for suffix in TABLE_SUFFIXES)


_LOCK_PREFIX = "~$"
"""Excel and WPS keep ``~$<name>.xlsx`` beside a workbook while it is open."""


def _unknown_file(ld: _Loader, path: Path) -> None:
    name = path.name
    if name.startswith(_LOCK_PREFIX):
        ld.findings.warn("file-unknown", ld.rel(path), f"“{name}”是 Excel（或 WPS）打开工作簿时生成的临时文件，将被忽略",
                         hint="关闭 Excel 后它会自动消失；不要把它提交到数据中。")
        return
    stem, _, suffix = name.partition(".")
    if suffix.lower() in ("xls", "et", "ods", "numbers") and f"{stem}.yaml" in KNOWN_COMPOUND_FILES:
        ld.findings.warn("file-format", ld.rel(path), f"“{name}”不是可读取的表格格式，将被忽略",
                         hint=f"在 Excel 或 WPS 中打开，“另存为 → Excel 工作簿（*.xlsx）”，保存为 {stem}.xlsx，再删除这个文件。")
        return
    close = difflib.get_close_matches(name, sorted(KNOWN_COMPOUND_FILES), n=1, cutoff=0.7)
    ld.findings.warn("file-unknown", ld.rel(path), f"不认识的文件“{name}”，将被忽略",
                     hint=f"是不是想命名为“{close[0]}”？" if close else "可用的文件名见数据说明。")


EVALUATION_SHEETS = ("评分表", "得分", "考评")
"""Worksheet names that mean an evaluation's score table (else the first visible sheet is read)."""


_DECISIONS = re.compile(rb"^decisions\s*:", re.M)
"""A sheet with lists by decision needs no score table (also when the sheet itself is invalid)."""


def _names_decisions(ld: _Loader, path: Path) -> bool:
    """Whether a sheet that failed to load holds ``decisions`` (its error is reported already)."""
    if path in ld.outside or path.is_symlink() or path.stat().st_size > 1_000_000:
        return False
    return _DECISIONS.search(path.read_bytes()) is not None


def _load_evaluations(ld: _Loader, ds: Dataset) -> None:
    folder = ld.root / "evaluations"
    rel_folder = ld.rel(folder) if folder.is_dir() else "evaluations"
    for path in sorted(folder.glob("*.yaml")):
        sheet = ld.yaml(path, EvaluationSheet)
        duplicate = _has_table(folder, path.stem)
        table_path = find_table(folder, path.stem, rel_folder, ld.findings)
        decided = bool(sheet.model.decisions) if sheet is not None else _names_decisions(ld, path)
        if table_path is None and not decided:
            if not duplicate:
                ld.findings.add("file-missing", ld.rel(path.with_suffix(".csv")),
                                f"考评 {path.name} 缺少评分表 {path.stem}.xlsx（或 {path.stem}.csv）",
                                hint="每期考评由同名的 .yaml（说明）和评分表（.xlsx 或 .csv）组成；"
                                     "只按决定公布名单时，在 .yaml 中写 decisions。")
            continue
        table = None if table_path is None else ld.table(table_path, EvaluationRow, names=EVALUATION_SHEETS)
        if sheet is None or (table is None and table_path is not None):
            continue
        period = sheet.model.period.id
        if period in ds.evaluations:
            ld.findings.add("evaluation-duplicate-period", sheet.rel, f"期间 {period} 已有考评表 {ds.evaluations[period].sheet.rel}",
                            line=sheet.line_of("period"), field="period", hint="每个期间只能有一份考评表。")
            continue
        ds.evaluations[period] = EvaluationRecord(sheet, table)
    for table_path in sorted(p for p in folder.glob("*") if p.suffix.lower() in TABLE_SUFFIXES):
        if not table_path.with_suffix(".yaml").is_file():
            ld.findings.add("file-missing", ld.rel(table_path.with_suffix(".yaml")),
                            f"评分表 {table_path.name} 缺少说明文件", hint="补上同名 .yaml（期间、发布日期、组织单位）。")


def load_item_version(root: Path, compound_id: str, item_id: str, files: dict[str, bytes]) -> ItemRecord | None:
    """One item as a past version had it: ``files`` maps file names in the compound's folder
    (``fee_schedule.yaml``, ``fee_schedule.csv`` or ``.xlsx``) to their bytes (from git, in memory; nothing
    is read from or written to disk), loaded with the same readers and models as the current
    data. None when that version does not load cleanly (it is then listed, not shown as figures)."""
    spec = ITEMS[item_id]
    findings = Findings()
    ld = _Loader(root, findings, set())
    folder = root / "compounds" / compound_id
    yaml_raw = files.get(f"{item_id}.yaml")
    if yaml_raw is None:
        return None
    loaded = ld.yaml(folder / f"{item_id}.yaml", spec.file_model, yaml_raw)
    table: Table | None = Table(rel=None)
    tables = [f"{item_id}{suffix}" for suffix in TABLE_SUFFIXES if f"{item_id}{suffix}" in files]
    if spec.row_model is not None and len(tables) > 1:
        return None
    if spec.row_model is not None and tables:
        table = ld.table(folder / tables[0], spec.row_model, files[tables[0]], names=spec.sheet_names)
    if loaded is None or table is None or findings.has_errors():
        return None
    return ItemRecord(item_id, loaded, table)
