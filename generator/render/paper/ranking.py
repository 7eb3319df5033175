"""A ranking period's printable red/black list (红黑榜), as a :class:`PdfDocument`: a layout of
the period's view (:class:`generator.views.ranking.PeriodView`).

Contract: :func:`ranking_document` gives the data ``templates/typst/ranking.typ`` lays out for
one period: the period, the issuing body (发布单位) and publication date, the rule version, the
rater groups with their weights, the list rule and the quotas actually applied; the red list
and the bad (black or yellow) list with each company's score parts, composite, rank, grade,
change in rank, the arithmetic and, for the bad list, consecutive periods and rectification;
then the city's own computed lists, and the lists by decision as the notice gave them
(body, document, date, members with reasons, unnamed count: no scores or ranks; a period
published by decision only prints nothing else); then the full ranking; each company with
the compounds it serves (so a resident finds their own); where objections go (the issuing
body); a QR code for ``site_url`` + ``ranking/<period-id>/``; the publication date (the
document's date: never the build day). Labels, scores as shown, the order of the compounds
and the arithmetic are the view's, the same the web pages show. A city that publishes grades
prints each company's grade and no score, rank or arithmetic; one that publishes counts prints
the lists and the number of companies per grade (the view carries nothing else).
"""

from __future__ import annotations

from generator.model.datafolder import evaluation_file
from generator.derive.rank import PeriodRanking
from generator.load.dataset import Dataset
from generator.render.paper.blocks_json import paper_blocks
from generator.render.paper.document import Paper, PdfDocument, PdfPart, pdf_date
from generator.render.plan import Output
from generator.views.blocks import Block, Column, Note, Steps, facts, table
from generator.views.formatting import day_cn
from generator.views.ranking import DecidedView, ListView, PeriodView, ResultRow, period_view


def score_table(view: PeriodView, rows: list[ResultRow], with_list: bool = False) -> Block:
    if not view.ranked:  # the city publishes grades (company, compounds, grade, list) or counts (no grade)
        graded = view.publish == "grades"
        plain = [Column("企业", 5), Column("服务的小区", 5)] + ([Column("等级", 0, "center")] if graded else [])
        return table(plain + ([Column("榜单", 0, "center")] if with_list else []),
                     [[r.name, "、".join(s.name for s in r.served) or "—"] + ([r.grade or "—"] if graded else [])
                      + ([r.list_name or "—"] if with_list else []) for r in rows])
    cols = [Column("名次", 0, "center"), Column("企业", 7),
            *(Column(f"{g.name}\n权重 {g.percent}", 3, "right") for g in view.groups),
            Column(view.score_word, 0, "right"), Column("等级", 0, "center"), Column("名次变化", 0, "center")]
    if with_list:
        cols.append(Column("榜单", 0, "center"))
    body = [[str(r.rank), r.name, *r.scores, r.composite, r.grade or "—", r.change] + ([r.list_name] if with_list else [])
            for r in rows]
    return table(cols, body)


def _explanations(view: PeriodView, rows: list[ResultRow]) -> list[Block]:
    if not rows:
        return []
    why = [f"{r.name}：{r.reason}" for r in rows if r.reason]
    notes: list[Block] = [Note("列入原因：" + "；".join(why))] if why else []
    if not view.ranked:
        return notes
    return notes + [Note(f"计算（{view.summed}）：" + "；".join(f"{r.name} {r.explanation}" for r in rows))]


def _decided_sections(view: PeriodView) -> list[dict]:
    """Each list by decision: who decided, the members as named, how many unnamed; no scores."""
    return [{"title": f"{d.name}（按决定公布）", "state": "red" if d.tone == "good" else "bad", "blocks": _decided(d)}
            for d in view.decided]


def _decided(d: DecidedView) -> list[Block]:
    cols = ([Column("小区", 3)] if d.kind != "company" else []) + [Column("物业服务企业", 3), Column("列入原因", 5)]
    rows = [([m.compound_name or "—"] if d.kind != "company" else []) + [m.company_name, m.reason] for m in d.members]
    blocks: list[Block] = [Note(d.issued_by + (f"，{d.basis}" if d.basis else "")
                                + f"；{d.count}。本榜单不计分、不排名次。")]
    if rows:
        blocks.append(table(cols, rows))
    if d.unnamed:
        blocks.append(Note(f"另有 {d.unnamed} 个对象公告未列名称。"))
    blocks.append(Note(f"对本榜单有异议的，向{_body(d.body, d.phone)}提出。"))
    return blocks


def _body(body: str, phone: str | None) -> str:
    return body + (f"（电话 {phone}）" if phone else "")


def _own_list(view: PeriodView, x: ListView) -> dict:
    rows = list(x.rows)
    blocks = [score_table(view, rows), *_explanations(view, rows)] if rows else [Note(f"本期无企业列入{x.name}。")]
    return {"title": f"{x.name}（{len(rows)} 家）", "state": "red" if x.tone == "good" else "bad", "blocks": blocks}


def served_table(view: PeriodView) -> Block:
    """Each ranked company (in rank order) with the compounds it serves, so residents find theirs."""
    rows = [[str(r.rank), r.name, "、".join(s.name for s in r.served) or "—"] for r in view.rows]
    return table([Column("名次", 0, "center"), Column("企业", 3), Column("服务的小区", 5)], rows)


def _sections(view: PeriodView) -> list[dict]:
    """The computed lists, then the lists by decision, then every company's rank; a period
    published by decision only has its lists by decision alone."""
    if not view.scored:
        return _decided_sections(view) + _consequences(view)
    red, bad = view.red, view.bad
    sections: list[dict] = [{"title": f"{view.red_name}（{len(red)} 家）", "state": "red",
                             "blocks": [score_table(view, red), *_explanations(view, red)] if red
                             else [Note(f"本期无企业列入{view.red_name}。")]}]
    bad_blocks: list[Block] = []
    if bad:
        rect = [[r.name, f"连续 {r.consecutive_bad} 期" + ("（重点关注）" if r.flagged else ""), r.rectification or "—"]
                for r in bad]
        bad_blocks += [score_table(view, bad),
                       table([Column("企业", 3), Column("上榜情况", 0), Column("整改情况", 4)], rect, title="整改情况"),
                       *_explanations(view, bad)]
    else:
        bad_blocks.append(Note(f"本期无企业列入{view.bad_name}。"))
    sections.append({"title": f"{view.bad_name}（{len(bad)} 家）", "state": "bad", "blocks": bad_blocks})
    sections += [_own_list(view, x) for x in view.lists if x.id not in ("red", "bad")]
    sections += _decided_sections(view)
    if view.ranked:
        sections.append({"title": f"全部参评企业排名（{view.n} 家）", "state": "all",
                         "blocks": [score_table(view, list(view.rows), with_list=True)]})
        sections.append({"title": "参评企业服务的小区", "state": "all", "blocks": [served_table(view)]})
    elif view.rows:
        sections.append({"title": f"全部参评企业等级（{view.n} 家）", "state": "all",
                         "blocks": [score_table(view, list(view.rows), with_list=True)]})
    if view.publish == "counts":
        counts = "、".join(f"{name} {count} 家" for name, count in view.grade_counts)
        sections.append({"title": f"各等级企业数（{view.n} 家）", "state": "all", "blocks": [Note(counts + "。")]})
    return sections + _consequences(view)


def _consequences(view: PeriodView) -> list[dict]:
    return [{"title": "上榜后果", "state": "all", "blocks": [Steps(view.consequences)]}] if view.consequences else []


def _meta(view: PeriodView) -> list[tuple[str, str]]:
    if not view.scored:
        return [("评定方式", "按决定公布，不计分、不排名次")]
    weights = "，".join(f"{g.name} {g.percent}" for g in view.groups)
    shown = [] if view.ranked else [("公布方式", "只公布各企业等级和榜单，不公布得分和名次" if view.publish == "grades"
                                     else "只公布各等级企业数和榜单，不公布各企业的得分、名次和等级")]
    return [("评价主体及权重", weights), ("评榜规则", view.rule), (view.score_word, view.formula), *shown]


def _origin(ds: Dataset, period: PeriodRanking) -> str:
    record = ds.evaluations.get(period.period.id)
    return record.sheet.rel if record is not None else evaluation_file(period.period.id)


def ranking_document(ds: Dataset, period: PeriodRanking, paper: Paper, output: Output,
                     log_key: str | None = None) -> PdfDocument:
    """One period's lists; ``output``: its plan entry (path, QR URL); ``log_key``: the public log's key."""
    assert ds.city is not None
    city = ds.city.model
    view = period_view(ds, period)
    url = output.qr or ""
    data = {
        "paper": paper,
        "doc_title": view.title,
        "author": view.organiser,
        "date": pdf_date(view.published_on),
        "site_title": city.site_title,
        "title": f"物业服务企业{view.red_name[:1]}{view.bad_name[:1]}榜",
        "subtitle": view.title if view.label in view.title else f"{view.label} · {view.title}",
        "meta": paper_blocks([facts([
            ("发布单位", view.organiser),
            ("发布日期", day_cn(view.published_on)),
            ("规则版本", view.version),
            *_meta(view),
            *([("公示日志公钥", log_key)] if log_key else []),
        ])])[0]["rows"],
        "dated": ["发布日期", day_cn(view.published_on)],
        "qr": {"url": url, "caption": "扫码查看网上榜单与评分说明"},
        "sections": [{**s, "blocks": paper_blocks(s["blocks"])} for s in _sections(view)],
        "footer": f"{view.title} · 发布单位 {view.organiser} · {view.published_on.isoformat()}",
        "closing": f"对考评结果有异议的，向发布单位{_body(view.organiser, view.organiser_phone)}提出，"
                   f"也可拨打政务服务热线 {city.hotline}。",
    }
    return PdfDocument(name=output.path, template="ranking.typ", entry="ranking",
                       parts=(PdfPart(data=data, qr_url=url, origin=_origin(ds, period)),))
