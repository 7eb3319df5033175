"""The build pipeline: data folder -> checked models -> rankings -> pages -> staging -> engine -> site.

Contract of :func:`build`:

1. when nothing it depends on changed since the last build into ``out`` (same fingerprint of
   data, content, config, generator, packages, fonts and options, and ``out`` as that build
   left it: :mod:`generator.commands.fingerprint`), it returns that build's result and does
   nothing at all (``unchanged``);
2. load the data and run every check; with any error it returns the findings
   (``ok=False``) and writes nothing: the output folder is untouched;
3. rank, then render every page to strings (pure), stage them with the hand-written
   ``content/`` pages and the generated ``mkdocs.yml``, and run the site engine (MkDocs by
   default, or Zensical: ``engine``) and Typst, on ``jobs`` processes
   (:mod:`generator.commands.pipeline`): a big site is built in shards (one engine run per
   district and one for the city pages, merged into the same files as one run), and the
   engine runs only for shards whose inputs changed (the part cache, ``site_cache``), Typst
   only for PDFs whose inputs changed (``pdf_cache``). ``stage_dir`` keeps the staging folder
   of the whole site (``mkdocs build -f <stage>/mkdocs.yml`` reproduces it); ``shard`` builds
   one part of the site for ``merge`` (:mod:`generator.commands.merge`);
4. write the site into a new folder next to ``out`` and swap it into place with one atomic
   exchange, so a failed or killed build never leaves a half-built site and readers never
   see one; the site is world-readable (0755/0644), and each build first removes what a
   killed one left (:mod:`generator.write.publish`); worker processes die with the build.

Usage problems (a bad ``mkdocs.yml``, an output folder that is not a generated site, a
content page clashing with a generated one, the engine failing) raise :class:`BuildError`; the
CLI maps them to exit code 2. Nothing here prints: progress goes to a
:class:`generator.commands.progress.Progress`.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.commands.fingerprint import (BuildRecord, folder_state, forget_record, inputs_fingerprint, load_record,
                                           save_record, unchanged)
from generator.commands.pipeline import ContentClash, Request, produce
from generator.commands.progress import NoProgress, Progress
from generator.commands.workers import WorkerLost
from generator.engines.parts import MANIFEST, PartError
from generator.engines.site_engine import DEFAULT_ENGINE, EngineFailed
from generator.engines.typst_pdf import DEFAULT_CACHE_DIR, PdfError
from generator.engines.fonts import find_fonts
from generator.engines.site_config import ConfigError, load_site_config
from generator.checks import run_checks
from generator.derive.status import StatusMatrix
from generator.findings import Finding, Findings
from generator.load.dataset import Dataset, load
from generator.load.limits import check_content
from generator.derive.versions import History, item_histories
from generator.load.history import Change, read_history, read_log
from generator.derive.rank import PeriodRanking, rank_all
from generator.render.context import SiteContext
from generator.render.paper.document import Paper
from generator.render.web.mkdocs_config import DOCS_DIR, staged_config
from generator.render import paths
from generator.render.shards import ShardError, ShardMap
from generator.render.web.site import SiteFiles, render_site
from generator.write.cache import FolderCache
from generator.write.publish import clean_leftovers, make_world_readable, swap_into_place, work_dir
from generator.write.staging import StagingWriter, WriteError

SITE_MARKER = ".generator-site"
"""Empty file in every built site: only a folder holding it is ever replaced by a build."""
STAGE_MARKER = ".generator-stage"
"""Empty file in every staging folder: only a folder holding it is ever cleared."""
DEFAULT_SITE_CACHE = Path(".cache") / "site"


class BuildError(Exception):
    """The build cannot run or the engine failed; the message (Chinese) says why."""


@dataclass
class BuildOptions:
    data: Path
    out: Path = Path("site")
    as_of: date = field(default_factory=date.today)
    stage_dir: Path | None = None
    content: Path = Path("content")
    config: Path = Path("mkdocs.yml")
    strict: bool = False
    """Fail when the engine warns (broken links in content pages, ...)."""
    paper: Paper = "a4"
    """Paper of the notice PDFs: a4 or a3 (portrait)."""
    pdf_cache: Path | None = None
    """Cache of compiled PDFs (None: .cache/pdf); see :mod:`generator.engines.typst_pdf`."""
    engine: str = DEFAULT_ENGINE
    """The site engine run on the staged folder (:data:`generator.engines.site_engine.ENGINES`)."""
    jobs: int = 1
    """Processes for PDFs and engine runs (the CLI's default: every core)."""
    shard: str | None = None
    """Build only this part (``city`` or ``district=<id>``) into ``out``, for ``merge``."""
    site_cache: Path | None = None
    """Cache of engine output per shard and the record of the last build (None: .cache/site)."""
    split: bool | None = None
    """Build in shards (None: when the site is big enough, see :mod:`generator.commands.pipeline`)."""


@dataclass
class Checked:
    """The results of the stages before rendering (also what the PDF stage needs)."""

    ds: Dataset
    matrix: StatusMatrix
    rankings: list[PeriodRanking]
    as_of: date
    history: dict[str, list[Change]] = field(default_factory=dict)
    versions: History | None = None


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
    pdfs: int = 0
    compiled: int = 0
    """PDFs compiled (the others came from the cache)."""
    parts: int = 1
    built_parts: int = 1
    """Shards the engine ran for (the others came from the cache)."""
    unchanged: bool = False
    """Nothing had changed since the last build into ``out``: nothing was done."""


def check(options: BuildOptions) -> tuple[Checked | None, list[Finding]]:
    """Load and check; ``None`` when the data has errors."""
    findings = Findings()
    ds = load(options.data, findings)
    check_content(options.content, options.data, findings)
    matrix = run_checks(ds, options.as_of, findings)
    if findings.has_errors():
        return None, findings.sorted()
    versions = item_histories(ds, read_log(options.data))
    return Checked(ds, matrix, rank_all(ds, options.as_of), options.as_of, read_history(options.data), versions), findings.sorted()


def render(checked: Checked) -> SiteFiles:
    return render_site(SiteContext(checked.ds, checked.matrix, checked.rankings, checked.as_of, checked.history,
                                   checked.versions))


def stage(files: SiteFiles, checked: Checked | SiteContext, site_config: dict, content: Path, root: Path) -> list[str]:
    """Write the staging folder: ``mkdocs.yml``, ``docs/`` (generated + content). Returns docs pages."""
    writer = StagingWriter(root)
    writer.write_text(STAGE_MARKER, "")
    docs = f"{DOCS_DIR}/"
    for rel, text in sorted(files.pages.items()):
        writer.write_text(docs + rel, text)
    for rel, source in sorted(files.assets.items()):
        writer.copy(docs + rel, source)
    for rel, data in sorted(files.blobs.items()):
        writer.write_bytes(docs + rel, data)
    content_pages: list[str] = []
    if content.is_dir():
        try:
            content_pages = [p[len(docs):] for p in writer.copy_tree(content, docs)]
        except WriteError:
            clash = sorted(set(_files_below(content)) & {p.lower() for p in [*files.pages, *files.assets, *files.blobs]})
            raise BuildError(f"{content} 中的 {', '.join(clash) or '文件'} 与生成的页面重名，请改名") from None
    pages = sorted(p for p in list(files.pages) + content_pages if p.endswith(".md"))
    assert checked.ds.city is not None
    writer.write_text("mkdocs.yml", staged_config(site_config, checked.ds.city.model, pages, paths.SITE_CSS))
    return pages


def _files_below(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix().lower() for p in folder.rglob("*") if p.is_file()]


def prepare_stage(stage_dir: Path | None, out: Path | None = None) -> tuple[Path, bool]:
    """The staging folder to use and whether to delete it afterwards (a temporary one goes
    next to ``out``, where the next build finds it if this one is killed)."""
    if stage_dir is None:
        if out is not None:
            return work_dir(out, "stage"), True
        return Path(tempfile.mkdtemp(prefix="wuye-stage-")), True
    if stage_dir.exists():
        if not stage_dir.is_dir():
            raise BuildError(f"--stage-dir {stage_dir} 不是文件夹")
        if any(stage_dir.iterdir()):
            if not (stage_dir / STAGE_MARKER).is_file():
                raise BuildError(f"--stage-dir {stage_dir} 不是空文件夹，也不是上次生成的暂存文件夹，为安全起见不清空它")
            shutil.rmtree(stage_dir)
    stage_dir.mkdir(parents=True, exist_ok=True)
    return stage_dir, False


def _overlap(a: Path, b: Path) -> bool:
    a, b = a.resolve(), b.resolve()
    return a == b or a in b.parents or b in a.parents


def _check_folders(options: BuildOptions) -> None:
    """The output and staging folders must not overlap the inputs or each other, and the
    output must be empty, missing, or a site this tool built (it is replaced whole)."""
    out = options.out
    outputs = [("输出目录", out)] + ([("暂存目录", options.stage_dir)] if options.stage_dir is not None else [])
    for what, folder in outputs:
        for name, other in (("数据目录", options.data), ("content 目录", options.content)):
            if _overlap(folder, other):
                raise BuildError(f"{what} {folder} 不能与{name} {other} 重叠")
    if options.stage_dir is not None and _overlap(out, options.stage_dir):
        raise BuildError(f"输出目录 {out} 不能与暂存目录 {options.stage_dir} 重叠")
    for name, cache in (("PDF 缓存目录", options.pdf_cache), ("网页缓存目录", options.site_cache)):
        for what, folder in outputs:
            if cache is not None and _overlap(cache, folder):
                raise BuildError(f"{name} {cache} 不能与{what} {folder} 重叠")
    if out.exists():
        if not out.is_dir():
            raise BuildError(f"输出目录 {out} 已存在且不是文件夹")
        if any(out.iterdir()) and not (out / SITE_MARKER).is_file():
            raise BuildError(f"输出目录 {out} 不是空文件夹，也不是本工具生成的网站，为安全起见不覆盖它")


def build(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    progress = progress or NoProgress()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    try:
        site_config = load_site_config(options.config)
    except ConfigError as exc:
        raise BuildError(str(exc)) from None
    out = options.out
    _check_folders(options)
    if options.shard is not None and options.engine != "mkdocs":
        raise BuildError("分片构建（--shard）只支持 MkDocs 引擎")
    try:
        fonts = find_fonts()  # fail before the slow stages when the PDFs cannot be made at all
    except PdfError as exc:
        raise BuildError(f"{exc.finding.message}\n提示：{exc.finding.hint}") from None
    site_cache = options.site_cache if options.site_cache is not None else DEFAULT_SITE_CACHE
    build_id = inputs_fingerprint(options.data, options.content, options.config,
                                  {"as_of": options.as_of.isoformat(), "paper": options.paper, "engine": options.engine,
                                   "strict": str(options.strict)}, fonts.fingerprint())
    fingerprint = f"{build_id}:{options.shard or 'site'}"
    marker = MANIFEST if options.shard is not None else SITE_MARKER
    record = load_record(site_cache, out)
    if options.stage_dir is None and unchanged(record, fingerprint, out, marker):
        assert record is not None
        timings["total"] = time.perf_counter() - start
        return BuildResult(True, record.finding_objects(), site=out, pages=record.pages, files=record.files,
                           warnings=record.warnings, timings=timings, pdfs=record.pdfs, compiled=0, parts=0,
                           built_parts=0, unchanged=True)

    progress.start("check")
    checked, findings = check(options)
    timings["load+check"] = time.perf_counter() - start
    progress.finish("check")
    if checked is None:
        return BuildResult(False, findings, timings=timings)
    ctx = SiteContext(checked.ds, checked.matrix, checked.rankings, checked.as_of, checked.history, checked.versions)
    shard = None
    if options.shard is not None:
        try:
            shard = ShardMap.of(checked.ds).parse(options.shard)
        except ShardError as exc:
            raise BuildError(str(exc)) from None

    clean_leftovers(out)  # what a killed build left (write/publish.py)
    if options.stage_dir is not None:
        prepare_stage(options.stage_dir)
    stage_root = work_dir(out, "stage")
    # Absolute: MkDocs resolves a relative site_dir against the staged mkdocs.yml, not the cwd.
    new_site = work_dir(out, "new")
    request = Request(site_config, options.content, options.engine, options.strict, options.paper, options.jobs,
                      fonts, build_id, (site_cache / "parts").resolve(),
                      (options.pdf_cache if options.pdf_cache is not None else DEFAULT_CACHE_DIR).resolve(),
                      stage_root, options.stage_dir, shard, options.split)
    try:
        try:
            produced = produce(ctx, request, new_site, progress)
        except ContentClash as exc:
            raise BuildError(str(exc)) from None
        except (EngineFailed, PartError, WorkerLost) as exc:
            raise BuildError(str(exc)) from None
        except PdfError as exc:
            raise BuildError(f"{exc.finding.message}\n提示：{exc.finding.hint}") from None
        if shard is None:
            StagingWriter(new_site).write_text(SITE_MARKER, "")
        make_world_readable(new_site)
        forget_record(site_cache, out)
        swap_into_place(new_site, out)
    finally:
        if new_site.exists():
            shutil.rmtree(new_site, ignore_errors=True)
        shutil.rmtree(stage_root, ignore_errors=True)
    timings.update(produced.timings)
    timings["total"] = time.perf_counter() - start
    findings = findings + produced.findings
    save_record(site_cache, out, BuildRecord(fingerprint, produced.pages, produced.files, produced.pdfs,
                                             produced.warnings, [f.as_dict() for f in findings], folder_state(out)))
    FolderCache(site_cache / "parts").prune()
    return BuildResult(True, findings, site=out, stage=options.stage_dir, pages=produced.pages, files=produced.files,
                       warnings=produced.warnings, timings=timings, pdfs=produced.pdfs, compiled=produced.compiled,
                       parts=produced.parts, built_parts=produced.built_parts)
