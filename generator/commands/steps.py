"""The steps every command takes through the data, declared once: options, check, context, stage.

Contract:

* :class:`BuildOptions` is the one options object of a build (and of ``serve``): the command
  line fills it, :func:`generator.commands.build.build` and the pipeline read it as it is;
* :func:`check` is the one road from a data folder to checked data: load every file
  (:func:`generator.load.dataset.load`), check the hand-written ``content/`` folder, run every
  check (:func:`generator.checks.run_checks`). It never raises for bad data: the findings, in
  the order staff read them, are on the :class:`Checked` it returns, whose ``ok`` is False
  when any is an error. ``check``, ``rank``, ``shards``, ``serve`` and ``build`` all start here;
* :meth:`Checked.site` adds what the pages need (rankings, and the data's git history when it
  is in a git work tree) and returns the :class:`~generator.render.context.SiteContext` every
  renderer reads;
* :func:`stage` writes a whole site's staging folder (``mkdocs.yml`` + ``docs/``) through the
  one writer; :func:`prepare_stage` and :func:`check_folders` refuse folders that are not
  safe to clear or replace (:class:`~generator.errors.BuildError`).

Nothing here prints; usage problems raise :mod:`generator.errors` errors.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import HttpUrl

from generator.checks import run_checks
from generator.commands.content import content_files
from generator.derive.rank import PeriodRanking, rank_all
from generator.derive.status import StatusMatrix
from generator.derive.versions import item_histories
from generator.engines.site_engine import DEFAULT_ENGINE
from generator.errors import BuildError, WriteError
from generator.model.clock import china_today
from generator.findings import Finding, Findings, Severity
from generator.load.dataset import CompoundCache, Dataset, load
from generator.load.history import read_history, read_log
from generator.load.limits import check_content
from generator.views import paths
from generator.render.context import SiteContext
from generator.render.paper.document import Paper
from generator.render.web.theme import theme_files
from generator.render.web.mkdocs_config import DOCS_DIR, staged_config
from generator.render.web.site import SiteFiles
from generator.write.publish import work_dir
from generator.write.staging import StagingWriter

SITE_MARKER = ".generator-site"
"""Empty file in every built site: only a folder holding it is ever replaced by a build."""
STAGE_MARKER = ".generator-stage"
"""Empty file in every staging folder: only a folder holding it is ever cleared."""
CONTENT = Path("content")
"""The hand-written pages, where the commands run (as ``build`` copies them)."""


@dataclass
class BuildOptions:
    data: Path
    out: Path = Path("site")
    as_of: date = field(default_factory=china_today)
    stage_dir: Path | None = None
    content: Path = CONTENT
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
    site_url: str | None = None
    """Publish under this address instead of the city's ``site_url`` (a pull request's preview
    folder, ``…/previews/pr-7/``): links, QR codes and the sitemap follow it."""
    split: bool | None = None
    """Build in shards (None: when the site is big enough, see :mod:`generator.commands.pipeline`)."""
    log_key: str | None = None
    """The transparency log's signing key (the CLI reads ``WUYE_LOG_KEY``); None: no log is published."""
    published_log: Path | None = None
    """The published log to extend (``log/`` of the served site; None: ``<out>/log``)."""
    new_log: bool = False
    """Start a new log when none is published (the first publication only)."""
    noindex: bool = False
    """A preview, not a publication: every page asks search engines not to index it."""
    checked: Path | None = None
    """A check handed over by another job (``check --save-checked``, :mod:`generator.commands.handoff`),
    used instead of loading and checking the data again."""


@dataclass
class Checked:
    """The data folder loaded and checked: what every command starts from."""

    ds: Dataset
    matrix: StatusMatrix
    as_of: date
    findings: list[Finding]
    """Every finding, errors first, in the order staff read them."""

    @property
    def ok(self) -> bool:
        """No finding is an error (warnings do not stop a build)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def rankings(self) -> list[PeriodRanking]:
        """Every period's lists, oldest first; 整改 deadlines judged as of :attr:`as_of`."""
        return rank_all(self.ds, self.as_of)

    def site(self, history: bool = True) -> SiteContext:
        """What the renderers read: the checked data, the rankings and (unless ``history`` is
        False: the golden files, which must not change with every data commit) the data's history."""
        root = self.ds.root
        if not history:
            return SiteContext(self.ds, self.matrix, self.rankings(), self.as_of, {}, None)
        return SiteContext(self.ds, self.matrix, self.rankings(), self.as_of, read_history(root),
                           item_histories(self.ds, read_log(root)))


def check(data: Path, as_of: date, content: Path = CONTENT, site_url: str | None = None,
          load_cache: CompoundCache | None = None) -> Checked:
    """Load and check everything below ``data`` (and the ``content`` folder) as of ``as_of``;
    ``site_url`` replaces the city's address (a preview's); ``load_cache``: compound folders
    loaded before (:mod:`generator.commands.load_cache`)."""
    findings = Findings()
    ds = load(data, findings, load_cache)
    if site_url is not None and ds.city is not None:
        ds.city.model = ds.city.model.model_copy(update={"site_url": HttpUrl(site_url)})
    check_content(content, data, findings)
    matrix = run_checks(ds, as_of, findings)
    return Checked(ds, matrix, as_of, findings.sorted())


def stage(files: SiteFiles, ctx: SiteContext, site_config: dict, content: Path, root: Path) -> list[str]:
    """Write the staging folder: ``mkdocs.yml``, the theme override, ``docs/`` (generated +
    content). Returns docs pages."""
    writer = StagingWriter(root)
    writer.write_text(STAGE_MARKER, "")
    docs = f"{DOCS_DIR}/"
    for rel, text in sorted(files.pages.items()):
        writer.write_text(docs + rel, text)
    for rel, source in sorted(files.assets.items()):
        writer.copy(docs + rel, source)
    for rel, data in sorted(files.blobs.items()):
        writer.write_bytes(docs + rel, data)
    content_pages = []
    for rel, source in content_files(content).items():
        try:
            writer.copy(docs + rel, source)
        except WriteError:
            raise BuildError(f"{content} 中的 {rel} 与生成的页面重名，请改名") from None
        content_pages.append(rel)
    pages = sorted(p for p in list(files.pages) + content_pages if p.endswith(".md"))
    assert ctx.ds.city is not None
    for rel, source in theme_files().items():
        writer.copy(rel, source)
    writer.write_text("mkdocs.yml", staged_config(site_config, ctx.ds.city.model, pages, paths.SITE_CSS))
    return pages


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


def check_folders(options: BuildOptions) -> None:
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
