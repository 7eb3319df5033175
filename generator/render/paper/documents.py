"""Every printed document of a build, from the site plan.

Contract: :func:`paper_documents` is pure: one :class:`PdfDocument` per PDF output the plan
lists (per compound by id its one PDF: the cover, then its item sheets in catalogue order, each
sheet with the QR URL of its item page; then ranking periods by date), each named by its
planned path and carrying its planned QR URL;
:func:`compound_documents` and :func:`ranking_documents` give the same documents in parts
(a sharded or parallel build makes them district by district).
"""

from __future__ import annotations

from datetime import date

from generator.derive.rank import PeriodRanking
from generator.derive.status import StatusMatrix
from generator.load.dataset import Dataset
from generator.views import paths
from generator.render.paper.document import Paper, PdfDocument
from generator.render.paper.notice import booklet_document
from generator.render.paper.ranking import ranking_document
from generator.render.plan import SitePlan, plan_site
from generator.views.site import Views


def compound_documents(views: Views, compound_id: str, paper: Paper, plan: SitePlan) -> list[PdfDocument]:
    """One compound's printed documents: its one PDF, the cover and its item sheets."""
    return [booklet_document(views, compound_id, paper, plan.outputs[paths.pdf_file(compound_id)])]


def ranking_documents(ds: Dataset, rankings: list[PeriodRanking], paper: Paper, plan: SitePlan,
                      log_key: str | None = None) -> list[PdfDocument]:
    """The red/black lists of every period, by date (``log_key``: the transparency log's public key)."""
    return [ranking_document(ds, period, paper, plan.outputs[paths.ranking_pdf(period.period.id)], log_key)
            for period in sorted(rankings, key=lambda p: p.period.start)]


def paper_documents(ds: Dataset, status: StatusMatrix, rankings: list[PeriodRanking], as_of: date,
                    paper: Paper, plan: SitePlan | None = None) -> list[PdfDocument]:
    views = Views(ds, status, rankings, as_of)
    plan = plan or plan_site(views)
    docs = []
    for cid in sorted(ds.compounds):
        docs += compound_documents(views, cid, paper, plan)
    docs += ranking_documents(ds, rankings, paper, plan)
    planned = {o.path for o in plan.of_kind("pdf")}
    if {d.name for d in docs} != planned:
        raise ValueError(f"PDFs made {sorted(d.name for d in docs)[:5]} differ from the plan {sorted(planned)[:5]}")
    return docs
