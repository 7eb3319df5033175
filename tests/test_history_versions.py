"""Nothing quietly rewritten: a git repository of the sample with a fee change, a new quarter
and a silent correction of a past quarter, built into a real site. The history pages, the
version pages, the verify pages, the correction flag and the feeds are read from the built
HTML/XML; expected figures come from the data files the test wrote."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, build
from generator.derive.stamp import files_stamp
from generator.load.history import read_log
from tests.sitebuild import content_text
from tests.support import AS_OF, CONFIG, CONTENT, DATA
from tests.test_history import git

LANTING = "data/compounds/lanting"
ATOM = "{http://www.w3.org/2005/Atom}"


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _q2_only(repo: Path) -> None:
    """Public revenue as posted for Q2: no Q3 rows, no Q3 statement."""
    csv = repo / LANTING / "public_revenue.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(line for line in lines if not line.startswith("2026-0" + "7")
                           and not line.startswith("2026-08") and not line.startswith("2026-09")), encoding="utf-8")
    yml = repo / LANTING / "public_revenue.yaml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(text[:text.index("  - period: 2026-Q3")] + "uses_decided_by: 业主大会\n", encoding="utf-8")
    _rewrite(yml, "posted_on: 2026-10-10\n  period: 2026-Q3", "posted_on: 2026-07-10\n  period: 2026-Q2")


def sample_repo(tmp: Path) -> Path:
    repo = tmp / "repo"
    shutil.copytree(DATA, repo / "data")
    final = {name: (repo / LANTING / name).read_bytes() for name in
             ("fee_schedule.csv", "fee_schedule.yaml", "public_revenue.csv", "public_revenue.yaml")}
    _rewrite(repo / LANTING / "fee_schedule.csv", ",1.35,元/㎡·月,", ",1.30,元/㎡·月,")
    _rewrite(repo / LANTING / "fee_schedule.yaml", "posted_on: 2026-01-15", "posted_on: 2025-12-15")
    _q2_only(repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "首次录入（业主王芳提供）", when="2025-12-20T10:00:00+08:00")
    for name in ("fee_schedule.csv", "fee_schedule.yaml"):  # a fee change, posted anew
        (repo / LANTING / name).write_bytes(final[name])
    git(repo, "commit", "-qam", "调价", when="2026-01-16T09:30:00+08:00")
    for name in ("public_revenue.csv", "public_revenue.yaml"):  # a new quarter
        (repo / LANTING / name).write_bytes(final[name])
    git(repo, "commit", "-qam", "三季度", when="2026-10-10T17:00:00+08:00")
    # a silent correction of Q2 (posting date unchanged): 100 more income and 100 more cost
    csv = repo / LANTING / "public_revenue.csv"
    text = csv.read_text(encoding="utf-8")
    text = text.replace("快递柜场地使用费（3组，第二季度）,450.00,86330.12", "快递柜场地使用费（3组，第二季度）,550.00,86430.12")
    text = text.replace(",21600.00,107930.12", ",21600.00,108030.12").replace(",8640.00,116570.12", ",8640.00,116670.12")
    text = text.replace(",1922.24,118492.36", ",1922.24,118592.36").replace("代缴增值税及附加,2074.14,116418.22",
                                                                          "代缴增值税及附加,2174.14,116418.22")
    csv.write_text(text, encoding="utf-8")
    yml = repo / LANTING / "public_revenue.yaml"
    _rewrite(yml, "income: 32612.24\n    cost: 2074.14", "income: 32712.24\n    cost: 2174.14")
    git(repo, "commit", "-qam", "悄悄改", when="2026-10-20T08:00:00+08:00")
    return repo


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("history")
    repo = sample_repo(tmp)
    result = build(BuildOptions(data=repo / "data", out=tmp / "site", as_of=AS_OF, content=CONTENT,
                                config=CONFIG, pdf_cache=tmp / "cache"))
    assert result.ok, [f.message for f in result.findings]
    return tmp / "site"


def text(site: Path, url: str) -> str:
    return content_text(site / url / "index.html")


def stamp_of(repo_data: Path, *names: str) -> str:
    return files_stamp(((f"compounds/lanting/{n}", (repo_data / "compounds/lanting" / n).read_bytes()) for n in names))


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
    assert sum("住宅物业服务费 1.3 元/㎡·月" in t and "这是旧版本" in t for t in figures.values()) == 1


def test_verify_pages_tell_current_from_older(site: Path, tmp_path: Path) -> None:
    repo = sample_repo(tmp_path)
    current = stamp_of(repo / "data", "fee_schedule.csv", "fee_schedule.yaml")
    page = text(site, f"v/{current}")
    assert "是现行版本" in page and "兰亭" in page
    fee_versions = [p.name for p in (site / "compounds/lanting/fee-schedule/history").iterdir() if p.is_dir()]
    old = next(v for v in fee_versions if v != current)
    older = text(site, f"v/{old}")
    assert "不是现行版本" in older and "2025-12-20 10:00 至 2026-01-16 09:30" in older
    assert "住宅物业服务费 收费标准 1.30 → 1.35 元/㎡·月" in older
    assert not (site / "v" / "00000000").exists()
    verify = (site / "verify" / "index.html").read_text(encoding="utf-8")
    assert "<form" in verify and "/v/" in verify
    notfound = (site / "404.html").read_text(encoding="utf-8")
    assert "版本号" in notfound


def test_feeds_carry_the_changes_in_china_time(site: Path) -> None:
    feed = ET.parse(site / "compounds/lanting/feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert entries[0].find(f"{ATOM}updated").text == "2026-10-20T08:00:00+08:00"
    assert "含更正" in entries[0].find(f"{ATOM}title").text
    assert "更正：2026年第二季度 收入 32,612.24 → 32,712.24 元" in entries[0].find(f"{ATOM}summary").text
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
    assert "只取得 2026-10-10 以来的修改记录" in page
