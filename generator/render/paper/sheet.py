"""One item's notice-board sheet (公示单页), as a :class:`PdfPart`: a layout of the item's view.

Contract: boards post items separately (fees permanently, public revenue each quarter, 公摊
each month), so every shown item (published or stale) of a compound gets its own sheet, a
part of the compound's one PDF after its cover (:mod:`generator.render.paper.notice`; which
items: :func:`generator.render.plan.sheet_items`), on pages of its own with its own page
count, so a clerk prints its pages alone for the board. What the sheet says is the
item's view (:class:`generator.views.item.ItemView`: title, answer, blocks with their paper
fillings, 公示期, 异议 line, 落款, QR address) and its stamp
(:func:`generator.views.stamp.stamp` over that view), which the item's web page shows too.
:func:`sheet_data` only turns the view into the JSON ``templates/typst/sheet.typ`` lays out.
Nothing depends on the build day beyond statuses, so an update of one item changes that
item's sheet only.
"""

from __future__ import annotations

from typing import Any

from generator.render.paper.blocks_json import paper_blocks
from generator.render.paper.document import Paper, PdfPart, pdf_date
from generator.views import paths
from generator.views.formatting import day_cn
from generator.views.item import QR_CAPTION, ItemView


def sheet_label(item_id: str) -> str:
    """The name of the item's sheet inside its compound's PDF (the Typst label of its first
    page, which the cover's overview links to): ``sheet-public-revenue``."""
    return "sheet-" + paths.item_slug(item_id)


def sheet_data(view: ItemView, paper: Paper) -> dict[str, Any]:
    """The sheet's JSON for the template: the view, laid out for paper."""
    answer = view.answer
    return {
        "part": sheet_label(view.item_id),
        "answer": {"topic": answer.topic, "spans": [[s.text, s.kind] for s in answer.spans]} if answer.shown else None,
        "doc_title": f"{view.compound} {view.title}",
        "author": view.author,
        "date": pdf_date(view.posted_on),
        "title": view.title,
        "compound": view.compound,
        "period": f"所属期间：{view.period}" if view.period else "",
        "lead": view.lead,
        "overdue": view.overdue,
        "blocks": paper_blocks(view.blocks_filled()),
        "posting": view.posting,
        "objection": view.objection,
        "approved": view.approved,
        "signers": list(view.signers),
        "signed_on": day_cn(view.posted_on),
        "qr": {"url": view.url, "caption": QR_CAPTION},
        "paper": paper,
        "stamp": view.stamp,
        "footer": f"{view.compound} · {view.title} · 版本号 {view.stamp}",
    }


def sheet_part(view: ItemView, paper: Paper, origin: str) -> PdfPart:
    """The item's sheet; its QR code carries the item page's address (the view's ``url``)."""
    return PdfPart(data=sheet_data(view, paper), qr_url=view.url, origin=origin)
