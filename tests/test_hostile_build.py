"""What a build publishes is safe to open and serve, and a killed build harms nothing.

* open-data CSV cells a spreadsheet would evaluate (``=``, ``+``, ``-``, ``@``, tab, CR) are
  neutralised with a leading ``'``; negative numbers stay numbers;
* the built site is world-readable (folders 0755, files 0644), whatever the umask;
* a build killed with SIGKILL during staging, MkDocs or the PDF stage leaves the previous site
  complete and unchanged, and the next build removes what the killed one left;
* a build that died between the two renames of a swap gets its previous site back.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.commands.build import SITE_MARKER, BuildOptions, build, check
from generator.render.web.site import render_site
from generator.write.publish import clean_leftovers
from tests.support import AS_OF, CONFIG, CONTENT, DATA, PC

ROOT = Path(__file__).resolve().parent.parent


def _options(data: Path, out: Path, cache: Path) -> BuildOptions:
    return BuildOptions(data=data, out=out, as_of=AS_OF, content=CONTENT, config=CONFIG, pdf_cache=cache)


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"http://x\",\"点我\")", "'=HYPERLINK(\"http://x\",\"点我\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(1,1)", "'@SUM(1,1)"),
    ("\t=1+1", "'=1+1"),  # the loader trims the tab; what is left is still neutralised
    ("电梯广告", "电梯广告"),
])
def test_open_data_csv_cells_are_not_formulas(mini: Path, cell: str, shown: str) -> None:
    path = mini / PC / "public_revenue.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = rows[0].index("description")
    rows[1][column] = cell
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    checked = check(mini, AS_OF, CONTENT)
    assert checked.ok, checked.findings
    files = render_site(checked.site())
    ledger = files.pages["data/ledgers/pine-court/public_revenue.csv"]
    published = list(csv.reader(io.StringIO(ledger.lstrip("\ufeff"), newline="")))
    assert published[1][column] == shown
    # amounts stay numbers, also negative ones (the balance column is signed)
    assert all(not row[-1].startswith("'") for row in published[1:])


def test_negative_numbers_stay_numbers_in_open_data() -> None:
    from generator.render.web.opendata import spreadsheet_safe

    values = ("-12.50", "+3", "-7", "=1", "-1-1", "\t=1", "\r=1", "@A1")
    assert [spreadsheet_safe(v) for v in values] == ["-12.50", "+3", "-7", "'=1", "'-1-1", "'\t=1", "'\r=1", "'@A1"]


def test_built_site_is_world_readable(mini: Path, tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        result = build(_options(mini, tmp_path / "site", tmp_path / "cache"))
    finally:
        os.umask(old)
    assert result.ok, result.findings
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "site").rglob("*") if not p.is_symlink()}
    modes.add(stat.S_IMODE((tmp_path / "site").stat().st_mode))
    assert modes == {0o755, 0o644}


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the build's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _stage_reached(parent: Path, stage: str) -> bool:
    """staging: a shard's staging folder is being written; mkdocs: MkDocs is writing a part
    into the (fresh) part cache; pdf: PDFs are going into the new site (the merge)."""
    for path in parent.iterdir():
        if stage == "staging" and path.name.startswith(".site.stage-") and any(path.glob("*/docs")):
            return True
        if stage == "pdf" and path.name.startswith(".site.new-") and any((path / "pdf").glob("*.pdf")):
            return True
    if stage == "mkdocs":
        return any((parent / "fresh-site-cache" / "parts").glob(".tmp-*/index.html"))
    return False


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built sample site, the one a killed build must leave alone."""
    root = tmp_path_factory.mktemp("previous")
    result = build(_options(DATA, root / "site", root / "cache"))
    assert result.ok
    return root / "site"


@pytest.mark.parametrize("stage", ["staging", "mkdocs", "pdf"])
def test_a_killed_build_leaves_the_previous_site(stage: str, previous: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(previous, site)
    before = _tree(site)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--data", str(DATA), "--out", str(site),
         "--as-of", AS_OF.isoformat(), "--pdf-cache", str(tmp_path / "fresh-cache"),
         "--site-cache", str(tmp_path / "fresh-site-cache")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while not _stage_reached(tmp_path, stage):
            assert process.poll() is None, f"the build ended before the {stage} stage was seen"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        workers = _children(process.pid)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    end = time.monotonic() + 10
    while any(map(_running, workers)) and time.monotonic() < end:
        time.sleep(0.05)
    assert not [pid for pid in workers if _running(pid)], "worker processes outlived the build"
    assert _tree(site) == before  # complete and unchanged
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site."))
    assert left, "the killed build left nothing to clean: the stage was not reached"

    result = build(_options(DATA, site, tmp_path / "cache"))
    assert result.ok
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")) == []
    assert (site / SITE_MARKER).is_file() and (site / "index.html").is_file()


def test_a_build_killed_between_the_renames_gets_its_site_back(tmp_path: Path) -> None:
    """Where the atomic exchange is missing, a swap is two renames; dying between them leaves
    no site at ``out``, and the next build's clean-up puts the previous one back."""
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_MARKER).write_text("")
    (site / "index.html").write_text("上一次的网站", encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    site.rename(tmp_path / f".site.old-{pid}-abc")
    (tmp_path / f".site.new-{pid}-def").mkdir()
    clean_leftovers(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "上一次的网站"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_clean_up_leaves_folders_of_running_builds_alone(tmp_path: Path) -> None:
    running = tmp_path / f".site.new-{os.getpid()}-xyz"
    running.mkdir()
    clean_leftovers(tmp_path / "site")
    assert running.is_dir()
