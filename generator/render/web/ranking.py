"""Ranking pages: current lists, one page per period, methodology, company histories,
model projects, and the fragment a compound's oversight page embeds: layouts of the ranking
period views (:mod:`generator.views.ranking`).

Contract: pure. :func:`ranking_pages` returns ``{docs-relative path: Markdown}``;
(model-project photos are assets of the site plan, :mod:`generator.render.plan`)
for the writer to copy; :func:`oversight_section` returns a Markdown fragment. What a page
says about a period (rows, scores, lists, quotas, ties) comes from its view; the tables are
built in :mod:`generator.render.web.ranking_tables` and passed to the templates ready-made.

Escaping: templates (``templates/ranking/``, ``templates/model_projects/``) are rendered in
the shared environment (:mod:`generator.render.web.environment`), which escapes every value that
is not already :class:`~markupsafe.Markup`. Values from data are passed raw or escaped here
with :func:`md_text` / :func:`md_cell`; only Markdown built here from escaped parts (links,
sentences) and the arithmetic (digits and operators only) are passed as ``Markup``.
Links are relative to the page and point at ``.md`` files so the engine checks them; PDFs (made
by the PDF stage, which no engine sees) are absolute under ``site_url`` (:func:`paths.absolute_url`).
"""

from __future__ import annotations

from typing import Mapping
from urllib.parse import quote

from markupsafe import Markup

from generator.derive.rank import CompanyResult, PeriodRanking, history
from generator.derive.rank.lists import quota
from generator.derive.rank.scores import plain
from generator.derive.rank.wording import score_word
from generator.load.dataset import Dataset
from generator.model.policy import EvaluationPolicy, ListRule
from generator.model.vocabulary import PERIOD_KINDS, ROUNDINGS
from generator.render.plan import model_project_photo
from generator.render.web import ranking_tables as t
from generator.render.web.environment import environment
from generator.render.web.markdown_escape import md_cell, md_text
from generator.render.web.ranking_lists import list_heading, methodology_extras, objection_line, period_extras
from generator.views import paths
from generator.views.formatting import ratio
from generator.views.ranking import (Group, ListView, PeriodView, ResultRow, Words, groups_of, period_view,
                                     served_compounds)

INDEX = paths.RANKING
METHODOLOGY = paths.METHODOLOGY
MODEL_PROJECTS = paths.MODEL_PROJECTS

CYCLES = {**{kind: f"{words}一期" for kind, words in PERIOD_KINDS.items()}, "batch": "按批次"}
MISSING = {
    "error": "不允许缺评：缺少任一评价主体得分的考评表不予发布，须先补齐。",
    "zero": "缺少某评价主体得分时，该主体记 0 分，权重不变。",
    "reweight": "缺少某评价主体得分时，按其余评价主体的权重重新归一计算："
                "综合得分 =（各已评主体得分 × 权重之和）÷ 已评主体权重之和。",
}


def _render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def _company_name(ds: Dataset, company_id: str) -> Markup:
    rec = ds.companies.get(company_id)
    return md_text(rec.model.name if rec else company_id)


def _groups(view_groups: tuple[Group, ...]) -> list[dict[str, object]]:
    return [{"id": g.id, "name": md_cell(g.name), "weight": g.weight, "percent": g.percent} for g in view_groups]


def _words(words: Words) -> Markup:
    """A view's sentence: its data parts escaped, its fixed words and figures as they are."""
    return Markup("").join(md_text(text) if data else Markup(text) for text, data in words)


def _sheet_info(ds: Dataset, page: str, view: PeriodView) -> dict[str, object]:
    return {
        "id": view.id,
        "label": view.label,
        "title": view.title,
        "organiser": view.organiser,
        "published_on": view.published_on.isoformat(),
        "aggregation": view.aggregation,
        "n": view.n,
        "page": paths.link(page, paths.ranking_period(view.id)),
        "pdf": t.pdf_link(ds, view.id),
    }


def _policy_common(ds: Dataset) -> dict[str, object]:
    assert ds.city is not None
    policy = ds.city.model.evaluation_policy
    return {
        "city": ds.city.model.name,
        "version": policy.version,
        "red_name": md_text(policy.red_list_name),
        "bad_name": md_text(policy.bad_list_name),
        **_lists_names(policy),
        "groups": _groups(groups_of(policy)),
        "decimals": policy.score_decimals,
        "flag": policy.consecutive_bad_flag,
        "grade_names": Markup("、".join(md_text(g.name) for g in policy.grades)),
        "score_word": score_word(policy),
        "ranked": policy.publish == "ranks",
        "publish": policy.publish,
    }


def _lists_names(policy: EvaluationPolicy) -> dict[str, Markup]:
    """The lists as titles and sentences name them: ``红榜黑榜`` / ``红榜和黑榜`` by default, else
    the city's own (``白名单、黑名单`` / ``白名单和黑名单``)."""
    names = [s.name for s in policy.list_specs()]
    if policy.list_rule is not None or not policy.lists:
        names = [policy.red_list_name, policy.bad_list_name]
        title = md_text("".join(names))
    else:
        title = md_text("、".join(names))
    joined = "、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else names[0]
    return {"lists_title": title, "lists_and": md_text(joined)}


def _index(ds: Dataset, views: list[PeriodView]) -> str:
    page = INDEX
    context = _policy_common(ds)
    context.update(methodology=paths.link(page, METHODOLOGY), latest=None, periods_table=None)
    if views:
        latest = views[-1]
        context["latest"] = {
            **_sheet_info(ds, page, latest),
            "lists": [_list(ds, page, latest, x) for x in latest.lists] if latest.scored else [],
            **period_extras(ds, latest),
        }
        context["periods_table"] = t.periods_table(ds, list(reversed(views)))
    return _render("ranking/index.md.j2", **context)


def _list(ds: Dataset, page: str, view: PeriodView, x: ListView) -> dict[str, object]:
    """A computed list on the index: heading, how its count was reached, its table, and for
    a list that is not a good one its streaks and the rectifications of its members."""
    rows = [t.row(ds, page, r) for r in x.rows]
    warn = x.tone != "good"
    return {"heading": list_heading(x), "name": md_text(x.name), "quota": _words(x.quota),
            "table": t.list_table(rows, x.name, warn, view.score_word, view.ranked) if rows else None,
            "rectified": [r for r in rows if r["rectification_text"]] if warn else []}


def _period(ds: Dataset, view: PeriodView, missing_rule: str, formula: Markup | None) -> str:
    page = paths.ranking_period(view.id)
    rows = [t.row(ds, page, r) for r in view.listed]
    rectifications = [row for row in rows if row["rectification"]]
    context = _policy_common(ds)
    context.update(
        sheet=_sheet_info(ds, page, view),
        quotas=[_words(x.quota) for x in view.lists],
        rows=rows,
        formula=formula,
        scores_table=t.scores_table(rows, view.groups, view.score_word, view.ranked) if view.rows else None,
        rectification_table=t.rectification_table(rectifications) if rectifications else None,
        ties=[md_text(tie) for tie in view.ties],
        methodology=paths.link(page, METHODOLOGY),
        index=paths.link(page, INDEX),
        missing_rule=missing_rule,
        has_missing=any(r.missing for r in view.rows),
        **period_extras(ds, view),
    )
    return _render("ranking/period.md.j2", **context)


def _ratio_examples(rule: ListRule, rankings: list[PeriodRanking]) -> list[dict[str, int]]:
    assert rule.red_ratio is not None and rule.bad_ratio is not None
    sizes = {9, 10, 35} | ({len(rankings[-1].results)} if rankings and rankings[-1].scored else set())
    examples = []
    for n in sorted(sizes):
        red = min(quota(rule.red_ratio, n, rule.rounding), n)
        examples.append({"n": n, "red": red, "bad": min(quota(rule.bad_ratio, n, rule.rounding), n - red)})
    return examples


def _grade_rows(policy: EvaluationPolicy) -> list[dict[str, object]]:
    names = {g.id: g.name for g in policy.rater_groups}
    scored = [g for g in policy.grades if not g.missing]
    rows: list[dict[str, object]] = []
    for i, g in enumerate(scored):
        above = scored[i - 1].min_score if i else None
        rows.append({"name": md_cell(g.name), "min": plain(g.min_score) if g.min_score is not None else None,
                     "max": plain(above) if above is not None and above != g.min_score else None,
                     "unless": md_text("、".join(names[u] for u in g.unless)) if g.unless else None, "missing": False})
    return rows + [{"name": md_cell(g.name), "min": None, "max": None, "unless": None, "missing": True}
                   for g in policy.grades if g.missing]


def _methodology(ds: Dataset, rankings: list[PeriodRanking]) -> str:
    assert ds.city is not None
    policy = ds.city.model.evaluation_policy
    rule = policy.list_rule
    context = _policy_common(ds)
    context.update(
        cycle=CYCLES[policy.cycle],
        max_score=plain(policy.max_score),
        rule=rule if rule is not None else {"kind": "lists"},
        red_percent=ratio(rule.red_ratio) if rule is not None and rule.red_ratio is not None else "",
        bad_percent=ratio(rule.bad_ratio) if rule is not None and rule.bad_ratio is not None else "",
        rounding=ROUNDINGS[rule.rounding] if rule is not None else "",
        ratio_examples=_ratio_examples(rule, rankings) if rule is not None and rule.kind == "ratio" else [],
        red_grades=Markup("、".join(md_text(g) for g in rule.red_grades)) if rule is not None else "",
        bad_grades=Markup("、".join(md_text(g) for g in rule.bad_grades)) if rule is not None else "",
        grades=_grade_rows(policy),
        missing_rule=MISSING[policy.missing_group],
        tie_break=[g.name for t in policy.tie_break for g in policy.rater_groups if g.id == t],
        consequences=list(policy.consequences),
        index=paths.link(METHODOLOGY, INDEX),
        **methodology_extras(policy),
    )
    return _render("ranking/methodology.md.j2", **context)


Result = tuple[PeriodView, ResultRow, dict[str, object]]


def _results(ds: Dataset, page: str, items: list[tuple[PeriodRanking, CompanyResult]],
             views: Mapping[str, PeriodView]) -> list[Result]:
    """Each period's view (from ``views``, by period id), the company's row in it and that row
    laid out, oldest first."""
    out = []
    for ranking, r in items:
        view = views[ranking.period.id]
        result = next((x for x in view.listed if x.company_id == r.company), None)
        if result is None:
            continue  # the city publishes counts per grade only, and the company is on no list
        row = t.row(ds, page, result)
        row.update(period=view.label, period_link=paths.link(page, paths.ranking_period(view.id)),
                   period_a=t.a(ds, paths.ranking_period(view.id), view.label), n=view.n,
                   objection=objection_line(view))
        out.append((view, result, row))
    return out


def _latest(results: list[Result]) -> dict[str, object] | None:
    if not results:
        return None
    view, result, row = results[-1]
    return {**row, "grade_text": md_text(result.grade) if result.grade else None, "on_list": result.list is not None,
            "parts_table": t.parts_table(view.groups, row) if view.ranked else None, "ranked": view.ranked,
            "graded": view.publish == "grades"}


def _company(ds: Dataset, rankings: list[PeriodRanking], company_id: str, views: Mapping[str, PeriodView]) -> str:
    page = paths.company_page(company_id)
    rec = ds.companies.get(company_id)
    served = served_compounds(ds).get(company_id, [])
    results = _results(ds, page, history(rankings, company_id), views)
    context = _policy_common(ds)
    context.update(
        name=_company_name(ds, company_id),
        grade=rec.model.grade if rec and rec.model.grade else None,
        compounds=Markup("、".join(t.compound_link(ds, page, c.id) for c in served)),
        latest=_latest(results),
        history_table=t.history_table([row for _, _, row in reversed(results)], True, *_words_of(ds)),
        methodology=paths.link(page, METHODOLOGY),
        index=paths.link(page, INDEX),
    )
    return _render("ranking/company.md.j2", **context)


def oversight_section(ds: Dataset, rankings: list[PeriodRanking], company_id: str, views: Mapping[str, PeriodView],
                      page: str = paths.item_page("_", "oversight")) -> str:
    """Markdown fragment for a compound's oversight page: the company's latest result (score
    parts and arithmetic) and its history. ``views``: every period's view by id
    (:attr:`generator.views.site.Views.periods`). ``page`` is the docs path of the embedding page
    (links are relative to it); the default stands for any ``compounds/<id>/oversight.md``."""
    results = _results(ds, page, history(rankings, company_id), views)
    context = _policy_common(ds) if ds.city is not None else {}
    context.update(
        name=_company_name(ds, company_id),
        company=paths.link(page, paths.company_page(company_id)),
        latest=_latest(results),
        history_table=t.history_table([row for _, _, row in reversed(results)], False, *_words_of(ds)),
        methodology=paths.link(page, METHODOLOGY),
    )
    return _render("ranking/oversight.md.j2", **context)


def _words_of(ds: Dataset) -> tuple[str, bool, bool]:
    """The city's score word, whether it publishes ranks and whether grades (a company's history)."""
    policy = ds.city.model.evaluation_policy if ds.city is not None else None
    if policy is None:
        return "综合得分", True, True
    return score_word(policy), policy.publish == "ranks", policy.publish != "counts"


def _model_projects(ds: Dataset, rankings: list[PeriodRanking]) -> str:
    page = MODEL_PROJECTS
    rated = {r.company for p in rankings for r in p.results}
    projects = []
    for pid, loaded in sorted(ds.model_projects.items(), key=lambda kv: (-kv[1].model.year, kv[0])):
        p = loaded.model
        company: Markup | None = None
        if p.company:
            name = ds.companies[p.company].model.name if p.company in ds.companies else p.company
            company = t.company_link(ds, page, p.company, name) if p.company in rated else md_text(name)
        projects.append({
            "id": pid,
            "title": p.title,
            "year": p.year,
            "compound": t.compound_link(ds, page, p.compound),
            "company": company,
            "reason": p.reason,
            "highlights": list(p.highlights),
            "photos": [{"src": paths.link(page, quote(paths.model_project_photo(ph.file))), "caption": ph.caption}
                       for ph in p.photos if model_project_photo(ds, ph.file) is not None],
        })
    city = ds.city.model.name if ds.city is not None else ""
    return _render("model_projects/index.md.j2", city=city, projects=projects)


def ranking_pages(ds: Dataset, rankings: list[PeriodRanking]) -> dict[str, str]:
    """Every ranking and model-project page, keyed by docs-relative path."""
    if ds.city is None:
        return {}
    views = [period_view(ds, ranking) for ranking in rankings]
    pages = {INDEX: _index(ds, views), METHODOLOGY: _methodology(ds, rankings)}
    formula = methodology_extras(ds.city.model.evaluation_policy)["formula"]
    assert formula is None or isinstance(formula, Markup)
    for ranking, view in zip(rankings, views):
        pages[paths.ranking_period(view.id)] = _period(ds, view, MISSING[ranking.policy.missing_group], formula)
    for company_id in sorted({r.company for p in rankings for r in p.results}):
        pages[paths.company_page(company_id)] = _company(ds, rankings, company_id, {v.id: v for v in views})
    pages[MODEL_PROJECTS] = _model_projects(ds, rankings)
    return dict(sorted(pages.items()))
