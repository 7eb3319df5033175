"""The site benchmark (`make bench`) keeps working: run on two tiny cities, it prints every figure
bench/RESULTS.md reports. Nothing here is about speed: performance is measured in the
benchmark, not in the tests."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.support import ROOT


def test_the_site_benchmark_prints_every_figure() -> None:
    done = subprocess.run([sys.executable, "bench/bench_site.py", "--sizes", "3", "6", "--jobs", "2"], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for size in (3, 6):
        assert re.search(rf"^{size} compounds: \d+ pages, \d+ PDFs, \d+ parts, site \d+ MB, search index \d+ KB "
                         r"\(\d+ KB gzipped\)",
                         out, re.M), out
    assert len(re.findall(r"first visit to a compound home \(compounds/[\w-]+/\), before search: [\d.]+ KB gzipped "
                          r"in \d+ files \(budget 60 KB\)", out)) == 2
    assert len(re.findall(r"bare mkdocs build \(one process\): [\d.]+ s and [\d.]+ s, mean [\d.]+ s", out)) == 2
    assert len(re.findall(r"full build: [\d.]+ s = [\d.]+x bare; peak memory \d+ MB; stages: load\+check .*"
                          r"\(\d+ s CPU in all its processes, machine: load [\d.]+, \d+ s disk wait, \d+ s stolen\)", out)) == 2
    assert len(re.findall(r"no-op rebuild: [\d.]+ s = [\d.]+% of the full build", out)) == 2
    assert len(re.findall(r"full build, CPU: [\d.]+ s = [\d.]+x bare; by stage \(x bare\): load\+check [\d.]+, "
                          r"plan [\d.]+, keys [\d.]+, sheets [\d.]+, render [\d.]+, stage [\d.]+, mkdocs [\d.]+, "
                          r"pdf [\d.]+, merge [\d.]+", out)) == 2
    assert len(re.findall(r"daily rebuild \(as of 2026-11-16\): [\d.]+ s = [\d.]+% of the full build, CPU [\d.]+ s = "
                          r"[\d.]+% of the full build's; redone (\d+) of \1 shards rendered, 0 parts, 0 of \d+ PDFs", out)) == 2, out
    assert len(re.findall(r"bytes: site [\d.]+ MB = \d+ KB per compound\n    PDF compound: .*"
                          r"\n(    PDF ranking: .*\n)?    HTML: .*\n    other: .*\n    inside the PDFs: fonts", out)) == 2, out
    assert len(re.findall(r"one compound changed: [\d.]+ s = [\d.]+% of the full build, CPU [\d.]+ s = [\d.]+%; "
                          r"redone \d+ of \d+ shards rendered, \d+ parts, 1 of \d+ PDFs", out)) == 2
    assert re.search(r"^6 vs 3 compounds: full build [\d.]+x", out, re.M), out
