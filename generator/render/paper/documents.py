"""Every printed document of a build, from the site plan.

Contract: :func:`paper_documents` is pure: one :class:`PdfDocument` per PDF output the plan
lists (per compound by id: its booklet, then its item sheets in catalogue order; then ranking
periods by date), each named by its planned path and carrying its planned QR URL;
:func:`compound_documents` and :func:`ranking_documents` give the same documents in parts
(a sharded or parallel build makes them district by district).
"""

from __future__ import annotations

from datetime import date

from generator.derive.rank import PeriodRanking
from generator.derive.status import StatusMatrix
from generator.load.dataset import Dataset
from generator.render import paths
from generator.render.paper.document import Paper, PdfDocument
from generator.render.paper.notice import notice_document
from generator.render.paper.ranking import ranking_document
from generator.render.paper.sheet import sheet_document
from generator.render.plan import SitePlan, plan_site


def compound_documents(ds: Dataset, compound_id: str, status: StatusMatrix, rankings: list[PeriodRanking],
                       as_of: date, paper: Paper, plan: SitePlan) -> list[PdfDocument]:
    """One compound's printed documents: its booklet, then its item sheets in catalogue order."""
    assert ds.catalogue is not None
    rec = ds.compounds[compound_id]
    docs = [notice_document(ds, rec, status, rankings, as_of, paper, plan.outputs[paths.pdf_file(compound_id)])]
    for item in ds.catalogue.model.items:
        sheet = plan.outputs.get(paths.sheet_file(compound_id, item.id))
        if sheet is not None:
            docs.append(sheet_document(ds, rec, item, status.get(compound_id, {}), rankings, as_of, paper, sheet))
    return docs


def ranking_documents(ds: Dataset, rankings: list[PeriodRanking], paper: Paper, plan: SitePlan,
                      log_key: str | None = None) -> list[PdfDocument]:
    """The red/black lists of every period, by date (``log_key``: the transparency log's public key)."""
    return [ranking_document(ds, period, paper, plan.outputs[paths.ranking_pdf(period.period.id)], log_key)
            for period in sorted(rankings, key=lambda p: p.period.start)]


def paper_documents(ds: Dataset, status: StatusMatrix, rankings: list[PeriodRanking], as_of: date,
                    paper: Paper, plan: SitePlan | None = None) -> list[PdfDocument]:
    plan = plan or plan_site(ds, status, rankings)
    docs = []
    for cid in sorted(ds.compounds):
        docs += compound_documents(ds, cid, status, rankings, as_of, paper, plan)
    docs += ranking_documents(ds, rankings, paper, plan)
    planned = {o.path for o in plan.of_kind("pdf")}
    if {d.name for d in docs} != planned:
        raise ValueError(f"PDFs made {sorted(d.name for d in docs)[:5]} differ from the plan {sorted(planned)[:5]}")
    return docs
