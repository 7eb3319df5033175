"""The middle of a build: pages, engine parts and PDFs made on every core, then merged into the new site.

Contract of :func:`produce` (called by :func:`generator.commands.build.build` after the checks):

* the site is split into shards (:mod:`generator.render.shards`) when it is big enough to
  gain from it (:data:`SPLIT_FROM_PAGES` pages), when a shard is asked for, or when
  ``split`` says so; a small site is one part built by one engine run over the whole
  staging folder, exactly as before sharding;
* for each shard, districts first and ``city`` last, it queues the shard's PDFs
  (compiled by the workers unless cached), renders the shard's pages, and, unless the part
  cache holds the engine output for exactly these inputs (:func:`part_key`), stages the
  shard and queues its engine run; with ``stage_dir`` the whole site is staged there too
  (``mkdocs build -f <stage_dir>/mkdocs.yml`` reproduces it);
* when every task is done it writes, through one writer, into ``new_site``: the merged site
  (:func:`generator.engines.parts.merge_parts`) with the PDFs, or, for a single shard
  (``build --shard``), the part: that shard's engine output, its PDFs and its manifest, for
  ``merge`` to assemble later;
* what a worker raises is raised here (PdfError, EngineFailed, PartError); nothing printed.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from generator.commands.content import content_files
from generator.commands.part_stage import Skeleton, part_key, stage_part
from generator.commands.progress import Progress
from generator.commands.workers import PartDone, PartTask, PdfDone, PdfTask, Workers
from generator.engines.fonts import FontSet, pdf_error
from generator.engines.parts import MANIFEST, Part, merge_parts, read_part, write_manifest
from generator.engines.typst_pdf import TEMPLATES_DIR, check_paper, glyph_findings, printable, template_fingerprint
from generator.findings import Finding
from generator.render import paths
from generator.render.context import SiteContext
from generator.render.paper.document import Paper, PdfDocument
from generator.render.paper.documents import compound_documents, ranking_documents
from generator.render.paper.sheet import sheet_stamps
from generator.render.shards import CITY, ShardMap, exclude_patterns, stand_ins
from generator.render.web.mkdocs_config import staged_config
from generator.render.web.site import SiteFiles, render_site
from generator.write.cache import FolderCache
from generator.write.staging import StagingWriter, WriteError

SPLIT_FROM_PAGES = 1000
"""From this many pages a site is built in shards (each shard costs an engine start-up, about a second
in a warmed-up worker; the 100-compound synthetic city has 1,227 pages)."""
PDF_BATCH = 120
"""PDF documents per worker task."""


class ContentClash(Exception):
    """A hand-written content file has the name of a generated one or sits in a compound's folder."""


@dataclass
class Request:
    """What :func:`produce` needs besides the checked data (a :class:`SiteContext`)."""

    site_config: dict[str, Any]
    content: Path
    engine: str
    strict: bool
    paper: Paper
    jobs: int
    fonts: FontSet
    build_id: str
    part_cache: Path
    pdf_cache: Path
    stage_root: Path
    """A fresh folder for the shards' staging folders."""
    stage_dir: Path | None = None
    """Where to stage the whole site as well (kept)."""
    shard: str | None = None
    split: bool | None = None


@dataclass
class Produced:
    pages: int
    files: int
    pdfs: int
    compiled: int
    parts: int
    built_parts: int
    warnings: list[str]
    findings: list[Finding]
    timings: dict[str, float] = field(default_factory=dict)


def _check_content(ctx: SiteContext, content: dict[str, Path], root: Path) -> None:
    generated = {o.path.lower() for o in ctx.plan.outputs.values() if o.kind != "pdf"}
    clash = sorted(rel for rel in content if rel.lower() in generated)
    if clash:
        raise ContentClash(f"{root} 中的 {', '.join(clash)} 与生成的页面重名，请改名")
    inside = sorted(rel for rel in content if paths.compound_of(rel) is not None)
    if inside:
        raise ContentClash(f"{root} 中的 {', '.join(inside[:3])} 在小区的文件夹中，这些文件夹由生成器生成，请移到别处")


class _Collect:
    """Results of the workers, as they come back (always in the build's thread)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.parts: dict[str, Part] = {}
        self.pdfs: dict[str, Path] = {}
        self.compiled = 0
        self.seconds = {"mkdocs cpu": 0.0, "pdf cpu": 0.0}
        """CPU seconds the workers spent (stages overlap, so their wall time says less)."""

    def part(self, shard: str) -> Callable[[Any], None]:
        def done(result: PartDone) -> None:
            self.parts[shard] = result.part
            self.seconds["mkdocs cpu"] += result.seconds
            self.progress.advance("mkdocs")
        return done

    def pdf(self, result: PdfDone) -> None:
        for name, cached, seconds in result.files:
            self.pdfs[name] = cached
            self.compiled += seconds is not None
        self.seconds["pdf cpu"] += result.seconds
        self.progress.advance("pdf", len(result.files))


def produce(ctx: SiteContext, request: Request, new_site: Path, progress: Progress) -> Produced:
    timings: dict[str, float] = {"render": 0.0, "stage": 0.0}
    plan = ctx.plan
    content = content_files(request.content)
    _check_content(ctx, content, request.content)
    shard_map = ShardMap.of(ctx.ds)
    generated = [o.path for o in plan.outputs.values() if o.kind != "pdf"]
    all_docs = sorted(set(generated) | set(content))
    md_pages = [p for p in all_docs if p.endswith(".md")]
    split = bool(request.shard) or (request.split if request.split is not None else len(md_pages) >= SPLIT_FROM_PAGES)
    split = split and request.engine == "mkdocs"  # only MkDocs' output is merged (engines/parts.py)
    shards = [request.shard] if request.shard else (shard_map.shards() if split else [CITY])
    order = [s for s in shards if s != CITY] + [s for s in shards if s == CITY]
    owned_pdfs = [o for o in plan.of_kind("pdf") if not split or shard_map.shard_of_output(o) in shards]

    check_paper(request.paper)
    templates_dir = TEMPLATES_DIR.resolve()
    templates = template_fingerprint(templates_dir)
    cache = FolderCache(request.part_cache)
    collect = _Collect(progress)
    missing_glyphs: list[PdfDocument] = []
    whole = SiteFiles(plan=plan)
    skeleton = Skeleton(request.stage_root / "skeleton", all_docs)
    built = 0
    progress.start("pdf", len(owned_pdfs))
    progress.start("mkdocs", len(order))
    progress.start("render", len(order))
    with Workers(request.jobs) as workers:
        for shard in order:
            docs = _documents(ctx, shard_map, shard, split, request.paper)
            ctx.sheet_stamps.update(sheet_stamps(docs))
            printed = []
            for doc in docs:
                ready, missing = printable(doc, request.fonts)
                printed.append(ready)
                if missing:
                    missing_glyphs.append(doc)
            for at in range(0, len(printed), PDF_BATCH):
                workers.add_pdfs(PdfTask(printed[at:at + PDF_BATCH], templates_dir, request.fonts, templates,
                                         request.pdf_cache), collect.pdf)
            workers.pump()

            mark = time.perf_counter()
            compounds = shard_map.compounds_of(shard) if split else None
            files = render_site(ctx, compounds, city=shard == CITY)
            own_content = {rel: path for rel, path in content.items() if shard == CITY}
            if request.stage_dir is not None:
                whole.add(files.pages, files.assets, files.blobs)
            timings["render"] += time.perf_counter() - mark
            progress.advance("render")

            mark = time.perf_counter()
            exclude = exclude_patterns(shard) if split else None
            assert ctx.ds.city is not None
            config_text = staged_config(request.site_config, ctx.ds.city.model, md_pages, paths.SITE_CSS, exclude)
            copied = {**files.assets, **own_content}
            written: dict[str, str | bytes] = {**files.pages, **files.blobs}
            mine = set(written) | set(copied)
            present = [p for p in all_docs if p in mine or stand_ins(shard, p, shard_map)] if split else all_docs
            key = part_key(request.engine, ctx.as_of, request.strict, config_text, present, written, copied)
            entry = cache.get(key)
            task = None
            if entry is not None:
                collect.part(shard)(PartDone(read_part(entry), 0.0))
            else:
                built += 1
                root = request.stage_root / shard.replace("=", "-")
                stage_part(root, config_text, skeleton if split else None, written, copied,
                           functools.partial(stand_ins, shard, shard_map=shard_map))
                task = PartTask(root, request.part_cache, key, shard, sorted(mine), ctx.as_of,
                                request.strict, request.engine)
            del files
            timings["stage"] += time.perf_counter() - mark
            if task is not None:
                workers.add_part(task, collect.part(shard))
            workers.pump()
        progress.finish("render")
        if request.stage_dir is not None:
            from generator.commands.build import stage

            mark = time.perf_counter()
            stage(whole, ctx, request.site_config, request.content, request.stage_dir)
            timings["stage"] += time.perf_counter() - mark
        workers.drain()
    progress.finish("mkdocs")
    progress.finish("pdf")
    timings.update(collect.seconds)

    findings: list[Finding] = []
    reported: set[tuple[str, str]] = set()
    position = {o.path: i for i, o in enumerate(plan.of_kind("pdf"))}
    for doc in sorted(missing_glyphs, key=lambda d: position[d.name]):
        findings += glyph_findings(doc, request.fonts, reported)

    mark = time.perf_counter()
    progress.start("merge")
    writer = StagingWriter(new_site)
    pdfs = {o.path: collect.pdfs[o.path] for o in owned_pdfs}
    # A cached part may come from another build with the same inputs for this shard: it is this build's now.
    every = shard_map.shards() if split else [CITY]
    parts = [dataclasses.replace(collect.parts[s], build=request.build_id, shards=every) for s in shards]
    try:
        if request.shard is not None:
            warnings = _write_part(parts[0], pdfs, writer, new_site)
        else:
            warnings = merge_parts(parts, writer, pdfs)
    except WriteError as exc:  # a PDF named like another file (ids are checked before, so a bug)
        raise pdf_error("pdf-path", f"网站中的文件名重复或不合法：{exc}", "检查小区和考评期间的编号。", file="pdf") from None
    progress.finish("merge")
    timings["merge"] = time.perf_counter() - mark
    pages = sum(len(p.pages) for p in parts)
    return Produced(pages=pages, files=len(generated), pdfs=len(pdfs), compiled=collect.compiled, parts=len(parts),
                    built_parts=built, warnings=warnings,
                    findings=findings, timings=timings)


def _documents(ctx: SiteContext, shard_map: ShardMap, shard: str, split: bool, paper: Paper) -> list[PdfDocument]:
    compounds = shard_map.compounds_of(shard) if split else ctx.compound_ids()
    docs: list[PdfDocument] = []
    for cid in compounds:
        docs += compound_documents(ctx.ds, cid, ctx.matrix, ctx.rankings, ctx.as_of, paper, ctx.plan)
    if shard == CITY:
        docs += ranking_documents(ctx.ds, ctx.rankings, paper, ctx.plan)
    return docs


def _write_part(part: Part, pdfs: dict[str, Path], writer: StagingWriter, out: Path) -> list[str]:
    """A single shard's output (``build --shard``): its engine part, its PDFs and its manifest."""
    for path in sorted(p for p in part.root.rglob("*") if p.is_file()):
        rel = path.relative_to(part.root).as_posix()
        if rel != MANIFEST:
            writer.copy(rel, path)
    for rel, source in sorted(pdfs.items()):
        writer.copy(rel, source)
    write_manifest(Part(out, part.shard, part.build, part.shards, part.pages, sorted(part.owned + list(pdfs)),
                        part.warnings, part.engine))
    return part.warnings
