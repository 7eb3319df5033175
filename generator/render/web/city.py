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
from generator.views import paths
from generator.derive.status import SHOWS_DATA
from generator.render.context import SiteContext
from generator.views.compound import CompoundView
from generator.render.web.environment import front_matter, render
from generator.render.web.tables import Col, html_table, link
from generator.views.formatting import day, percent, period

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


def _all_states(facts: list[CompoundView]) -> Coverage:
    return coverage(sum((f.counts for f in facts), Counter()))


def _glance(facts: CompoundView) -> Markup:
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
    columns = [Col("小区", key=True), Col("社区"), Col("物业服务"), Col("公示情况", key=True)]
    groups = []
    for district, streets in ctx.by_district():
        tables = []
        for street, compounds in streets:
            rows = [[link(ctx.plan.absolute(paths.compound_home(f.id)), f.name),
                     f.community.name if f.community else "", f.company.display_name if f.company else "业主自治",
                     _glance(f)] for f in compounds]
            tables.append((street, html_table(columns, rows, caption=f"{district.name}{street.name}的小区")))
        groups.append((district, tables))
    return front_matter("小区", search_exclude=True) + render(
        "compounds_index.md.j2", city=ctx.city, groups=groups, total=len(ctx.ds.compounds),
        compliance=paths.link(page, paths.COMPLIANCE))


def _cell(state: str) -> Markup:
    """A matrix cell: the symbol, coloured when it is not "published" (most cells, kept short:
    the page has one cell per compound and item)."""
    symbol = SYMBOLS[state]
    return Markup(symbol if state == "published" else f'<span class="st-{state}">{symbol}</span>')


_COVERAGE = [Col("已公示", "right", key=True), Col("比例", "right", key=True), Col("逾期", "right"),
             Col("未公示", "right")]


def _coverage_cells(cov: Coverage) -> list[object]:
    return [cov.text, cov.pct, cov.stale, cov.missing]


def compliance(ctx: SiteContext) -> str:
    items = ctx.items
    counts = item_coverage(ctx.ds, ctx.matrix)
    per_item = html_table(
        [Col("序号", "right"), Col("公示项目", key=True), *_COVERAGE, Col("不适用", "right")],
        [[i + 1, item.name, *_coverage_cells(cov), cov.not_applicable]
         for i, item in enumerate(items) for cov in [coverage(counts[item.id])]],
        caption="各项公示", row_header=1)
    everyone = [ctx.compound(cid) for cid in ctx.compound_ids()]
    complete = sum(1 for cid in ctx.compound_ids()
                   if ctx.compound(cid).counts["published"] == ctx.compound(cid).applicable)
    by_district = ctx.by_district()
    districts = html_table(
        [Col("区", key=True), Col("小区数", "right"), *_COVERAGE],
        [[district.name, len(members), *_coverage_cells(_all_states(members))]
         for district, streets in by_district for members in [[f for _, fs in streets for f in fs]]],
        caption="各区")
    rows = [[link(ctx.plan.absolute(paths.compound_home(f.id)), f.name), street.name,
             *(_cell(f.statuses[item.id].state) for item in items)]
            for _, streets in by_district for street, compounds in streets for f in compounds]
    matrix = html_table([Col("小区", key=True), Col("街道"),
                         *(Col(str(n), "center", label=f"{n} {item.name}") for n, item in enumerate(items, 1))],
                        rows, caption="逐个小区")
    return front_matter("公示情况", search_exclude=True) + render(
        "compliance.md.j2", city=ctx.city, per_item=per_item, overall=_all_states(everyone), complete=complete,
        total=len(ctx.ds.compounds), districts=districts, matrix=matrix, symbols=SYMBOLS, as_of=day(ctx.as_of),
        data=paths.link(paths.COMPLIANCE, paths.OPEN_DATA))


def recent_notices(ctx: SiteContext,
                   limit: int | None = RECENT_NOTICES) -> list[tuple[CompoundView, CatalogueItem, Notice]]:
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
    rows = [[day(notice.posted_on), f.name, link(ctx.plan.absolute(paths.item_page(f.id, item.id)), item.name),
             period(notice.period)] for f, item, notice in recent_notices(ctx)]
    recent = html_table([Col("日期"), Col("小区", key=True), Col("公示项目", key=True), Col("期间")], rows,
                        caption="最近公示", row_header=None) if rows else None
    districts = [(d, sum(len(fs) for _, fs in streets)) for d, streets in ctx.by_district()]
    return front_matter(ctx.city.site_title, search_boost=2) + render(
        "home.md.j2", city=ctx.city, total=len(ctx.ds.compounds), companies=len(ctx.ds.companies),
        figures=city_figures(ctx.ds, ctx.matrix), districts=districts, recent=recent, as_of=day(ctx.as_of),
        compounds=paths.link(page, paths.COMPOUNDS), compliance=paths.link(page, paths.COMPLIANCE),
        ranking=paths.link(page, paths.RANKING) if ctx.has_page(paths.RANKING) else None,
        model_projects=paths.link(page, paths.MODEL_PROJECTS) if ctx.has_page(paths.MODEL_PROJECTS) else None,
        complain=paths.link(page, paths.COMPLAIN), data=paths.link(page, paths.OPEN_DATA),
    )
