"""Every printed document of a build, from the site plan.

Contract: :func:`paper_documents` is pure: one :class:`PdfDocument` per PDF output the plan
lists (per compound by id: its booklet, then its item sheets in catalogue order; then ranking
periods by date), each named by its planned path and carrying its planned QR URL.
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


def paper_documents(ds: Dataset, status: StatusMatrix, rankings: list[PeriodRanking], as_of: date,
                    paper: Paper, plan: SitePlan | None = None) -> list[PdfDocument]:
    plan = plan or plan_site(ds, status, rankings)
    assert ds.catalogue is not None
    docs = []
    for cid in sorted(ds.compounds):
        rec = ds.compounds[cid]
        docs.append(notice_document(ds, rec, status, rankings, as_of, paper, plan.outputs[paths.pdf_file(cid)]))
        for item in ds.catalogue.model.items:
            sheet = plan.outputs.get(paths.sheet_file(cid, item.id))
            if sheet is not None:
                docs.append(sheet_document(ds, rec, item, status.get(cid, {}), rankings, as_of, paper, sheet))
    for period in sorted(rankings, key=lambda p: p.period.start):
        docs.append(ranking_document(ds, period, paper, plan.outputs[paths.ranking_pdf(period.period.id)]))
    planned = {o.path for o in plan.of_kind("pdf")}
    if {d.name for d in docs} != planned:
        raise ValueError(f"PDFs made {sorted(d.name for d in docs)[:5]} differ from the plan {sorted(planned)[:5]}")
    return docs
