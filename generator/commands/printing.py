"""The one road of the printed notices: documents -> as printed -> compiled (cached) on the workers.

Contract of :class:`PdfStage` (the build's PDF stage; :func:`print_notices` takes the same road
for the tests and ``bench/bench_pdf.py``, without the site engine):

* :meth:`PdfStage.add` takes documents (:mod:`generator.render.paper.documents`), prints every
  character the font lacks as □ (:func:`generator.engines.typst_pdf.printable`) and queues them
  in batches of :data:`PDF_BATCH` on the :class:`~generator.commands.workers.Workers`, which
  compile each one unless the PDF cache holds it;
* :meth:`PdfStage.done` (after the workers drained) says what was made: every PDF's site path
  and cache file, which were compiled and how long each took, and one ``pdf-glyph-missing``
  warning per text with characters the font lacks, in the order of the site plan;
* problems that stop it raise :class:`~generator.errors.PdfError` (font, paper, Typst).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.progress import NoProgress, Progress
from generator.commands.workers import PdfDone, PdfTask, Workers
from generator.engines.fonts import FontSet, find_fonts
from generator.engines.typst_pdf import (DEFAULT_CACHE_DIR, TEMPLATES_DIR, check_paper, glyph_findings, path_error,
                                         printable, template_fingerprint)
from generator.errors import WriteError
from generator.findings import Finding
from generator.render.context import SiteContext
from generator.render.paper.document import Paper, PdfDocument
from generator.render.paper.documents import compound_documents, ranking_documents
from generator.render.plan import SitePlan
from generator.write.staging import StagingWriter

PDF_BATCH = 10
"""PDF documents per worker task (a compound's PDF is its cover and about ten sheets: ten of
them are about as much work as the 120 single sheets a task held before)."""


@dataclass
class Printed:
    """What the PDF stage made."""

    pdfs: dict[str, Path] = field(default_factory=dict)
    """Site path (``pdf/lanting.pdf``) -> the compiled file in the cache."""
    compiled: list[str] = field(default_factory=list)
    """Site paths of the PDFs compiled (the others came from the cache)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Compile time of each compiled PDF."""
    cpu: float = 0.0
    """CPU seconds the workers spent on PDFs."""
    findings: list[Finding] = field(default_factory=list)


class PdfStage:
    def __init__(self, paper: Paper, fonts: FontSet, cache_dir: Path, workers: Workers,
                 progress: Progress | None = None, templates_dir: Path = TEMPLATES_DIR) -> None:
        check_paper(paper)
        self.paper, self.fonts, self.workers = paper, fonts, workers
        self.progress = progress or NoProgress()
        self.cache_dir = cache_dir.resolve()
        self.templates_dir = templates_dir.resolve()
        self.templates = template_fingerprint(self.templates_dir)
        self.printed = Printed()
        self._boxed: list[PdfDocument] = []

    def add(self, docs: list[PdfDocument]) -> None:
        ready = []
        for doc in docs:
            as_printed, missing = printable(doc, self.fonts)
            ready.append(as_printed)
            if missing:
                self._boxed.append(doc)
        for at in range(0, len(ready), PDF_BATCH):
            task = PdfTask(ready[at:at + PDF_BATCH], self.templates_dir, self.fonts, self.templates, self.cache_dir)
            self.workers.add_pdfs(task, self._done)

    def _done(self, result: PdfDone) -> None:
        for name, cached, seconds in result.files:
            self.printed.pdfs[name] = cached
            if seconds is not None:
                self.printed.compiled.append(name)
                self.printed.seconds[name] = seconds
        self.printed.cpu += result.seconds
        self.progress.advance("pdf", len(result.files))

    def done(self, plan: SitePlan) -> Printed:
        """What was made (call after the workers drained); glyph warnings in the plan's order."""
        reported: set[tuple[str, str]] = set()
        position = {o.path: i for i, o in enumerate(plan.of_kind("pdf"))}
        for doc in sorted(self._boxed, key=lambda d: position[d.name]):
            self.printed.findings += glyph_findings(doc, self.fonts, reported)
        return self.printed


def documents(ctx: SiteContext, compounds: list[str], paper: Paper, rankings: bool = True) -> list[PdfDocument]:
    """The documents of ``compounds`` (each one PDF: cover and sheets) and, with ``rankings``, the ranking lists."""
    docs: list[PdfDocument] = []
    for cid in compounds:
        docs += compound_documents(ctx.views, cid, paper, ctx.plan)
    if rankings:
        docs += ranking_documents(ctx.ds, ctx.rankings, paper, ctx.plan, ctx.log.public_key if ctx.log else None)
    return docs


def print_notices(ctx: SiteContext, out: Path, paper: Paper = "a4", cache_dir: Path | None = None,
                  jobs: int = 1, templates_dir: Path = TEMPLATES_DIR) -> Printed:
    """Every PDF of the site, made by the build's PDF stage and written below ``out``
    (``out/pdf/...``) by the one writer: the build without the pages and the engine
    (``templates_dir``: another copy of the Typst templates, for tests)."""
    with Workers(jobs) as workers:
        stage = PdfStage(paper, find_fonts(), cache_dir if cache_dir is not None else DEFAULT_CACHE_DIR, workers,
                         templates_dir=templates_dir)
        docs = documents(ctx, ctx.compound_ids(), paper)
        stage.add(docs)
        workers.drain()
    printed = stage.done(ctx.plan)
    writer = StagingWriter(out)
    for doc in docs:
        try:
            writer.copy(doc.name, printed.pdfs[doc.name])
        except WriteError:
            raise path_error(doc) from None
    return printed
