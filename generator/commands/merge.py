"""``merge``: assemble the parts of a sharded build (``build --shard``) into one site.

Contract of :func:`merge`: reads every part folder (each holds a manifest,
:data:`generator.engines.parts.MANIFEST`), refuses parts of different builds, a shard missing
or given twice (:class:`MergeError`, a Chinese message; the CLI exits 2), writes the merged
site (:func:`generator.engines.parts.merge_parts`: the same files and bytes as one build of
the whole site) into a new folder next to ``out`` and swaps it into place in one step, like
``build``: the output folder must be missing, empty or a site this tool built, and a failed
or killed merge leaves the previous site as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.commands.steps import SITE_MARKER
from generator.engines.parts import merge_parts, read_part
from generator.errors import MergeError, PartError, WriteError
from generator.write.publish import clean_leftovers, make_world_readable, swap_into_place, work_dir
from generator.write.staging import StagingWriter


@dataclass
class MergeResult:
    site: Path
    parts: int
    pages: int
    warnings: list[str]


def merge(folders: list[Path], out: Path) -> MergeResult:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / SITE_MARKER).is_file())):
        raise MergeError(f"输出目录 {out} 不是空文件夹，也不是本工具生成的网站，为安全起见不覆盖它")
    try:
        parts = [read_part(folder) for folder in folders]
    except PartError as exc:
        raise MergeError(str(exc)) from None
    for folder in folders:
        if folder.resolve() == out.resolve() or out.resolve() in folder.resolve().parents:
            raise MergeError(f"分片 {folder} 不能在输出目录 {out} 中")
    clean_leftovers(out)
    new_site = work_dir(out, "new")
    try:
        writer = StagingWriter(new_site)
        try:
            warnings = merge_parts(parts, writer)
        except (PartError, WriteError) as exc:
            raise MergeError(str(exc)) from None
        writer.write_text(SITE_MARKER, "")
        make_world_readable(new_site)
        swap_into_place(new_site, out)
    finally:
        if new_site.exists():
            shutil.rmtree(new_site, ignore_errors=True)
    return MergeResult(out, len(parts), sum(len(p.pages) for p in parts), warnings)
