"""One period's view, three layouts: the web pages, the printed list and the ``rank`` table
say the same lists, counts, reasons and words, for the city's own lists, the points model
and a period published by decision only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.derive.rank import rank_all
from generator.findings import Findings
from generator.load.dataset import load
from generator.render.paper.ranking import ranking_document
from generator.render.plan import Output
from generator.render.terminal import decided_lines, reason_lines, terminal_table, terminal_title
from generator.render.web.ranking import ranking_pages
from generator.views.ranking import period_view
from tests.support import YAML, edit
from tests.test_rank_decisions import DECIDED

OWN_LISTS = """  list_rule: {kind: ratio, red_ratio: 0.1, bad_ratio: 0.1, rounding: down}
"""
THREE_LISTS = """  lists:
    - {id: white, name: 白名单, tone: good, rule: {top_n: 1}, consequences: [优先推荐]}
    - {id: black, name: 失信企业信息名录, tone: bad, colour: "#5a1a1a", rule: {bottom_n: 1}}
"""
POINTS = """  scoring: points
  base: 100
  rater_groups:
    - {id: residents, name: 加分项, sign: add, cap: 10}
    - {id: regulator, name: 扣分项, sign: deduct}
    - {id: community, name: 社区扣分, sign: deduct}
"""


def _views(root: Path):
    ds = load(root, Findings())
    rankings = rank_all(ds, date(2026, 8, 1))
    return ds, rankings, period_view(ds, rankings[-1])


def _paper(ds, ranking) -> dict:
    output = Output(path=f"pdf/ranking-{ranking.period.id}.pdf", kind="pdf", origin="city",
                    qr=f"https://example.org/ranking/{ranking.period.id}/")
    return ranking_document(ds, ranking, "a4", output).parts[0].data


def _paper_text(data: dict) -> str:
    return repr(data["sections"]) + repr(data["meta"]) + data["closing"]


@pytest.fixture
def own_lists(rated: Path) -> Path:
    edit(rated / "city.yaml", OWN_LISTS, THREE_LISTS)
    return rated


def test_the_citys_own_lists_are_the_same_on_web_paper_and_terminal(own_lists: Path) -> None:
    ds, rankings, view = _views(own_lists)
    assert [(x.id, x.name, x.count, x.default) for x in view.lists] == [
        ("white", "白名单", 1, False), ("black", "失信企业信息名录", 1, False)]
    pages = ranking_pages(ds, rankings)
    index = pages["ranking/index.md"]
    assert 'style="color:#5a1a1a;font-weight:bold">失信企业信息名录</span>' in index  # its colour, in words
    assert "## 红榜" not in index and "## 黑榜" not in index
    assert index.startswith("# 白名单、失信企业信息名录\n")
    assert "发布白名单和失信企业信息名录。" in pages["ranking/methodology/index.md"]
    paper = _paper(ds, rankings[-1])
    titles = [s["title"] for s in paper["sections"]]
    assert "白名单（1 家）" in titles and "失信企业信息名录（1 家）" in titles
    assert terminal_title(view) == "2026年上半年 考评结果（规则版本 T-1，2 家，白名单 1 家，失信企业信息名录 1 家）"
    for row in view.rows:  # the reason of each listed company, word for word, in every layout
        assert row.reason and row.reason in index and row.reason in _paper_text(paper)
        assert any(row.reason in line for line in reason_lines(view))
    assert view.rule in _paper_text(paper)


def test_the_points_model_says_score_not_composite_everywhere(rated: Path) -> None:
    edit(rated / "city.yaml", """  rater_groups:
    - {id: residents, name: 居民评价, weight: 0.5}
    - {id: regulator, name: 主管部门评价, weight: 0.3}
    - {id: community, name: 街道社区评价, weight: 0.2}
""", POINTS)
    edit(rated / "city.yaml", "red_ratio: 0.1, bad_ratio: 0.1", "red_ratio: 0.5, bad_ratio: 0.5")
    ds, rankings, view = _views(rated)
    assert view.score_word == "得分" and [g.weight for g in view.groups] == ["1", "1", "1"]
    header, _ = terminal_table(view)
    assert "得分" in header and "综合得分" not in header
    period = ranking_pages(ds, rankings)["ranking/2026-h1/index.md"]
    assert "得分 = 100 分（基础分） + 加分项（最多计 10 分） − 扣分项 − 社区扣分" in period
    assert "名次按得分从高到低排列" in period and "综合得分" not in period  # the fixed sentences too
    assert "综合得分" not in ranking_pages(ds, rankings)["ranking/methodology/index.md"]
    paper = _paper(ds, rankings[-1])
    assert any(c == "得分" for c in repr(paper["sections"]).split("'"))
    assert ["得分", view.formula] in paper["meta"] and view.formula.startswith("得分 = 100 分（基础分）")
    assert "计算（基础分加减各分项）" in _paper_text(paper) and "权重之和" not in _paper_text(paper)


def test_a_period_by_decision_prints_its_lists_and_nothing_computed(mini: Path) -> None:
    (mini / "evaluations").mkdir()
    (mini / YAML).write_text(DECIDED, encoding="utf-8")
    ds, rankings, view = _views(mini)
    assert not view.scored and [d.name for d in view.decided] == ["红榜", "黑榜"]
    paper = _paper(ds, rankings[-1])
    assert [s["title"] for s in paper["sections"]] == ["红榜（按决定公布）", "黑榜（按决定公布）"]
    assert ["评定方式", "按决定公布，不计分、不排名次"] in paper["meta"]
    text = _paper_text(paper)
    assert "综合得分" not in text and "名次变化" not in text and "另有 6 个对象公告未列名称" in text
    assert decided_lines(view)[0] == ("红榜（按决定公布）：共 8 家（公告列名 2 家，另 6 家未列名）；"
                                      "测试市物业服务行业协会（测物协〔2026〕8号）2026年7月18日决定")
    assert "  - 松园小区 测试物业服务有限公司：消防通道长期堆放杂物，整改不到位" in decided_lines(view)
    index = ranking_pages(ds, rankings)["ranking/index.md"]
    assert "| 2 个小区 |" not in index and "2 个小区</span>" in index  # the periods table counts the members


def test_a_compound_on_a_list_by_decision_says_so_at_home_without_a_score(mini: Path) -> None:
    from tests.support import views_of
    from generator.views.answers import ranking_spans

    (mini / "evaluations").mkdir()
    (mini / YAML).write_text(DECIDED, encoding="utf-8")
    spans = ranking_spans(views_of(mini).compound("pine-court"))
    assert spans is not None
    text = "".join(s.text for s in spans)
    assert text.startswith("2026年上半年：")
    assert "列入黑榜：消防通道长期堆放杂物，整改不到位（测试市住房和城乡建设局2026年7月18日决定）" in text
    assert "列入红榜：居民满意度连续两年第一" in text  # its company, named on the red list


GRADES = """  publish: {form}
  grades: [{{name: A, min_score: 85}}, {{name: B, min_score: 60}}, {{name: C}}]
"""


@pytest.mark.parametrize("form", ["grades", "counts"])
def test_a_city_publishing_grades_or_counts_publishes_no_score_or_rank(rated: Path, form: str) -> None:
    """publish: grades shows each company's grade and no rank, score, arithmetic or change, in
    every layout (web pages, the printed list, the rank table, open data); publish: counts
    shows the number per grade and the lists' members only. acme 88.00 (A, 红榜), beta 73.50
    (B, 黑榜)."""
    from generator.checks import run_checks
    from generator.render.context import SiteContext
    from generator.render.web.datapackage import table_rows

    edit(rated / "city.yaml", "red_ratio: 0.1, bad_ratio: 0.1", "red_ratio: 0.5, bad_ratio: 0.5")
    edit(rated / "city.yaml", "  cycle: half_year\n", "  cycle: half_year\n" + GRADES.format(form=form))
    ds, rankings, view = _views(rated)
    assert not view.ranked and view.n == 2 and view.ties == ()
    assert view.grade_counts == (("A", 1), ("B", 1), ("C", 0))
    assert [r.reason for x in view.lists for r in x.rows] == ["按前 50% 列入红榜", "按末位 50% 列入黑榜"]
    if form == "grades":
        assert [(r.name, r.grade, r.rank, r.scores, r.composite) for r in view.rows] == [
            ("测试物业服务有限公司", "A", 0, (), ""), ("贝塔物业有限公司", "B", 0, (), "")]
    else:
        assert view.rows == ()
    pages = ranking_pages(ds, rankings)
    paper = _paper_text(_paper(ds, rankings[-1]))
    header, rows = terminal_table(view)
    matrix = run_checks(ds, date(2026, 8, 1), Findings())
    csv = table_rows(SiteContext(ds, matrix, rankings, date(2026, 8, 1)))["data/rankings.csv"]
    shown = "\n".join([*pages.values(), paper, terminal_title(view), repr(rows), *reason_lines(view), repr(csv)])
    for leak in ("88.00", "73.50", "名次变化", "第 1 名", "第 2 名", "计算："):
        assert leak not in shown, leak
    assert header == ["企业", "等级", "榜单"] and "90" not in repr(rows)
    assert [(r["company_id"], r["rank"], r["composite"], r["explanation"]) for r in csv] == [
        ("acme", "", "", ""), ("beta", "", "", "")]
    period = pages["ranking/2026-h1/index.md"]
    assert "A 1 家、B 1 家、C 0 家" in period or form == "grades"
    if form == "grades":
        assert "## 各企业等级" in period and [r["grade"] for r in csv] == ["A", "B"]
        assert "等级 **A**" in pages["ranking/companies/acme/index.md"]
    else:
        assert "不公布各企业的得分、名次和等级" in period and [r["grade"] for r in csv] == ["", ""]
        assert "各等级：A 1 家、B 1 家、C 0 家" in terminal_title(view)
        company = pages["ranking/companies/beta/index.md"]
        assert "列入黑榜" in company and ">B<" not in company and "等级 **" not in company
        assert "'B'" not in paper and "各等级企业数（2 家）" in paper
