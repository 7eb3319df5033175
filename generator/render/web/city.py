"""City-wide pages: the home page, the compounds index and the compliance matrix, layouts of
the city's view (:mod:`generator.views.city`).

Contract: pure; each function returns one page's Markdown. Figures keep their numerator and
denominator (``已公示 87/110``): the denominator of an item is the number of compounds for
which it applies (not-applicable compounds are left out and counted separately).
"""

from __future__ import annotations

from markupsafe import Markup

from generator.derive.status import LABELS
from generator.render.context import SiteContext
from generator.render.web.environment import front_matter, render
from generator.render.web.tables import Col, html_table, link
from generator.views import paths
from generator.views.city import Coverage, recent_notices
from generator.views.compound import CompoundView
from generator.views.formatting import day, period

SYMBOLS = {"published": "✓", "stale": "!", "missing": "✗", "not_applicable": "–", "invalid": "?"}


def _glance(facts: CompoundView) -> Markup:
    """A compound's status in a few words, problems first: ``已公示 9/10 · 逾期未更新 1``."""
    counts = facts.counts
    parts = [f"{LABELS['published']} {counts['published']}/{facts.applicable}"]
    if counts["stale"]:
        parts.append(f'<span class="status status-stale">{LABELS["stale"]} {counts["stale"]}</span>')
    if counts["missing"] + counts["invalid"]:
        parts.append(f'<span class="status status-missing">{LABELS["missing"]} {counts["missing"] + counts["invalid"]}</span>')
    return Markup(" · ".join(parts))


def compounds_index(ctx: SiteContext) -> str:
    page = paths.COMPOUNDS
    columns = [Col("小区", key=True), Col("社区"), Col("物业服务"), Col("公示情况", key=True)]
    groups = []
    for district_view in ctx.city_view.districts:
        district = district_view.district
        tables = []
        for street, compounds in district_view.streets:
            rows = [[link(ctx.plan.absolute(paths.compound_home(f.id)), f.name),
                     f.community.name if f.community else "", f.company.display_name if f.company else "业主自治",
                     _glance(f)] for f in compounds]
            tables.append((street, html_table(columns, rows, caption=f"{district.name}{street.name}的小区")))
        groups.append((district, tables))
    return front_matter("小区", search_exclude=True) + render(
        "compounds_index.md.j2", city=ctx.city, groups=groups, total=ctx.city_view.total,
        compliance=paths.link(page, paths.COMPLIANCE))


def _cell(state: str) -> Markup:
    """A matrix cell: the symbol, coloured when it is not "published" (most cells, kept short:
    the page has one cell per compound and item)."""
    symbol = SYMBOLS[state]
    return Markup(symbol if state == "published" else f'<span class="st-{state}">{symbol}</span>')


_COVERAGE = [Col(LABELS["published"], "right", key=True), Col("比例", "right", key=True), Col(LABELS["stale"], "right"),
             Col(LABELS["missing"], "right")]


def _coverage_cells(cov: Coverage) -> list[object]:
    return [cov.text, cov.pct, cov.stale, cov.missing]


def compliance(ctx: SiteContext) -> str:
    items = ctx.items
    city = ctx.city_view
    per_item = html_table(
        [Col("序号", "right"), Col("公示项目", key=True), *_COVERAGE, Col(LABELS["not_applicable"], "right")],
        [[i + 1, item.name, *_coverage_cells(cov), cov.not_applicable] for i, (item, cov) in enumerate(city.items)],
        caption="各项公示", row_header=1)
    districts = html_table(
        [Col("区", key=True), Col("小区数", "right"), *_COVERAGE],
        [[d.district.name, len(d.compounds), *_coverage_cells(d.coverage)] for d in city.districts],
        caption="各区")
    rows = [[link(ctx.plan.absolute(paths.compound_home(f.id)), f.name), street.name,
             *(_cell(f.statuses[item.id].state) for item in items)]
            for d in city.districts for street, compounds in d.streets for f in compounds]
    matrix = html_table([Col("小区", key=True), Col("街道"),
                         *(Col(str(n), "center", label=f"{n} {item.name}") for n, item in enumerate(items, 1))],
                        rows, caption="逐个小区")
    return front_matter("公示情况", search_exclude=True) + render(
        "compliance.md.j2", city=ctx.city, per_item=per_item, overall=city.overall, complete=city.complete,
        total=city.total, districts=districts, matrix=matrix, symbols=SYMBOLS, as_of=day(city.data_date) if city.data_date else None,
        data=paths.link(paths.COMPLIANCE, paths.OPEN_DATA))


def home(ctx: SiteContext) -> str:
    page = paths.HOME
    rows = [[day(r.notice.posted_on), r.compound.name,
             link(ctx.plan.absolute(paths.item_page(r.compound.id, r.item.id)), r.item.name), period(r.notice.period)]
            for r in recent_notices(ctx.views)]
    recent = html_table([Col("日期"), Col("小区", key=True), Col("公示项目", key=True), Col("期间")], rows,
                        caption="最近公示", row_header=None) if rows else None
    city = ctx.city_view
    districts = [(d.district, len(d.compounds)) for d in city.districts]
    return front_matter(ctx.city.site_title, search_boost=2) + render(
        "home.md.j2", city=ctx.city, total=city.total, companies=city.companies,
        figures=list(city.figures), districts=districts, recent=recent, as_of=day(city.data_date) if city.data_date else None,
        compounds=paths.link(page, paths.COMPOUNDS), compliance=paths.link(page, paths.COMPLIANCE),
        ranking=paths.link(page, paths.RANKING) if ctx.has_page(paths.RANKING) else None,
        model_projects=paths.link(page, paths.MODEL_PROJECTS) if ctx.has_page(paths.MODEL_PROJECTS) else None,
        complain=paths.link(page, paths.COMPLAIN), data=paths.link(page, paths.OPEN_DATA),
    )
