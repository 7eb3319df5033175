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

The record types it fills are :mod:`generator.load.records` (also importable from here);
single files are read by :mod:`generator.load.reader`.

Contract: :func:`load` never raises for bad data and never writes. Given a
:class:`CompoundCache`, a compound folder the cache holds is not read again: the cache gives
what loading it gave (its record or none, whether it is unreadable, the findings its loading
reported, in order), so the result is the same either way. Every problem becomes a
finding; records that fail validation are left out of the dataset (the findings say why).
File names in findings are relative to the data folder. Nothing outside the data folder is
read: a link leaving it is a ``file-outside`` finding and is never opened
(:mod:`generator.load.limits`, also for the size limits).
"""

from __future__ import annotations

import re

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.findings import Finding, Findings
from generator.load.limits import outside_links, report_outside
from generator.load.reader import Reader
from generator.load.records import (CompoundRecord, Dataset, EvaluationRecord, ItemRecord, Loaded, Rejected, Table,
                                    TotalLine)
from generator.load.tablefile import (TABLE_SUFFIXES, UNREADABLE_FORMATS, find_table, report_unreadable,
                                      table_files)
from generator.model.catalogue import Catalogue
from generator.model.city import City
from generator.model.company import Company
from generator.model.compound import Compound
from generator.model.evaluation import EvaluationSheet
from generator.model.items import ITEMS
from generator.model.model_project import ModelProject
from generator.model.tables import EvaluationRow

__all__ = ["CompoundCache", "CompoundRecord", "Dataset", "LoadedCompound", "EvaluationRecord", "ItemRecord", "Loaded", "Rejected", "Table", "TotalLine",
           "load", "load_city_and_catalogue", "load_item_version"]


KNOWN_COMPOUND_FILES = {"compound.yaml"} | {f"{i}.yaml" for i in ITEMS} | {
    f"{n}{suffix}" for i, spec in ITEMS.items() if spec.row_model is not None for n in (i, *spec.sheet_names)
    for suffix in TABLE_SUFFIXES}
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".svg", ".webp"}


def _city_and_catalogue(ld: Reader) -> tuple[Loaded[City] | None, Loaded[Catalogue] | None]:
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
    return _city_and_catalogue(Reader(root, findings, set(outside)))


@dataclass
class LoadedCompound:
    """What loading one compound folder gave."""

    record: CompoundRecord | None
    unreadable: bool
    findings: list[Finding] = field(default_factory=list)


class CompoundCache(Protocol):
    """Keeps what loading a compound folder gave, under the folder's contents
    (:mod:`generator.commands.load_cache`)."""

    def get(self, folder: Path, outside: set[Path]) -> LoadedCompound | None: ...

    def put(self, folder: Path, outside: set[Path], loaded: LoadedCompound) -> None: ...


def load(root: Path, findings: Findings, cache: CompoundCache | None = None) -> Dataset:
    """Read and validate everything below ``root`` (the compound folders ``cache`` holds from it)."""
    outside = outside_links(root)
    report_outside(root, outside, findings)
    ld = Reader(root, findings, set(outside))
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
            _cached_compound(ld, ds, folder, cache)

    _load_evaluations(ld, ds)

    for path in sorted((root / "model_projects").glob("*.yaml")):
        if ld.slug_ok(path.stem, ld.rel(path), "示范项目"):
            project = ld.yaml(path, ModelProject)
            if project:
                ds.model_projects[path.stem] = project
    return ds


def _cached_compound(ld: Reader, ds: Dataset, folder: Path, cache: CompoundCache | None) -> None:
    known = cache.get(folder, ld.outside) if cache is not None else None
    if known is None:
        mark = len(ld.findings.items)
        _load_compound(ld, ds, folder)
        if cache is not None:
            cache.put(folder, ld.outside, LoadedCompound(ds.compounds.get(folder.name),
                                                         folder.name in ds.unreadable_compounds,
                                                         ld.findings.items[mark:]))
        return
    ld.findings.items += known.findings
    if known.record is not None:
        ds.compounds[folder.name] = known.record
    if known.unreadable:
        ds.unreadable_compounds.add(folder.name)


def _load_compound(ld: Reader, ds: Dataset, folder: Path) -> None:
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
        names = spec.sheet_names
        table_path = find_table(folder, item_id, rel_folder, ld.findings, names) if row_model is not None else None
        duplicate = table_path is None and row_model is not None and (  # reported
            bool(table_files(folder, item_id, names)) or report_unreadable(folder, item_id, rel_folder, ld.findings, names))
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


_LOCK_PREFIX = "~$"
"""Excel and WPS keep ``~$<name>.xlsx`` beside a workbook while it is open."""


def _unknown_file(ld: Reader, path: Path) -> None:
    name = path.name
    if name.startswith(_LOCK_PREFIX):
        ld.findings.warn("file-unknown", ld.rel(path), f"“{name}”是 Excel（或 WPS）打开工作簿时生成的临时文件，将被忽略",
                         hint="关闭 Excel 后它会自动消失；不要把它提交到数据中。")
        return
    stem, _, suffix = name.partition(".")
    item = next((i for i, spec in ITEMS.items() if stem in (i, *spec.sheet_names)), None)
    if f".{suffix.lower()}" in UNREADABLE_FORMATS and item is not None and f"{item}.csv" in KNOWN_COMPOUND_FILES \
            and not table_files(path.parent, item, ITEMS[item].sheet_names):
        return  # the item's only table, in a format that cannot be read: the item reports it (report_unreadable)
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


def _names_decisions(ld: Reader, path: Path) -> bool:
    """Whether a sheet that failed to load holds ``decisions`` (its error is reported already)."""
    if path in ld.outside or path.is_symlink() or path.stat().st_size > 1_000_000:
        return False
    return _DECISIONS.search(path.read_bytes()) is not None


def _load_evaluations(ld: Reader, ds: Dataset) -> None:
    folder = ld.root / "evaluations"
    rel_folder = ld.rel(folder) if folder.is_dir() else "evaluations"
    for path in sorted(folder.glob("*.yaml")):
        sheet = ld.yaml(path, EvaluationSheet)
        duplicate = bool(table_files(folder, path.stem))
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
    ld = Reader(root, findings, set())
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
