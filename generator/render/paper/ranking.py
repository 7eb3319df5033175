"""A ranking period's printable red/black list (红黑榜), as a :class:`PdfDocument`.

Contract: :func:`ranking_document` gives the data ``templates/typst/ranking.typ`` lays out for
one :class:`~generator.derive.rank.PeriodRanking`: the period, the issuing body (发布单位) and publication date,
the rule version, the rater groups with their weights, the list rule and the quotas actually
applied; the red list and the bad (black or yellow) list with each company's score parts,
composite, rank, grade, change in rank, the arithmetic and, for the bad list, consecutive
periods and rectification; then the full ranking; each company with the compounds it
serves (so a resident finds their own); a QR code for
``site_url`` + ``ranking/<period-id>/``; the publication date (the document's date: never
the build day). Exact values come from the ranking
stage and are printed as it rounded them.
"""

from __future__ import annotations

from generator.load.dataset import Dataset
from generator.model.city import City, EvaluationPolicy
from generator.model.evaluation import EvaluationSheet
from generator.derive.rank import CompanyResult, PeriodRanking
from generator.derive.rank.wording import quota_sentence
from generator.render.formatting import day_cn, ratio
from generator.render.blocks import Block, Column, Note, Steps, facts, paper_blocks, table
from generator.render.plan import Output
from generator.render.paper.document import Paper, PdfDocument, pdf_date

ROUNDING = {"down": "向下取整", "half_up": "四舍五入", "up": "向上取整"}


def rule_text(policy: EvaluationPolicy, red_quota: int, bad_quota: int, n: int,
              quotas: dict[str, int] | None = None) -> str:
    rule = policy.list_rule
    red, bad = policy.red_list_name, policy.bad_list_name
    if rule is None:
        counts = quotas or {}
        return "；".join(quota_sentence(policy, s, n, counts.get(s.id, 0)) for s in policy.list_specs()) \
            + f"；本期 {n} 家企业参评"
    if rule.kind == "ratio":
        assert rule.red_ratio is not None and rule.bad_ratio is not None
        how = (f"按比例：{red} {ratio(rule.red_ratio)}、{bad} {ratio(rule.bad_ratio)}，"
               f"名额{ROUNDING[rule.rounding]}")
    elif rule.kind == "top_bottom":
        how = f"按名次：前 {rule.top_n} 名入{red}，后 {rule.bottom_n} 名入{bad}"
    else:
        how = f"按等级：{'、'.join(rule.red_grades) or '—'} 入{red}，{'、'.join(rule.bad_grades) or '—'} 入{bad}"
    return f"{how}；本期 {n} 家企业参评，{red} {red_quota} 家，{bad} {bad_quota} 家"


def _change(result: CompanyResult) -> str:
    if result.rank_change is None:
        return "—"
    if result.rank_change > 0:
        return f"↑{result.rank_change}"
    if result.rank_change < 0:
        return f"↓{-result.rank_change}"
    return "持平"


def _name(ds: Dataset, company: str) -> str:
    loaded = ds.companies.get(company)
    return loaded.model.name if loaded else company


def score_table(ds: Dataset, period: PeriodRanking, results: list[CompanyResult], caption: str,
                with_list: bool = False) -> Block:
    policy = period.policy
    groups = policy.rater_groups
    terms, divisor = policy.weight_terms()
    cols = [Column("名次", 0, "center"), Column("企业", 7),
            *(Column(f"{g.name}\n权重 {ratio(t.factor / divisor)}", 3, "right") for g, t in zip(groups, terms)),
            Column("综合得分", 0, "right"), Column("等级", 0, "center"), Column("名次变化", 0, "center")]
    if with_list:
        cols.append(Column("榜单", 0, "center"))
    names = {s.id: s.name for s in policy.list_specs()}
    rows = []
    for r in results:
        row = [str(r.rank), _name(ds, r.company),
               *(str(r.group_scores[g.id]) if g.id in r.group_scores else "缺评" for g in groups),
               str(r.composite), r.grade or "—", _change(r)]
        if with_list:
            row.append(names.get(r.list or "", ""))
        rows.append(row)
    return table(cols, rows, title=caption)


def _explanations(ds: Dataset, results: list[CompanyResult]) -> list[Block]:
    if not results:
        return []
    why = [f"{_name(ds, r.company)}：{r.reason}" for r in results if r.reason]
    notes: list[Block] = [Note("列入原因：" + "；".join(why))] if why else []
    return notes + [
        Note("计算（各主体得分 × 权重之和）：" + "；".join(f"{_name(ds, r.company)} {r.explanation}" for r in results))]


def _decided_sections(period: PeriodRanking) -> list[dict]:
    """Each list by decision: who decided, the members as named, how many unnamed; no scores."""
    out: list[dict] = []
    for decided in period.decided:
        d = decided.decision
        cols = ([Column("小区", 3)] if decided.kind != "company" else []) + [Column("物业服务企业", 3),
                                                                               Column("列入原因", 5)]
        rows = [([m.compound_name or "—"] if decided.kind != "company" else []) + [m.company_name or "未注明", m.reason]
                for m in decided.members]
        blocks: list[Block] = [Note(f"{decided.issued_by()}" + (f"，{d.basis}" if d.basis else "")
                                    + f"；{decided.count_text()}。本榜单不计分、不排名次。")]
        if rows:
            blocks.append(table(cols, rows))
        if decided.unnamed:
            blocks.append(Note(f"另有 {decided.unnamed} 个对象公告未列名称。"))
        phone = f"（电话 {d.phone}）" if d.phone else ""
        blocks.append(Note(f"对本榜单有异议的，向{d.body}{phone}提出。"))
        out.append({"title": f"{decided.spec.name}（按决定公布）", "state": "red" if decided.spec.tone == "good" else "bad",
                    "blocks": blocks})
    return out


def served_table(ds: Dataset, results: list[CompanyResult]) -> Block:
    """Each ranked company (in rank order) with the compounds it serves, so residents find theirs."""
    served: dict[str, list[str]] = {}
    for cid in sorted(ds.compounds):
        c = ds.compounds[cid].model
        if c.management == "professional" and c.company:
            served.setdefault(c.company, []).append(c.name)
    rows = [[str(r.rank), _name(ds, r.company), "、".join(served.get(r.company, [])) or "—"] for r in results]
    return table([Column("名次", 0, "center"), Column("企业", 3), Column("服务的小区", 5)], rows)


def _scored_sections(ds: Dataset, period: PeriodRanking) -> list[dict]:
    """The computed lists, then the lists by decision, then every company's rank."""
    policy = period.policy
    sections: list[dict] = []
    red, bad = period.red, period.bad
    sections.append({"title": f"{policy.red_list_name}（{len(red)} 家）", "state": "red",
                     "blocks": [score_table(ds, period, red, ""), *_explanations(ds, red)] if red
                     else [Note(f"本期无企业列入{policy.red_list_name}。")]})
    bad_blocks: list[Block] = []
    if bad:
        bad_blocks.append(score_table(ds, period, bad, ""))
        rect = [[_name(ds, r.company),
                 f"连续 {r.consecutive_bad} 期" + ("（重点关注）" if r.flagged else ""),
                 r.rectification or "—"] for r in bad]
        bad_blocks.append(table([Column("企业", 3), Column("上榜情况", 0), Column("整改情况", 4)], rect,
                                title="整改情况"))
        bad_blocks += _explanations(ds, bad)
    else:
        bad_blocks.append(Note(f"本期无企业列入{policy.bad_list_name}。"))
    sections.append({"title": f"{policy.bad_list_name}（{len(bad)} 家）", "state": "bad", "blocks": bad_blocks})
    sections += _decided_sections(period)
    sections.append({"title": f"全部参评企业排名（{len(period.results)} 家）", "state": "all",
                     "blocks": [score_table(ds, period, period.results, "", with_list=True)]})
    sections.append({"title": "参评企业服务的小区", "state": "all",
                     "blocks": [served_table(ds, period.results)]})
    return sections


def _scored_meta(policy: EvaluationPolicy, period: PeriodRanking, weights: str) -> list[tuple[str, str]]:
    return [("评价主体及权重", weights),
            ("评榜规则", rule_text(policy, period.red_quota, period.bad_quota, len(period.results), period.quotas)),
            ("综合得分", f"各主体得分（满分 {policy.max_score}）× 权重之和，保留 {policy.score_decimals} 位小数")]


def _objection(city: City, sheet: EvaluationSheet) -> str:
    """The issuing body and its phone (the regulator's when the regulator issued it)."""
    phone = sheet.organiser_phone or (city.regulator_phone if sheet.organiser == city.regulator else None)
    return sheet.organiser + (f"（电话 {phone}）" if phone else "")


def _origin(ds: Dataset, period: PeriodRanking) -> str:
    record = ds.evaluations.get(period.period.id)
    return record.sheet.rel if record is not None else f"evaluations/{period.period.id}.yaml"


def ranking_document(ds: Dataset, period: PeriodRanking, paper: Paper, output: Output) -> PdfDocument:
    """One period's lists; ``output`` is its entry in the site plan (path, QR URL)."""
    assert ds.city is not None
    city = ds.city.model
    policy, sheet = period.policy, period.sheet
    url = output.qr or ""
    title = sheet.title or f"{period.period.label}物业服务企业考评结果"
    terms, divisor = policy.weight_terms()
    weights = "，".join(f"{g.name} {ratio(t.factor / divisor)}" for g, t in zip(policy.rater_groups, terms))

    sections = _scored_sections(ds, period) if period.scored else _decided_sections(period)
    if policy.consequences:
        sections.append({"title": "上榜后果", "state": "all",
                         "blocks": [Steps(tuple(policy.consequences))]})

    data = {
        "paper": paper,
        "doc_title": title,
        "author": sheet.organiser,
        "date": pdf_date(sheet.published_on),
        "site_title": city.site_title,
        "title": f"物业服务企业{policy.red_list_name[:1]}{policy.bad_list_name[:1]}榜",
        "subtitle": title if period.period.label in title else f"{period.period.label} · {title}",
        "meta": paper_blocks([facts([
            ("发布单位", sheet.organiser),
            ("发布日期", day_cn(sheet.published_on)),
            ("规则版本", policy.version),
            *(_scored_meta(policy, period, weights) if period.scored else [("评定方式", "按决定公布，不计分、不排名次")]),
        ])])[0]["rows"],
        "dated": ["发布日期", day_cn(sheet.published_on)],
        "qr": {"url": url, "caption": "扫码查看网上榜单与评分说明"},
        "sections": [{**s, "blocks": paper_blocks(s["blocks"])} for s in sections],
        "footer": f"{title} · 发布单位 {sheet.organiser} · {sheet.published_on.isoformat()}",
        "closing": f"对考评结果有异议的，向发布单位{_objection(city, sheet)}提出，也可拨打政务服务热线 {city.hotline}。",
    }
    return PdfDocument(name=output.path, template="ranking.typ", entry="ranking", data=data,
                       qr_url=url, origin=_origin(ds, period))
