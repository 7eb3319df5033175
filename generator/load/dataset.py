"""Load the whole data folder into a :class:`Dataset` of validated models.

Layout (see content/data-guide.md for staff)::

    data/city.yaml                      City (tree, phones, site_url, evaluation policy)
    data/catalogue.yaml                 Catalogue (the disclosure items the city requires)
    data/companies/<id>.yaml            Company
    data/compounds/<id>/compound.yaml   Compound
    data/compounds/<id>/<item>.yaml     the item's notice/N.A. + details (model.items.ITEMS)
    data/compounds/<id>/<item>.csv      the item's table, where it has one
    data/evaluations/<period>.yaml/.csv EvaluationSheet + EvaluationRow
    data/model_projects/<id>.yaml       ModelProject; photos in data/model_projects/photos/

Contract: :func:`load` never raises for bad data and never writes. Every problem becomes a
finding; records that fail validation are left out of the dataset (the findings say why).
File names in findings are relative to the data folder. Nothing outside the data folder is
read: a link leaving it is a ``file-outside`` finding and is never opened
(:mod:`generator.load.limits`, also for the size limits).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator.findings import Finding, Findings
from generator.findings.model import cell_ref
from generator.load.csvfile import CsvTable, read_csv
from generator.load.limits import outside_links, report_outside
from generator.model.values import fold
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
class Table(Generic[R]):
    """Validated CSV rows with their lines; ``rel`` is None when the item has no CSV.

    ``header`` holds field names, ``titles`` the header cells as the file writes them,
    ``sheet_rows`` the row numbers a spreadsheet shows, ``rejected`` the rows left out."""

    rel: str | None
    rows: list[R] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    sheet_rows: list[int] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def invalid_rows(self) -> int:
        """Rows left out (reported): totals over the table cannot be fully checked."""
        return len(self.rejected)

    def column_of(self, name: str) -> int | None:
        return self.header.index(name) + 1 if name in self.header else None

    def title_of(self, name: str) -> str | None:
        index = self.column_of(name)
        return self.titles[index - 1] if index and index <= len(self.titles) else None

    def at(self, index: int, name: str) -> dict[str, Any]:
        """Where row ``index`` (of ``rows``), field ``name`` is, as keyword arguments of
        :meth:`Findings.add`: line, column, cell (``G7``), column name as written, field."""
        column = self.column_of(name)
        sheet_row = self.sheet_rows[index] if index < len(self.sheet_rows) else self.lines[index]
        return {"line": self.lines[index], "column": column, "cell": cell_ref(column, sheet_row),
                "column_name": self.title_of(name), "field": name}


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

    @property
    def model(self) -> Compound:
        return self.compound.model


@dataclass
class EvaluationRecord:
    sheet: Loaded[EvaluationSheet]
    table: Table[EvaluationRow]


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


def csv_aliases(model: type[Record]) -> dict[str, str]:
    """Header text (field name or Chinese title, folded) -> field name."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        out[fold(name)] = name
        if info.title:
            out[fold(info.title)] = name
    return out


class _Loader:
    def __init__(self, root: Path, findings: Findings, outside: set[Path]) -> None:
        self.root = root
        self.findings = findings
        self.outside = outside

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def yaml(self, path: Path, model: type[M], raw: bytes | None = None) -> Loaded[M] | None:
        rel = self.rel(path)
        if path in self.outside:
            return None
        doc = read_yaml(path, rel, self.findings, raw)
        if doc is None:
            return None
        if not isinstance(doc.data, dict):
            self.findings.add("yaml-not-mapping", rel, "文件内容应为一组“键: 值”", line=1,
                              hint="参照示例文件的结构书写。")
            return None
        try:
            return Loaded(model.model_validate(doc.data), rel, doc)
        except ValidationError as exc:
            report(exc, model, rel, self.findings, doc.line_of)
            return None

    def table(self, path: Path, model: type[R], content: bytes | None = None) -> Table[R] | None:
        rel = self.rel(path)
        if path in self.outside:
            return None
        raw = read_csv(path, rel, self.findings, csv_aliases(model), content)
        if raw is None:
            return None
        ok = self._check_header(raw, model, rel)
        out: Table[R] = Table(rel=rel, header=raw.header, titles=raw.titles)
        if not ok:
            return None
        for row in raw.rows:
            if row.ragged:  # reported by read_csv; its cells may be shifted, so none is trusted
                out.rejected.append(Rejected(row.line, row.cells, next(iter(self.findings.at(rel, row.line)), None)))
                continue
            cells = {k: v for k, v in row.cells.items() if k in model.model_fields}
            cells = {k: v for k, v in cells.items() if v != "" or not _optional(model, k)}
            try:
                out.rows.append(model.model_validate(cells))
                out.lines.append(row.line)
                out.sheet_rows.append(row.row or row.line)
            except ValidationError as exc:
                before = len(self.findings.items)
                report(exc, model, rel, self.findings, partial(_cell_at_loc, raw, row))
                first = self.findings.items[before] if len(self.findings.items) > before else None
                out.rejected.append(Rejected(row.line, row.cells, first))
        return out

    def _check_header(self, raw: CsvTable, model: type[Record], rel: str) -> bool:
        fields = model.model_fields
        ok = True
        for i, name in enumerate(raw.header, start=1):
            if name not in fields:
                titles = [f.title or n for n, f in fields.items()] + list(fields)
                close = difflib.get_close_matches(name, titles, n=1, cutoff=0.5)
                self.findings.add("csv-unknown-column", rel, f"未知的列“{name}”", line=1, column=i, field=name,
                                  hint=f"是不是想写“{close[0]}”？" if close else "可用的列：" + "、".join(titles))
                ok = False
        if len(set(raw.header)) != len(raw.header):
            self.findings.add("csv-duplicate-column", rel, "表头有重复的列", line=1, hint="删除重复的列。")
            ok = False
        for name, info in fields.items():
            if info.is_required() and name not in raw.header:
                self.findings.add("csv-missing-column", rel, f"缺少必需的列“{info.title or name}”（{name}）",
                                  line=1, field=name, hint="在表头补上这一列。")
                ok = False
        return ok

    def slug_ok(self, name: str, rel: str, what: str) -> bool:
        if SLUG_RE.match(name):
            return True
        self.findings.add("id-format", rel, f"{what}编号“{name}”不合法：只能用小写字母、数字和连字符",
                          hint="把文件（夹）改名，如 lanting-garden。")
        return False


def _cell_at(raw: CsvTable, row: Any, name: Any) -> dict[str, Any]:
    """Where field ``name`` of CSV row ``row`` is: line, column, cell and column name."""
    column = raw.column_of(name) if isinstance(name, str) else None
    return {"line": row.line, "column": column, "cell": cell_ref(column, row.row or row.line),
            "column_name": raw.title_of(name) if isinstance(name, str) else None}


def _cell_at_loc(raw: CsvTable, row: Any, loc: tuple[Any, ...]) -> dict[str, Any]:
    """:func:`_cell_at` for a validation error's location (its first part is the field)."""
    return _cell_at(raw, row, loc[0] if loc else None)


def _optional(model: type[Record], name: str) -> bool:
    return not model.model_fields[name].is_required()


KNOWN_COMPOUND_FILES = {"compound.yaml"} | {f"{i}.yaml" for i in ITEMS} | {
    f"{i}.csv" for i, spec in ITEMS.items() if spec.row_model is not None}
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".svg", ".webp"}


def load(root: Path, findings: Findings) -> Dataset:
    """Read and validate everything below ``root``."""
    outside = outside_links(root)
    report_outside(root, outside, findings)
    ld = _Loader(root, findings, set(outside))
    ds = Dataset(root=root, outside=set(outside))
    for name, model, attr in (("city.yaml", City, "city"), ("catalogue.yaml", Catalogue, "catalogue")):
        path = root / name
        if not path.is_file():
            findings.add("file-missing", name, f"缺少 {name}", hint="参照示例数据创建该文件。")
            continue
        setattr(ds, attr, ld.yaml(path, model))

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
            close = difflib.get_close_matches(path.name, sorted(KNOWN_COMPOUND_FILES), n=1, cutoff=0.7)
            ld.findings.warn("file-unknown", ld.rel(path), f"不认识的文件“{path.name}”，将被忽略",
                             hint=f"是不是想命名为“{close[0]}”？" if close else "可用的文件名见数据说明。")
    if compound is None:
        return
    ds.unreadable_compounds.discard(folder.name)
    rec = CompoundRecord(id=folder.name, compound=compound, folder=folder)
    for item_id, spec in ITEMS.items():
        file_model, row_model, csv_required = spec.file_model, spec.row_model, spec.table_required
        path = folder / f"{item_id}.yaml"
        csv_path = folder / f"{item_id}.csv"
        if path in ld.outside or csv_path in ld.outside:
            rec.invalid_items.add(item_id)
            continue
        if not path.is_file():
            if csv_path.is_file():
                ld.findings.add("file-missing", ld.rel(csv_path), f"有 {item_id}.csv 却没有 {item_id}.yaml",
                                hint=f"补上 {item_id}.yaml（公示日期、期间、审核单位）。")
            continue
        loaded = ld.yaml(path, file_model)
        table: Table | None = Table(rel=None)
        if row_model is not None:
            if csv_path.is_file():
                table = ld.table(csv_path, row_model)
            elif csv_required and loaded is not None and loaded.model.notice is not None:
                ld.findings.add("file-missing", ld.rel(csv_path), f"缺少表格 {item_id}.csv",
                                hint="该条目的明细写在同名 CSV 表格中；不适用时在 YAML 中写 not_applicable。")
                table = None
        if loaded is None or table is None:
            rec.invalid_items.add(item_id)
            continue
        rec.items[item_id] = ItemRecord(item_id, loaded, table)
    ds.compounds[folder.name] = rec


def _load_evaluations(ld: _Loader, ds: Dataset) -> None:
    folder = ld.root / "evaluations"
    for path in sorted(folder.glob("*.yaml")):
        sheet = ld.yaml(path, EvaluationSheet)
        csv_path = path.with_suffix(".csv")
        if not csv_path.is_file():
            ld.findings.add("file-missing", ld.rel(csv_path), f"考评 {path.name} 缺少评分表 {csv_path.name}",
                            hint="每期考评由同名的 .yaml（说明）和 .csv（得分）组成。")
            continue
        table = ld.table(csv_path, EvaluationRow)
        if sheet is None or table is None:
            continue
        period = sheet.model.period.id
        if period in ds.evaluations:
            ld.findings.add("evaluation-duplicate-period", sheet.rel, f"期间 {period} 已有考评表 {ds.evaluations[period].sheet.rel}",
                            line=sheet.line_of("period"), field="period", hint="每个期间只能有一份考评表。")
            continue
        ds.evaluations[period] = EvaluationRecord(sheet, table)
    for csv_path in sorted(folder.glob("*.csv")):
        if not csv_path.with_suffix(".yaml").is_file():
            ld.findings.add("file-missing", ld.rel(csv_path.with_suffix(".yaml")),
                            f"评分表 {csv_path.name} 缺少说明文件", hint="补上同名 .yaml（期间、发布日期、组织单位）。")


def load_item_version(root: Path, compound_id: str, item_id: str, files: dict[str, bytes]) -> ItemRecord | None:
    """One item as a past version had it: ``files`` maps file names in the compound's folder
    (``fee_schedule.yaml``, ``fee_schedule.csv``) to their bytes (from git, in memory; nothing
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
    csv_raw = files.get(f"{item_id}.csv")
    if spec.row_model is not None and csv_raw is not None:
        table = ld.table(folder / f"{item_id}.csv", spec.row_model, csv_raw)
    if loaded is None or table is None or findings.has_errors():
        return None
    return ItemRecord(item_id, loaded, table)
