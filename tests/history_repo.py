"""A git history of the sample city, as staff would make it, and its site built once per run.

:func:`sample_repo` commits the sample in steps (times in China time unless said):

1. 2025-12-20 10:00 first entry: the fee at 1.30 (posted 2025-12-15), public revenue up to Q2;
2. 2026-01-16 09:30 a fee change to 1.35, posted anew (2026-01-15);
3. 2026-10-10 17:00 a new quarter (Q3);
4. 2026-10-20 08:00 a silent change of a posted figure: Q2 income and cost +100, posting date unchanged;
5. 2026-11-02 20:50 **UTC** (2026-11-03 04:50 in China): the maintenance fund's 2025 opening and
   closing balances no longer typed (the generator computes the same figures);
6. 2026-11-10 09:00 a future price: 住宅物业服务费 1.50 from 2027-01-01, posted 2026-11-10;
7. 2026-11-12 10:00 a revert of step 6 (``git revert``).

:func:`history_site` builds it once per test run (shared by pytest-xdist workers) with a
transparency log: the log as published after step 4 (:func:`log_after_step_4`, made by the
build's own log code from that commit) is the published log the build extends.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, build
from generator.commands.log_stage import prepare_log
from generator.commands.steps import check
from generator.tlog.note import generate_signer, signer_text
from tests.sitebuild import _lock, _shared_root
from tests.support import AS_OF, CONFIG, CONTENT, DATA
from tests.test_history import git

LANTING = "data/compounds/lanting"
SIGNER = generate_signer("wuye.example.org/log", seed=bytes(range(100, 132)))
"""The log's test key (the sample's site_url is https://wuye.example.org/); never a real one."""
KEY = signer_text(SIGNER)
PUBLIC_KEY = SIGNER.verifier.text
UTC_STEP = "2026-11-02T20:50:00+00:00"
FUTURE_PRICE = "1.50"


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _q2_only(repo: Path) -> None:
    """Public revenue as posted for Q2: no Q3 rows, no Q3 statement."""
    csv = repo / LANTING / "public_revenue.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(line for line in lines if not line.startswith(("2026-07", "2026-08", "2026-09"))),
                   encoding="utf-8")
    yml = repo / LANTING / "public_revenue.yaml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(text[:text.index("  - period: 2026-Q3")] + "uses_decided_by: 业主大会\n", encoding="utf-8")
    rewrite(yml, "posted_on: 2026-10-10\n  period: 2026-Q3", "posted_on: 2026-07-10\n  period: 2026-Q2")


def _silent_q2_change(repo: Path) -> None:
    """Q2: 100 more income and 100 more cost, the posting date unchanged."""
    csv = repo / LANTING / "public_revenue.csv"
    text = csv.read_text(encoding="utf-8")
    text = text.replace("快递柜场地使用费（3组，第二季度）,450.00,86330.12", "快递柜场地使用费（3组，第二季度）,550.00,86430.12")
    text = text.replace(",21600.00,107930.12", ",21600.00,108030.12").replace(",8640.00,116570.12", ",8640.00,116670.12")
    text = text.replace(",1922.24,118492.36", ",1922.24,118592.36").replace("代缴增值税及附加,2074.14,116418.22",
                                                                          "代缴增值税及附加,2174.14,116418.22")
    csv.write_text(text, encoding="utf-8")
    rewrite(repo / LANTING / "public_revenue.yaml", "income: 32612.24\n    cost: 2074.14", "income: 32712.24\n    cost: 2174.14")


def first_steps(tmp: Path) -> Path:
    """Steps 1-4 (see the module docstring)."""
    repo = tmp / "repo"
    shutil.copytree(DATA, repo / "data")
    final = {name: (repo / LANTING / name).read_bytes() for name in
             ("fee_schedule.csv", "fee_schedule.yaml", "public_revenue.csv", "public_revenue.yaml")}
    rewrite(repo / LANTING / "fee_schedule.csv", ",1.35,元/㎡·月,", ",1.30,元/㎡·月,")
    rewrite(repo / LANTING / "fee_schedule.yaml", "posted_on: 2026-01-15", "posted_on: 2025-12-15")
    _q2_only(repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "首次录入（业主王芳提供）", when="2025-12-20T10:00:00+08:00")
    for name in ("fee_schedule.csv", "fee_schedule.yaml"):
        (repo / LANTING / name).write_bytes(final[name])
    git(repo, "commit", "-qam", "调价", when="2026-01-16T09:30:00+08:00")
    for name in ("public_revenue.csv", "public_revenue.yaml"):
        (repo / LANTING / name).write_bytes(final[name])
    git(repo, "commit", "-qam", "三季度", when="2026-10-10T17:00:00+08:00")
    _silent_q2_change(repo)
    git(repo, "commit", "-qam", "悄悄改", when="2026-10-20T08:00:00+08:00")
    return repo


def last_steps(repo: Path) -> None:
    """Steps 5-7 (see the module docstring)."""
    fund = repo / LANTING / "maintenance_fund.yaml"
    rewrite(fund, "  - year: 2025\n    opening_balance: 8316132.50\n", "  - year: 2025\n")
    rewrite(fund, "    closing_balance: 8241565.80\n", "")
    git(repo, "commit", "-qam", "年末余额改由系统计算", when=UTC_STEP)
    fees = repo / LANTING / "fee_schedule.csv"
    row = next(line for line in fees.read_text(encoding="utf-8").splitlines() if ",住宅物业服务费," in line)
    fees.write_text(fees.read_text(encoding="utf-8") + row.replace(",2024-01-01,1.35,", f",2027-01-01,{FUTURE_PRICE},") + "\n",
                    encoding="utf-8")
    rewrite(repo / LANTING / "fee_schedule.yaml", "posted_on: 2026-01-15", "posted_on: 2026-11-10")
    git(repo, "commit", "-qam", "明年调价公告", when="2026-11-10T09:00:00+08:00")
    git(repo, "revert", "--no-edit", "HEAD", when="2026-11-12T10:00:00+08:00")


def sample_repo(tmp: Path) -> Path:
    repo = first_steps(tmp)
    last_steps(repo)
    return repo


def log_after_step_4(repo: Path, dest: Path) -> Path:
    """The log a build at step 4 published (its ``log/`` folder), made with the build's own code."""
    checked = check(repo / "data", AS_OF, CONTENT)
    assert checked.ok, [f.message for f in checked.findings]
    log = prepare_log(KEY, None, dest / "nowhere", True, checked.site())
    assert log is not None
    for rel, data in log.files.items():
        (dest / "log" / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / "log" / rel).write_bytes(data)
    return dest / "log"


@dataclass(frozen=True)
class HistorySite:
    repo: Path
    site: Path
    old_log: Path
    """The log as published after step 4 (its checkpoint is what a resident kept then)."""


def history_site(factory: pytest.TempPathFactory) -> HistorySite:
    root = _shared_root(factory) / "site-history"
    done = root / "built.json"
    root.parent.mkdir(parents=True, exist_ok=True)
    with _lock(root.parent / "site-history.lock"):
        if not done.is_file():
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            repo = first_steps(root)
            old_log = log_after_step_4(repo, root / "published")
            last_steps(repo)
            result = build(BuildOptions(data=repo / "data", out=root / "site", as_of=AS_OF, content=CONTENT,
                                        config=CONFIG, log_key=KEY, published_log=old_log))
            assert result.ok, [f.message for f in result.findings]
            done.write_text(json.dumps({"old_log": old_log.as_posix()}), encoding="utf-8")
    saved = json.loads(done.read_text(encoding="utf-8"))
    return HistorySite(root / "repo", root / "site", Path(saved["old_log"]))


def commit_of(repo: Path, step: int) -> str:
    """The id of the ``step``-th commit (1-based, see the module docstring)."""
    out = subprocess.run(["git", "rev-list", "--reverse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True)
    return out.stdout.split()[step - 1]
