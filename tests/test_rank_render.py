"""Ranking pages as residents read them: figures, arithmetic, lists, links, escaping."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import markdown
import pytest

from generator.findings import Findings
from generator.load.dataset import Dataset, load
from generator.derive.rank import rank_all, rank_rows
from generator.render.web.ranking import oversight_section as section_with
from generator.render.web.ranking import ranking_pages
from generator.views.ranking import period_view
from generator.views.paths import url_of
from tests.sitebuild import html_table_links, html_tables
from tests.support import YAML, edit, policy, rows, sheet, ten_companies

@pytest.fixture
def city(rated: Path) -> Path:
    """The mini city with two companies and a clean 2026-H1 sheet (tests/conftest.py)."""
    return rated


SITE = "https://wuye.example.org/"  # site_url of tests/fixtures/mini/city.yaml
HOSTILE = '<script>alert(1)</script>[点我](javascript:alert(1)) **粗** | 竖线'


def loaded(root: Path) -> Dataset:
    findings = Findings()
    ds = load(root, findings)
    assert not findings.has_errors(), findings.sorted()
    return ds


def pages_of(root: Path) -> dict[str, str]:
    ds = loaded(root)
    return ranking_pages(ds, rank_all(ds))


def html(text: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return markdown.markdown(body, extensions=["tables", "toc"])


def test_the_expected_pages_exist(city: Path) -> None:
    assert sorted(pages_of(city)) == [
        "model-projects/index.md", "ranking/2026-h1/index.md", "ranking/companies/acme/index.md",
        "ranking/companies/beta/index.md", "ranking/index.md", "ranking/methodology/index.md"]


def test_period_page_shows_parts_weights_arithmetic_rank_and_rectification(city: Path) -> None:
    page = pages_of(city)["ranking/2026-h1/index.md"]
    # acme: 44 + 27 + 17 = 88; beta: 35 + 22.5 + 16 = 73.5
    assert "88.00×0.5 + 90.00×0.3 + 85.00×0.2 = 88.00" in page
    assert "70.00×0.5 + 75.00×0.3 + 80.00×0.2 = 73.50" in page
    scores = html_tables(page)["得分与名次"]
    assert scores[1][:7] == ["1", "测试物业服务有限公司", "松园小区", "88.00", "90.00", "85.00", "88.00"]
    assert scores[2][:7] == ["2", "贝塔物业有限公司", "—", "70.00", "75.00", "80.00", "73.50"]
    assert f'<a href="{SITE}ranking/companies/acme/">' in page
    assert "居民评价（×0.5）" in page
    assert "整改中：楼道堆物清理" in page
    assert "红榜 0 家：2 家 × 10% = 0.2，向下取整为 0 家" in page
    assert page.startswith("---\nsearch:\n  exclude: true\n---\n")


def test_current_lists_name_the_lists_and_link_periods_methodology_and_pdf(city: Path) -> None:
    edit(city / "city.yaml", "  cycle: half_year", "  cycle: half_year\n  red_list_name: 红心榜\n  bad_list_name: 黄榜")
    edit(city / "city.yaml", "red_ratio: 0.1, bad_ratio: 0.1", "red_ratio: 0.5, bad_ratio: 0.5")
    page = pages_of(city)["ranking/index.md"]
    assert "## 红心榜" in page and "## 黄榜" in page and "黑榜" not in page
    red = page.split("## 红心榜")[1].split("## 黄榜")[0]
    bad = page.split("## 黄榜")[1].split("## 历次考评")[0]
    assert "测试物业服务有限公司" in red and "贝塔物业有限公司" not in red
    assert "贝塔物业有限公司" in bad and "整改中：楼道堆物清理" in bad
    assert "](methodology/index.md)" in page and "](2026-h1/index.md)" in page
    assert '<a href="https://wuye.example.org/pdf/ranking-2026-h1.pdf">' in page  # absolute: engine-neutral
    assert f'<a href="{SITE}ranking/2026-h1/">' in page
    assert "search:" not in page


def test_methodology_states_the_rule_actually_applied(city: Path) -> None:
    default = pages_of(city)["ranking/methodology/index.md"]
    assert "规则版本：**T-1**" in default
    assert "| 居民评价 | residents | 0.5（50%） |" in default
    assert "参评企业数 × 10%，向下取整" in default
    assert "| 35 | 3 | 3 |" in default and "| 9 | 0 | 0 |" in default
    assert "不允许缺评" in default
    edit(city / "city.yaml", 'version: "T-1"', 'version: "T-2"')
    edit(city / "city.yaml", "red_ratio: 0.1, bad_ratio: 0.1, rounding: down",
         "red_ratio: 0.2, bad_ratio: 0.15, rounding: up")
    edit(city / "city.yaml", "  cycle: half_year",
         "  cycle: half_year\n  missing_group: reweight\n  tie_break: [community]\n  consecutive_bad_flag: 3\n"
         "  consequences: [约谈企业负责人]\n  grades: [{name: 优秀, min_score: 90}, {name: 合格, min_score: 60}]")
    changed = pages_of(city)["ranking/methodology/index.md"]
    assert "规则版本：**T-2**" in changed
    assert "参评企业数 × 20%，向上取整" in changed and "参评企业数 × 15%，向上取整" in changed
    # 35 × 20% = 7; 35 × 15% = 5.25 -> 6
    assert "| 35 | 7 | 6 |" in changed
    assert "重新归一" in changed
    assert "依次比较“街道社区评价”得分" in changed
    assert "连续 3 期" in changed
    assert "- 约谈企业负责人" in changed
    assert "| 优秀 | 90 分及以上 |" in changed and "| 合格 | 60 分及以上、低于 90 分 |" in changed


def test_company_history_page(city: Path) -> None:
    page = pages_of(city)["ranking/companies/beta/index.md"]
    assert page.startswith("# 贝塔物业有限公司")
    assert "第 2 名（共 2 家），综合得分 **73.50**" in page
    assert html_tables(page)["历次考评"][1][:3] == ["2026年上半年", "2/2", "73.50"]
    assert f'<a href="{SITE}ranking/2026-h1/">' in page
    acme = pages_of(city)["ranking/companies/acme/index.md"]
    assert "服务小区：[松园小区](../../../compounds/pine-court/index.md)" in acme


def test_every_relative_link_resolves(city: Path) -> None:
    pages = pages_of(city)
    known = set(pages) | {"compounds/pine-court/index.md"}
    urls = {url_of(p) for p in known}
    for path, text in pages.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith("tel:"):  # where objections go: a callable phone, not a page
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in known, f"{path}: {target}"
        for href in html_table_links(text):  # raw-HTML links in tables: absolute under site_url
            assert href.startswith(SITE), f"{path}: {href}"
            if not href.endswith(".pdf"):  # PDFs are made after MkDocs; the site link test checks them
                assert href[len(SITE):] in urls, f"{path}: {href}"


def oversight_section(ds: Dataset, rankings: list, company_id: str, **kw: str) -> str:
    """The fragment as a compound's page shows it, every period viewed once (as ``Views.periods``)."""
    return section_with(ds, rankings, company_id, {r.period.id: period_view(ds, r) for r in rankings}, **kw)


def test_data_values_are_escaped_on_every_page(city: Path) -> None:
    edit(city / "companies" / "beta.yaml", "name: 贝塔物业有限公司", f"name: '{HOSTILE}'")
    edit(city / YAML, "note: 楼道堆物清理", f"note: '{HOSTILE}'")
    edit(city / YAML, "organiser: 测试市住房和城乡建设局", f"organiser: '{HOSTILE}'")
    ds = loaded(city)
    rankings = rank_all(ds)
    texts = dict(ranking_pages(ds, rankings))
    texts["oversight"] = oversight_section(ds, rankings, "beta")
    for path, text in texts.items():
        out = html(text)
        assert "<script" not in out and "javascript:" not in out and "<strong>粗" not in out, path
    period = html(texts["ranking/2026-h1/index.md"])
    scores = period.split("</table>")[0]
    # header + two companies, nine cells each: the | in the name did not split a cell
    assert scores.count("<tr") == 3 and scores.count("<td") == 18
    assert "&lt;script&gt;alert" in period


def test_oversight_fragment_shows_latest_parts_and_history(city: Path) -> None:
    ds = loaded(city)
    text = oversight_section(ds, rank_all(ds), "acme")
    assert text.startswith("## 企业考评结果")
    assert "在2026年上半年考评中排第 1 名（共 2 家），综合得分 **88.00**" in text
    assert ["主管部门评价", "0.3", "90.00"] in html_tables(text)["各评价主体得分"]
    assert "](../../ranking/companies/acme/index.md)" in text
    assert html_tables(text)["历次考评"][1][:3] == ["2026年上半年", "1/2", "88.00"]
    assert f'<a href="{SITE}ranking/2026-h1/">' in text
    nested = oversight_section(ds, rank_all(ds), "acme", page="compounds/pine-court/oversight/index.md")
    assert "](../../../ranking/companies/acme/index.md)" in nested
    assert "尚未参加考评" in oversight_section(ds, rank_all(ds), "nobody")


def test_consecutive_bad_flag_and_rank_change_are_shown(city: Path) -> None:
    ds = loaded(city)
    pol = policy()
    first = rank_rows(pol, sheet("2025-H2"), rows(ten_companies()))
    second = rank_rows(pol, sheet("2026-H1"), rows(ten_companies(y=84)), first)
    pages = ranking_pages(ds, [first, second])
    index = pages["ranking/index.md"]
    assert html_tables(index)["本期黑榜"][1] == ["10", "z", "—", "50.00", "—", "持平", "⚠ 连续 2 期上黑榜",
                                                  "10 家中综合得分最低（50.00），按末位 10% 列入黑榜"]
    period = pages["ranking/2026-h1/index.md"]
    assert ["7", "y"] in [row[:2] for row in html_tables(period)["得分与名次"]] and "↓6" in period
    history = pages["ranking/companies/z/index.md"]
    assert history.index("2026年上半年") < history.index("2025年下半年")  # newest first


def test_ties_are_explained(city: Path) -> None:
    ds = loaded(city)
    table = {"a": (90, 90, 90), "b": (80, 90, 90), "c": (86, 84, 84)}
    ranking = rank_rows(policy(tie_break=["residents"]), sheet(), rows(table))
    page = ranking_pages(ds, [ranking])["ranking/2026-h1/index.md"]
    assert "第 2 名并列（综合得分 85.00）：c、b" in page


def test_no_evaluations_yet(mini: Path) -> None:
    pages = pages_of(mini)
    assert "尚未发布物业服务企业考评结果" in pages["ranking/index.md"]
    assert sorted(pages) == ["model-projects/index.md", "ranking/index.md", "ranking/methodology/index.md"]


def test_pages_are_deterministic(city: Path) -> None:
    assert pages_of(city) == pages_of(city)
