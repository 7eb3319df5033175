"""What residents ask first, answered in one line: per-item answers and a compound's key figures.

Contract: pure and format-neutral. :func:`item_answer` gives, for a shown item (published or
stale), one sentence answering what a resident opening that item wants to know (物业费多少、
公共收益去哪了…); :func:`key_figures` gives the compound's key figures (物业费 by building
type, 停车费, 公共收益归全体业主 with the balance, 本月公摊, 维修基金余额, the company's latest
red/black-list result), each with the item it comes from so a page can link to it, or a plain
word when the item is not shown (:func:`generator.views.status.not_shown`).

Answers are :class:`Answer` values: a tuple of :class:`Span` (plain text, a figure to
emphasise, or a phone number to make callable) that the web (``render/web/compound.py``) and
paper layouts place as they like; ``Answer.text`` is the plain sentence. Values come from
data and are *not* escaped here: a layout escapes them.

No second arithmetic: every figure is a value of the validated data or of the derivations
the item tables use (:func:`generator.derive.ledgers.quarterly_totals`, the ranking), and
is formatted with :mod:`generator.views.formatting` like the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from generator.views.status import not_shown
from generator.derive.ledgers import quarterly_totals
from generator.derive.notices import distribution_headline
from generator.derive.statements import fund_years, service_figures, utility_share
from generator.derive.rank import CompanyResult, PeriodRanking, history
from generator.derive.rank.wording import decided_lines, list_name, score_word
from generator.derive.status import ItemStatus
from generator.views.compound import CompoundView
from generator.model import disclosures as d
from generator.model.items import ITEMS
from generator.model.vocabulary import FUND_NOTICE_KINDS, NOT_STATED
from generator.views.fee_answers import FEE_TOPICS, fee_spans
from generator.views.formatting import day, money, percent, quantity
from generator.views.household import contact_spans, fee_example, per_household, use_spans
from generator.views.spans import Span, fig as _fig, join as _join, tel as _tel, text as _t



@dataclass(frozen=True)
class Answer:
    """One line: ``topic`` (what it is about, in residents' words) and the sentence's spans."""

    item_id: str
    topic: str
    spans: tuple[Span, ...]
    stale: bool = False
    """The figure comes from a notice that is overdue for an update."""
    shown: bool = True
    """False when the item is not shown (missing, not applicable, invalid): the spans say so."""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def latest_result(rankings: Sequence[PeriodRanking], company_id: str | None
                  ) -> tuple[PeriodRanking, CompanyResult] | None:
    """The company's result in the latest period that ranked it."""
    if not company_id:
        return None
    items = history(rankings, company_id)
    return items[-1] if items else None


def result_spans(ranking: PeriodRanking, result: CompanyResult) -> list[Span]:
    """``2026年上半年考评第 3 名（共 10 家），等级 AA，列入红榜``; as the city publishes
    (``publish``): with grades ``2026年上半年考评（共 10 家参评），等级 AA…``, with counts no grade."""
    policy = ranking.policy
    n = len(ranking.results)
    if policy.publish == "ranks":  # grades or counts: no rank (and with counts no grade) is published
        spans = [_t(f"{ranking.period.label}考评第 "), _fig(str(result.rank)), _t(f" 名（共 {n} 家）")]
    else:
        spans = [_t(f"{ranking.period.label}考评（共 {n} 家参评）")]
    if result.grade and policy.publish != "counts":
        spans += [_t("，等级 "), _fig(result.grade)]
    named = list_name(ranking, result.list)
    if named:
        spans += [_t("，列入"), _fig(named)]
        if result.reason:
            spans.append(_t(f"（{result.reason}）"))
    else:
        computed = [s.name for s in policy.list_specs() if s.rule is not None]
        spans.append(_t("，未列入" + ("或".join(computed) if len(computed) <= 2
                                        else "、".join(computed[:-1]) + "或" + computed[-1])))
        why = list_rules(ranking)
        if why:
            spans.append(_t(f"（{why}）"))
    spans += [_t("；" + line) for line in decided_lines(ranking, company_id=result.company)]
    return spans


def list_rules(ranking: PeriodRanking) -> str:
    """Why a company is on no computed list, in words: ``红榜为得分最高的 1 家，黑榜为得分最低的 1 家``
    (the counts of this period), ``红榜为等级 AAA``."""
    policy, word = ranking.policy, score_word(ranking.policy)
    out = []
    for spec in policy.list_specs():
        rule = spec.rule
        if rule is None:
            continue
        if rule.grades:
            out.append(f"{spec.name}为等级 " + "、".join(rule.grades))
        else:
            count = sum(1 for r in ranking.results if r.list == spec.id)
            out.append(f"{spec.name}为{word}{'最高' if rule.end == 'top' else '最低'}的 {count} 家")
    return "，".join(out)


# --- per item: the one-line answer ----------------------------------------------------------

def _company_profile(v: CompoundView) -> list[Span]:
    f = v.shown_file("company_profile", d.CompanyProfileFile)
    spans: list[Span] = []
    if v.company is not None:
        spans += [_t("物业服务企业："), _fig(v.company.name)]
    elif v.record.model.self_management is not None:
        sm = v.record.model.self_management
        spans += [_t("业主自治管理："), _fig(sm.organisation), _t("，电话 "), _tel(sm.phone)]
    pm = f.project_manager
    if pm is not None:
        spans += [_t("；项目经理 " if spans else "项目经理 "), _fig(pm.name), _t("，办公电话 "), _tel(pm.office_phone)]
    return spans


def _service_scope(v: CompoundView) -> list[Span]:
    f = v.shown_file("service_scope", d.ServiceScopeFile)
    rows = v.rows("service_scope")
    categories: list[str] = []
    for r in rows:
        if r.category not in categories:
            categories.append(r.category)
    spans: list[Span] = []
    if f.service_level:
        spans += [_t("服务等级 "), _fig(f.service_level), _t("；")]
    spans += [_t("共 "), _fig(str(len(rows))), _t(" 项服务")]
    if categories:
        spans.append(_t("：" + "、".join(categories)))
    return spans


def _fee_schedule(v: CompoundView) -> list[Span]:
    parts = [[_t(f"{topic} "), *fee] for kind, topic in FEE_TOPICS.items() if (fee := fee_spans(v, kind))]
    if not parts:
        return [_t(f"共 {len(v.rows('fee_schedule'))} 项收费，见下表")]
    return _join(parts)


def _complaint_channels(v: CompoundView) -> list[Span]:
    f = v.shown_file("complaint_channels", d.ComplaintChannelsFile)
    if f.phones is None:
        return [_t("报修和投诉的办理流程见下文")]
    p = f.phones
    return [_t("报修 "), _tel(p.repair), _t("，24 小时应急 "), _tel(p.emergency_24h), _t("，投诉 "), _tel(p.complaint)]


def _facility_maintenance(v: CompoundView) -> list[Span]:
    rows = v.rows("facility_maintenance")
    if not rows:
        return [_t("本期未列出设施维保记录")]
    overdue = [r for r in rows if r.next_inspection < v.as_of]
    soonest = min(rows, key=lambda r: (r.next_inspection, r.system))
    spans = [_t(f"{len(rows)} 项设施有维保单位；")]
    if overdue:
        names = "、".join(dict.fromkeys(r.system for r in overdue))
        return spans + [_fig(names), _t(" 已过下次检验日期")]
    return spans + [_t(f"最近一次到期检验：{soonest.system} "), _fig(day(soonest.next_inspection))]


def revenue_spans(v: CompoundView, topic: str = "公共收益", detail: bool = False) -> list[Span] | None:
    """``2026年第三季度公共收益归全体业主 x 元 · 累计结余 x 元（使用须经业主大会表决）``;
    ``topic=""`` leaves the word out (where a label says it already); ``detail`` (the key
    figures) adds what the quarter's money was spent on and the balance per household
    (:mod:`generator.views.household`)."""
    f = v.file_as("public_revenue", d.PublicRevenueFile)
    if f is None:
        return None
    rows = v.rows("public_revenue")
    totals = quarterly_totals(f, rows)
    latest = max(f.distributions, key=lambda x: x.period.end, default=None)
    if latest is not None and (not totals or latest.period.end >= totals[-1].period.end):
        # The period's headline says what happened in it: a payout, not a quarter's net income.
        return [_t(f"{latest.period.label}{topic}"), _fig(distribution_headline(latest))]
    if not totals:
        return None
    last = totals[-1]
    decided = f.uses_decided_by or "业主共同决定"
    balance = money(last.closing_balance) if last.closing_balance is not None else NOT_STATED
    unit = " 元" if last.closing_balance is not None else ""
    if detail:
        middle = [_t(" 元"), *use_spans(last, rows), _t(" · 累计结余 ")]
        end = [_t(unit), *per_household(v.record.model, last.closing_balance), _t(f"（使用须经{decided}表决）")]
    else:  # the item's answer (its sheet and stamp): one text span each side of the balance
        middle, end = [_t(" 元 · 累计结余 ")], [_t(f"{unit}（使用须经{decided}表决）")]
    return [_t(f"{last.period.label}{topic}归全体业主 "), _fig(money(last.net_to_owners)), *middle, _fig(balance), *end]


def _public_revenue(v: CompoundView) -> list[Span]:
    return revenue_spans(v) or [_t("本期没有公共收益收支")]


def _parking(v: CompoundView) -> list[Span]:
    parts = []
    for r in v.rows("parking"):
        spans = [_t(f"{r.type}车位（{r.ownership}）"), _fig(quantity(r.total)), _t(f" 个，空置 {quantity(r.vacant)} 个")]
        if r.monthly_fee is not None:
            spans += [_t("，月租 "), _fig(money(r.monthly_fee)), _t(" 元")]
        parts.append(spans)
    return _join(parts) if parts else [_t("本期没有车位记录")]


def _service_accounts(v: CompoundView) -> list[Span]:
    f = v.shown_file("service_accounts", d.ServiceAccountsFile)
    spans: list[Span] = []
    if f.income is not None:
        i = f.income
        spans += [_t("物业费收缴率 "), _fig(percent(i.received, i.receivable)),
                  _t(f"（实收 {money(i.received)} 元 / 应收 {money(i.receivable)} 元）")]
    surplus = service_figures(f).surplus
    if surplus is not None:
        spans += [_t("；" if spans else ""), _t("结余 " if surplus >= 0 else "亏损 "),
                  _fig(money(abs(surplus))), _t(" 元")]
    return spans or [_t("收支明细见下文")]


def fund_spans(v: CompoundView) -> list[Span] | None:
    """Each fund unit's latest year-end balance (units are never summed)."""
    f = v.file_as("maintenance_fund", d.MaintenanceFundFile)
    if f is None or not f.years:
        return None
    years = fund_years(f, v.rows("maintenance_fund"))
    last = {y.unit: y for y in years}
    return _join([[_t(f"{y.unit or ''}{y.year} 年末余额 "), _fig(money(y.closing_balance)),
                   _t(f" 元，当年使用 {money(y.used)} 元")] for y in last.values()])


def _maintenance_fund(v: CompoundView) -> list[Span]:
    f = v.shown_file("maintenance_fund", d.MaintenanceFundFile)
    latest = max(f.applications, key=lambda a: a.posted_on, default=None)
    spans = fund_spans(v) or [_t(f"本期使用 {len(v.rows('maintenance_fund'))} 笔，明细见下表")]
    if latest is not None:
        spans = [_t(f"{FUND_NOTICE_KINDS[latest.kind]}：{latest.project}"),
                 *([_t("，预算 "), _fig(latest.estimated.text)] if latest.estimated else []), _t("；"), *spans]
    return spans


def utility_spans(v: CompoundView) -> list[Span] | None:
    f = v.file_as("utility_sharing", d.UtilitySharingFile)
    rows = v.rows("utility_sharing")
    if f is None or not rows:
        return None
    month = max(r.month for r in rows)
    unit = "元/户" if f.method == "按户" else "元/㎡"
    year, _, m = month.partition("-")
    parts = [[_t(f"{r.kind} "), _fig(quantity(utility_share(f, r))), _t(f" {unit}")]
             for r in sorted(rows, key=lambda r: r.kind) if r.month == month]
    return [_t(f"{year}年{int(m)}月公摊："), *_join(parts, "，")]


def _utility_sharing(v: CompoundView) -> list[Span]:
    return utility_spans(v) or [_t("本期没有抄表记录")]


def ranking_spans(v: CompoundView) -> list[Span] | None:
    """The company's latest result; else the lists by decision of the latest period that name
    the compound or its company (a list of compounds needs no score)."""
    latest = latest_result(v.rankings, v.company_id)
    if latest is None or v.company is None:
        return decided_spans(v)
    return [_t(f"{v.company.short_name or v.company.name} "), *result_spans(*latest)]


def decided_spans(v: CompoundView) -> list[Span] | None:
    """``2026年上半年：列入重点整改小区名单：reason（body（document）date决定）``, or None."""
    if not v.rankings:
        return None
    ranking = v.rankings[-1]
    lines = decided_lines(ranking, company_id=v.company_id, compound_id=v.id)
    return [_t(f"{ranking.period.label}："), _t("；".join(lines))] if lines else None


def _oversight(v: CompoundView) -> list[Span]:
    f = v.shown_file("oversight", d.OversightFile)
    parts = []
    ranked = ranking_spans(v)
    if ranked:
        parts.append(ranked)
    if f.complaints is not None:
        c = f.complaints
        parts.append([_t("本小区投诉办结率 "), _fig(percent(c.resolved, c.received)), _t(f"（{c.resolved}/{c.received} 件）")])
    if f.satisfaction is not None:
        s = f.satisfaction
        parts.append([_t("满意度 "), _fig(percent(s.satisfied, s.surveyed))])
    return _join(parts) if parts else [_t("整改清单见下文")]


_ANSWERS = {
    "company_profile": _company_profile,
    "service_scope": _service_scope,
    "fee_schedule": _fee_schedule,
    "complaint_channels": _complaint_channels,
    "facility_maintenance": _facility_maintenance,
    "public_revenue": _public_revenue,
    "parking": _parking,
    "service_accounts": _service_accounts,
    "maintenance_fund": _maintenance_fund,
    "utility_sharing": _utility_sharing,
    "oversight": _oversight,
}
if set(_ANSWERS) != set(ITEMS):  # pragma: no cover - a programming error, caught at import
    raise RuntimeError("render.answers lacks an answer for an item of model.items.ITEMS")


def _not_shown(status: ItemStatus | None) -> list[Span]:
    return [_t(not_shown(status))]


def item_answer(v: CompoundView, item_id: str) -> Answer:
    """The item's one-line answer; for an item that is not shown, what its status means."""
    topic = ITEMS[item_id].everyday
    if v.file(item_id) is None:
        return Answer(item_id, topic, tuple(_not_shown(v.statuses.get(item_id))), shown=False)
    return Answer(item_id, topic, tuple(_ANSWERS[item_id](v)), stale=v.stale(item_id))


CONTACTS = "有事找谁"
"""The key figure that names whom to call (and the compound home's section of phones)."""

def key_figures(v: CompoundView) -> list[Answer]:
    """The figures a compound's home opens with, in the order residents ask for them: what a
    household pays (with a worked example), what the owners received and spent and the
    balance per household, whom to call, the company's list result; then the other fees,
    parking, shared utilities and the maintenance fund.

    Items the catalogue does not list or that do not apply (with their reason, on their page)
    are left out; so are parking fees when the compound has none, and the ranking for a
    self-managed compound. A missing item says so (:data:`generator.views.status.NOT_SHOWN`)."""
    out: list[Answer] = []

    def add(item_id: str, topic: str, spans: list[Span] | None, *, optional: bool = False) -> None:
        status = v.statuses.get(item_id)
        if status is None:
            return
        if v.file(item_id) is None:
            if not optional and status.state != "not_applicable":
                out.append(Answer(item_id, topic, tuple(_not_shown(status)), shown=False))
            return
        if spans:
            out.append(Answer(item_id, topic, tuple(spans), stale=v.stale(item_id)))

    fee = fee_spans(v, "物业服务费")
    example = fee_example(v) if fee else None
    add("fee_schedule", "物业费", [*fee, _t("；"), *example] if fee and example else fee or [_t("收费表未列物业服务费")])
    add("public_revenue", "公共收益", revenue_spans(v, topic="", detail=True) or [_t("本期没有公共收益收支")])
    contacts = contact_spans(v)
    if contacts:
        out.append(Answer("complaint_channels", CONTACTS, tuple(contacts),
                          stale=v.file("complaint_channels") is not None and v.stale("complaint_channels")))
    else:
        add("complaint_channels", CONTACTS, None)
    if v.record.model.serving_company:
        ranked = ranking_spans(v)
        if ranked and "oversight" in v.statuses:
            out.append(Answer("oversight", "红黑榜", tuple(ranked)))
    for kind, topic in FEE_TOPICS.items():
        if kind not in ("物业服务费", "停车服务费") and (other := fee_spans(v, kind)):
            add("fee_schedule", topic, other)
    parking_fee = fee_spans(v, "停车服务费")
    if parking_fee:
        add("fee_schedule", "停车费", parking_fee)
    else:
        rents = [[_t(f"{r.type}车位月租 "), _fig(money(r.monthly_fee)), _t(" 元")]
                 for r in v.rows("parking") if r.monthly_fee is not None]
        add("parking", "停车费", _join(rents, "，") if rents else None, optional=True)
    add("utility_sharing", "公摊水电费", utility_spans(v))
    add("maintenance_fund", "维修基金", fund_spans(v))
    return out
