"""The build pipeline: data folder -> checked models -> rankings -> pages -> staging -> engine -> site.

Contract of :func:`build`:

1. when nothing it depends on changed since the last build into ``out`` (same fingerprint of
   data, content, config, generator, packages, fonts and options, and ``out`` as that build
   left it: :mod:`generator.commands.fingerprint`), it returns that build's result and does
   nothing at all (``unchanged``);
2. load the data and run every check (:func:`generator.commands.steps.check`, the one check
   every command runs); with any error it returns the findings (``ok=False``) and writes
   nothing: the output folder is untouched;
3. rank, then render every page to strings (pure), stage them with the hand-written
   ``content/`` pages and the generated ``mkdocs.yml``, and run the site engine (MkDocs by
   default, or Zensical: ``engine``) and Typst, on ``jobs`` processes
   (:mod:`generator.commands.pipeline`): a big site is built in shards (one engine run per
   district and one for the city pages, merged into the same files as one run), and the
   engine runs only for shards whose inputs changed (the part cache, ``site_cache``), a shard is
   rendered only when its inputs changed (:mod:`generator.commands.render_key`), Typst
   only for PDFs whose inputs changed (``pdf_cache``). ``stage_dir`` keeps the staging folder
   of the whole site (``mkdocs build -f <stage>/mkdocs.yml`` reproduces it but the PDFs and the
   ``/v/`` pages, HTML compacted by
   :mod:`generator.engines.html_compact`); ``shard`` builds
   one part of the site for ``merge`` (:mod:`generator.commands.merge`);
4. write the site into a new folder next to ``out`` and swap it into place with one atomic
   exchange, so a failed or killed build never leaves a half-built site and readers never
   see one; the site is world-readable (0755/0644), and each build first removes what a
   killed one left (:mod:`generator.write.publish`); worker processes die with the build.

Usage problems (a bad ``mkdocs.yml``, an output folder that is not a generated site, a
content page clashing with a generated one, the engine failing, a missing font) raise a
:class:`generator.errors.GeneratorError` carrying its findings; the CLI maps them to exit
code 2. Nothing here prints: progress goes to a :class:`generator.commands.progress.Progress`.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.fingerprint import (BuildRecord, folder_state, forget_record, inputs_fingerprint, load_record,
                                           save_record, unchanged)
from generator.commands.log_stage import LogStageError, log_state, prepare_log, write_log
from generator.commands.load_cache import LoadCache
from generator.commands.handoff import HandoffError, handoff_key, load_checked
from generator.derive.trust_log import BuildLog
from generator.render.context import SiteContext
from generator.commands.pipeline import Setup, produce
from generator.commands.progress import NoProgress, Progress
from generator.commands.steps import (SITE_MARKER, STAGE_MARKER, BuildOptions, Checked, check, check_folders,
                                      prepare_stage, stage)
from generator.engines.fonts import find_fonts
from generator.engines.parts import MANIFEST
from generator.engines.site_config import load_site_config
from generator.engines.typst_pdf import DEFAULT_CACHE_DIR
from generator.errors import BuildError
from generator.findings import Finding
from generator.render.shards import ShardError, ShardMap
from generator.write.cache import FolderCache
from generator.write.publish import clean_leftovers, make_world_readable, swap_into_place, work_dir
from generator.write.staging import StagingWriter

__all__ = ["SITE_MARKER", "STAGE_MARKER", "BuildOptions", "BuildResult", "Checked", "build", "check", "prepare_stage",
           "stage"]

DEFAULT_SITE_CACHE = Path(".cache") / "site"
PARTS, RENDERS, LOADS = "parts", "renders", "loads"
"""Below the site cache: the engine parts, the shards' render entries (:mod:`generator.commands.pipeline`)
and the loaded compounds (:mod:`generator.commands.load_cache`)."""


def _site_cache(options: BuildOptions) -> Path:
    return options.site_cache if options.site_cache is not None else DEFAULT_SITE_CACHE


@dataclass
class BuildResult:
    ok: bool
    findings: list[Finding]
    site: Path | None = None
    stage: Path | None = None
    pages: int = 0
    files: int = 0
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds by stage: ``… cpu`` are CPU seconds (``load+check``, ``plan`` (every compound's
    views and stamps), ``keys`` (the shards' render keys), ``sheets`` (the printed documents'
    data), ``render``, ``stage`` and ``merge`` of the build's own process, ``mkdocs`` and ``pdf``
    of the worker processes, which overlap the rendering), ``total`` wall seconds."""
    pdfs: int = 0
    compiled: int = 0
    """PDFs compiled (the others came from the cache)."""
    parts: int = 1
    built_parts: int = 1
    """Shards the engine ran for (the others came from the cache)."""
    rendered_parts: int = 1
    """Shards whose pages were rendered (the others' inputs had not changed: taken from the cache)."""
    unchanged: bool = False
    """Nothing had changed since the last build into ``out``: nothing was done."""


def _setup(options: BuildOptions) -> Setup:
    """What the build works out before the checks: config, fonts (fail before the slow stages
    when the PDFs cannot be made at all), the inputs' fingerprint and the caches."""
    site_config = load_site_config(options.config)
    if options.noindex:
        site_config = {**site_config, "extra": {**(site_config.get("extra") or {}), "robots": "noindex, nofollow"}}
    check_folders(options)
    if options.shard is not None and options.engine != "mkdocs":
        raise BuildError("分片构建（--shard）只支持 MkDocs 引擎")
    fonts = find_fonts()
    site_cache = _site_cache(options)
    build_id = inputs_fingerprint(options.data, options.content, options.config,
                                  {"as_of": options.as_of.isoformat(), "paper": options.paper, "engine": options.engine,
                                   "strict": str(options.strict), "site_url": options.site_url or "", "noindex": str(options.noindex),
                                   "log": log_state(options.log_key, options.published_log, options.out)},
                                  fonts.fingerprint())
    pdf_cache = options.pdf_cache if options.pdf_cache is not None else DEFAULT_CACHE_DIR
    return Setup(site_config, fonts, build_id, (site_cache / PARTS).resolve(), pdf_cache.resolve(),
                 (site_cache / RENDERS).resolve())


def _site_log(options: BuildOptions, ctx: SiteContext) -> BuildLog | None:
    """This build's transparency log (:mod:`generator.commands.log_stage`); a part (``--shard``) has none."""
    if options.shard is not None:
        return None
    try:
        return prepare_log(options.log_key, options.published_log, options.out, options.new_log, ctx)
    except LogStageError as exc:
        raise BuildError(str(exc)) from None


def _checked(options: BuildOptions) -> Checked:
    """The data loaded and checked, or the check another job handed over (``--checked``)."""
    if options.checked is None:
        loads = LoadCache(_site_cache(options) / LOADS)
        checked = check(options.data, options.as_of, options.content, options.site_url, loads)
        if checked.ok:
            loads.save()
        return checked
    try:
        return load_checked(options.checked, handoff_key(options.data, options.content, options.as_of, options.site_url))
    except HandoffError as exc:
        raise BuildError(str(exc)) from None


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    progress = progress or NoProgress()
    start = time.perf_counter()
    setup = _setup(options)
    out = options.out
    site_cache = _site_cache(options)
    fingerprint = f"{setup.build_id}:{options.shard or 'site'}"
    record = load_record(site_cache, out)
    if options.stage_dir is None and unchanged(record, fingerprint, out,
                                               MANIFEST if options.shard is not None else SITE_MARKER):
        assert record is not None
        return BuildResult(True, record.finding_objects(), site=out, pages=record.pages, files=record.files,
                           warnings=record.warnings, timings={"total": time.perf_counter() - start}, pdfs=record.pdfs,
                           compiled=0, parts=0, built_parts=0, rendered_parts=0, unchanged=True)

    progress.start("check")
    cpu = time.process_time()
    checked = _checked(options)
    timings = {"load+check cpu": time.process_time() - cpu}
    progress.finish("check")
    if not checked.ok:
        return BuildResult(False, checked.findings, timings=timings)
    ctx = checked.site()
    ctx.log = _site_log(options, ctx)
    if options.shard is not None:
        try:
            options = dataclasses.replace(options, shard=ShardMap.of(checked.ds).parse(options.shard))
        except ShardError as exc:
            raise BuildError(str(exc)) from None

    clean_leftovers(out)  # what a killed build left (write/publish.py)
    if options.stage_dir is not None:
        prepare_stage(options.stage_dir)
    # Absolute: MkDocs resolves a relative site_dir against the staged mkdocs.yml, not the cwd.
    setup.stage_root = work_dir(out, "stage")
    new_site = work_dir(out, "new")
    try:
        produced = produce(ctx, options, setup, new_site, progress)
        if options.shard is None:
            StagingWriter(new_site).write_text(SITE_MARKER, "")
            write_log(StagingWriter(new_site), ctx.log)
        make_world_readable(new_site)
        forget_record(site_cache, out)
        swap_into_place(new_site, out)
    finally:
        if new_site.exists():
            shutil.rmtree(new_site, ignore_errors=True)
        shutil.rmtree(setup.stage_root, ignore_errors=True)
    timings.update(produced.timings)
    timings["total"] = time.perf_counter() - start
    findings = checked.findings + produced.findings
    save_record(site_cache, out, BuildRecord(fingerprint, produced.pages, produced.files, produced.pdfs,
                                             produced.warnings, [f.as_dict() for f in findings], folder_state(out)))
    for kept in (PARTS, RENDERS, LOADS):
        FolderCache(site_cache / kept).prune()
    return BuildResult(True, findings, site=out, stage=options.stage_dir, pages=produced.pages, files=produced.files,
                       warnings=produced.warnings, timings=timings, pdfs=produced.pdfs, compiled=produced.compiled,
                       parts=produced.parts, built_parts=produced.built_parts,
                       rendered_parts=produced.rendered_parts)
