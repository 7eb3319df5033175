"""Ranking pages, the parts beyond one computed 红榜 and 黑榜: the city's own lists and their
rules, lists by decision, grade counts, flags, and reasons in plain words.

Contract: pure; every function returns escaped Markdown/HTML (:class:`~markupsafe.Markup`)
or template context for :mod:`generator.render.web.ranking`. Names, reasons, bodies and
document numbers come from the data and are escaped here; sentences come from
:mod:`generator.derive.rank.wording`. Lists by decision are shown as the notice gave them:
members, reasons, the deciding body, its document number and date, and how many the
notice counts without naming; never a score or a rank.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.derive.rank import DecidedList, PeriodRanking
from generator.derive.rank.wording import flag_sentence, rule_sentence, weight_formula
from generator.load.dataset import Dataset
from generator.model.policy import EvaluationPolicy, ListSpec
from generator.model.vocabulary import PUBLISH_FORMS, SCORING_MODELS
from generator.render import paths
from generator.render.web.environment import phone_link
from generator.render.web.markdown_escape import html_attr, md_text
from generator.render.web.tables import Col, html_table, link as html_link

NOT_GIVEN = "未注明"
CYCLE_WORDS = {"month": "每月一期", "batch": "按批次公布，每批一期（如 2026-B2 为 2026 年第二批）"}


def badge(spec: ListSpec) -> Markup:
    """The list's name in its colour, always in words (colour is never the only cue)."""
    return Markup(f'<span class="list-badge" style="color:{html_attr(spec.colour)};font-weight:bold">'
                  f"{md_text(spec.name)}</span>")


def methodology_extras(policy: EvaluationPolicy) -> dict[str, object]:
    """Context for the methodology page: the scoring model, every list with its rule, colour
    and consequences, the flag rules and the publication form."""
    terms, divisor = policy.weight_terms()
    legacy_formula = policy.scoring == "weighted" and divisor == 1 and policy.weights is None
    default_ids = {"red", "bad"} if policy.list_rule is not None or not policy.lists else set()
    return {
        "scoring": SCORING_MODELS[policy.scoring],
        "formula": None if legacy_formula else Markup(weight_formula(policy, md_text)),
        "points": policy.scoring == "points",
        "extra_lists": [{"name": badge(s), "rule": Markup(rule_sentence(policy, s, md_text)),
                         "consequences": [md_text(c) for c in s.consequences]}
                        for s in policy.list_specs() if s.id not in default_ids],
        "flag_rules": [Markup(flag_sentence(policy, f, md_text)) for f in policy.flags],
        "publish": PUBLISH_FORMS[policy.publish] if policy.publish != "ranks" else None,
        "cycle_words": CYCLE_WORDS.get(policy.cycle),
    }


def _member_cells(ds: Dataset, decided: DecidedList, i: int) -> list[object]:
    m = decided.members[i]
    company = m.company_name or NOT_GIVEN
    if m.company_id and m.company_id in ds.companies:
        company = md_text(company)
    cells: list[object] = []
    if decided.kind != "company":
        compound: object = m.compound_name or "—"
        if m.compound_id and m.compound_id in ds.compounds and ds.city is not None:
            url = paths.absolute_url(ds.city.model.base_url(), paths.compound_home(m.compound_id))
            compound = html_link(url, m.compound_name or m.compound_id)
        cells.append(compound)
    cells += [company, m.reason]
    return cells


def decided_table(ds: Dataset, decided: DecidedList) -> Markup:
    """The members as the notice names them: (compound,) company, reason."""
    cols = ([Col("小区", key=True)] if decided.kind != "company" else []) + [
        Col("物业服务企业", key=True), Col("列入原因", key=True)]
    rows = [_member_cells(ds, decided, i) for i in range(len(decided.members))]
    return html_table(cols, rows, caption=decided.spec.name)


def decided_section(ds: Dataset, ranking: PeriodRanking, level: str = "##") -> Markup:
    """Every list by decision of the period: heading, who decided, the members, the count,
    and where objections go."""
    out: list[str] = []
    for decided in ranking.decided:
        d = decided.decision
        head = f"{level} {md_text(decided.spec.name)}（按决定公布）"
        lines = [head, "", badge(decided.spec) + Markup(f"：{md_text(decided.count_text())}。"
                                                        f"{md_text(decided.issued_by())}"
                                                        + (f"，{md_text(d.basis)}" if d.basis else "") + "。"
                                                        "本榜单不计分、不排名次。"), ""]
        if decided.members:
            lines += [decided_table(ds, decided), ""]
        if decided.unnamed:
            lines += [md_text(f"另有 {decided.unnamed} 个对象公告未列名称，本平台不予推测。"), ""]
        lines += [_to_body("对本榜单有异议的，向", d.body, d.phone), ""]
        out += [str(x) for x in lines]
    return Markup("\n".join(out))


def grade_counts(ranking: PeriodRanking) -> Markup:
    """``AAA 2 家、AA 1 家、A 1 家``: the form a city that publishes counts per grade uses."""
    return Markup("、".join(f"{md_text(name)} {count} 家" for name, count in ranking.grade_counts()))


def _to_body(lead: str, body: str, phone: str | None) -> Markup:
    """``{lead}{body}（电话 <tel: link>）提出。``: phones are always callable links."""
    tel = Markup("（电话 ") + phone_link(phone) + Markup("）") if phone else Markup("")
    return md_text(lead + body) + tel + Markup("提出。")


def objection_line(ranking: PeriodRanking) -> Markup:
    """Objections about a computed list go to the body that issued it."""
    return _to_body("对本期榜单有异议的，向发布单位", ranking.sheet.organiser, ranking.sheet.organiser_phone)


def period_extras(ds: Dataset, ranking: PeriodRanking) -> dict[str, object]:
    """Context every page of a period adds: its lists by decision, where objections go, and
    the grade counts when the city publishes grades or counts."""
    publish = ranking.policy.publish
    return {"decided": decided_section(ds, ranking), "objection": objection_line(ranking),
            "publish_form": publish, "grade_counts": grade_counts(ranking) if publish != "ranks" else None}
