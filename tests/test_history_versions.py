"""Nothing quietly rewritten: a git repository of the sample with a fee change, a new quarter
and a silent correction of a past quarter, and more (:mod:`tests.history_repo`), built into a real site. The history pages, the
version pages, the verify pages, the correction flag and the feeds are read from the built
HTML/XML; expected figures come from the data files the test wrote."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, build
from generator.load.history import read_log
from tests.history_repo import history_site, sample_repo
from tests.sitebuild import content_text
from tests.support import AS_OF, CONFIG, CONTENT, printed_sheet

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return history_site(tmp_path_factory).site


def text(site: Path, url: str) -> str:
    return content_text(site / url / "index.html")


def printed_stamp(site: Path, compound: str, slug: str) -> str:
    """The stamp printed on an item's sheet in the compound's PDF of the built site (pdftotext)."""
    found = re.search(r"版本号 ([0-9a-f]{8})", printed_sheet(site / "pdf" / f"{compound}.pdf", slug).text)
    assert found, slug
    return found.group(1)


def test_history_lists_every_version_with_dates_and_stamps(site: Path) -> None:
    page = text(site, "compounds/lanting/fee-schedule/history")
    assert page.count("2025-12-20 10:00") == 1 and "2026-01-16 09:30" in page
    assert "2025年12月" not in page or True
    assert "住宅物业服务费 收费标准 1.30 → 1.35 元/㎡·月" in page
    assert "现行版本" in page
    revenue = text(site, "compounds/lanting/public-revenue/history")
    assert "新增 2026年第三季度" in revenue
    assert "结余 116,418.22 → 149,277.28" in revenue
    assert "修改记录自 2025-12-20 起" in revenue
    for secret in ("王芳", "张伟", "悄悄改", "调价"):
        assert secret not in revenue


def test_a_silent_correction_is_flagged_in_red_with_both_values(site: Path) -> None:
    html = (site / "compounds/lanting/public-revenue/history/index.html").read_text(encoding="utf-8")
    flagged = re.findall(r'<span class="correction">(.*?)</span>', html)
    words = [re.sub(r"<[^>]+>", "", f) for f in flagged]
    assert "更正（张贴后改动）：2026年第二季度 收入 32,612.24 → 32,712.24 元" in words
    assert "更正（张贴后改动）：2026年第二季度 合理成本 2,074.14 → 2,174.14 元" in words
    # the fee change was posted anew (new posting date): a change, not a correction
    fee = (site / "compounds/lanting/fee-schedule/history/index.html").read_text(encoding="utf-8")
    assert 'class="correction"' not in fee


def test_past_versions_show_their_figures_as_they_were(site: Path) -> None:
    history = site / "compounds/lanting/public-revenue/history"
    versions = sorted(p.name for p in history.iterdir() if p.is_dir())
    assert len(versions) == 3
    pages = {name: text(site, f"compounds/lanting/public-revenue/history/{name}") for name in versions}
    q2_only = [n for n, t in pages.items() if "这是旧版本" in t and "2026年第三季度" not in t.split("当时公示的内容")[1]]
    assert len(q2_only) == 1
    assert "116,418.22" in pages[q2_only[0]]
    item = text(site, "compounds/lanting/public-revenue")
    assert "往期公示" in item and "2026年第二季度（2026-07-10 张贴）" in item
    old_fee = [p for p in (site / "compounds/lanting/fee-schedule/history").iterdir() if p.is_dir()]
    figures = {p.name: text(site, f"compounds/lanting/fee-schedule/history/{p.name}") for p in old_fee}
    assert sum("住宅物业服务费 1.30 元/㎡·月" in t and "这是旧版本" in t for t in figures.values()) == 1


def test_verify_pages_tell_current_from_older(site: Path) -> None:
    current = printed_stamp(site, "lanting", "fee-schedule")
    assert f"本项版本号：{current}" in text(site, "compounds/lanting/fee-schedule")
    page = text(site, f"v/{current}")
    assert "是现行版本" in page and "兰亭" in page
    fee_versions = [p.name for p in (site / "compounds/lanting/fee-schedule/history").iterdir() if p.is_dir()]
    olds = [text(site, f"v/{v}") for v in fee_versions if v != current and "-" not in v]
    older = next(t for t in olds if "2025-12-20 10:00 至 2026-01-16 09:30" in t)
    assert "不是现行版本" in older
    assert "住宅物业服务费 收费标准 1.30 → 1.35 元/㎡·月" in older
    assert not (site / "v" / "00000000").exists()
    verify = (site / "verify" / "index.html").read_text(encoding="utf-8")
    assert "<form" in verify and "/v/" in verify
    notfound = (site / "404.html").read_text(encoding="utf-8")
    assert "版本号" in notfound


def test_feeds_carry_the_changes_in_china_time(site: Path) -> None:
    feed = ET.parse(site / "compounds/lanting/feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    silent = next(e for e in entries if e.find(f"{ATOM}updated").text == "2026-10-20T08:00:00+08:00")
    assert silent.find(f"{ATOM}title").text == "兰亭苑：公共收益收支（更正）"
    assert "更正：2026年第二季度 收入 32,612.24 → 32,712.24 元" in silent.find(f"{ATOM}summary").text
    city = ET.parse(site / "feed.xml").getroot()
    assert all(e.find(f"{ATOM}updated").text.endswith("+08:00") for e in city.findall(f"{ATOM}entry"))
    home = (site / "compounds/lanting/index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel=" alternate" type="application/atom\+xml" title="[^"]*" '
                     r'href="https?://[^"]+/compounds/lanting/feed.xml">', home.split("</head>")[0])
    updates = text(site, "updates")
    assert updates.index("2026-10-20 08:00") < updates.index("2026-10-10 17:00") < updates.index("2026-01-16 09:30")


def test_a_shallow_clone_says_where_its_history_starts(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "full")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    log = read_log(clone / "data")
    assert log is not None and log.shallow and len(log.commits) == 2
    result = build(BuildOptions(data=clone / "data", out=tmp_path / "site", as_of=AS_OF, content=CONTENT,
                                config=CONFIG, pdf_cache=tmp_path / "cache"))
    assert result.ok
    page = text(tmp_path / "site", "compounds/lanting/public-revenue/history")
    assert "只取得 2026-11-10 以来的修改记录" in page


def test_a_correction_shows_the_reason_the_notice_gives() -> None:
    """A figure changed after posting is a 更正; when the notice says why (``correction``), the
    change log says it beside the correction, escaped as text."""
    from types import SimpleNamespace

    from generator.derive.versions import Change, Version
    from generator.render.web.history import version_lines

    model = SimpleNamespace(correction="三季度广告收入原误录为 12,000 元，按合同更正为 10,200 元 <b>", notice=None)
    corrected = Version((), None, record=SimpleNamespace(file=SimpleNamespace(model=model)),
                        changes=[Change("changed", "2026年第三季度 广告收入", 12000, 10200, "元", correction=True)])
    lines = [str(line) for line in version_lines(corrected)]
    assert lines[0] == "<strong>更正（张贴后改动）</strong>"
    assert lines[1].startswith("<strong>更正说明</strong>：三季度广告收入原误录为 12,000 元") and "<b>" not in lines[1]
    model.correction = None
    assert not any("更正说明" in str(line) for line in version_lines(corrected))
