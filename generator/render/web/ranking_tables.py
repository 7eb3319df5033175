"""The ranking pages' tables and rows: a ranking period's view laid out as escaped HTML/Markdown.

Contract: pure. :func:`row` turns one :class:`generator.views.ranking.ResultRow` into the
values the ranking templates place (every text escaped here, links to company and compound
pages built from :mod:`generator.views.paths`); the ``*_table`` functions build the phone
tables (:func:`generator.render.web.tables.html_table`) the pages pass to their templates
ready-made: templates never call back into Python.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.load.dataset import Dataset
from generator.render.web.markdown_escape import html_attr, md_cell, md_text
from generator.render.web.tables import Col, html_table, link as html_link
from generator.views import paths
from generator.views.ranking import Group, PeriodView, ResultRow

Row = dict[str, object]


def pdf_link(ds: Dataset, period_id: str, text: str = "下载本期榜单 PDF") -> Markup:
    assert ds.city is not None
    url = paths.absolute_url(ds.city.model.base_url(), paths.ranking_pdf(period_id))
    return Markup(f'<a href="{html_attr(url)}">{text}</a>')


def company_link(ds: Dataset, page: str, company_id: str, name: str) -> Markup:
    return Markup(f"[{md_text(name)}]({paths.link(page, paths.company_page(company_id))})")


def a(ds: Dataset, target: str, text: object) -> Markup:
    """A raw-HTML link (inside an HTML table) to the docs page ``target``: absolute under
    ``site_url`` like every raw-HTML link (:func:`generator.views.paths.absolute_url`)."""
    assert ds.city is not None
    return html_link(paths.absolute_url(ds.city.model.base_url(), target), text)


def compound_link(ds: Dataset, page: str, compound_id: str) -> Markup:
    rec = ds.compounds.get(compound_id)
    if rec is None:
        return md_text(compound_id)
    return Markup(f"[{md_text(rec.model.name)}]({paths.link(page, paths.compound_home(compound_id))})")


def _served(ds: Dataset, r: ResultRow) -> Markup:
    """Links (raw HTML, for tables) to the compounds the company serves: residents know their
    compound, not the company's legal name; ``—`` when the data lists none."""
    return Markup("、").join(a(ds, paths.compound_home(s.id), s.name) for s in r.served) if r.served else Markup("—")


def row(ds: Dataset, page: str, r: ResultRow) -> Row:
    streak = Markup(("⚠ " if r.flagged else "")) + md_text(r.streak) if r.streak else Markup("")
    return {
        "rank": r.rank,
        "company": company_link(ds, page, r.company_id, r.name),
        "company_a": a(ds, paths.company_page(r.company_id), r.name),
        "company_short_a": a(ds, paths.company_page(r.company_id), r.short_name),
        "name": md_text(r.name),
        "scores": list(r.scores),
        "composite": r.composite,
        "grade": md_cell(r.grade),
        "list": md_text(r.list_name) if r.list_name else Markup("—"),
        "streak": streak,
        "change": r.change,
        # digits, operators and fixed words only (built by generator.derive.rank.scores)
        "explanation": Markup(r.explanation),
        "missing": Markup("、".join(md_text(name) for name in r.missing)),
        "details": [{"group": md_text(group), "text": md_text(text)} for group, text in r.details],
        "reason": md_cell(r.reason) if r.reason else Markup("—"),
        "why": [md_text(line) for line in r.why],
        "rectification": md_cell(r.rectification) if r.rectification else None,
        "rectification_text": md_text(r.rectification) if r.rectification else None,
        "compounds": _served(ds, r),
    }


def with_streak(r: Row) -> Markup:
    return Markup(r["list"]) + (Markup("（") + Markup(r["streak"]) + Markup("）") if r["streak"] else Markup(""))


def _ranked(cols: list[Col], body: list[list[object]], ranked: bool, at: tuple[int, ...]) -> tuple[list[Col], list[list[object]]]:
    """The table without the columns at ``at`` (rank, score, change) when ranks are not published."""
    if ranked:
        return cols, body
    return ([c for i, c in enumerate(cols) if i not in at], [[v for i, v in enumerate(b) if i not in at] for b in body])


def list_table(rows: list[Row], name: str, bad: bool, score_word: str = "综合得分", ranked: bool = True) -> Markup:
    """The companies on a computed list: rank, company, the compounds it serves, score, and why
    (without rank, score and change when the city publishes grades or counts)."""
    cols = [Col("名次", "right"), Col("企业", key=True), Col("服务小区", key=True), Col(score_word, "right", key=True),
            Col("等级"), Col("名次变化")] + ([Col("连续上榜")] if bad else []) + [Col("列入原因", key=True)]
    body: list[list[object]] = [[str(r["rank"]), r["company_a"], r["compounds"], r["composite"], r["grade"], r["change"]]
                                + ([r["streak"] or "—"] if bad else []) + [r["reason"]] for r in rows]
    cols, body = _ranked(cols, body, ranked, (0, 3, 5))
    return html_table(cols, body, caption=f"本期{md_text(name)}", row_header=0 if not ranked else 1)


def periods_table(ds: Dataset, periods: list[PeriodView]) -> Markup:
    """Each period: its page, date, how many took part and how many each list holds (computed
    or by decision), the PDF."""
    names = list(dict.fromkeys([x.name for p in periods for x in p.lists] + [x.name for p in periods for x in p.decided]))
    cols = [Col("期间", key=True), Col("发布日期"), Col("参评企业", "right"),
            *(Col(name, "right", key=True) for name in names), Col("榜单 PDF")]
    body = [[a(ds, paths.ranking_period(p.id), p.label), p.published_on.isoformat(), str(p.n) if p.scored else "—",
             *(_count(p, name) for name in names), pdf_link(ds, p.id, "PDF")] for p in periods]
    return html_table(cols, body, caption="历次考评")


def _count(view: PeriodView, name: str) -> str:
    computed = [x.count for x in view.lists if x.name == name and view.scored]
    decided = [x.size for x in view.decided if x.name == name]
    return "、".join([str(c) for c in computed] + decided) or "—"


def _scores(r: Row) -> list[str]:
    scores = r["scores"]
    assert isinstance(scores, list), scores
    return scores


def scores_table(rows: list[Row], groups: tuple[Group, ...], score_word: str = "综合得分", ranked: bool = True) -> Markup:
    """Every company of a period: rank, company, compounds, each group's score, composite, list;
    when the city publishes grades: company, compounds, grade and list only."""
    if not ranked:
        cols = [Col("企业", key=True), Col("服务小区", key=True), Col("等级", key=True), Col("榜单", key=True)]
        return html_table(cols, [[r["company_short_a"], r["compounds"], r["grade"], with_streak(r)] for r in rows],
                          caption="各企业等级", row_header=0)
    cols = [Col("名次", "right", key=True), Col("企业", key=True), Col("服务小区", key=True),
            *(Col(f"{md_cell(g.name)}（×{g.weight}）", "right") for g in groups),
            Col(score_word, "right", key=True), Col("等级"), Col("榜单", key=True), Col("名次变化")]
    body = [[str(r["rank"]), r["company_short_a"], r["compounds"], *_scores(r), r["composite"], r["grade"],
             with_streak(r), r["change"]] for r in rows]
    return html_table(cols, body, caption="得分与名次", row_header=1)


def rectification_table(rows: list[Row]) -> Markup:
    cols = [Col("企业", key=True), Col("榜单"), Col("整改情况", key=True)]
    return html_table(cols, [[r["company_a"], r["list"], r["rectification"]] for r in rows], caption="整改情况")


def parts_table(groups: tuple[Group, ...], r: Row) -> Markup:
    cols = [Col("评价主体", key=True), Col("权重", "right"), Col("得分", "right", key=True)]
    return html_table(cols, [[md_cell(g.name), g.weight, s] for g, s in zip(groups, _scores(r))],
                      caption="各评价主体得分")


def history_table(history: list[Row], full: bool, score_word: str = "综合得分", ranked: bool = True,
                  graded: bool = True) -> Markup:
    """A company's results period by period; ``full`` adds the grade and the rectification
    (always the grade, and no rank, score or change, when the city publishes grades; no grade
    when it publishes counts)."""
    full_grade = (full or not ranked) and graded
    cols = [Col("期间", key=True), Col("名次", "right", key=True), Col(score_word, "right")] \
        + ([Col("等级")] if full_grade else []) + [Col("榜单", key=True), Col("名次变化")] \
        + ([Col("整改情况")] if full else [])
    body: list[list[object]] = [[r["period_a"], f"{r['rank']}/{r['n']}", r["composite"]]
                                + ([r["grade"]] if full_grade else []) + [with_streak(r), r["change"]]
                                + ([r["rectification"] or "—"] if full else []) for r in history]
    cols, body = _ranked(cols, body, ranked, (1, 2, 5 if full_grade else 4))
    return html_table(cols, body, caption="历次考评")
