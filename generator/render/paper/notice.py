"""A compound's one PDF (公示汇编), as a :class:`PdfDocument` (pure data, no Typst markup).

Contract: :func:`booklet_document` gives, for one compound, the parts the template
``templates/typst/notice.typ`` lays out, all in one PDF at ``pdf/<compound>.pdf``:

* the cover (:func:`cover_data`): on the first page what residents use most
  (:func:`essentials`: the fees, the service, repair and 24-hour phones) and the supervision
  phones; the title block with the version date (the latest posting date,
  :func:`generator.views.stamp.version_date`; never the build day, so a rebuild with the same
  data and statuses gives the same bytes) and the booklet's stamp
  (:attr:`generator.views.site.Booklet.stamp`: its items' stamps and what it prints about the
  compound; the compound's home page shows it, and ``/v/<stamp>/`` finds it), a QR code for
  the compound's canonical URL (``site_url`` + ``compounds/<id>/``), what the booklet is
  (:func:`about`), an overview of every catalogue item's status (published with period and
  posting date / stale / not applicable with the reason / missing / invalid) with the stamp
  its sheet prints and the page its sheet starts on (Typst computes it), and the closing;
* then one part per shown item (:func:`generator.render.plan.sheet_items`), in catalogue
  order: its notice-board sheet (:mod:`generator.render.paper.sheet`), with its own QR code
  to the item's page, its stamp and its own page count.

The document's title, author and date are the cover's.
"""

from __future__ import annotations

from generator.views.status import LONG_TERM
from generator.model.datafolder import compound_folder
from generator.derive.status import ItemStatus
from generator.model.catalogue import CatalogueItem
from generator.render.paper.document import Paper, PdfDocument, PdfPart, pdf_date
from generator.render.paper.sheet import sheet_label, sheet_part
from generator.render.plan import Output, sheet_items
from generator.views.answers import key_figures
from generator.views.formatting import day_cn
from generator.views.site import Views
from generator.views.stamp import version_date

BOOKLET_TEMPLATE = "notice.typ"
OVERVIEW_COLUMNS = ["序号", "公示事项", "状态", "期间 / 说明", "张贴日期", "单页版本号", "页码"]


def _overview_row(n: int, item: CatalogueItem, st: ItemStatus, stamp: str, sheet: str | None) -> dict:
    notice = st.notice
    period = notice.period.label if notice and notice.period else (LONG_TERM if notice else "")
    posted = day_cn(notice.posted_on) if notice else ""
    if st.state == "not_applicable":
        period = st.reason or ""
    return {"cells": [str(n), item.name, st.label, period, posted, stamp], "state": st.state, "sheet": sheet}


def about(name: str, count: int, stamp: str) -> str:
    """What the booklet is, where its sheets are, and which stamps they carry."""
    return (f"本汇编是{name}物业服务信息公示（十公开一监督）全部 {count} 项的合订本，供公示栏张贴和查阅。"
            f"下表列出每一项的状态；已公示的每一项，其公示单页附在本页之后，起始页码见下表“页码”一栏，"
            f"打开 PDF 后也可从书签直接跳到这一页；每张单页自成一份，单独打印即可张贴，"
            f"单页上印的版本号见下表“单页版本号”一栏。"
            f"本汇编的版本号 {stamp} 由各单页的版本号和小区基本信息生成，任何一项改动，它都会变。")


def essentials(views: Views, compound_id: str) -> dict:
    """What residents use most, for the booklet's first page: the fees (物业费, 停车费, the same
    one-line answers as the web, :func:`generator.views.answers.key_figures`) and the
    customer-service, repair and 24-hour phones when the complaint channels are shown."""
    view = views.compound(compound_id)
    fees = [{"topic": a.topic, "spans": [[s.text, s.kind] for s in a.spans]}
            for a in key_figures(view) if a.item_id in ("fee_schedule", "parking")]
    phones: list[list[str]] = []
    p = getattr(view.file("complaint_channels"), "phones", None)
    if p is not None:
        phones = [["客服电话", p.customer_service], ["报修电话", p.repair], ["24 小时应急电话", p.emergency_24h]]
    return {"fees": fees, "phones": phones}


def cover_data(views: Views, compound_id: str, paper: Paper, url: str, sheets: list[str]) -> dict:
    """The cover's JSON for the template (``url``: what its QR code says; ``sheets``: the item
    ids that have a sheet in the PDF)."""
    city = views.city
    view = views.compound(compound_id)
    c = view.record.model
    booklet = views.booklet(compound_id)
    stamp = booklet.stamp
    dated = version_date(view.record)
    overview = []
    for n, item in enumerate(views.items, start=1):
        st = view.statuses.get(item.id, ItemStatus("missing"))
        sheet = views.item(compound_id, item.id)
        overview.append(_overview_row(n, item, st, sheet.stamp if sheet is not None else "—",
                                      sheet_label(item.id) if item.id in sheets else None))
    return {
        "essentials": essentials(views, compound_id),
        "paper": paper,
        "doc_title": f"{c.name} 物业服务信息公示",
        "author": view.serving.name or city.regulator,
        # PDF/A needs a document date: the data's own; the build day only when nothing was posted.
        "date": pdf_date(dated or views.as_of),
        "site_title": city.site_title,
        "title": c.name,
        "subtitle": "物业服务信息公示（十公开一监督）",
        "meta": [list(row) for row in booklet.meta],
        "dated": ["版本日期", day_cn(dated)] if dated else None,
        "stamp": stamp,
        "qr": {"url": url, "caption": "扫码查看网上公示"},
        "about": about(c.name, len(views.items), stamp),
        "overview": {"columns": OVERVIEW_COLUMNS, "rows": overview},
        "phones": [list(p) for p in booklet.phones],
        "footer": f"{c.name} 物业服务信息公示 · 版本 {stamp}" + (f" · {dated.isoformat()}" if dated else ""),
        "closing": "本公示由系统根据报送数据生成，纸质版与网上公示版本号一致即为同一份数据。如有疑问，请拨打上方监督电话。",
    }


def booklet_document(views: Views, compound_id: str, paper: Paper, output: Output) -> PdfDocument:
    """The compound's one PDF; ``output`` is its entry in the site plan (path, QR URL of the home)."""
    rec = views.ds.compounds[compound_id]
    shown = [(item_id, view) for item_id in sheet_items(views.ds, views.matrix, compound_id)
             if (view := views.item(compound_id, item_id)) is not None]
    url = output.qr or ""
    cover = PdfPart(data=cover_data(views, compound_id, paper, url, [item_id for item_id, _ in shown]),
                    qr_url=url, origin=compound_folder(compound_id))
    sheets = [sheet_part(view, paper, rec.items[item_id].file.rel) for item_id, view in shown]
    return PdfDocument(name=output.path, template=BOOKLET_TEMPLATE, entry="booklet", parts=(cover, *sheets))
