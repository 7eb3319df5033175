"""An item's view: everything a shown item's sheet prints and its page shows, format-neutral.

Contract: pure. :func:`item_view` builds, for one shown (published or stale) item of a
compound, an :class:`ItemView`: the title as boards word it
(:attr:`generator.model.items.ItemSpec.board_title`), the compound, the period and a lead
sentence naming the item as the catalogue does; the one-line answer
(:func:`generator.views.answers.item_answer`); the item's content as blocks
(:mod:`generator.views.item_blocks`) with the format-neutral filling of its slots; 公示期
(the posting date to the end the notice prints, else its display days, the notice's
``posting_days`` or the catalogue's, counted as the city counts them; a standing notice,
:func:`standing`, prints :data:`~generator.views.status.LONG_TERM` and takes objections at any time); the 异议 line (who
to call and until when: the notice's issuers, else the serving company and the owners'
committee); the approval line; the 落款 (the issuers with their document numbers, else the
serving company or organisation and the owners' committee) with the posting date;
the item page's address (the QR code's). ``overdue`` is the calendar's word on the version
(本项已逾期未更新…), printed but not part of the version.

:attr:`ItemView.stamp` is :func:`generator.views.stamp.stamp` over :meth:`ItemView.content`
(everything above except ``overdue``): the sheet prints it, the item page, its history and
its ``/v/`` page show it. The calendar never moves a stamp: the overdue line is outside it,
and an item whose content reads the as-of day (an inspection date passed,
:func:`generator.views.item_blocks.reads_calendar`) is stamped over its view as of its
posting date. A past version from git gets its stamp from the view built the same
way (:meth:`generator.views.compound.CompoundView.with_version`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Sequence

from generator.derive.notices import notice_end
from generator.derive.status import SHOWS_DATA, ItemStatus
from generator.load.dataset import Dataset, ItemRecord
from generator.model.catalogue import CatalogueItem
from generator.model.city import City
from generator.model.items import ITEMS
from generator.model.disclosures import Notice
from generator.model.notices import Issuer
from generator.views import paths
from generator.views.answers import Answer, item_answer
from generator.views.blocks import Block, Slot
from generator.views.compound import CompoundView
from generator.views.formatting import day_cn
from generator.views.item_blocks import ItemContext, item_blocks, reads_calendar
from generator.views.item_blocks.oversight import ranking_blocks
from generator.views.phones import supervision_phones
from generator.views.stamp import stamp
from generator.views.status import LONG_TERM

QR_CAPTION = "扫码查看本项网上公示"


@dataclass(frozen=True)
class ItemView:
    compound_id: str
    item_id: str
    compound: str
    name: str
    """The item's name in the catalogue."""
    title: str
    """The item as boards word it (收费标准公示)."""
    period: str | None
    lead: str
    answer: Answer
    blocks: tuple[Block, ...]
    fills: tuple[tuple[str, tuple[Block, ...]], ...]
    """Format-neutral fillings of the blocks' slots (the company's ranking), which paper prints."""
    posted_on: date
    until: date
    """The end of the 公示期."""
    posting: str
    objection: str
    approved: str
    signers: tuple[str, ...]
    author: str
    url: str
    """The item page's absolute address (its QR code)."""
    overdue: str | None = field(default=None, compare=False)
    stamp: str = field(default="", compare=False)

    def content(self) -> dict[str, Any]:
        """What the stamp covers: every field but ``overdue`` and ``stamp`` itself; of the
        answer its topic and words (whether it is overdue is the calendar's)."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("overdue", "stamp", "answer")}
        return out | {"answer": [self.answer.topic, [(s.text, s.kind) for s in self.answer.spans]]}

    def blocks_filled(self) -> list[Block]:
        """The blocks with every slot replaced by its format-neutral filling (paper's reading)."""
        fills = dict(self.fills)
        return [b for block in self.blocks
                for b in (fills.get(block.name, ()) if isinstance(block, Slot) else (block,))]


def posting_period(notice: Notice, item: CatalogueItem, city: City | None = None) -> tuple[date, date]:
    """公示期: (posting date, last day): the end date the notice prints, else the display days
    (the notice's, else the catalogue's) counted as the city counts them
    (:func:`generator.derive.notices.notice_end`)."""
    return notice.posted_on, notice_end(notice.posted_on, notice.posting_days or item.posting_days, notice.ends_on, city)


def objection_phone(view: CompoundView) -> str | None:
    """The phone residents object to: the shown complaint phone, else the serving company's or
    the self-managing organisation's own."""
    channels = view.file("complaint_channels")
    phones = getattr(channels, "phones", None)
    return phones.complaint if phones is not None else view.serving.phone


def _issuer_contact(issuer: Issuer) -> str:
    parts = [f"地址 {issuer.address}" if issuer.address else "", f"电话 {issuer.phone}" if issuer.phone else ""]
    shown = "，".join(p for p in parts if p)
    return f"{issuer.name}（{shown}）" if shown else issuer.name


def standing(notice: Notice, item: CatalogueItem) -> bool:
    """A standing notice (明码标价, the company's profile…): an item the catalogue
    posts long-term, without a period or a printed end (its display days are the least it
    stays up, and the web page says so). It stays on the board until it
    changes, so it prints ``LONG_TERM`` and takes objections at any time, never a deadline that
    passes while the notice is still up."""
    return item.cadence == "long_term" and notice.period is None and notice.ends_on is None


def posting_line(notice: Notice, item: CatalogueItem, city: City | None = None) -> str:
    """``公示期：2026年10月10日至2026年11月9日``; a standing notice: ``公示期：`` + ``LONG_TERM`` + ``（2026年1月15日起张贴）``."""
    start, end = posting_period(notice, item, city)
    if standing(notice, item):
        return f"公示期：{LONG_TERM}（{day_cn(start)}起张贴）"
    return f"公示期：{day_cn(start)}至{day_cn(end)}"


def objection_line(ds: Dataset, view: CompoundView, until: date | None, issuers: Sequence[Issuer] = ()) -> str:
    """Whom to object to, until when (``until`` None: a standing notice, at any time): the
    issuers the notice names (with address and phone), else the serving company (or
    self-managing organisation) and the owners' committee."""
    assert ds.city is not None
    whom: list[str] = [_issuer_contact(i) for i in issuers]
    manager, phone = view.serving.name, objection_phone(view)
    if manager and not whom:
        whom.append(f"{manager}（电话 {phone}）" if phone else manager)
    committee = view.committee
    if committee and not issuers:
        committee_model = view.record.model.owners_committee
        own = committee_model.phone if committee_model else None
        whom.append(f"{committee}（电话 {own}）" if own else committee)
    nearest = supervision_phones(ds.city.model, view.record, view.district, view.street, view.community)[0]
    head = f"对公示内容如有异议，请于{day_cn(until)}前" if until else "对公示内容如有异议，可随时"
    line = head + "向" + "或".join(whom) if whom else head
    return line + f"提出；也可向{nearest[0]}反映（电话 {nearest[1]}）。"


def _overdue(status: ItemStatus, period: str | None, start: date) -> str | None:
    if status.state != "stale":
        return None
    return f"本项已逾期未更新：应于{day_cn(status.due)}前公示新一期，以下为最近一期（{period or day_cn(start)}）的内容。"


def item_view(ds: Dataset, view: CompoundView, item: CatalogueItem, record: ItemRecord) -> ItemView:
    """The view of ``record`` (the item's current record, or a past version's with
    ``view`` from :meth:`CompoundView.with_version`); the item must be shown in ``view``."""
    assert ds.city is not None
    status = view.statuses[item.id]
    notice = record.file.model.notice
    assert notice is not None and status.state in SHOWS_DATA, "item views are of shown items only"
    c = view.record.model
    spec = ITEMS[item.id]
    start, end = posting_period(notice, item, ds.city.model)
    ctx = ItemContext.of(ds, view)
    period = notice.period.label if notice.period else None
    blocks = tuple(item_blocks(ctx, record))
    fills = (("ranking", tuple(ranking_blocks(ctx))),) if Slot("ranking") in blocks else ()
    built = ItemView(
        compound_id=view.id, item_id=item.id, compound=c.name, name=item.name, title=spec.board_title,
        period=period,
        lead=f"根据物业服务信息公开的有关规定，现将{c.name}{item.name}" + (f"（{period}）" if period else "") + "公示如下：",
        answer=item_answer(view, item.id), blocks=blocks, fills=fills,
        posted_on=notice.posted_on, until=end, posting=posting_line(notice, item, ds.city.model),
        objection=objection_line(ds, view, None if standing(notice, item) else end, notice.issuers),
        approved=f"本公示经{notice.approved_by}审核。" if notice.approved_by else "",
        signers=tuple(" ".join(x for x in (i.name, i.document_number) if x) for i in notice.issuers)
                or tuple(name for name in (view.serving.name, view.committee) if name),
        author=view.serving.name or ds.city.model.regulator,
        url=paths.absolute_url(ds.city.model.base_url(), paths.item_page(view.id, item.id)),
        overdue=_overdue(status, period, start),
    )
    if reads_calendar(item.id) and view.as_of != notice.posted_on:
        as_posted = item_view(ds, replace(view, as_of=notice.posted_on), item, record)
        return replace(built, stamp=as_posted.stamp)
    return replace(built, stamp=stamp(built.content()))
