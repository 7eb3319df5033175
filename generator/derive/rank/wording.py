"""The policy's rules in words, as the list pages, the methodology page and the paper say them.

Contract: pure functions of the policy (and a period's counts) returning Chinese sentences;
names from the data go through ``esc`` (the web passes its Markdown escaper, the paper
``str``), everything else is digits and fixed words. One wording per rule, here:
:func:`quota_sentence` (how many a list took this period and why),
:func:`rule_sentence` (the list's standing rule), :func:`weight_formula` (the total),
:func:`flag_sentence` (a flag rule with its consequence); and a result in plain words:
:func:`why_lines` (list and reason, flags, decisions, rectification), :func:`decided_lines`.
Where objections go is the period view's (:func:`generator.views.ranking.objection_text`).
"""

from __future__ import annotations

from typing import Callable

from generator.derive.rank.lists import quota, rule_words
from generator.derive.rank.results import CompanyResult, PeriodRanking
from generator.derive.rank.scores import plain
from generator.model.policy import EvaluationPolicy, FlagRule, ListSpec
from generator.model.vocabulary import ROUNDINGS

Escape = Callable[[str], str]


def _percent(value) -> str:
    return plain(value * 100) + "%"


def score_word(policy: EvaluationPolicy) -> str:
    return "得分" if policy.scoring == "points" else "综合得分"


def quota_sentence(policy: EvaluationPolicy, spec: ListSpec, n: int, count: int, esc: Escape = str) -> str:
    """``红榜 1 家：5 家 × 20% = 1，向下取整为 1 家``; ``黑榜 1 家：综合得分排名后 1 名``;
    ``重点整改小区名单：按决定公布`` for a list without a rule."""
    name, rule, word = esc(spec.name), spec.rule, score_word(policy)
    if rule is None:
        return f"{name}：按决定公布"
    if rule.grades:
        return f"{name} {count} 家：等级为 " + "、".join(esc(g) for g in rule.grades) + " 的企业"
    ratio = rule.top_ratio if rule.top_ratio is not None else rule.bottom_ratio
    if ratio is not None:
        wanted = quota(ratio, n, rule.rounding)
        text = f"{name} {count} 家：{n} 家 × {_percent(ratio)} = {plain(ratio * n)}，{ROUNDINGS[rule.rounding]}为 {wanted} 家"
        return text + (f"；同一企业不同时列入两榜，实为 {count} 家" if wanted != count else "")
    if rule.top_n is not None:
        text = f"{name} {count} 家：{word}排名前 {rule.top_n} 名"
        limit = rule.top_n
    else:
        text = f"{name} {count} 家：{word}排名后 {rule.bottom_n} 名"
        limit = rule.bottom_n or 0
    return text + (f"；同一企业不同时列入两榜，实为 {count} 家" if count != min(limit, n) else "")


def rule_sentence(policy: EvaluationPolicy, spec: ListSpec, esc: Escape = str) -> str:
    """The list's standing rule, after its name: ``按前 10%（参评企业数 × 比例，向下取整），…``."""
    rule, word = spec.rule, score_word(policy)
    if rule is None:
        return "不计分，按决定公布（决定机关、文号、日期和每个对象的原因照公告录入）"
    if rule.grades:
        return "等级为 " + "、".join(esc(g) for g in rule.grades) + " 的企业"
    how = rule_words(rule)
    if rule.top_ratio is not None or rule.bottom_ratio is not None:
        how += f"（参评企业数 × 比例，{ROUNDINGS[rule.rounding]}）"
    end = "最高" if rule.end == "top" else "最低"
    return f"{how}，{word}{end}的企业依次列入；已列入前面榜单的企业不重复列入"


def weight_formula(policy: EvaluationPolicy, esc: Escape = str) -> str:
    """How a company's total is made, in one line."""
    d = policy.score_decimals
    if policy.scoring == "points":
        parts = [plain(policy.base) + " 分（基础分）"] if policy.base else []
        for g in policy.rater_groups:
            cap = f"（最多计 {plain(g.cap)} 分）" if g.cap is not None else ""
            parts.append(("+ " if g.sign == "add" or not parts else "− ") + esc(g.name) + cap)
        return f"得分 = {' '.join(parts)}，四舍五入保留 {d} 位小数；得分可以为负"
    terms, divisor = policy.weight_terms()
    names = {g.id: esc(g.name) for g in policy.rater_groups}
    body = " + ".join(f"{names[t.group]}得分 × {t.label}" for t in terms)
    if divisor != 1:
        body = f"（{body}）÷ {plain(divisor)}"
    return f"综合得分 = {body}，四舍五入保留 {d} 位小数"


def flag_sentence(policy: EvaluationPolicy, rule: FlagRule, esc: Escape = str) -> str:
    """``连续 2 期（相邻的考评期间）列入黑榜：记入信用档案``."""
    spec = policy.list_spec(rule.list)
    name = esc(spec.name if spec else rule.list)
    if rule.consecutive is not None:
        text = f"连续 {rule.consecutive} 期（相邻的考评期间）列入{name}"
    else:
        text = f"{rule.within_months} 个月内累计 {rule.count} 次列入{name}"
    return text + (f"：{esc(rule.consequence)}" if rule.consequence else "")


def list_name(ranking: PeriodRanking, list_id: str | None) -> str | None:
    spec = ranking.policy.list_spec(list_id) if list_id else None
    return spec.name if spec else None


def why_lines(ranking: PeriodRanking, result: CompanyResult) -> list[str]:
    """Why the company stands where it does, in plain words, one line each: its list and the
    reason, decided lists naming it, the flags met with their consequences (the rectification
    is shown beside, from ``result.rectification``)."""
    lines = []
    name = list_name(ranking, result.list)
    if name and result.reason:
        lines.append(f"列入{name}：{result.reason}")
    lines += decided_lines(ranking, company_id=result.company)
    for hit in result.flags:
        lines.append(hit.text + (f"，{hit.consequence}" if hit.consequence else ""))
    return lines


def decided_lines(ranking: PeriodRanking, company_id: str | None = None, compound_id: str | None = None) -> list[str]:
    """``列入重点整改小区名单：reason（示例市住房和城乡建设局（示住建〔2026〕45号）2026年7月20日决定）``
    for each list by decision naming the company (itself, or a compound it serves) or the compound."""
    out = []
    for decided in ranking.decided:
        for m in decided.members:
            if (company_id and m.company_id == company_id) or (compound_id and m.compound_id == compound_id):
                subject = f"（{m.compound_name}）" if m.compound_name and company_id and not compound_id else ""
                out.append(f"列入{decided.spec.name}{subject}：{m.reason}（{decided.issued_by()}）")
    return out

