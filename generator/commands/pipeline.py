"""The middle of a build: pages, engine parts and PDFs made on every core, then merged into the new site.

Contract of :func:`produce` (called by :func:`generator.commands.build.build` after the checks,
with the build's one :class:`~generator.commands.steps.BuildOptions` and the :class:`Setup` it
worked out from them):

* the site is split into shards (:mod:`generator.render.shards`) when it is big enough to
  gain from it (:data:`SPLIT_FROM_PAGES` pages), when a shard is asked for, or when
  ``split`` says so; a small site is one part built by one engine run over the whole
  staging folder, exactly as before sharding;
* for each shard, districts first and ``city`` last, it hands the shard's PDFs to the PDF
  stage (:class:`generator.commands.printing.PdfStage`, the one road of the printed notices);
  when the render cache knows the shard's render key (:mod:`generator.commands.render_key`:
  nothing its files are made from changed) and the part cache still holds the engine output
  it named, it takes that output and the shard's ``/v/`` pages as they are; else it renders
  the shard's pages and ``/v/`` pages (kept under the render key) and, unless the part cache
  holds the engine output for exactly these pages (:func:`part_key`), stages the shard and
  queues its engine run; with
  ``stage_dir`` the whole site is staged there too (``mkdocs build -f <stage_dir>/mkdocs.yml``
  reproduces it, HTML compacted);
* when every task is done it writes, through one writer, into ``new_site``: the merged site
  (:func:`generator.engines.parts.merge_parts`) with the PDFs, or, for a single shard
  (``build --shard``), the part: that shard's engine output, its PDFs and its manifest, for
  ``merge`` to assemble later;
* what a worker raises is raised here (:mod:`generator.errors`); nothing printed.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from generator.commands.content import content_files
from generator.commands.part_stage import Skeleton, part_key, stage_part
from generator.commands.printing import PdfStage, documents
from generator.commands.progress import Progress
from generator.commands.render_key import RenderInputs
from generator.commands.steps import BuildOptions, stage
from generator.commands.workers import PartDone, PartTask, Workers
from generator.engines.fonts import FontSet, pdf_error
from generator.engines.parts import MANIFEST, Part, PartError, merge_parts, read_part, write_manifest
from generator.errors import BuildError, WriteError
from generator.findings import Finding
from generator.views import paths
from generator.render.context import SiteContext
from generator.render.shards import CITY, ShardMap, exclude_patterns, stand_ins
from generator.render.web.mkdocs_config import staged_config
from generator.render.web.site import SiteFiles, render_site
from generator.render.web.stamp_pages import stamp_pages
from generator.write.cache import FolderCache
from generator.write.staging import StagingWriter

RENDER_PART = "part"
"""In a render cache entry: the part key of the shard's engine output."""
RENDER_HTML = "html"
"""In a render cache entry: the shard's ``/v/<stamp>/`` pages."""

SPLIT_FROM_PAGES = 1000
"""From this many pages a site is built in shards (each shard costs an engine start-up, about a second
in a warmed-up worker; the 100-compound synthetic city has 1,227 pages)."""


@dataclass
class Setup:
    """What :func:`generator.commands.build.build` worked out from the options before the checks."""

    site_config: dict[str, Any]
    fonts: FontSet
    build_id: str
    part_cache: Path
    pdf_cache: Path
    render_cache: Path
    """Shards' engine part keys and ``/v/`` pages by render key (:mod:`generator.commands.render_key`)."""
    stage_root: Path = Path()
    """A fresh folder for the shards' staging folders (made after the checks)."""


@dataclass
class Produced:
    pages: int
    files: int
    pdfs: int
    compiled: int
    parts: int
    built_parts: int
    rendered_parts: int
    warnings: list[str]
    findings: list[Finding]
    timings: dict[str, float] = field(default_factory=dict)


def _check_content(ctx: SiteContext, content: dict[str, Path], root: Path) -> None:
    generated = {o.path.lower() for o in ctx.plan.outputs.values() if o.kind != "pdf"}
    clash = sorted(rel for rel in content if rel.lower() in generated)
    if clash:
        raise BuildError(f"{root} 中的 {', '.join(clash)} 与生成的页面重名，请改名")
    inside = sorted(rel for rel in content if paths.compound_of(rel) is not None)
    if inside:
        raise BuildError(f"{root} 中的 {', '.join(inside[:3])} 在小区的文件夹中，这些文件夹由生成器生成，请移到别处")


@dataclass
class _Layout:
    """Which shards this build makes, in which order, and every docs file of the site."""

    shard_map: ShardMap
    content: dict[str, Path]
    generated: list[str]
    all_docs: list[str]
    md_pages: list[str]
    split: bool
    shards: list[str]

    @classmethod
    def of(cls, ctx: SiteContext, options: BuildOptions) -> _Layout:
        content = content_files(options.content)
        _check_content(ctx, content, options.content)
        generated = [o.path for o in ctx.plan.staged()]
        all_docs = sorted(set(generated) | set(content))
        md_pages = [p for p in all_docs if p.endswith(".md")]
        wanted = options.split if options.split is not None else len(md_pages) >= SPLIT_FROM_PAGES
        split = (bool(options.shard) or wanted) and options.engine == "mkdocs"  # only MkDocs' output is merged
        shard_map = ShardMap.of(ctx.ds)
        shards = [options.shard] if options.shard else (shard_map.shards() if split else [CITY])
        return cls(shard_map, content, generated, all_docs, md_pages, split, shards)

    @property
    def order(self) -> list[str]:
        """Districts first, ``city`` last (the city pages wait for nothing the districts make)."""
        return [s for s in self.shards if s != CITY] + [s for s in self.shards if s == CITY]

    def compounds(self, ctx: SiteContext, shard: str) -> list[str]:
        return self.shard_map.compounds_of(shard) if self.split else ctx.compound_ids()


class _Parts:
    """The engine parts, as they come back from the workers (always in the build's thread)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.parts: dict[str, Part] = {}
        self.cpu = 0.0
        self.built = 0
        self.rendered = 0

    def done(self, shard: str) -> Callable[[Any], None]:
        def done(result: PartDone) -> None:
            self.parts[shard] = result.part
            self.cpu += result.seconds
            self.progress.advance("mkdocs")
        return done


def produce(ctx: SiteContext, options: BuildOptions, setup: Setup, new_site: Path, progress: Progress) -> Produced:
    timings: dict[str, float] = {"plan cpu": 0.0, "keys cpu": 0.0, "sheets cpu": 0.0, "render cpu": 0.0, "stage cpu": 0.0}
    mark = time.process_time()
    layout = _Layout.of(ctx, options)  # makes the site plan: every compound's views and stamps
    timings["plan cpu"] += time.process_time() - mark
    owned_pdfs = [o for o in ctx.plan.of_kind("pdf")
                  if not layout.split or layout.shard_map.shard_of_output(o) in layout.shards]
    stamp_files: dict[str, Path] = {}
    parts = _Parts(progress)
    whole = SiteFiles(plan=ctx.plan)
    skeleton = Skeleton(setup.stage_root / "skeleton", layout.all_docs)
    progress.start("pdf", len(owned_pdfs))
    progress.start("mkdocs", len(layout.order))
    progress.start("render", len(layout.order))
    with Workers(options.jobs) as workers:
        pdf_stage = PdfStage(options.paper, setup.fonts, setup.pdf_cache, workers, progress)
        mark = time.process_time()
        inputs = _render_inputs(ctx, options, setup)
        timings["keys cpu"] += time.process_time() - mark
        for shard in layout.order:
            mark = time.process_time()
            pdf_stage.add(documents(ctx, layout.compounds(ctx, shard), options.paper, rankings=shard == CITY))
            timings["sheets cpu"] += time.process_time() - mark
            workers.pump()
            stamp_files.update(_ShardRun(ctx, options, setup, layout, shard, timings).run(inputs, whole, skeleton,
                                                                                          workers, parts))
            workers.pump()
        progress.finish("render")
        if options.stage_dir is not None:
            mark = time.process_time()
            stage(whole, ctx, setup.site_config, options.content, options.stage_dir)
            timings["stage cpu"] += time.process_time() - mark
        workers.drain()
    progress.finish("mkdocs")
    progress.finish("pdf")
    printed = pdf_stage.done(ctx.plan)
    timings.update({"mkdocs cpu": parts.cpu, "pdf cpu": printed.cpu})

    mark = time.process_time()
    progress.start("merge")
    pdfs = {o.path: printed.pdfs[o.path] for o in owned_pdfs}
    _check_stamp_files(ctx, layout, stamp_files)
    warnings, pages, count = _assemble(options, setup, layout, parts, {**pdfs, **stamp_files}, new_site)
    progress.finish("merge")
    timings["merge cpu"] = time.process_time() - mark
    return Produced(pages=pages, files=len(layout.generated) + len(stamp_files), pdfs=len(pdfs), compiled=len(printed.compiled),
                    parts=count, built_parts=parts.built, rendered_parts=parts.rendered, warnings=warnings,
                    findings=printed.findings, timings=timings)


def _render_inputs(ctx: SiteContext, options: BuildOptions, setup: Setup) -> RenderInputs | None:
    """What the shards' render keys are made from; None with ``stage_dir`` (every page is staged)."""
    if options.stage_dir is not None:
        return None
    return RenderInputs.of(ctx, options.data, options.content,
                           {"as_of": options.as_of.isoformat(), "paper": options.paper, "engine": options.engine,
                            "strict": str(options.strict), "site_url": options.site_url or "",
                            "noindex": str(options.noindex)}, setup.site_config)


class _ShardRun:
    """One shard of the build: taken from the render cache (its engine output and ``/v/`` pages,
    when its render key is known and its part still cached), or rendered, then its engine
    output taken from the part cache or its engine run queued."""

    def __init__(self, ctx: SiteContext, options: BuildOptions, setup: Setup, layout: _Layout, shard: str,
                 timings: dict[str, float]) -> None:
        self.ctx, self.options, self.setup, self.layout, self.shard, self.timings = ctx, options, setup, layout, shard, timings
        assert ctx.ds.city is not None
        exclude = exclude_patterns(shard) if layout.split else None
        self.config_text = staged_config(setup.site_config, ctx.ds.city.model, layout.md_pages, paths.SITE_CSS, exclude)

    def run(self, inputs: RenderInputs | None, whole: SiteFiles, skeleton: Skeleton, workers: Workers,
            parts: _Parts) -> dict[str, Path]:
        """The shard's ``/v/`` pages; its engine output goes to ``parts`` (now, or when its run ends)."""
        key = inputs.key(self.shard, self.layout.compounds(self.ctx, self.shard), self.config_text,
                         self.layout.all_docs) if inputs is not None else None
        cached = self._cached(key)
        if cached is None:
            parts.rendered += 1
            return self._render(key, whole, skeleton, workers, parts)
        part, stamps = cached
        parts.done(self.shard)(PartDone(part, 0.0))
        parts.progress.advance("render")
        return stamps

    def _cached(self, key: str | None) -> tuple[Part, dict[str, Path]] | None:
        entry = FolderCache(self.setup.render_cache).get(key) if key is not None else None
        if entry is None:
            return None
        try:
            part_entry = FolderCache(self.setup.part_cache).get((entry / RENDER_PART).read_text(encoding="ascii"))
            if part_entry is None:
                return None
            html = entry / RENDER_HTML
            return read_part(part_entry), {p.relative_to(html).as_posix(): p for p in sorted(html.rglob("*")) if p.is_file()}
        except (OSError, ValueError, PartError):
            return None

    def _render(self, key: str | None, whole: SiteFiles, skeleton: Skeleton, workers: Workers,
               parts: _Parts) -> dict[str, Path]:
        """Render the shard's pages and ``/v/`` pages (kept under ``key`` in the render cache when
        it is given), then take its engine output from the part cache or queue its engine run."""
        ctx, layout, shard, setup = self.ctx, self.layout, self.shard, self.setup
        mark = time.process_time()
        files = render_site(ctx, layout.compounds(ctx, shard), city=shard == CITY)
        if self.options.stage_dir is not None:
            whole.add(files.pages, files.assets, files.blobs)
        robots = str((setup.site_config.get("extra") or {}).get("robots") or "")
        stamps = stamp_pages(ctx, layout.compounds(ctx, shard), robots)
        self.timings["render cpu"] += time.process_time() - mark
        parts.progress.advance("render")

        mark = time.process_time()
        own_content = {rel: path for rel, path in layout.content.items() if shard == CITY}
        copied = {**files.assets, **own_content}
        written: dict[str, str | bytes] = {**files.pages, **files.blobs}
        mine = set(written) | set(copied)

        def stand_in(path: str) -> bool:
            made = ctx.plan.outputs.get(path)
            return stand_ins(shard, path, layout.shard_map, made.origin if made is not None else "")

        present = [p for p in layout.all_docs if p in mine or stand_in(p)] if layout.split else layout.all_docs
        engine_key = part_key(self.options.engine, self.options.strict, self.config_text, present, written, copied)
        entry = FolderCache(setup.part_cache).get(engine_key)
        if entry is not None:
            parts.done(shard)(PartDone(read_part(entry), 0.0))
        else:
            parts.built += 1
            root = setup.stage_root / shard.replace("=", "-")
            stage_part(root, self.config_text, skeleton if layout.split else None, written, copied, stand_in)
            workers.add_part(PartTask(root, setup.part_cache, engine_key, shard, sorted(mine), self.options.strict,
                                      self.options.engine), parts.done(shard))
        self.timings["stage cpu"] += time.process_time() - mark
        mark = time.process_time()
        out = self._write_stamps(key, engine_key, stamps)
        self.timings["render cpu"] += time.process_time() - mark
        return out

    def _write_stamps(self, key: str | None, engine_key: str, stamps: dict[str, str]) -> dict[str, Path]:
        """The ``/v/`` pages written where the merge takes them: into the render cache entry
        ``key`` (with the part key), else under the stage root."""
        if key is None:
            writer = StagingWriter(self.setup.stage_root / "html")
            return {rel: writer.write_text(rel, html) for rel, html in stamps.items()}
        cache = FolderCache(self.setup.render_cache)
        with cache.put(key) as tmp:
            (tmp / RENDER_PART).write_text(engine_key, encoding="ascii")
            writer = StagingWriter(tmp / RENDER_HTML)
            for rel, html in stamps.items():
                writer.write_text(rel, html)
        entry = cache.get(key)
        assert entry is not None
        return {rel: entry / RENDER_HTML / rel for rel in stamps}


def _check_stamp_files(ctx: SiteContext, layout: _Layout, written: dict[str, Path]) -> None:
    """Exactly the planned pages no engine sees of this build's shards were written."""
    planned = [o.path for o in ctx.plan.of_kind("html")
               if not layout.split or layout.shard_map.shard_of_output(o) in layout.shards]
    ctx.plan.check_rendered(written, planned)


def _assemble(options: BuildOptions, setup: Setup, layout: _Layout, parts: _Parts, pdfs: dict[str, Path],
              new_site: Path) -> tuple[list[str], int, int]:
    """Write the merged site (or the one part asked for) with its PDFs into ``new_site``;
    returns the engine's warnings, the pages and the parts."""
    writer = StagingWriter(new_site)
    # A cached part may come from another build with the same inputs for this shard: it is this build's now.
    every = layout.shard_map.shards() if layout.split else [CITY]
    made = [dataclasses.replace(parts.parts[s], build=setup.build_id, shards=every) for s in layout.shards]
    try:
        if options.shard is not None:
            warnings = _write_part(made[0], pdfs, writer, new_site)
        else:
            warnings = merge_parts(made, writer, pdfs)
    except WriteError as exc:  # a PDF named like another file (ids are checked before, so a bug)
        raise pdf_error("pdf-path", f"网站中的文件名重复或不合法：{exc}", "检查小区和考评期间的编号。", file="pdf") from None
    return warnings, sum(len(p.pages) for p in made), len(made)


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
