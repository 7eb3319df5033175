"""A ranking period's printable red/black list (红黑榜), as a :class:`PdfDocument`: a layout of
the period's view (:class:`generator.views.ranking.PeriodView`).

Contract: :func:`ranking_document` gives the data ``templates/typst/ranking.typ`` lays out for
one period: the period, the issuing body (发布单位) and publication date, the rule version, the
rater groups with their weights, the list rule and the quotas actually applied; the red list
and the bad (black or yellow) list with each company's score parts, composite, rank, grade,
change in rank, the arithmetic and, for the bad list, consecutive periods and rectification;
then the full ranking; each company with the compounds it serves (so a resident finds their
own); a QR code for ``site_url`` + ``ranking/<period-id>/``; the publication date (the
document's date: never the build day). Labels, scores as shown, the order of the compounds
and the arithmetic are the view's, the same the web pages show.
"""

from __future__ import annotations

from generator.model.datafolder import evaluation_file
from generator.derive.rank import PeriodRanking
from generator.load.dataset import Dataset
from generator.render.paper.blocks_json import paper_blocks
from generator.render.paper.document import Paper, PdfDocument, pdf_date
from generator.render.plan import Output
from generator.views.blocks import Block, Column, Note, Steps, facts, table
from generator.views.formatting import day_cn
from generator.views.ranking import PeriodView, ResultRow, period_view


def score_table(view: PeriodView, rows: list[ResultRow], with_list: bool = False) -> Block:
    cols = [Column("名次", 0, "center"), Column("企业", 7),
            *(Column(f"{g.name}\n权重 {g.percent}", 3, "right") for g in view.groups),
            Column("综合得分", 0, "right"), Column("等级", 0, "center"), Column("名次变化", 0, "center")]
    if with_list:
        cols.append(Column("榜单", 0, "center"))
    body = [[str(r.rank), r.name, *r.scores, r.composite, r.grade or "—", r.change] + ([r.list_name] if with_list else [])
            for r in rows]
    return table(cols, body)


def _explanations(rows: list[ResultRow]) -> list[Block]:
    return [Note("计算（各主体得分 × 权重之和）：" + "；".join(f"{r.name} {r.explanation}" for r in rows))] if rows else []


def served_table(view: PeriodView) -> Block:
    """Each ranked company (in rank order) with the compounds it serves, so residents find theirs."""
    rows = [[str(r.rank), r.name, "、".join(s.name for s in r.served) or "—"] for r in view.rows]
    return table([Column("名次", 0, "center"), Column("企业", 3), Column("服务的小区", 5)], rows)


def _sections(view: PeriodView) -> list[dict]:
    red, bad = view.red, view.bad
    sections: list[dict] = [{"title": f"{view.red_name}（{len(red)} 家）", "state": "red",
                             "blocks": [score_table(view, red), *_explanations(red)] if red
                             else [Note(f"本期无企业列入{view.red_name}。")]}]
    bad_blocks: list[Block] = []
    if bad:
        rect = [[r.name, f"连续 {r.consecutive_bad} 期" + ("（重点关注）" if r.flagged else ""), r.rectification or "—"]
                for r in bad]
        bad_blocks += [score_table(view, bad),
                       table([Column("企业", 3), Column("上榜情况", 0), Column("整改情况", 4)], rect, title="整改情况"),
                       *_explanations(bad)]
    else:
        bad_blocks.append(Note(f"本期无企业列入{view.bad_name}。"))
    sections.append({"title": f"{view.bad_name}（{len(bad)} 家）", "state": "bad", "blocks": bad_blocks})
    sections.append({"title": f"全部参评企业排名（{view.n} 家）", "state": "all",
                     "blocks": [score_table(view, list(view.rows), with_list=True)]})
    sections.append({"title": "参评企业服务的小区", "state": "all", "blocks": [served_table(view)]})
    if view.consequences:
        sections.append({"title": "上榜后果", "state": "all", "blocks": [Steps(view.consequences)]})
    return sections


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
    weights = "，".join(f"{g.name} {g.percent}" for g in view.groups)
    max_score, decimals = period.policy.max_score, period.policy.score_decimals
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
            ("评价主体及权重", weights),
            ("评榜规则", view.rule),
            ("综合得分", f"各主体得分（满分 {max_score}）× 权重之和，保留 {decimals} 位小数"),
            *([("公示日志公钥", log_key)] if log_key else []),
        ])])[0]["rows"],
        "dated": ["发布日期", day_cn(view.published_on)],
        "qr": {"url": url, "caption": "扫码查看网上榜单与评分说明"},
        "sections": [{**s, "blocks": paper_blocks(s["blocks"])} for s in _sections(view)],
        "footer": f"{view.title} · 发布单位 {view.organiser} · {view.published_on.isoformat()}",
        "closing": f"对考评结果有异议的，可拨打{city.regulator}监督电话 {city.regulator_phone} 或政务服务热线 {city.hotline}。",
    }
    return PdfDocument(name=output.path, template="ranking.typ", entry="ranking", data=data,
                       qr_url=url, origin=_origin(ds, period))
