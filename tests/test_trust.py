"""Trust that holds, on the sample's git history (:mod:`tests.history_repo`: a fee change, a new
quarter, a silent change of a posted figure, a computed figure no longer typed, a future price,
a revert), built into a real site with its transparency log: every ``/v/`` page's proof checks
out offline, the log extends the one published before, a rewritten log is detected and
refused, every date reads in China time, and the public key is on ``/verify/`` and on the
ranking PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, build
from generator.errors import BuildError
from generator.commands.verify import verify_log, verify_proof
from generator.derive.trust_log import parse_entry
from generator.tlog.log import log_files, read_log
from generator.tlog.tiles import entries_from_bundles
from tests.history_repo import KEY, PUBLIC_KEY, SIGNER, HistorySite, commit_of, history_site
from tests.sitebuild import content_text
from tests.siteserver import serving
from tests.support import AS_OF, CONFIG, CONTENT, DATA, cli, views_of

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> HistorySite:
    return history_site(tmp_path_factory)


def text(site: Path, url: str) -> str:
    return content_text(site / url / "index.html")


def _log_entries(site: Path) -> list[bytes]:
    folder = site / "log"
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return read_log(files, SIGNER.verifier).entries


def test_every_version_page_offers_a_proof_that_checks_out_offline(built: HistorySite) -> None:
    stamps = sorted(p.name for p in (built.site / "v").iterdir() if p.is_dir())
    assert len(stamps) > 100
    for stamp in stamps:
        proof = built.site / "v" / stamp / f"{stamp}.tlog-proof"
        verdict = verify_proof(proof, PUBLIC_KEY, stamp)
        assert verdict.ok, (stamp, verdict.lines)
    page = text(built.site, f"v/{stamps[0]}")
    assert f"{stamps[0]}.tlog-proof" in page and "公开日志" in page
    other = verify_proof(built.site / "v" / stamps[0] / f"{stamps[0]}.tlog-proof", PUBLIC_KEY, stamps[1])
    assert not other.ok and f"不是版本号 {stamps[1]}" in other.lines[0]
    result = cli("verify", "proof", built.site / "v" / stamps[1] / f"{stamps[1]}.tlog-proof", "--key", PUBLIC_KEY,
                 "--stamp", stamps[1].upper())
    assert result.exit_code == 0 and "证明成立" in result.output


def test_the_log_holds_every_stamp_and_the_data_fingerprint_and_extends_the_published_one(built: HistorySite) -> None:
    entries = [parse_entry(e) for e in _log_entries(built.site)]
    logged = {e.value for e in entries if e is not None and e.kind == "stamp"}
    assert {p.name for p in (built.site / "v").iterdir() if p.is_dir()} <= logged
    assert sum(1 for e in entries if e is not None and e.kind == "data") == 2  # after step 4, and now
    result = cli("verify", "log", built.site, "--key", PUBLIC_KEY, "--since", built.old_log / "checkpoint")
    assert result.exit_code == 0, result.output
    assert "延续" in result.output and "之前的记录一条未改" in result.output
    old = read_log({p.relative_to(built.old_log).as_posix(): p.read_bytes() for p in built.old_log.rglob("*") if p.is_file()},
                   SIGNER.verifier)
    assert _log_entries(built.site)[:old.checkpoint.size] == old.entries
    assert (built.site / "log" / f"tile/0/000.p/{old.checkpoint.size}").is_file()  # the old size's tile stays


def test_a_log_with_one_entry_rewritten_is_detected(built: HistorySite, tmp_path: Path) -> None:
    entries = _log_entries(built.site)
    rewritten = list(entries)
    rewritten[3] = entries[3].replace(entries[3][11:19], b"deadbeef")
    folder = tmp_path / "log"
    for rel, data in log_files(rewritten, SIGNER).items():  # signed with the real key: only history tells
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    verdict = verify_log(folder, PUBLIC_KEY, built.old_log / "checkpoint")
    assert not verdict.ok and "日志被改写过" in verdict.lines[-1]
    result = cli("verify", "log", folder, "--key", PUBLIC_KEY, "--since", built.old_log / "checkpoint")
    assert result.exit_code == 1
    assert verify_log(folder, PUBLIC_KEY).ok  # alone, a re-signed log looks fine: the old checkpoint is what catches it


def _build_with(log: Path | None, tmp: Path, new_log: bool = False) -> None:
    build(BuildOptions(data=DATA, out=tmp / "site", as_of=AS_OF, content=CONTENT, config=CONFIG, log_key=KEY,
                       published_log=log, new_log=new_log, pdf_cache=tmp / "cache"))


def test_the_build_refuses_to_publish_over_a_log_that_does_not_check_out(built: HistorySite, tmp_path: Path) -> None:
    tampered = tmp_path / "published"
    shutil.copytree(built.old_log, tampered)
    bundle = next(p for p in (tampered / "tile" / "entries").rglob("*") if p.is_file())
    bundle.write_bytes(bundle.read_bytes().replace(b"wuye-stamp 0", b"wuye-stamp 1", 1))
    with pytest.raises(BuildError, match="无法核验"):
        _build_with(tampered, tmp_path)
    with pytest.raises(BuildError, match="--new-log"):
        _build_with(tmp_path / "nothing", tmp_path)
    assert not (tmp_path / "site").exists()


def test_every_date_reads_in_china_time(built: HistorySite) -> None:
    home = text(built.site, "compounds/lanting")
    assert "2026-11-03" in home and "2026-11-02" not in home  # committed 2026-11-02 20:50 UTC
    fund = text(built.site, "compounds/lanting/maintenance-fund/history")
    assert "2026-11-03 04:50" in fund
    feed = ET.parse(built.site / "compounds/lanting/feed.xml").getroot()
    assert all(e.find(f"{ATOM}updated").text.endswith("+08:00") for e in feed.findall(f"{ATOM}entry"))


def test_changes_read_as_residents_see_them(built: HistorySite) -> None:
    fund = text(built.site, "compounds/lanting/maintenance-fund/history")
    assert "更正" not in fund.split("历史版本 版本号")[-1] and "年末余额" not in fund  # computed, not a change
    fees = text(built.site, "compounds/lanting/fee-schedule/history")
    assert "调整：新增 住宅物业服务费（自 2027-01-01 起） 1.50 元/㎡·月（2027-01-01 起执行）" in fees
    revert = re.search(r"撤回：撤下版本 ([0-9a-f]{8})，恢复为版本 ([0-9a-f]{8})", fees)
    assert revert is not None
    updates = text(built.site, "updates")
    assert updates.count("更正（张贴后改动）：") == 2 and "撤回：撤下版本" in updates and "调整（提前公布" in updates
    titles = [e.find(f"{ATOM}title").text for e in ET.parse(built.site / "compounds/lanting/feed.xml").getroot()
              .findall(f"{ATOM}entry")]
    assert titles[:2] == ["兰亭苑：收费项目与标准（明码标价）（撤回）", "兰亭苑：收费项目与标准（明码标价）（调整）"]
    withdrawn, restored = revert.groups()
    assert "不是现行版本" in text(built.site, f"v/{withdrawn}") and "是现行版本" in text(built.site, f"v/{restored}")


def test_an_old_stamp_from_an_earlier_commit_resolves(built: HistorySite, tmp_path: Path) -> None:
    """The fee sheet printed from the first commit (1.30, before the change) carries a stamp
    (its view's, as the build of that commit stamps it) that the site built now knows."""
    first = tmp_path / "first"
    subprocess.run(["git", "clone", "-q", str(built.repo), str(first)], check=True)
    subprocess.run(["git", "checkout", "-q", commit_of(built.repo, 1)], cwd=first, check=True)
    view = views_of(first / "data").item("lanting", "fee_schedule")
    assert view is not None and "1.30" in repr(view.blocks)
    page = text(built.site, f"v/{view.stamp}")
    assert "不是现行版本" in page and "2025-12-20 10:00 至 2026-01-16 09:30" in page and "现行公示" in page


def test_the_public_key_is_on_the_verify_page_and_the_ranking_pdf(built: HistorySite) -> None:
    assert PUBLIC_KEY in text(built.site, "verify")
    for pdf in sorted((built.site / "pdf").glob("ranking-*.pdf")):
        printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert PUBLIC_KEY in re.sub(r"\s", "", printed), pdf.name


def test_every_stamp_printed_on_a_pdf_resolves(built: HistorySite) -> None:
    printed: set[str] = set()
    for pdf in sorted((built.site / "pdf").rglob("*.pdf")):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        printed |= set(re.findall(r"版本号?[：: ]*([0-9a-f]{8})\b", out))
    assert len(printed) > 100
    missing = sorted(s for s in printed if not (built.site / "v" / s / "index.html").is_file())
    assert missing == []


def test_entries_read_back_from_the_served_bundles(built: HistorySite) -> None:
    folder = built.site / "log"
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    size = int((folder / "checkpoint").read_text(encoding="utf-8").split("\n")[1])
    assert entries_from_bundles(files, size) == _log_entries(built.site)


def test_a_publish_job_fetches_the_published_log_over_http_and_extends_it(built: HistorySite, tmp_path: Path) -> None:
    """Where the published site is not a branch (GitLab Pages, an object store), the publish job
    fetches the log from the site (a real local HTTP server here) and the next build extends it."""
    with serving(built.site) as base:
        fetched = cli("verify", "fetch-log", "--data", DATA, "--from", base + "log/", "--out", tmp_path / "log")
        nothing = cli("verify", "fetch-log", "--data", DATA, "--from", base + "nowhere/", "--out", tmp_path / "none")
    assert fetched.exit_code == 0, fetched.stderr
    served = {p.relative_to(built.site / "log").as_posix(): p.read_bytes()
              for p in (built.site / "log").rglob("*") if p.is_file()}
    got = {p.relative_to(tmp_path / "log").as_posix(): p.read_bytes() for p in (tmp_path / "log").rglob("*") if p.is_file()}
    size = int(served["checkpoint"].decode().split("\n")[1])
    assert got and all(served[rel] == data for rel, data in got.items()) and f"{size} 条记录" in fetched.stdout
    assert entries_from_bundles(got, size) == _log_entries(built.site)
    assert verify_log(tmp_path / "log", PUBLIC_KEY).ok
    assert nothing.exit_code == 1 and "--new-log" in nothing.stderr and not (tmp_path / "none").exists()
    rebuilt = build(BuildOptions(data=built.repo / "data", out=tmp_path / "site", as_of=AS_OF, content=CONTENT,
                                 config=CONFIG, log_key=KEY, published_log=tmp_path / "log"))
    assert rebuilt.ok and verify_log(tmp_path / "site" / "log", PUBLIC_KEY, tmp_path / "log" / "checkpoint").ok
