"""Model projects (示范项目): references and photos are checked; the gallery shows them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.findings import Findings, Severity
from generator.load.dataset import load
from generator.derive.rank import rank_all
from generator.checks import run_checks
from generator.render.plan import plan_site
from generator.views.site import Views
from generator.render.web.ranking import ranking_pages
from tests.support import DATA, edit, findings_for

PROJECT = "model_projects/pine-garden.yaml"
PROJECT_YAML = """\
title: 松园小区“花园式”共治项目
compound: pine-court
company: acme
year: 2026
reason: 业委会、社区和物业共同改造中心花园，居民满意度明显提升
highlights:
  - 每月一次三方联席会议
  - 公共收益用于花园改造，账目按季度公示
photos:
  - {file: courtyard-garden.svg, caption: 改造后的中心花园（示意图）}
  - {file: notice-board.svg, caption: 入口信息公示栏（示意图）}
"""


@pytest.fixture
def showcase(mini: Path) -> Path:
    photos = mini / "model_projects" / "photos"
    photos.mkdir(parents=True)
    for name in ("courtyard-garden.svg", "notice-board.svg"):
        shutil.copy(DATA / "model_projects" / "photos" / name, photos / name)
    (mini / PROJECT).write_text(PROJECT_YAML, encoding="utf-8")
    return mini


def test_valid_project_has_no_findings(showcase: Path) -> None:
    assert findings_for(showcase) == []


@pytest.mark.parametrize("old, new, code, line, severity", [
    ("compound: pine-court", "compound: pine-cour", "ref-unknown", 2, Severity.ERROR),
    ("company: acme", "company: acne", "ref-unknown", 3, Severity.ERROR),
    ("{file: notice-board.svg", "{file: board.svg", "file-missing", 11, Severity.ERROR),
    ("{file: notice-board.svg", "{file: ../notice-board.svg", "file-missing", 11, Severity.ERROR),
])
def test_one_defect_one_finding(showcase: Path, old, new, code, line, severity) -> None:
    edit(showcase / PROJECT, old, new)
    found = findings_for(showcase)
    assert [(f.code, f.file, f.line, f.severity) for f in found] == [(code, PROJECT, line, severity)]


def test_company_other_than_the_compounds_is_a_warning(showcase: Path) -> None:
    beta = (showcase / "companies" / "acme.yaml").read_text(encoding="utf-8")
    (showcase / "companies" / "beta.yaml").write_text(beta.replace("MA2T000013", "MA2T000026"), encoding="utf-8")
    edit(showcase / PROJECT, "company: acme", "company: beta")
    found = findings_for(showcase)
    assert [(f.code, f.line, f.severity) for f in found] == [("ref-mismatch", 3, Severity.WARNING)]


def _gallery(root: Path) -> tuple[str, dict[str, Path]]:
    findings = Findings()
    ds = load(root, findings)
    matrix = run_checks(ds, date(2026, 11, 15), findings)
    rankings = rank_all(ds)
    return ranking_pages(ds, rankings)["model-projects/index.md"], {p: f for p, f in plan_site(Views(ds, matrix, rankings, date(2026, 11, 15))).assets().items() if p.startswith("model-projects/")}


def test_gallery_shows_photos_compound_company_year_reason_highlights(showcase: Path) -> None:
    page, assets = _gallery(showcase)
    assert "## 松园小区“花园式”共治项目" in page
    assert "- 小区：[松园小区](../compounds/pine-court/index.md)" in page
    assert "- 物业服务企业：测试物业服务有限公司" in page  # no ranking yet: no link to a history page
    assert "- 评选年度：2026 年" in page
    assert "- 入选理由：业委会、社区和物业共同改造中心花园" in page
    assert "- 公共收益用于花园改造，账目按季度公示" in page
    assert "![改造后的中心花园（示意图）](photos/courtyard-garden.svg)" in page
    assert assets == {
        "model-projects/photos/courtyard-garden.svg": showcase / "model_projects" / "photos" / "courtyard-garden.svg",
        "model-projects/photos/notice-board.svg": showcase / "model_projects" / "photos" / "notice-board.svg",
    }


def test_missing_photo_is_neither_shown_nor_copied(showcase: Path) -> None:
    (showcase / "model_projects" / "photos" / "notice-board.svg").unlink()
    page, assets = _gallery(showcase)
    assert "notice-board" not in page
    assert list(assets) == ["model-projects/photos/courtyard-garden.svg"]


def test_newest_projects_first(showcase: Path) -> None:
    (showcase / "model_projects" / "older.yaml").write_text(
        PROJECT_YAML.replace("year: 2026", "year: 2024").replace("松园小区“花园式”共治项目", "早年的项目"), encoding="utf-8")
    page, _ = _gallery(showcase)
    assert page.index("松园小区“花园式”共治项目") < page.index("早年的项目")


def test_empty_gallery(mini: Path) -> None:
    page, assets = _gallery(mini)
    assert "暂无示范项目" in page and assets == {}


def test_sample_photos_are_small_svg_without_scripts() -> None:
    photos = sorted((DATA / "model_projects" / "photos").glob("*"))
    assert photos
    for path in photos:
        text = path.read_text(encoding="utf-8")
        assert path.suffix == ".svg" and text.startswith("<svg") and "<title>" in text
        assert "<script" not in text and "href" not in text and len(text) < 4000
