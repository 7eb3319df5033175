"""Ranking pages: current lists, one page per period, methodology, company histories,
model projects, and the fragment a compound's oversight page embeds.

Contract: pure. :func:`ranking_pages` returns ``{docs-relative path: Markdown}``;
(model-project photos are assets of the site plan, :mod:`generator.render.plan`)
for the writer to copy; :func:`oversight_section` returns a Markdown fragment.

Escaping: templates (``templates/ranking/``, ``templates/model_projects/``) are rendered in
the shared environment (:mod:`generator.render.web.environment`), which escapes every value that
is not already :class:`~markupsafe.Markup`. Values from data are passed raw or escaped here
with :func:`md_text` / :func:`md_cell`; only Markdown built here from escaped parts (links,
sentences) and the arithmetic (digits and operators only) are passed as ``Markup``.
Links are relative to the page and point at ``.md`` files so the engine checks them; PDFs (made
by the PDF stage, which no engine sees) are absolute under ``site_url`` (:func:`paths.absolute_url`).
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from markupsafe import Markup

from generator.load.dataset import Dataset
from generator.model.city import EvaluationPolicy, ListRule, ListSpec
from generator.derive.rank import CompanyResult, PeriodRanking, history
from generator.derive.rank.lists import ROUNDING_LABELS, quota
from generator.derive.rank.wording import quota_sentence, score_word, why_lines
from generator.render.web.ranking_lists import badge, methodology_extras, objection_line, period_extras
from generator.derive.rank.scores import fixed, plain
from generator.render import paths
from generator.render.plan import model_project_photo
from generator.render.web.environment import environment
from generator.render.web.markdown_escape import html_attr, md_cell, md_text
from generator.render.web.tables import Col, html_table, link as html_link

INDEX = paths.RANKING
METHODOLOGY = paths.METHODOLOGY
MODEL_PROJECTS = paths.MODEL_PROJECTS

CYCLES = {"quarter": "每季度一期", "half_year": "每半年一期", "year": "每年一期"}
AGGREGATION = {"sum": "各维度得分相加", "mean": "各维度得分取平均"}
MISSING = {
    "error": "不允许缺评：缺少任一评价主体得分的考评表不予发布，须先补齐。",
    "zero": "缺少某评价主体得分时，该主体记 0 分，权重不变。",
    "reweight": "缺少某评价主体得分时，按其余评价主体的权重重新归一计算："
                "综合得分 =（各已评主体得分 × 权重之和）÷ 已评主体权重之和。",
}


def _render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def _pdf_link(ds: Dataset, period_id: str, text: str = "下载本期榜单 PDF") -> Markup:
    assert ds.city is not None
    url = paths.absolute_url(ds.city.model.base_url(), paths.ranking_pdf(period_id))
    return Markup(f'<a href="{html_attr(url)}">{text}</a>')


def _company_name(ds: Dataset, company_id: str) -> Markup:
    rec = ds.companies.get(company_id)
    return md_text(rec.model.name if rec else company_id)


def _company_link(ds: Dataset, page: str, company_id: str, short: bool = False) -> Markup:
    rec = ds.companies.get(company_id)
    name = md_text(rec.model.display_name) if short and rec else _company_name(ds, company_id)
    return Markup(f"[{name}]({paths.link(page, paths.company_page(company_id))})")


def _a(ds: Dataset, target: str, text: object) -> Markup:
    """A raw-HTML link (inside an HTML table) to the docs page ``target``: absolute under
    ``site_url`` like every raw-HTML link (:func:`generator.render.paths.absolute_url`)."""
    assert ds.city is not None
    return html_link(paths.absolute_url(ds.city.model.base_url(), target), text)


def _company_a(ds: Dataset, company_id: str, short: bool = False) -> Markup:
    rec = ds.companies.get(company_id)
    name = (rec.model.display_name if short else rec.model.name) if rec else company_id
    return _a(ds, paths.company_page(company_id), name)


def _compound_link(ds: Dataset, page: str, compound_id: str) -> Markup:
    rec = ds.compounds.get(compound_id)
    if rec is None:
        return md_text(compound_id)
    return Markup(f"[{md_text(rec.model.name)}]({paths.link(page, paths.compound_home(compound_id))})")


_SERVED: dict[int, tuple[object, dict[str, list[str]]]] = {}


def served_compounds(ds: Dataset) -> dict[str, list[str]]:
    """Company id -> ids of the compounds it serves, by compound name (computed once per dataset)."""
    cached = _SERVED.get(id(ds))
    if cached is None or cached[0] is not ds.compounds:
        index: dict[str, list[str]] = {}
        for cid, c in sorted(ds.compounds.items(), key=lambda kv: (kv[1].model.name, kv[0])):
            if c.model.company:
                index.setdefault(c.model.company, []).append(cid)
        _SERVED.clear()
        cached = _SERVED[id(ds)] = (ds.compounds, index)
    return cached[1]


def _served(ds: Dataset, company_id: str) -> Markup:
    """Links (raw HTML, for tables) to the compounds the company serves: residents know their
    compound, not the company's legal name; ``—`` when the data lists none."""
    served = served_compounds(ds).get(company_id, [])
    return Markup("、").join(_a(ds, paths.compound_home(cid), ds.compounds[cid].model.name)
                            for cid in served) if served else Markup("—")


def _percent(ratio: Decimal) -> str:
    return plain(ratio * 100) + "%"


def _change(value: int | None) -> str:
    if value is None:
        return "—"
    return "持平" if value == 0 else (f"↑{value}" if value > 0 else f"↓{-value}")


def _list_name(policy: EvaluationPolicy, result: CompanyResult) -> Markup:
    if result.list == "red":
        return md_text(policy.red_list_name)
    if result.list == "bad":
        return md_text(policy.bad_list_name)
    return Markup("—")


def _streak(policy: EvaluationPolicy, result: CompanyResult) -> Markup:
    if result.consecutive_bad < 2:
        return Markup("")
    mark = "⚠ " if result.flagged else ""
    return Markup(f"{mark}连续 {result.consecutive_bad} 期上{md_text(policy.bad_list_name)}")


def _quota_text(ranking: PeriodRanking) -> dict[str, Markup]:
    """How this period's quotas were reached, by list id."""
    policy, n = ranking.policy, len(ranking.results)
    return {spec.id: Markup(_legacy_unset(policy, spec) or quota_sentence(policy, spec, n, ranking.quotas.get(spec.id, 0),
                                                                          md_text))
            for spec in policy.list_specs()}


def _legacy_unset(policy: EvaluationPolicy, spec: ListSpec) -> str | None:
    """A default list the ``list_rule`` leaves out (grades for one side only) is 不设."""
    if spec.rule is None and policy.list_rule is not None and spec.id in ("red", "bad"):
        return f"{md_text(spec.name)}：不设"
    return None


def _groups(policy: EvaluationPolicy) -> list[dict[str, object]]:
    terms, divisor = policy.weight_terms()
    return [{"id": g.id, "name": md_cell(g.name), "weight": t.label, "percent": _percent(t.factor / divisor)}
            for g, t in zip(policy.rater_groups, terms)]


def _row(ds: Dataset, page: str, ranking: PeriodRanking, r: CompanyResult) -> dict[str, object]:
    policy = ranking.policy
    d = policy.score_decimals
    return {
        "rank": r.rank,
        "company": _company_link(ds, page, r.company),
        "company_a": _company_a(ds, r.company),
        "company_short_a": _company_a(ds, r.company, short=True),
        "name": _company_name(ds, r.company),
        "scores": [fixed(r.group_scores[g.id], d) if g.id in r.group_scores else "缺评" for g in policy.rater_groups],
        "composite": fixed(r.composite, d),
        "grade": md_cell(r.grade),
        "list": _list_name(policy, r),
        "streak": _streak(policy, r),
        "change": _change(r.rank_change),
        # digits, operators and fixed words only (built by generator.derive.rank.scores)
        "explanation": Markup(r.explanation),
        "missing": Markup("、".join(md_text(g.name) for g in policy.rater_groups if g.id in r.missing_groups)),
        "details": [{"group": md_text(g.name), "text": md_text(r.group_details[g.id])}
                    for g in policy.rater_groups if g.id in r.group_details],
        "reason": md_cell(r.reason) if r.reason else Markup("—"),
        "why": [md_text(line) for line in why_lines(ranking, r)],
        "rectification": md_cell(r.rectification) if r.rectification else None,
        "rectification_text": md_text(r.rectification) if r.rectification else None,
        "compounds": _served(ds, r.company),
    }


def _with_streak(row: dict[str, object]) -> Markup:
    return Markup(row["list"]) + (Markup("（") + Markup(row["streak"]) + Markup("）") if row["streak"] else Markup(""))


def list_table(rows: list[dict[str, object]], name: Markup, bad: bool) -> Markup:
    """The companies on the red (or bad) list: rank, company, the compounds it serves, score."""
    cols = [Col("名次", "right"), Col("企业", key=True), Col("服务小区", key=True), Col("综合得分", "right", key=True),
            Col("等级"), Col("名次变化")] + ([Col("连续上榜")] if bad else []) + [Col("列入原因", key=True)]
    body = [[str(r["rank"]), r["company_a"], r["compounds"], r["composite"], r["grade"], r["change"]]
            + ([r["streak"] or "—"] if bad else []) + [r["reason"]] for r in rows]
    return html_table(cols, body, caption=f"本期{name}", row_header=1)


def periods_table(periods: list[dict[str, object]], red: Markup, bad: Markup) -> Markup:
    cols = [Col("期间", key=True), Col("发布日期"), Col("参评企业", "right"), Col(str(red), "right", key=True),
            Col(str(bad), "right", key=True), Col("榜单 PDF")]
    body = [[p["page_a"], p["published_on"], str(p["n"]), str(p["red"]), str(p["bad"]), p["pdf_short"]] for p in periods]
    return html_table(cols, body, caption="历次考评")


def _scores(row: dict[str, object]) -> list[str]:
    """A row's group scores as :func:`_row` made them (one text per rater group)."""
    scores = row["scores"]
    assert isinstance(scores, list), scores
    return scores


def scores_table(rows: list[dict[str, object]], groups: list[dict[str, object]]) -> Markup:
    """Every company of a period: rank, company, compounds, each group's score, composite, list."""
    cols = [Col("名次", "right", key=True), Col("企业", key=True), Col("服务小区", key=True),
            *(Col(f"{g['name']}（×{g['weight']}）", "right") for g in groups),
            Col("综合得分", "right", key=True), Col("等级"), Col("榜单", key=True), Col("名次变化")]
    body = [[str(r["rank"]), r["company_short_a"], r["compounds"], *_scores(r), r["composite"], r["grade"],
             _with_streak(r), r["change"]] for r in rows]
    return html_table(cols, body, caption="得分与名次", row_header=1)


def rectification_table(rows: list[dict[str, object]]) -> Markup:
    cols = [Col("企业", key=True), Col("榜单"), Col("整改情况", key=True)]
    return html_table(cols, [[r["company_a"], r["list"], r["rectification"]] for r in rows], caption="整改情况")


def parts_table(parts: list[dict[str, object]]) -> Markup:
    cols = [Col("评价主体", key=True), Col("权重", "right"), Col("得分", "right", key=True)]
    return html_table(cols, [[p["name"], p["weight"], p["score"]] for p in parts], caption="各评价主体得分")


def history_table(history: list[dict[str, object]], full: bool) -> Markup:
    """A company's results period by period; ``full`` adds the grade and the rectification."""
    cols = [Col("期间", key=True), Col("名次", "right", key=True), Col("综合得分", "right")] \
        + ([Col("等级")] if full else []) + [Col("榜单", key=True), Col("名次变化")] \
        + ([Col("整改情况")] if full else [])
    body = [[r["period_a"], f"{r['rank']}/{r['n']}", r["composite"]] + ([r["grade"]] if full else [])
            + [_with_streak(r), r["change"]] + ([r["rectification"] or "—"] if full else []) for r in history]
    return html_table(cols, body, caption="历次考评")


def _sheet_info(ds: Dataset, page: str, ranking: PeriodRanking) -> dict[str, object]:
    sheet = ranking.sheet
    return {
        "id": ranking.period.id,
        "label": ranking.period.label,
        "title": sheet.title or f"{ranking.period.label}物业服务企业考评结果",
        "organiser": sheet.organiser,
        "published_on": sheet.published_on.isoformat(),
        "aggregation": AGGREGATION[sheet.dimension_aggregation],
        "n": len(ranking.results),
        "red": ranking.red_quota,
        "bad": ranking.bad_quota,
        "page": paths.link(page, paths.ranking_period(ranking.period.id)),
        "page_a": _a(ds, paths.ranking_period(ranking.period.id), ranking.period.label),
        "pdf": _pdf_link(ds, ranking.period.id),
        "pdf_short": _pdf_link(ds, ranking.period.id, "PDF"),
    }


def _ties(ds: Dataset, ranking: PeriodRanking) -> list[Markup]:
    """One sentence per set of equal composites, in the strict order the tie-break gave them."""
    by_rank: dict[int, list[CompanyResult]] = {}
    for r in ranking.results:
        by_rank.setdefault(r.rank, []).append(r)
    out = []
    for rank, same in sorted(by_rank.items()):
        if len(same) > 1:
            names = "、".join(_company_name(ds, r.company) for r in same)
            score = fixed(same[0].composite, ranking.policy.score_decimals)
            out.append(Markup(f"第 {rank} 名并列（综合得分 {score}）：{names}。"
                              f"计算榜单名额时按并列排序规则依次排列为上述顺序。"))
    return out


def _policy_common(ds: Dataset) -> dict[str, object]:
    assert ds.city is not None
    policy = ds.city.model.evaluation_policy
    return {
        "city": ds.city.model.name,
        "version": policy.version,
        "red_name": md_text(policy.red_list_name),
        "bad_name": md_text(policy.bad_list_name),
        "groups": _groups(policy),
        "decimals": policy.score_decimals,
        "flag": policy.consecutive_bad_flag,
        "grade_names": Markup("、".join(md_text(g.name) for g in policy.grades)),
        "list_table": list_table, "periods_table": periods_table, "scores_table": scores_table,
        "rectification_table": rectification_table, "parts_table": parts_table, "history_table": history_table,
    }


def _index(ds: Dataset, rankings: list[PeriodRanking]) -> str:
    page = INDEX
    context = _policy_common(ds)
    context.update(methodology=paths.link(page, METHODOLOGY), latest=None, periods=[])
    if rankings:
        latest = rankings[-1]
        rows = [(_row(ds, page, latest, r), r) for r in latest.results]
        context["latest"] = {
            **_sheet_info(ds, page, latest),
            "red_rows": [row for row, r in rows if r.list == "red"],
            "bad_rows": [row for row, r in rows if r.list == "bad"],
            "quota": _quota_text(latest),
            **period_extras(ds, latest),
            "other_rows": [{"name": badge(s), "quota": _quota_text(latest)[s.id],
                            "rows": [row for row, r in rows if r.list == s.id]}
                           for s in latest.policy.list_specs() if s.id not in ("red", "bad") and s.rule is not None],
        }
        context["periods"] = [_sheet_info(ds, page, p) for p in reversed(rankings)]
    return _render("ranking/index.md.j2", **context)


def _period(ds: Dataset, ranking: PeriodRanking) -> str:
    page = paths.ranking_period(ranking.period.id)
    rows = [_row(ds, page, ranking, r) for r in ranking.results]
    context = _policy_common(ds)
    context.update(
        sheet=_sheet_info(ds, page, ranking),
        quota=_quota_text(ranking),
        rows=rows,
        rectifications=[row for row in rows if row["rectification"]],
        ties=_ties(ds, ranking),
        methodology=paths.link(page, METHODOLOGY),
        index=paths.link(page, INDEX),
        missing_rule=MISSING[ranking.policy.missing_group],
        has_missing=any(r.missing_groups for r in ranking.results),
        **period_extras(ds, ranking),
    )
    return _render("ranking/period.md.j2", **context)


def _ratio_examples(policy: EvaluationPolicy, rule: ListRule, rankings: list[PeriodRanking]) -> list[dict[str, int]]:
    assert rule.red_ratio is not None and rule.bad_ratio is not None
    sizes = {9, 10, 35} | ({len(rankings[-1].results)} if rankings else set())
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
    rows += [{"name": md_cell(g.name), "min": None, "max": None, "unless": None, "missing": True}
             for g in policy.grades if g.missing]
    return rows


def _methodology(ds: Dataset, rankings: list[PeriodRanking]) -> str:
    assert ds.city is not None
    policy = ds.city.model.evaluation_policy
    rule = policy.list_rule
    context = _policy_common(ds)
    context.update(
        cycle=CYCLES[policy.cycle],
        max_score=plain(policy.max_score),
        rule=rule if rule is not None else {"kind": "lists"},
        red_percent=_percent(rule.red_ratio) if rule is not None and rule.red_ratio is not None else "",
        bad_percent=_percent(rule.bad_ratio) if rule is not None and rule.bad_ratio is not None else "",
        rounding=ROUNDING_LABELS[rule.rounding] if rule is not None else "",
        ratio_examples=_ratio_examples(policy, rule, rankings) if rule is not None and rule.kind == "ratio" else [],
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


def _history_rows(ds: Dataset, page: str, items: list[tuple[PeriodRanking, CompanyResult]]) -> list[dict[str, object]]:
    rows = []
    for ranking, r in reversed(items):
        row = _row(ds, page, ranking, r)
        row.update(period=ranking.period.label, period_link=paths.link(page, paths.ranking_period(ranking.period.id)),
                   period_a=_a(ds, paths.ranking_period(ranking.period.id), ranking.period.label),
                   n=len(ranking.results))
        rows.append(row)
    return rows


def _latest(ds: Dataset, page: str, items: list[tuple[PeriodRanking, CompanyResult]]) -> dict[str, object] | None:
    if not items:
        return None
    ranking, r = items[-1]
    row = _row(ds, page, ranking, r)
    row.update(period=ranking.period.label, period_link=paths.link(page, paths.ranking_period(ranking.period.id)),
               n=len(ranking.results), grade_text=md_text(r.grade) if r.grade else None,
               on_list=r.list is not None, objection=objection_line(ranking),
               parts=[{"name": g["name"], "weight": g["weight"], "score": s}
                      for g, s in zip(_groups(ranking.policy), _scores(row))])
    return row


def _company(ds: Dataset, rankings: list[PeriodRanking], company_id: str) -> str:
    page = paths.company_page(company_id)
    rec = ds.companies.get(company_id)
    served = served_compounds(ds).get(company_id, [])
    items = history(rankings, company_id)
    context = _policy_common(ds)
    context.update(
        name=_company_name(ds, company_id),
        grade=rec.model.grade if rec and rec.model.grade else None,
        compounds=Markup("、".join(_compound_link(ds, page, c) for c in served)),
        latest=_latest(ds, page, items),
        history=_history_rows(ds, page, items),
        methodology=paths.link(page, METHODOLOGY),
        index=paths.link(page, INDEX),
    )
    return _render("ranking/company.md.j2", **context)


def oversight_section(ds: Dataset, rankings: list[PeriodRanking], company_id: str,
                      page: str = paths.item_page("_", "oversight")) -> str:
    """Markdown fragment for a compound's oversight page: the company's latest result (score
    parts and arithmetic) and its history. ``page`` is the docs path of the embedding page
    (links are relative to it); the default stands for any ``compounds/<id>/oversight.md``."""
    items = history(rankings, company_id)
    context = _policy_common(ds) if ds.city is not None else {}
    context.update(
        name=_company_name(ds, company_id),
        company=paths.link(page, paths.company_page(company_id)),
        latest=_latest(ds, page, items),
        history=_history_rows(ds, page, items),
        methodology=paths.link(page, METHODOLOGY),
    )
    return _render("ranking/oversight.md.j2", **context)


def _model_projects(ds: Dataset, rankings: list[PeriodRanking]) -> str:
    page = MODEL_PROJECTS
    rated = {r.company for p in rankings for r in p.results}
    projects = []
    for pid, loaded in sorted(ds.model_projects.items(), key=lambda kv: (-kv[1].model.year, kv[0])):
        p = loaded.model
        company: Markup | None = None
        if p.company:
            company = _company_link(ds, page, p.company) if p.company in rated else _company_name(ds, p.company)
        projects.append({
            "id": pid,
            "title": p.title,
            "year": p.year,
            "compound": _compound_link(ds, page, p.compound),
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
    pages = {INDEX: _index(ds, rankings), METHODOLOGY: _methodology(ds, rankings)}
    for ranking in rankings:
        pages[paths.ranking_period(ranking.period.id)] = _period(ds, ranking)
    for company_id in sorted({r.company for p in rankings for r in p.results}):
        pages[paths.company_page(company_id)] = _company(ds, rankings, company_id)
    pages[MODEL_PROJECTS] = _model_projects(ds, rankings)
    return dict(sorted(pages.items()))


def terminal_table(ds: Dataset, ranking: PeriodRanking) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the staff's pre-publication check (``python -m generator rank``):
    rank, company, each group score, composite, list, grade, change, flag. Plain text."""
    policy = ranking.policy
    d = policy.score_decimals
    terms, _ = policy.weight_terms()
    header = ["名次", "企业", *(f"{g.name}×{t.label}" for g, t in zip(policy.rater_groups, terms)),
              score_word(policy), "榜单", "等级", "名次变化", "标记"]
    names = {s.id: s.name for s in policy.list_specs()}
    rows = []
    for r in ranking.results:
        rec = ds.companies.get(r.company)
        flag = f"连续 {r.consecutive_bad} 期" if r.flagged else ""
        if r.missing_groups:
            flag = "、".join(filter(None, [flag, "缺评 " + ",".join(r.missing_groups)]))
        rows.append([
            str(r.rank),
            f"{rec.model.display_name if rec else r.company}（{r.company}）",
            *(fixed(r.group_scores[g.id], d) if g.id in r.group_scores else "缺评" for g in policy.rater_groups),
            fixed(r.composite, d),
            names.get(r.list or "", "—"),
            r.grade or "—",
            _change(r.rank_change),
            flag,
        ])
    return header, rows
