"""Progress of a build, seen the way staff see it: a real build of the mini city, once with its
error stream on a terminal (a pseudo-terminal: rich's live display of each stage with its
count) and once on a pipe, as in CI (one plain line when a stage starts, as it advances, and
when it ends with its time)."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from tests.support import AS_OF, MINI, ROOT, cli

STAGES = ("校验数据", "生成页面", "网站引擎（分片）", "公示 PDF", "合并网站")


def _build_args(tmp_path: Path) -> list[str]:
    return ["build", "--data", str(MINI), "--out", str(tmp_path / "site"), "--as-of", AS_OF.isoformat(),
            "--pdf-cache", str(tmp_path / "pdf"), "--site-cache", str(tmp_path / "site-cache"), "--jobs", "2"]


def test_plain_lines_when_not_on_a_terminal(tmp_path: Path) -> None:
    done = cli(*_build_args(tmp_path))
    assert done.exit_code == 0, done.stderr
    lines = done.stderr.splitlines()
    for stage in STAGES:
        assert f"[{stage}] 开始" in "\n".join(lines), done.stderr
        assert any(re.fullmatch(rf"\[{re.escape(stage)}\] 完成，用时 [\d.]+ 秒", line) for line in lines), done.stderr
    pdfs = int(re.search(r"PDF (\d+) 个", done.stderr).group(1))  # type: ignore[union-attr]
    assert f"[公示 PDF] 开始（共 {pdfs} 项）" in lines
    assert f"[公示 PDF] {pdfs}/{pdfs}" in lines
    assert not any("\x1b[" in line for line in lines), "no terminal codes in a CI log"


def test_a_live_display_on_a_terminal(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal: rich draws the stages with their counts (escape codes, the
    count of PDFs done over all) and the build's summary still follows."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"}
    env.pop("CI", None)
    process = subprocess.Popen([sys.executable, "-m", "generator", *_build_args(tmp_path)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 300)
        assert ready, "the build printed nothing for 5 minutes"
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the build ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    text = b"".join(chunks).decode("utf-8", "replace")
    assert "\x1b[" in text, "a live display on a terminal"
    pdfs = int(re.search(r"PDF (\d+) 个", text).group(1))  # type: ignore[union-attr]
    for stage in STAGES:
        assert stage in text, text
    assert f"{pdfs}/{pdfs}" in text, text
    assert "[公示 PDF] 开始" not in text, "the plain lines are for logs"
    assert "已生成" in text
