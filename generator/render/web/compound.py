"""A compound's own site: its home page and one page per catalogue item.

Contract: pure. :func:`compound_pages` returns ``{docs path: Markdown}`` for
``compounds/<id>/index.md`` and ``compounds/<id>/<item-slug>.md`` for *every* item of the
catalogue (a missing or not-applicable item still gets a page saying so, so printed links
never break), plus :func:`compound_assets` (the project manager's photo). Every page carries
the compound's local navigation (its item list with their status) so residents move between
its pages without the site-wide nav, which deliberately does not list compounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.derive.status import ItemStatus
from generator.model.catalogue import CatalogueItem
from generator.render import paths
from generator.render.context import CompoundFacts, SiteContext
from generator.render.web.environment import front_matter, render
from generator.render.formatting import day, quantity
from generator.model.vocabulary import CONTRACT_TYPES
from generator.render.web.items import item_body
from generator.render.phones import supervision_phones
from generator.render.web.markdown_escape import md_text


@dataclass(frozen=True)
class ItemEntry:
    """One catalogue item as a compound's pages list it."""

    item: CatalogueItem
    page: str
    status: ItemStatus
    badge: Markup
    detail: Markup


def badge(status: ItemStatus) -> Markup:
    return Markup(f'<span class="status status-{status.state}">{status.label}</span>')


def status_detail(status: ItemStatus) -> Markup:
    """One line on what the status means for this item, e.g. the period and posting date."""
    notice = status.notice
    if status.state == "published" and notice is not None:
        when = f"{notice.period.label}，" if notice.period else ""
        return Markup(f"{when}{day(notice.posted_on)} 张贴")
    if status.state == "stale" and notice is not None:
        last = notice.period.label if notice.period else f"{day(notice.posted_on)} 张贴的版本"
        return Markup(f"停留在{last}，应于 {day(status.due)} 前更新，自 {day(status.since)} 起逾期")
    if status.state == "not_applicable":
        return Markup("理由：") + md_text(status.reason or "未说明")
    if status.state == "missing":
        return Markup("尚未公示")
    return Markup("数据有误，暂不显示")


def entries(ctx: SiteContext, facts: CompoundFacts) -> list[ItemEntry]:
    out = []
    for item in ctx.items:
        status = facts.statuses[item.id]
        out.append(ItemEntry(item, paths.item_page(facts.id, item.id), status, badge(status), status_detail(status)))
    return out


def _common(ctx: SiteContext, facts: CompoundFacts, items: list[ItemEntry]) -> dict:
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
        "as_of": day(ctx.as_of),
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


def _home(ctx: SiteContext, facts: CompoundFacts, items: list[ItemEntry], common: dict) -> str:
    page = paths.compound_home(facts.id)
    model = facts.record.model
    profile = facts.shown("company_profile")
    channels = facts.shown("complaint_channels")
    company_page = paths.company_page(facts.company_id) if facts.company_id else None
    counts = facts.counts
    return front_matter(facts.name, search_boost=2) + render(
        "compound_home.md.j2",
        **common,
        pdf=paths.url_link(page, paths.pdf_file(facts.id)),
        manager=profile.file.model.project_manager if profile else None,
        phones=channels.file.model.phones if channels else None,
        supervision=supervision_phones(ctx.city, facts.record, facts.district, facts.street, facts.community),
        company_link=paths.link(page, company_page) if company_page and ctx.has_page(company_page) else None,
        contract_type=CONTRACT_TYPES.get(model.contract.type, "") if model.contract else "",
        floor_area=quantity(model.floor_area),
        summary=[(n, counts[s]) for s, n in (("published", "已公示"), ("stale", "逾期未更新"),
                                              ("missing", "未公示"), ("not_applicable", "不适用"),
                                              ("invalid", "数据有误")) if counts[s]],
        data_page=paths.link(page, paths.OPEN_DATA),
        history=history_rows(ctx, facts.id),
    )


def _item(ctx: SiteContext, facts: CompoundFacts, entry: ItemEntry, common: dict) -> str:
    record = facts.shown(entry.item.id)
    body = Markup(item_body(ctx, facts, record, entry.page)) if record else None
    return front_matter(f"{entry.item.name} · {facts.name}", search_exclude=True) + render(
        "item.md.j2",
        **common,
        pdf=paths.url_link(entry.page, paths.pdf_file(facts.id)),
        entry=entry,
        notice=entry.status.notice,
        posting_days=(entry.status.notice.posting_days or entry.item.posting_days) if entry.status.notice else None,
        overdue_days=(ctx.as_of - entry.status.since).days + 1 if entry.status.since else None,
        body=body,
        csv=paths.link(entry.page, paths.ledger_file(facts.id, entry.item.id)) if record and record.table.rows else None,
    )


def compound_pages(ctx: SiteContext, compound_id: str) -> dict[str, str]:
    facts = ctx.compound(compound_id)
    items = entries(ctx, facts)
    common = _common(ctx, facts, items)
    pages = {paths.compound_home(compound_id): _home(ctx, facts, items, common)}
    for entry in items:
        pages[entry.page] = _item(ctx, facts, entry, common)
    return pages


