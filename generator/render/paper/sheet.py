"""One item's notice-board sheet (公示单页), as a :class:`PdfDocument`: what a board posts.

Contract: boards post items separately (fees permanently, public revenue each quarter, 公摊
each month), so every shown item (published or stale) of a compound gets its own sheet at
``pdf/<compound>/<item-slug>.pdf`` (:func:`generator.render.paths.sheet_file`), besides the
booklet (which items: :func:`generator.render.plan.sheet_items`). :func:`sheet_content` is everything the sheet says, format-neutral (JSON-ready):

* the title as boards word it (:attr:`generator.model.items.ItemSpec.board_title`), the
  compound, the period and a lead sentence naming the item as the catalogue does;
* the item's one-line answer in large print (:func:`generator.render.answers.item_answer`:
  物业费多少, 本月公摊…), the same the web shows;
* when the item is overdue, a line saying so (the calendar changes the sheet, as it should);
* the item's content, the same blocks as the booklet (:func:`generator.render.paper.items.item_blocks_json`);
* 公示期: the posting date to the posting date + the display days (the notice's
  ``posting_days``, else the catalogue's), both from the data;
* an 异议 line: who to call (the company's complaint phone, else its service phone, or the
  self-managing organisation's; the owners' committee's phone when it has one; the nearest
  supervision phone) and until when (the end of the 公示期);
* 特此公示, the 落款 (the company or self-managing organisation and the owners' committee,
  each with room for its seal) and the posting date;
* a QR code for the item's own page.

:func:`sheet_stamp` is the item's version stamp (:func:`generator.derive.stamp.item_stamp`
over the item's files and :func:`sheet_content`): the sheet prints it and the item's web page
shows it (:func:`item_sheet`). Nothing depends on the build day beyond statuses, so an update
of one item changes that item's sheet only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

from generator.derive.rank import PeriodRanking
from generator.derive.notices import notice_end
from generator.derive.stamp import item_stamp
from generator.derive.status import ItemStatus
from generator.load.dataset import CompoundRecord, Dataset
from generator.model.catalogue import CatalogueItem
from generator.model.city import City
from generator.model.notices import Issuer
from generator.model.items import ITEMS
from generator.render.answers import CompoundView, item_answer
from generator.render.formatting import day_cn
from generator.render.paper.document import Paper, PdfDocument, pdf_date
from generator.render.item_blocks import ItemContext
from generator.render.paper.items import item_blocks_json
from generator.render.paper.notice import manager_name
from generator.render.phones import supervision_phones
from generator.render.plan import Output, sheet_items

SHOWN = ("published", "stale")
SHEET_TEMPLATE = "sheet.typ"
COMMITTEES = {"业委会": "业主委员会", "物管会": "物业管理委员会"}


def posting_period(status: ItemStatus, item: CatalogueItem, city: City | None = None) -> tuple[date, date]:
    """公示期: (posting date, last day): the end date the notice prints, else the display days
    (the notice's, else the catalogue's) counted as the city counts them
    (:func:`generator.derive.notices.notice_end`)."""
    notice = status.notice
    assert notice is not None
    return notice.posted_on, notice_end(notice.posted_on, notice.posting_days or item.posting_days, notice.ends_on, city)


def committee_name(rec: CompoundRecord) -> str | None:
    committee = rec.model.owners_committee
    return rec.model.name + COMMITTEES[committee.kind] if committee and committee.kind in COMMITTEES else None


def manager_phone(ds: Dataset, rec: CompoundRecord, statuses: dict[str, ItemStatus]) -> str | None:
    """The phone residents object to: the published complaint phone, else the company's or the
    self-managing organisation's own."""
    channels = rec.items.get("complaint_channels")
    st = statuses.get("complaint_channels")
    phones = getattr(channels.file.model, "phones", None) if channels and st and st.state in SHOWN else None
    if phones is not None:
        return phones.complaint
    c = rec.model
    if c.management == "professional" and c.company in ds.companies:
        return ds.companies[c.company].model.phone
    return c.self_management.phone if c.self_management else None


def _issuer_contact(issuer: Issuer) -> str:
    parts = [f"地址 {issuer.address}" if issuer.address else "", f"电话 {issuer.phone}" if issuer.phone else ""]
    shown = "，".join(p for p in parts if p)
    return f"{issuer.name}（{shown}）" if shown else issuer.name


def objection_line(ds: Dataset, rec: CompoundRecord, statuses: dict[str, ItemStatus], until: date,
                   issuers: Sequence[Issuer] = ()) -> str:
    """Whom to object to, until when: the issuers the notice names (with address and phone),
    else the company (or self-managing organisation) and the owners' committee."""
    city = ds.city.model if ds.city else None
    assert city is not None
    whom: list[str] = [_issuer_contact(i) for i in issuers]
    manager, phone = manager_name(ds, rec), manager_phone(ds, rec, statuses)
    if manager and not whom:
        whom.append(f"{manager}（电话 {phone}）" if phone else manager)
    committee = committee_name(rec)
    if committee and not issuers:
        own = rec.model.owners_committee.phone if rec.model.owners_committee else None
        whom.append(f"{committee}（电话 {own}）" if own else committee)
    where = city.community_index().get(rec.model.community)
    nearest = supervision_phones(city, rec, *(where or (None, None, None)))[0]
    line = f"对公示内容如有异议，请于{day_cn(until)}前向" + "或".join(whom) if whom else \
        f"对公示内容如有异议，请于{day_cn(until)}前"
    return line + f"提出；也可向{nearest[0]}反映（电话 {nearest[1]}）。"


def sheet_content(ds: Dataset, rec: CompoundRecord, item: CatalogueItem, statuses: dict[str, ItemStatus],
                  rankings: Sequence[PeriodRanking], as_of: date, url: str) -> dict[str, Any]:
    """Everything the sheet says except its stamp and paper size (see the module docstring)."""
    assert ds.city is not None
    status = statuses[item.id]
    notice = status.notice
    assert notice is not None, "sheets are made for shown items only"
    record = rec.items[item.id]
    c = rec.model
    spec = ITEMS[item.id]
    start, end = posting_period(status, item, ds.city.model)
    ctx = ItemContext.of(ds, rec, list(rankings), as_of)
    period = notice.period.label if notice.period else None
    signers = ([" ".join(x for x in (i.name, i.document_number) if x) for i in notice.issuers] or
               [name for name in (manager_name(ds, rec), committee_name(rec)) if name])
    overdue = None
    if status.state == "stale":
        overdue = f"本项已逾期未更新：应于{day_cn(status.due)}前公示新一期，以下为最近一期（{period or day_cn(start)}）的内容。"
    view = CompoundView(rec, statuses, ds.companies[c.company].model if c.company in ds.companies else None,
                        c.company, rankings, as_of)
    answer = item_answer(view, item.id)
    return {
        "answer": {"topic": answer.topic, "spans": [[s.text, s.kind] for s in answer.spans]} if answer.shown else None,
        "doc_title": f"{c.name} {spec.board_title}",
        "author": manager_name(ds, rec) or ds.city.model.regulator,
        "date": pdf_date(notice.posted_on),
        "title": spec.board_title,
        "compound": c.name,
        "period": f"所属期间：{period}" if period else "",
        "lead": f"根据物业服务信息公开的有关规定，现将{c.name}{item.name}" + (f"（{period}）" if period else "")
                + "公示如下：",
        "overdue": overdue,
        "blocks": item_blocks_json(ctx, record),
        "posting": f"公示期：{day_cn(start)}至{day_cn(end)}",
        "objection": objection_line(ds, rec, statuses, end, notice.issuers),
        "approved": f"本公示经{notice.approved_by}审核。" if notice.approved_by else "",
        "signers": signers,
        "signed_on": day_cn(notice.posted_on),
        "qr": {"url": url, "caption": "扫码查看本项网上公示"},
    }


def sheet_stamp(ds: Dataset, rec: CompoundRecord, item_id: str, content: dict[str, Any]) -> str:
    return item_stamp(ds, rec, item_id, json.dumps(content, ensure_ascii=False, sort_keys=True))


@dataclass(frozen=True)
class ItemSheet:
    """What an item's web page says about its sheet: the stamp both show."""

    stamp: str
    posted_on: date


def item_sheet(ds: Dataset, rec: CompoundRecord, item: CatalogueItem, statuses: dict[str, ItemStatus],
               rankings: Sequence[PeriodRanking], as_of: date, url: str) -> ItemSheet | None:
    """The sheet's stamp for the item's page (None when the item has no sheet); ``url`` is the
    item page's absolute address, the one its QR code carries."""
    if item.id not in sheet_items(ds, {rec.id: statuses}, rec.id):
        return None
    content = sheet_content(ds, rec, item, statuses, rankings, as_of, url)
    notice = statuses[item.id].notice
    assert notice is not None
    return ItemSheet(sheet_stamp(ds, rec, item.id, content), notice.posted_on)


def sheet_stamps(docs: Iterable[PdfDocument]) -> dict[str, str]:
    """The stamp of every item sheet among ``docs``, by PDF path: what their item pages show."""
    return {doc.name: doc.data["stamp"] for doc in docs if doc.template == SHEET_TEMPLATE}


def sheet_document(ds: Dataset, rec: CompoundRecord, item: CatalogueItem, statuses: dict[str, ItemStatus],
                   rankings: Sequence[PeriodRanking], as_of: date, paper: Paper, output: Output) -> PdfDocument:
    """The item's sheet; ``output`` is its entry in the site plan (path, QR URL of the item page)."""
    url = output.qr or ""
    content = sheet_content(ds, rec, item, statuses, rankings, as_of, url)
    stamp = sheet_stamp(ds, rec, item.id, content)
    data = content | {
        "paper": paper,
        "stamp": stamp,
        "footer": f"{content['compound']} · {content['title']} · 版本号 {stamp}",
    }
    return PdfDocument(name=output.path, template=SHEET_TEMPLATE, entry="sheet", data=data, qr_url=url,
                       origin=rec.items[item.id].file.rel)
