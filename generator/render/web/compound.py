"""A compound's own site: its home page and one page per catalogue item.

Contract: pure. :func:`compound_pages` returns ``{docs path: Markdown}`` for
``compounds/<id>/index.md`` and ``compounds/<id>/<item-slug>.md`` for *every* item of the
catalogue (a missing or not-applicable item still gets a page saying so, so printed links
never break), plus :func:`compound_assets` (the project manager's photo). Every page carries
the compound's local navigation (its item list with their status) so residents move between
its pages without the site-wide nav, which deliberately does not list compounds.

The home opens with the key figures residents look for and each item page with its one-line
answer (both from :mod:`generator.views.answers`, laid out here: figures bold, phones as
``tel:`` links, every value escaped); items are named as residents say them beside their
official name; the version stamp and what it is for close the home page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from generator.derive.status import LABELS
from generator.views.status import LONG_TERM, not_shown, status_detail as detail_of
from generator.derive.status import ItemStatus
from generator.model.catalogue import CatalogueItem
from generator.model.disclosures import CompanyProfileFile, ComplaintChannelsFile, item_as
from generator.model.items import ITEMS
from generator.views import paths
from generator.views.answers import CONTACTS, Answer, Span, item_answer, key_figures
from generator.views.compound import CompoundView
from generator.render.context import SiteContext
from generator.render.plan import sheet_items
from generator.render.web.environment import front_matter, phone_link, render
from generator.views.formatting import day, quantity
from generator.model.vocabulary import CONTRACT_TYPES
from generator.render.web.items import item_body
from generator.render.web.history import past_periods, reach_note
from generator.views.phones import supervision_phones
from generator.render.web.markdown_escape import html_attr, md_text


@dataclass(frozen=True)
class ItemEntry:
    """One catalogue item as a compound's pages list it."""

    item: CatalogueItem
    page: str
    status: ItemStatus
    badge: Markup
    detail: Markup

    @property
    def everyday(self) -> str:
        """What residents call the item, when it differs from its (catalogue) name."""
        spec = ITEMS.get(self.item.id)
        return spec.everyday if spec is not None and spec.everyday != self.item.name else ""


def spans_md(spans: tuple[Span, ...] | list[Span]) -> Markup:
    """An answer as inline Markdown: figures bold, phones as ``tel:`` links, the rest as text."""
    out = []
    for span in spans:
        if span.kind == "figure":
            out.append(Markup("<strong>") + md_text(span.text) + Markup("</strong>"))
        elif span.kind == "phone":
            out.append(phone_link(span.text))
        else:  # md_text trims the ends; the spaces between words and figures are kept
            lead = " " if span.text[:1].isspace() else ""
            tail = " " if span.text[-1:].isspace() and span.text.strip() else ""
            out.append(Markup(lead) + md_text(span.text) + Markup(tail))
    return Markup("").join(out)


def name_bigrams(*names: str) -> list[str]:
    """Every two-character piece of the names (and the names themselves), in order, once.

    The compound home carries them as search tags, which the site search indexes as they
    are (no word segmentation), so any two characters of a name find its compound.
    Only letters and digits are kept (punctuation or markup in a name is nobody's query)."""
    out: dict[str, None] = {}
    for name in names:
        text = "".join(name.split())
        if text.isalnum():
            out.setdefault(text)
        for i in range(len(text) - 1):
            if text[i:i + 2].isalnum():
                out.setdefault(text[i:i + 2])
    return list(out)


def badge(status: ItemStatus) -> Markup:
    return Markup(f'<span class="status status-{status.state}">{status.label}</span>')


def status_detail(status: ItemStatus) -> Markup:
    """One line on what the status means for this item (:func:`generator.views.status.status_detail`)."""
    return md_text(detail_of(status))


def entries(ctx: SiteContext, facts: CompoundView) -> list[ItemEntry]:
    out = []
    for item in ctx.items:
        status = facts.statuses[item.id]
        out.append(ItemEntry(item, paths.item_page(facts.id, item.id), status, badge(status), status_detail(status)))
    return out


def _common(ctx: SiteContext, facts: CompoundView, items: list[ItemEntry]) -> dict:
    """What every page of the compound shares. All of them are in ``compounds/<id>/``, so their
    Markdown links are the same and are computed once per compound."""
    page = paths.compound_home(facts.id)
    return {
        "c": facts.record.model,
        "f": facts,
        "city": ctx.city,
        "home": paths.link(page, paths.HOME),
        "index": paths.link(page, paths.COMPOUNDS),
        "compound_home": paths.link(page, page),
        "complain": paths.link(page, paths.COMPLAIN),
        "nav": [(e, paths.link(page, e.page)) for e in items],
        "as_of": day(facts.data_date) if facts.data_date else None,
    }


HISTORY_SHOWN = 10


def history_rows(ctx: SiteContext, compound_id: str) -> list[tuple[str, str]]:
    """(day, what changed) for the compound's latest committed changes, newest first."""
    order = ["compound"] + [item.id for item in ctx.items]
    names = {"compound": "小区基本信息"} | {item.id: item.name for item in ctx.items}
    rows = []
    for change in ctx.history.get(compound_id, [])[:HISTORY_SHOWN]:
        stems = {file.rpartition(".")[0] for file in change.files}
        what = [names[s] for s in order if s in stems] + (["附件"] if stems - set(order) else [])
        rows.append((day(change.day), "、".join(what)))
    return rows


def _home(ctx: SiteContext, facts: CompoundView, items: list[ItemEntry], common: dict) -> str:
    page = paths.compound_home(facts.id)
    model = facts.record.model
    profile = facts.shown("company_profile")
    channels = facts.shown("complaint_channels")
    company_page = paths.company_page(facts.company_id) if facts.company_id else None
    counts = facts.counts
    answers = key_figures(facts)
    figures = [(a, paths.link(page, _figure_target(ctx, facts, a)), spans_md(a.spans)) for a in answers]
    online = ctx.city.online_complaint
    description = f"{facts.name}：" + "；".join(f"{a.topic}：{a.text}" if a.topic else a.text for a in answers)
    return front_matter(facts.name, search_boost=2, search_terms=name_bigrams(model.name, *model.aliases),
                        description=description, feed=_feed(ctx, facts)) + render(
        "compound_home.md.j2",
        **common,
        pdf=ctx.plan.absolute(paths.pdf_file(facts.id)),
        manager=item_as(profile.file.model, CompanyProfileFile).project_manager if profile else None,
        phones=item_as(channels.file.model, ComplaintChannelsFile).phones if channels else None,
        supervision=supervision_phones(ctx.city, facts.record, facts.district, facts.street, facts.community),
        company_link=paths.link(page, company_page) if company_page and ctx.has_page(company_page) else None,
        contract_type=CONTRACT_TYPES.get(model.contract.type, "") if model.contract else "",
        floor_area=quantity(model.floor_area),
        summary=[(label, counts[state]) for state, label in LABELS.items() if counts[state]],
        data_page=paths.link(page, paths.OPEN_DATA),
        history=history_rows(ctx, facts.id),
        feed_url=ctx.plan.absolute(paths.compound_feed(facts.id)),
        verify=paths.link(page, paths.VERIFY),
        board_stamps=paths.link(page, paths.verify_compound(facts.id)),
        stamp_url=ctx.plan.absolute(paths.stamp_page(ctx.views.booklet(facts.id).stamp)),
        stamp=ctx.views.booklet(facts.id).stamp,
        figures=figures,
        contacts_heading=CONTACTS,
        online=Markup(f'<a href="{html_attr(str(online.url))}">') + md_text(online.name) + Markup("</a>")
        if online else None,
    )


def _figure_target(ctx: SiteContext, facts: CompoundView, answer: Answer) -> str:
    """The page that shows a key figure's table: its item page; the company's ranking page
    for its list result when the oversight item does not show it."""
    if answer.item_id == "oversight" and facts.shown("oversight") is None and facts.company_id:
        company = paths.company_page(facts.company_id)
        if ctx.has_page(company):
            return company
    return paths.item_page(facts.id, answer.item_id)


def _item(ctx: SiteContext, facts: CompoundView, entry: ItemEntry, common: dict) -> str:
    record = facts.shown(entry.item.id)
    view = ctx.views.item(facts.id, entry.item.id)
    body = Markup(item_body(ctx, facts, record, view, entry.page)) if record and view else None
    answer = item_answer(facts, entry.item.id) if record else None
    history_path = paths.item_history(facts.id, entry.item.id)
    sheet = view if entry.item.id in sheet_items(ctx.ds, ctx.views.matrix, facts.id) else None
    said = answer.text if answer else entry.detail.striptags() or entry.status.label
    description = f"{facts.name}{entry.item.name}：{said}"
    return front_matter(f"{entry.item.name} · {facts.name}", search_exclude=True, description=description,
                        feed=_feed(ctx, facts)) + render(
        "item.md.j2",
        **common,
        pdf=ctx.plan.absolute(paths.pdf_file(facts.id)),
        sheet=sheet,
        stamp_link=ctx.plan.absolute(paths.stamp_page(sheet.stamp)) if sheet else None,
        entry=entry,
        answer=spans_md(answer.spans) if answer else None,
        notice=entry.status.notice,
        posting_days=(entry.status.notice.posting_days or entry.item.posting_days) if entry.status.notice else None,
        posting=view.posting.partition("：") if view else None,
        objection=phones_linked(view.objection) if view else None,
        body=body,
        not_shown=not_shown(entry.status),
        long_term=LONG_TERM,
        csv=paths.link(entry.page, paths.ledger_file(facts.id, entry.item.id)) if record and record.table.rows else None,
        history=paths.link(entry.page, history_path) if ctx.has_page(history_path) else None,
        past=past_periods(ctx, facts.id, entry.item.id, entry.page),
        reach=reach_note(ctx),
    )


_PHONE_IN_TEXT = re.compile(r"(?<=电话 )[0-9][0-9-]*[0-9](?:转[0-9]+)?")


def phones_linked(sentence: str) -> Markup:
    """A sentence from a view (the 异议 line) with every ``电话 <number>`` callable."""
    out, at = [], 0
    for m in _PHONE_IN_TEXT.finditer(sentence):
        out += [md_text(sentence[at:m.start()]), Markup(" "), phone_link(m.group(0))]
        at = m.end()
    return Markup("").join([*out, md_text(sentence[at:])])


def _feed(ctx: SiteContext, facts: CompoundView) -> tuple[str, str]:
    """The compound's feed (URL, title) for the page head."""
    return ctx.plan.absolute(paths.compound_feed(facts.id)), f"{facts.name}：公示更新"


def compound_pages(ctx: SiteContext, compound_id: str) -> dict[str, str]:
    facts = ctx.compound(compound_id)
    items = entries(ctx, facts)
    common = _common(ctx, facts, items)
    pages = {paths.compound_home(compound_id): _home(ctx, facts, items, common)}
    for entry in items:
        pages[entry.page] = _item(ctx, facts, entry, common)
    return pages


