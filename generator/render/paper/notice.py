"""A compound's notice-board PDF (公示栏), as a :class:`PdfDocument` (pure data, no Typst markup).

Contract: :func:`notice_document` gives, for one compound, the data the template
``templates/typst/notice.typ`` lays out: on the first page what residents use most
(:func:`essentials`: the fees, the service, repair and 24-hour phones) and the supervision
phones; the title block with the version date (the latest
posting date, :func:`generator.derive.stamp.version_date`; never the build day, so a rebuild
with the same data and statuses gives the same bytes) and the version stamp
(:func:`generator.derive.stamp.version_stamp`, the same the web page shows), a QR code for the compound's canonical URL (``site_url`` + ``compounds/<id>/``), the
supervision phones, an overview of every catalogue item's status, and one section per
catalogue item in catalogue order with its status line (published with period and posting
date / stale since / not applicable with the reason / missing / invalid) and, when
published or stale, its content.
"""

from __future__ import annotations

from datetime import date

from generator.derive.status import ItemStatus, StatusMatrix
from generator.load.dataset import CompoundRecord, Dataset
from generator.model.catalogue import CatalogueItem
from generator.derive.rank import PeriodRanking
from generator.render.answers import CompoundView, key_figures
from generator.render.plan import Output
from generator.render.formatting import day_cn, quantity
from generator.render.blocks import JsonBlock
from generator.render.phones import supervision_phones
from generator.render.paper.document import Paper, PdfDocument, pdf_date
from generator.render.item_blocks import ItemContext
from generator.render.paper.items import item_blocks_json
from generator.derive.stamp import version_date, version_stamp

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 23 -> 二十三 (section numbers up to 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")




def status_line(st: ItemStatus) -> tuple[str, str]:
    """(badge, detail): the state's label and what a resident needs to know about it."""
    notice = st.notice
    if st.state in ("published", "stale") and notice is not None:
        parts = []
        if st.state == "stale":
            parts.append(f"停留在{notice.period.label if notice.period else day_cn(notice.posted_on)}")
            if st.due:
                parts.append(f"应于{day_cn(st.due)}前更新")
        elif notice.period is not None:
            parts.append(notice.period.label)
        else:
            parts.append("长期公示")
        parts.append(f"{day_cn(notice.posted_on)}张贴")
        if notice.approved_by:
            parts.append(f"{notice.approved_by}审核")
        return st.label, " · ".join(parts)
    if st.state == "not_applicable":
        return st.label, f"理由：{st.reason or '未说明'}"
    if st.state == "missing":
        return st.label, "本小区尚未公示此项"
    return st.label, "数据正在更正，请以网上公示为准"


def _overview_row(n: int, item: CatalogueItem, st: ItemStatus) -> dict:
    notice = st.notice
    period = notice.period.label if notice and notice.period else ("长期公示" if notice else "")
    posted = day_cn(notice.posted_on) if notice else ""
    if st.state == "not_applicable":
        period = st.reason or ""
    return {"cells": [str(n), item.name, st.label, period, posted], "state": st.state}


def manager_name(ds: Dataset, rec: CompoundRecord) -> str | None:
    """Who serves the compound: the company's name, or the self-managing organisation's."""
    c = rec.model
    if c.management == "professional" and c.company in ds.companies:
        return ds.companies[c.company].model.name
    return c.self_management.organisation if c.self_management else None


def essentials(ds: Dataset, rec: CompoundRecord, statuses: dict[str, ItemStatus], rankings: list[PeriodRanking],
               as_of: date) -> dict:
    """What residents use most, for the booklet's first page: the fees (物业费, 停车费, the same
    one-line answers as the web, :func:`generator.render.answers.key_figures`) and the
    customer-service, repair and 24-hour phones when the complaint channels are shown."""
    c = rec.model
    company = ds.companies[c.company].model if c.company in ds.companies else None
    view = CompoundView(rec, statuses, company, c.company, rankings, as_of)
    fees = [{"topic": a.topic, "spans": [[s.text, s.kind] for s in a.spans]}
            for a in key_figures(view) if a.item_id in ("fee_schedule", "parking")]
    phones: list[list[str]] = []
    channels = view.file("complaint_channels")
    p = getattr(channels, "phones", None)
    if p is not None:
        phones = [["客服电话", p.customer_service], ["报修电话", p.repair], ["24 小时应急电话", p.emergency_24h]]
    return {"fees": fees, "phones": phones}


def notice_document(ds: Dataset, rec: CompoundRecord, status: StatusMatrix, rankings: list[PeriodRanking],
                    as_of: date, paper: Paper, output: Output) -> PdfDocument:
    """The booklet of one compound; ``output`` is its entry in the site plan (path, QR URL)."""
    assert ds.city is not None and ds.catalogue is not None
    city = ds.city.model
    c = rec.model
    url = output.qr or ""
    stamp = version_stamp(ds, rec)
    row = status.get(rec.id, {})
    where = city.community_index().get(c.community)  # (district, street, community): checked to exist
    ctx = ItemContext.of(ds, rec, rankings, as_of)

    organisation = manager_name(ds, rec)
    if c.management == "professional" and organisation:
        manager = organisation
    else:
        manager = organisation + "（业主自治）" if organisation else "—"
    dated = version_date(rec)
    size = (f"{quantity(c.households)} 户 · {quantity(c.floor_area)} ㎡" + (f" · {c.buildings} 栋" if c.buildings else "")
            if c.households is not None and c.floor_area is not None else "未填写")

    overview, sections = [], []
    for n, item in enumerate(ds.catalogue.model.items, start=1):
        st = row.get(item.id, ItemStatus("missing"))
        overview.append(_overview_row(n, item, st))
        badge, detail = status_line(st)
        blocks: list[JsonBlock] = []
        record = rec.items.get(item.id)
        if st.state in ("published", "stale") and record is not None:
            blocks = item_blocks_json(ctx, record)
        sections.append({
            "number": cn_number(n),
            "title": item.name,
            "summary": item.summary,
            "state": st.state,
            "badge": badge,
            "detail": detail,
            "blocks": blocks,
        })

    data = {
        "essentials": essentials(ds, rec, row, rankings, as_of),
        "paper": paper,
        "doc_title": f"{c.name} 物业服务信息公示",
        "author": organisation or city.regulator,
        # PDF/A needs a document date: the data's own; the build day only when nothing was posted.
        "date": pdf_date(dated or as_of),
        "site_title": city.site_title,
        "title": c.name,
        "subtitle": "物业服务信息公示（十公开一监督）",
        "meta": [["地址", c.address or "未填写"], ["所属", " ".join(x.name for x in where) if where else ""], ["物业服务", manager], ["规模", size]],
        "dated": ["版本日期", day_cn(dated)] if dated else None,
        "stamp": stamp,
        "qr": {"url": url, "caption": "扫码查看网上公示"},
        "overview": {"columns": ["序号", "公示事项", "状态", "期间 / 说明", "张贴日期"], "rows": overview},
        "phones": [list(p) for p in supervision_phones(city, rec, *(where or (None, None, None)))],
        "sections": sections,
        "footer": f"{c.name} 物业服务信息公示 · 版本 {stamp}" + (f" · {dated.isoformat()}" if dated else ""),
        "closing": "本公示由系统根据报送数据生成，纸质版与网上公示版本号一致即为同一份数据。如有疑问，请拨打上方监督电话。",
    }
    return PdfDocument(name=output.path, template="notice.typ", entry="notice", data=data, qr_url=url,
                       origin=f"compounds/{rec.id}")
