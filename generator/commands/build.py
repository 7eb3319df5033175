"""The build pipeline: data folder -> checked models -> rankings -> pages -> staging -> engine -> site.

Contract of :func:`build`:

1. load the data and run every check; with any error it returns the findings
   (``ok=False``) and writes nothing: the output folder is untouched;
2. rank, then render every page to strings (pure);
3. write them, the hand-written ``content/`` pages and the generated ``mkdocs.yml`` into a
   staging folder (a temporary one unless ``stage_dir`` is given; that one is kept so
   ``mkdocs build -f <stage>/mkdocs.yml`` reproduces the site);
4. run the site engine (MkDocs by default, or Zensical: ``engine``) into a new folder next
   to ``out``, add the outputs no engine sees (PDFs), then swap the new folder into place
   with one atomic exchange, so a failed or killed build never leaves a half-built site and
   readers never see one; the site is world-readable (0755/0644), and each build first
   removes what a killed one left (:mod:`generator.write.publish`).

Usage problems (a bad ``mkdocs.yml``, an output folder that is not a generated site, a
content page clashing with a generated one, the engine failing) raise :class:`BuildError`; the
CLI maps them to exit code 2. Nothing here prints.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.engines.site_engine import DEFAULT_ENGINE, EngineFailed, run_engine
from generator.engines.typst_pdf import PdfError, build_pdfs
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
from generator.render.web.site import SiteFiles, render_site
from generator.write.publish import clean_leftovers, make_world_readable, swap_into_place, work_dir
from generator.write.staging import StagingWriter, WriteError

SITE_MARKER = ".generator-site"
"""Empty file in every built site: only a folder holding it is ever replaced by a build."""
STAGE_MARKER = ".generator-stage"
"""Empty file in every staging folder: only a folder holding it is ever cleared."""


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


def check(options: BuildOptions) -> tuple[Checked | None, list[Finding]]:
    """Load and check; ``None`` when the data has errors."""
    findings = Findings()
    ds = load(options.data, findings)
    check_content(options.content, options.data, findings)
    matrix = run_checks(ds, options.as_of, findings)
    if findings.has_errors():
        return None, findings.sorted()
    versions = item_histories(ds, read_log(options.data))
    return Checked(ds, matrix, rank_all(ds), options.as_of, read_history(options.data), versions), findings.sorted()


def render(checked: Checked) -> SiteFiles:
    return render_site(SiteContext(checked.ds, checked.matrix, checked.rankings, checked.as_of, checked.history,
                                   checked.versions))


def stage(files: SiteFiles, checked: Checked, site_config: dict, content: Path, root: Path) -> list[str]:
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
    if out.exists():
        if not out.is_dir():
            raise BuildError(f"输出目录 {out} 已存在且不是文件夹")
        if any(out.iterdir()) and not (out / SITE_MARKER).is_file():
            raise BuildError(f"输出目录 {out} 不是空文件夹，也不是本工具生成的网站，为安全起见不覆盖它")


def build(options: BuildOptions) -> BuildResult:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    try:
        site_config = load_site_config(options.config)
    except ConfigError as exc:
        raise BuildError(str(exc)) from None
    out = options.out
    _check_folders(options)
    try:
        find_fonts()  # fail before the slow stages when the PDFs cannot be made at all
    except PdfError as exc:
        raise BuildError(f"{exc.finding.message}\n提示：{exc.finding.hint}") from None

    checked, findings = check(options)
    timings["load+check"] = time.perf_counter() - start
    if checked is None:
        return BuildResult(False, findings, timings=timings)

    mark = time.perf_counter()
    files = render(checked)
    timings["render"] = time.perf_counter() - mark

    clean_leftovers(out)  # what a killed build left (write/publish.py)
    stage_root, temporary = prepare_stage(options.stage_dir, out)
    # Absolute: MkDocs resolves a relative site_dir against the staged mkdocs.yml, not the cwd.
    new_site = work_dir(out, "new")
    try:
        mark = time.perf_counter()
        pages = stage(files, checked, site_config, options.content, stage_root)
        timings["stage"] = time.perf_counter() - mark

        mark = time.perf_counter()
        try:
            warnings = run_engine(options.engine, stage_root / "mkdocs.yml", new_site, options.as_of,
                                  strict=options.strict)
        except EngineFailed as exc:
            raise BuildError(str(exc)) from None
        timings[options.engine] = time.perf_counter() - mark

        # Outputs the engine does not see go into the new site, through one writer, before it replaces the old one.
        site_writer = StagingWriter(new_site)
        mark = time.perf_counter()
        try:
            pdfs = build_pdfs(checked.ds, checked.matrix, checked.rankings, checked.as_of, new_site, options.paper,
                              cache_dir=options.pdf_cache, plan=files.plan, writer=site_writer)
        except PdfError as exc:
            raise BuildError(f"{exc.finding.message}\n提示：{exc.finding.hint}") from None
        findings = findings + pdfs.findings
        timings["pdf"] = time.perf_counter() - mark

        site_writer.write_text(SITE_MARKER, "")
        make_world_readable(new_site)
        swap_into_place(new_site, out)
    finally:
        if new_site.exists():
            shutil.rmtree(new_site, ignore_errors=True)
        if temporary:
            shutil.rmtree(stage_root, ignore_errors=True)
    timings["total"] = time.perf_counter() - start
    return BuildResult(True, findings, site=out, stage=None if temporary else stage_root, pages=len(pages),
                       files=len(files.pages) + len(files.assets), warnings=warnings, timings=timings)
