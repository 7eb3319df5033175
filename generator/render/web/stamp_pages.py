"""One page per version stamp, ``/v/<stamp>/``: a small standalone HTML page no engine renders.

Contract: pure. :func:`stamp_view` says, for a stamp the site knows
(:func:`generator.views.versions.stamp_index`: every version of the history and every stamp
the build prints), which compound and item (or which compound's booklet, with the item
stamps it covers) it belongs to, whether it is the current version or an older one, from
when to when it was current, what changed since, in figures (corrections marked 更正), and,
when the build publishes a log, where its tlog-proof file is; as a :class:`StampPage` of plain
values and relative links. :func:`stamp_pages` lays those out with
``templates/site/stamp_page.html.j2`` (Jinja2, autoescape: nothing from data reaches the page
unescaped) into ``{v/<stamp>/index.html: HTML}``. The pages are written beside the engine's
output like the PDFs (plan kind ``html``): each is owned by the district of its compound, so a
change to one compound rewrites only its own stamps' pages and runs no engine for them. Links
from a stamp page are relative to its URL (:func:`generator.views.paths.href`), so they hold
under a sub-path and on a copy of the site; engine pages link a stamp page with its absolute
URL (``plan.absolute``), like a PDF. An unknown stamp has no page: the site's 404 page says
plainly that no such version is on record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.templates import ROOT
from generator.views import paths
from generator.views.site import StampEntry
from generator.views.versions import stamp_index
from generator.render.context import SiteContext
from generator.render.web.history import china_time, note_markup, version_notes

LATER_NOTES = 12
"""How many changes of each later version a stamp page lists (the rest are counted)."""


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Later:
    """A later version with changes: when it took effect, its stamp and what it changed
    (:func:`generator.render.web.history.version_notes`, each with its label and its text
    HTML-escaped by :func:`generator.render.web.history.note_markup`)."""

    since: str
    stamp: str
    notes: tuple[Markup, ...]


@dataclass(frozen=True)
class Covered:
    """An item a booklet covers: its stamp and page, or the word for its status."""

    item: str
    stamp: str | None
    href: str | None
    word: str


@dataclass(frozen=True)
class StampPage:
    stamp: str
    site_name: str
    home_href: str
    verify_href: str
    compound: str
    item: str | None
    """The item's name; None for a booklet's stamp."""
    current: bool
    since: str | None = None
    """From when the version was current (China time), when the history knows it."""
    until: str | None = None
    current_href: str | None = None
    """The item's current notice."""
    later: tuple[Later, ...] = ()
    links: tuple[Link, ...] = ()
    proof: Link | None = None
    covered: tuple[Covered, ...] = ()
    compound_href: str | None = None


def _version_view(ctx: SiteContext, base: StampPage, entry: StampEntry) -> StampPage:
    assert ctx.versions is not None and entry.item_id is not None
    history = ctx.versions.of(entry.compound_id, entry.item_id)
    assert history is not None
    page, cid, item_id = paths.stamp_page(base.stamp), entry.compound_id, entry.item_id
    index = next(i for i, v in enumerate(history.versions) if v.key == entry.key)
    version = history.versions[index]
    later = () if version.current else tuple(
        Later(china_time(v.since), v.stamp,
              tuple(note_markup(kind, text, escape) for kind, text in version_notes(v, LATER_NOTES)))
        for v in history.versions[index + 1:] if v.changes)
    links = (Link("查看这个版本当时的内容", paths.href(page, paths.item_version(cid, item_id, version.key))),
             Link("现行公示", paths.href(page, paths.item_page(cid, item_id))),
             Link("全部历史版本", paths.href(page, paths.item_history(cid, item_id))))
    proof = Link(f"{base.stamp}.tlog-proof", paths.href(page, paths.stamp_proof(base.stamp))) \
        if ctx.log is not None else None
    until = (china_time(version.until) if version.until else "—") if not version.current else None
    return replace(base, current=version.current, since=china_time(version.since), until=until, later=later,
                   links=links, proof=proof)


def stamp_view(ctx: SiteContext, stamp: str, entry: StampEntry) -> StampPage:
    """What the page of ``stamp`` says (see the module docstring)."""
    page = paths.stamp_page(stamp)
    cid = entry.compound_id
    facts = ctx.compound(cid)
    names: dict[str, str] = {item.id: item.name for item in ctx.items}
    base = StampPage(stamp=stamp, site_name=ctx.city.site_title, home_href=paths.href(page, paths.HOME),
                     verify_href=paths.href(page, paths.VERIFY), compound=facts.name,
                     item=names[entry.item_id] if entry.item_id else None, current=True)
    if entry.item_id is None:
        covered = tuple(
            Covered(names[item_id], word, paths.href(page, paths.stamp_page(word)), word)
            if ctx.views.item(cid, item_id) is not None
            else Covered(names[item_id], None, None, facts.statuses[item_id].label)
            for item_id, word in ctx.views.booklet(cid).items)
        return replace(base, covered=covered, compound_href=paths.href(page, paths.compound_home(cid)))
    current_href = paths.href(page, paths.item_page(cid, entry.item_id))
    if entry.key is not None:
        return _version_view(ctx, replace(base, current_href=current_href), entry)
    return replace(base, current_href=current_href, links=(Link("现行公示", current_href),))


@lru_cache(maxsize=None)
def _environment() -> Environment:
    """HTML templates with autoescape: every value from data is escaped."""
    return Environment(loader=FileSystemLoader(str(ROOT / "site")), undefined=StrictUndefined, autoescape=True,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=True)


def stamp_pages(ctx: SiteContext, compounds: list[str] | None = None, robots: str = "") -> dict[str, str]:
    """``{v/<stamp>/index.html: HTML}`` for every stamp of the given ``compounds`` (all when None);
    ``robots``: the robots meta every page of the site carries (a preview's ``noindex, nofollow``)."""
    template = _environment().get_template("stamp_page.html.j2")
    chosen = None if compounds is None else set(compounds)
    return {paths.stamp_page(stamp): template.render(page=stamp_view(ctx, stamp, entry), robots=robots)
            for stamp, entry in stamp_index(ctx.views, ctx.versions).items()
            if chosen is None or entry.compound_id in chosen}
