"""What the loader refuses to read: files outside the data folder and files over the limits.

Contract:

* the limits are declared here once (bytes, rows, cell length, YAML nesting and aliases,
  photo size); every one is reported as a finding that names the limit and how to split
  or shrink the file, never as a traceback, a hang or a silent truncation;
* :func:`outside_links` lists every symbolic link below the data folder that points
  outside it (or nowhere): those files are findings and are never opened, so nothing from
  elsewhere on the machine is read or published;
* :func:`inside` tells whether a path, once resolved, stays inside a folder;
* :func:`check_content` does the same for the hand-written pages (``content/``), which the
  build copies into the site: a link leaving that folder is a finding too.

Nothing here reads a file's content; :mod:`generator.load.yamlfile`,
:mod:`generator.load.csvfile` and :mod:`generator.load.photos` do, after these checks.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.findings import Findings

MAX_YAML_BYTES = 1_000_000
"""A YAML record is a page of facts; one megabyte is far beyond any real one."""
MAX_CSV_BYTES = 5_000_000
"""About 30,000 rows of a typical ledger; a notice table has tens to hundreds."""
MAX_CSV_ROWS = 20_000
MAX_XLSX_COLUMNS = 100
"""A notice table has about ten columns; a sheet reaching column CV or beyond is not a table."""
MAX_XLSX_UNPACKED = 50_000_000
"""What a workbook may unpack to (its parts, read from the zip directory before anything is
unpacked): far beyond a notice table, small enough that a zip bomb is refused."""
MAX_XLSX_PARTS = 1_000
"""Members of a workbook's archive: a real one has a few dozen."""
MAX_XLSX_SHEETS = 50
"""Worksheets in one workbook: a notice table needs one, a template two."""
MAX_XLSX_CELLS = 3_000_000
"""The cells a reader lays out over all worksheets (each sheet's rows x columns, counted from
A1): a full table (20,000 rows x 100 columns) and a little more."""
MAX_SHARED_STRINGS = 500_000
"""Entries of a workbook's shared-strings table, counted and as it declares them (a reader
allocates the declared count before reading one)."""
MAX_XLSX_TEXT = 20_000_000
"""Characters of text a workbook's cells hold (a shared string once per cell that shows it),
and characters in its shared-strings table: a full table of long descriptions is a few million."""
MAX_XLSX_MEMORY = 1_000_000_000
"""Address space of the worker process that parses a workbook: what the checked sizes need
and a wide margin; a reader that wants more dies there, and its death is a finding."""
MAX_XLSX_SECONDS = 60
"""Time the worker may take for one workbook before it is stopped (a finding)."""
MAX_CSV_COLUMNS = 50
"""The widest table has ten columns; thousands of header cells would be thousands of findings."""
MAX_CELL_CHARS = 2_000
"""A cell is one entry of a table; longer text belongs in the YAML file's notes."""
MAX_YAML_DEPTH = 20
"""The deepest real record (city > district > street > community) nests six levels."""
MAX_YAML_ALIASES = 20
"""YAML anchors/aliases (&name / *name): a few are harmless, many can multiply a file's size."""
MAX_PHOTO_BYTES = 5_000_000

SPLIT_HINT = "公示表格只保留本期要公示的内容，往期记录另存（git 中保留全部历史）；照片请压缩后再放入。"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (following every link) resolves to ``root`` or below it."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a link loop
        return False
    base = root.resolve()
    return resolved == base or base in resolved.parents


def outside_links(root: Path) -> list[Path]:
    """Every link below ``root`` (files and folders, not followed) that leaves ``root``."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            if path.is_symlink() and not inside(path, root):
                found.append(path)
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return sorted(found)


def report_outside(root: Path, links: list[Path], findings: Findings, what: str = "数据目录",
                   prefix: str = "") -> None:
    """One ``file-outside`` finding per link, its file ``prefix`` + the path below ``root``."""
    for path in links:
        rel = prefix + path.relative_to(root).as_posix()
        findings.add("file-outside", rel, f"“{path.name}”是指向{what}之外（或不存在的位置）的链接，不会读取也不会发布",
                     hint=f"把真正的文件复制到{what}中，删除这个链接。")


def too_big(path: Path, rel: str, limit: int, findings: Findings, kind: str, raw: bytes | None = None) -> bool:
    """A finding (and True) when ``path`` (or ``raw``, given in memory) is larger than
    ``limit`` bytes; nothing is read."""
    size = path.stat().st_size if raw is None else len(raw)
    if size <= limit:
        return False
    findings.add("file-too-large", rel, f"{kind}有 {megabytes(size)}，超过 {megabytes(limit)} 的上限，未读取",
                 line=1, hint=SPLIT_HINT)
    return True


def check_content(content: Path, data: Path, findings: Findings) -> None:
    """``file-outside`` for every link below the hand-written pages' folder ``content`` that
    leaves it, its file relative to the data folder ``data`` like every finding's (beside
    it: ``../content/secret.txt``); such a file would otherwise be copied into the site."""
    if content.is_dir():
        prefix = os.path.relpath(content.absolute(), data.absolute()).replace(os.sep, "/") + "/"
        report_outside(content, outside_links(content), findings, f"{content.name} 目录", prefix=prefix)
