"""Ranking pages, the parts beyond one computed 红榜 and 黑榜: the city's own lists and their
rules, lists by decision, grade counts, flags, reasons in plain words and where objections go.

Contract: pure; every function returns escaped Markdown/HTML (:class:`~markupsafe.Markup`)
or template context for :mod:`generator.render.web.ranking`. What a period says (lists,
counts, reasons, decisions, the body objections go to) comes from its view
(:mod:`generator.views.ranking`); the standing rules of the methodology page from
:mod:`generator.derive.rank.wording`. Names, reasons, bodies and document numbers come from
the data and are escaped here. Lists by decision are shown as the notice gave them: members,
reasons, the deciding body, its document number and date, and how many the notice counts
without naming; never a score or a rank.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.derive.rank.wording import flag_sentence, rule_sentence, weight_formula
from generator.load.dataset import Dataset
from generator.model.policy import EvaluationPolicy, ListSpec
from generator.model.vocabulary import PUBLISH_FORMS, SCORING_MODELS
from generator.render.web.environment import phone_link
from generator.render.web.markdown_escape import html_attr, md_text
from generator.render.web.tables import Col, html_table, link as html_link
from generator.views import paths
from generator.views.ranking import DecidedMemberView, DecidedView, ListView, PeriodView

CYCLE_WORDS = {"month": "每月一期", "batch": "按批次公布，每批一期（如 2026-B2 为 2026 年第二批）"}


def badge(name: str, colour: str) -> Markup:
    """A list's name in its colour, always in words (colour is never the only cue)."""
    return Markup(f'<span class="list-badge" style="color:{html_attr(colour)};font-weight:bold">'
                  f"{md_text(name)}</span>")


def list_heading(x: ListView) -> Markup:
    """The default 红榜/黑榜 by name (as before); a city's own list in its colour."""
    return md_text(x.name) if x.default else badge(x.name, x.colour)


def methodology_extras(policy: EvaluationPolicy) -> dict[str, object]:
    """Context for the methodology page: the scoring model, every list beyond the default two
    with its rule, colour and consequences, the flag rules and the publication form."""
    _, divisor = policy.weight_terms()
    legacy_formula = policy.scoring == "weighted" and divisor == 1 and policy.weights is None
    default_ids = {"red", "bad"} if policy.list_rule is not None or not policy.lists else set()
    return {
        "scoring": SCORING_MODELS[policy.scoring],
        "formula": None if legacy_formula else Markup(weight_formula(policy, md_text)),
        "points": policy.scoring == "points",
        "extra_lists": [{"name": _spec_badge(s), "rule": Markup(rule_sentence(policy, s, md_text)),
                         "consequences": [md_text(c) for c in s.consequences]}
                        for s in policy.list_specs() if s.id not in default_ids],
        "flag_rules": [Markup(flag_sentence(policy, f, md_text)) for f in policy.flags],
        "publish": PUBLISH_FORMS[policy.publish] if policy.publish != "ranks" else None,
        "cycle_words": CYCLE_WORDS.get(policy.cycle),
    }


def _spec_badge(spec: ListSpec) -> Markup:
    return badge(spec.name, spec.colour)


def _member_cells(ds: Dataset, decided: DecidedView, m: DecidedMemberView) -> list[object]:
    cells: list[object] = []
    if decided.kind != "company":
        compound: object = m.compound_name or "—"
        if m.compound_id and m.compound_id in ds.compounds and ds.city is not None:
            url = paths.absolute_url(ds.city.model.base_url(), paths.compound_home(m.compound_id))
            compound = html_link(url, m.compound_name or m.compound_id)
        cells.append(compound)
    return cells + [m.company_name, m.reason]


def decided_table(ds: Dataset, decided: DecidedView) -> Markup:
    """The members as the notice names them: (compound,) company, reason."""
    cols = ([Col("小区", key=True)] if decided.kind != "company" else []) + [
        Col("物业服务企业", key=True), Col("列入原因", key=True)]
    return html_table(cols, [_member_cells(ds, decided, m) for m in decided.members], caption=decided.name)


def decided_section(ds: Dataset, view: PeriodView, level: str = "##") -> Markup:
    """Every list by decision of the period: heading, who decided, the members, the count,
    and where objections go."""
    out: list[str] = []
    for decided in view.decided:
        basis = f"，{decided.basis}" if decided.basis else ""
        lines = [f"{level} {md_text(decided.name)}（按决定公布）", "",
                 badge(decided.name, decided.colour) + md_text(f"：{decided.count}。{decided.issued_by}{basis}。")
                 + Markup("本榜单不计分、不排名次。"), ""]
        if decided.members:
            lines += [decided_table(ds, decided), ""]
        if decided.unnamed:
            lines += [md_text(f"另有 {decided.unnamed} 个对象公告未列名称，本平台不予推测。"), ""]
        lines += [to_body("对本榜单有异议的，向", decided.body, decided.phone), ""]
        out += [str(x) for x in lines]
    return Markup("\n".join(out).rstrip("\n"))


def grade_counts(view: PeriodView) -> Markup:
    """``AAA 2 家、AA 1 家、A 1 家``: the form a city that publishes counts per grade uses."""
    return Markup("、".join(f"{md_text(name)} {count} 家" for name, count in view.grade_counts))


def to_body(lead: str, body: str, phone: str | None) -> Markup:
    """``{lead}{body}（电话 <tel: link>）提出。``: phones are always callable links."""
    tel = Markup("（电话 ") + phone_link(phone) + Markup("）") if phone else Markup("")
    return md_text(lead + body) + tel + Markup("提出。")


def objection_line(view: PeriodView) -> Markup:
    """Objections about a computed list go to the body that issued it."""
    return to_body("对本期榜单有异议的，向发布单位", view.organiser, view.organiser_phone)


def period_extras(ds: Dataset, view: PeriodView) -> dict[str, object]:
    """Context every page of a period adds: its lists by decision, where objections go, and
    the grade counts when the city publishes grades or counts."""
    return {"decided": decided_section(ds, view), "objection": objection_line(view),
            "publish_form": view.publish,
            "grade_counts": grade_counts(view) if view.publish != "ranks" and view.grade_counts else None}
