"""A compound's notice-board PDF (公示栏), as a :class:`PdfDocument` (pure data, no Typst markup).

Contract: :func:`notice_document` gives, for one compound, the data the template
``templates/typst/notice.typ`` lays out: on the first page what residents use most
(:func:`essentials`: the fees, the service, repair and 24-hour phones) and the supervision
phones; the title block with the version date (the latest
posting date, :func:`generator.views.stamp.version_date`; never the build day, so a rebuild
with the same data and statuses gives the same bytes) and the booklet's stamp
(:attr:`generator.views.site.Booklet.stamp`: its items' stamps and what it prints about the
compound; the compound's home page shows it, and ``/v/<stamp>/`` finds it), a QR code for the compound's canonical URL (``site_url`` + ``compounds/<id>/``), the
supervision phones, what the booklet is and which stamps its sheets carry (:func:`about`), an
overview of every catalogue item's status with the stamp its sheet prints, and one section per
catalogue item in catalogue order with its status line (published with period and posting
date / stale since / not applicable with the reason / missing / invalid) and, when
published or stale, its content.
"""

from __future__ import annotations

from generator.views.status import LONG_TERM, status_detail
from generator.model.datafolder import compound_folder
from generator.derive.status import ItemStatus
from generator.model.catalogue import CatalogueItem
from generator.render.paper.blocks_json import paper_blocks
from generator.render.paper.document import Paper, PdfDocument, pdf_date
from generator.render.plan import Output
from generator.views.answers import key_figures
from generator.views.formatting import day_cn
from generator.views.site import Views
from generator.views.stamp import version_date

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 23 -> 二十三 (section numbers up to 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")




def _overview_row(n: int, item: CatalogueItem, st: ItemStatus, stamp: str) -> dict:
    notice = st.notice
    period = notice.period.label if notice and notice.period else (LONG_TERM if notice else "")
    posted = day_cn(notice.posted_on) if notice else ""
    if st.state == "not_applicable":
        period = st.reason or ""
    return {"cells": [str(n), item.name, st.label, period, posted, stamp], "state": st.state}


def about(name: str, count: int, stamp: str) -> str:
    """What the booklet is, and which stamps its sheets carry."""
    return (f"本汇编是{name}物业服务信息公示（十公开一监督）全部 {count} 项的合订本，供公示栏张贴和查阅；"
            f"每一项的内容与公示栏张贴的该项公示单页相同，单页上印的版本号见下表“单页版本号”一栏。"
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


def _section(views: Views, compound_id: str, n: int, item: CatalogueItem, st: ItemStatus) -> dict:
    view = views.item(compound_id, item.id)
    return {
        "number": cn_number(n),
        "title": item.name,
        "summary": item.summary,
        "state": st.state,
        "badge": st.label,
        "detail": status_detail(st),
        "blocks": paper_blocks(view.blocks_filled()) if view is not None else [],
    }


def notice_document(views: Views, compound_id: str, paper: Paper, output: Output) -> PdfDocument:
    """The booklet of one compound; ``output`` is its entry in the site plan (path, QR URL)."""
    city = views.city
    view = views.compound(compound_id)
    c = view.record.model
    url = output.qr or ""
    booklet = views.booklet(compound_id)
    stamp = booklet.stamp
    dated = version_date(view.record)
    overview, sections = [], []
    for n, item in enumerate(views.items, start=1):
        st = view.statuses.get(item.id, ItemStatus("missing"))
        sheet = views.item(compound_id, item.id)
        overview.append(_overview_row(n, item, st, sheet.stamp if sheet is not None else "—"))
        sections.append(_section(views, compound_id, n, item, st))
    data = {
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
        "overview": {"columns": ["序号", "公示事项", "状态", "期间 / 说明", "张贴日期", "单页版本号"], "rows": overview},
        "phones": [list(p) for p in booklet.phones],
        "sections": sections,
        "footer": f"{c.name} 物业服务信息公示 · 版本 {stamp}" + (f" · {dated.isoformat()}" if dated else ""),
        "closing": "本公示由系统根据报送数据生成，纸质版与网上公示版本号一致即为同一份数据。如有疑问，请拨打上方监督电话。",
    }
    return PdfDocument(name=output.path, template="notice.typ", entry="notice", data=data, qr_url=url,
                       origin=compound_folder(compound_id))
