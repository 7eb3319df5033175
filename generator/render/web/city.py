"""City-wide pages: the home page, the compounds index and the compliance matrix.

Contract: pure; each function returns one page's Markdown. Figures keep their numerator and
denominator (``已公示 87/110``): the denominator of an item is the number of compounds for
which it applies (not-applicable compounds are left out and counted separately).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.derive.figures import city_figures, item_coverage
from generator.model.catalogue import CatalogueItem
from generator.model.disclosures import Notice
from generator.render import paths
from generator.render.context import SHOWS_DATA, CompoundFacts, SiteContext
from generator.render.web.environment import front_matter, render
from generator.render.formatting import day, percent

SYMBOLS = {"published": "✓", "stale": "!", "missing": "✗", "not_applicable": "–", "invalid": "?"}
RECENT_NOTICES = 10


@dataclass(frozen=True)
class Coverage:
    published: int
    stale: int
    missing: int
    not_applicable: int
    total: int

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def text(self) -> str:
        return f"{self.published}/{self.applicable}"

    @property
    def pct(self) -> str:
        return percent(self.published, self.applicable)


def coverage(counts: Mapping[str, int]) -> Coverage:
    """From counts per state (as :func:`generator.derive.figures.item_coverage` gives them)."""
    return Coverage(counts.get("published", 0), counts.get("stale", 0),
                    counts.get("missing", 0) + counts.get("invalid", 0), counts.get("not_applicable", 0),
                    sum(counts.values()))


def _all_states(facts: list[CompoundFacts]) -> Coverage:
    return coverage(sum((f.counts for f in facts), Counter()))


def _glance(facts: CompoundFacts) -> Markup:
    """A compound's status in a few words, problems first: ``已公示 9/10 · 逾期 1``."""
    counts = facts.counts
    parts = [f"已公示 {counts['published']}/{facts.applicable}"]
    if counts["stale"]:
        parts.append(f'<span class="status status-stale">逾期 {counts["stale"]}</span>')
    if counts["missing"] + counts["invalid"]:
        parts.append(f'<span class="status status-missing">未公示 {counts["missing"] + counts["invalid"]}</span>')
    return Markup(" · ".join(parts))


def compounds_index(ctx: SiteContext) -> str:
    page = paths.COMPOUNDS
    groups = []
    for district, streets in ctx.by_district():
        rows = []
        for street, compounds in streets:
            rows.append((street, [(f, paths.link(page, paths.compound_home(f.id)), _glance(f)) for f in compounds]))
        groups.append((district, rows))
    return front_matter("小区", search_exclude=True) + render(
        "compounds_index.md.j2", city=ctx.city, groups=groups, total=len(ctx.ds.compounds),
        compliance=paths.link(page, paths.COMPLIANCE))


def _cell(state: str) -> Markup:
    """A matrix cell: the symbol, coloured when it is not "published" (most cells, kept short:
    the page has one cell per compound and item)."""
    symbol = SYMBOLS[state]
    return Markup(symbol if state == "published" else f'<span class="st-{state}">{symbol}</span>')


def compliance(ctx: SiteContext) -> str:
    page = paths.COMPLIANCE
    items = ctx.items
    counts = item_coverage(ctx.ds, ctx.matrix)
    per_item = [(i + 1, item, coverage(counts[item.id])) for i, item in enumerate(items)]
    everyone = [ctx.compound(cid) for cid in ctx.compound_ids()]
    complete = sum(1 for cid in ctx.compound_ids()
                   if ctx.compound(cid).counts["published"] == ctx.compound(cid).applicable)
    districts = []
    for district, streets in ctx.by_district():
        members = [f for _, fs in streets for f in fs]
        districts.append((district, len(members), _all_states(members)))
    rows = []
    for district, streets in ctx.by_district():
        for street, compounds in streets:
            for f in compounds:
                cells = [_cell(f.statuses[item.id].state) for item in items]
                rows.append((f, paths.link(page, paths.compound_home(f.id)), district, street, cells))
    return front_matter("公示情况", search_exclude=True) + render(
        "compliance.md.j2", city=ctx.city, per_item=per_item, overall=_all_states(everyone), complete=complete,
        total=len(ctx.ds.compounds), districts=districts, rows=rows, symbols=SYMBOLS, as_of=day(ctx.as_of),
        data=paths.link(page, paths.OPEN_DATA))


def recent_notices(ctx: SiteContext,
                   limit: int | None = RECENT_NOTICES) -> list[tuple[CompoundFacts, CatalogueItem, Notice]]:
    """Published notices, newest first (posting date, then compound id, then catalogue order)."""
    found = []
    for cid in ctx.compound_ids():
        facts = ctx.compound(cid)
        for order, item in enumerate(ctx.items):
            status = facts.statuses[item.id]
            if status.notice is not None and status.state in SHOWS_DATA:
                found.append((status.notice.posted_on, cid, order, facts, item, status.notice))
    found.sort(key=lambda t: (-t[0].toordinal(), t[1], t[2]))
    return [(t[3], t[4], t[5]) for t in (found if limit is None else found[:limit])]


def home(ctx: SiteContext) -> str:
    page = paths.HOME
    recent = [(f, item, notice, paths.link(page, paths.item_page(f.id, item.id)))
              for f, item, notice in recent_notices(ctx)]
    districts = [(d, sum(len(fs) for _, fs in streets)) for d, streets in ctx.by_district()]
    return front_matter(ctx.city.site_title, search_boost=2) + render(
        "home.md.j2", city=ctx.city, total=len(ctx.ds.compounds), companies=len(ctx.ds.companies),
        figures=city_figures(ctx.ds, ctx.matrix), districts=districts, recent=recent, as_of=day(ctx.as_of),
        compounds=paths.link(page, paths.COMPOUNDS), compliance=paths.link(page, paths.COMPLIANCE),
        ranking=paths.link(page, paths.RANKING) if ctx.has_page(paths.RANKING) else None,
        model_projects=paths.link(page, paths.MODEL_PROJECTS) if ctx.has_page(paths.MODEL_PROJECTS) else None,
        complain=paths.link(page, paths.COMPLAIN), data=paths.link(page, paths.OPEN_DATA),
    )
