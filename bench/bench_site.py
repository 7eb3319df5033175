"""Benchmark: whole builds of synthetic cities against a bare ``mkdocs build`` of the same pages.

Usage: ``python bench/bench_site.py [--sizes 100 1000] [--seed 1] [--jobs N] [--keep DIR]``
(``make bench``; the test suite runs it with ``--sizes 3 6``).

For each size the city is written by ``generator synth`` and then, each command in a fresh
process as staff would run it, one after the other:

1. ``full``: ``generator build`` with empty caches (every page, every PDF, the data files);
2. ``no-op``: the same command again, nothing changed;
3. (not timed) the same build with ``--stage-dir`` into another folder, from the caches: it
   writes the staged folder of the whole site, the reference's input;
4. ``bare``: ``mkdocs build`` of that staged folder in one process (the reference; measured
   twice, before and after the next step, and averaged, so load on a shared machine hits
   both);
5. ``daily``: the same data, the date one day later (what CI runs every morning);
6. ``one compound``: one compound's household count edited, then the build command again.

It prints, from that one run: wall seconds of each, the CPU seconds of each command with all
its processes, the build's own stage timings (stages overlap: the PDFs compile while MkDocs
runs; ``mkdocs cpu`` and ``pdf cpu`` are CPU seconds in the worker processes), pages, PDFs,
peak memory (the sum over the build's processes of their proportional set size, sampled
every 0.2 s), the search index raw and gzipped, the site's size, what a first visit to a
compound home costs a phone before search is opened (gzipped, ``bench/first_visit.py``),
the ratios full/bare,
no-op/full and one-compound/full, and the largest size over the smallest. The machine's
time stolen by other guests and spent waiting for the disk during each timed command is
printed too (from /proc/stat), and the load average before each command, so a disturbed run
shows. Work is compared as CPU seconds (load-independent): the full build's processes against the
bare ``mkdocs build``'s, stage by stage (the build's own ``… cpu`` timings). The site's bytes are
split by kind of file and, inside the PDFs, by what the objects hold (``bench/site_bytes.py``).
Nothing is asserted: performance is
measured here, not in the tests. Results are written up by hand in ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.first_visit import BUDGET, first_visit  # noqa: E402
from bench.site_bytes import report as bytes_report  # noqa: E402
AS_OF = "2026-11-15"


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            out.setdefault(ppid, []).append(int(entry))
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stopped = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            tree, todo = [], [self.pid]
            children = _children()
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo += children.get(pid, [])
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in tree))
            self.stopped.wait(0.2)


def _system_times() -> tuple[float, float]:
    """Seconds the machine's CPUs waited for the disk and were stolen by other guests, since boot."""
    with open("/proc/stat", encoding="utf-8") as handle:
        fields = handle.readline().split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[5]) / tick, int(fields[8]) / tick


class Run:
    """Figures of the last command: CPU seconds with all its processes, and the machine's
    disk-wait and stolen seconds meanwhile."""

    cpu = 0.0
    iowait = 0.0
    steal = 0.0
    load = 0.0
    """The 1-minute load average when the command started."""


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, str, int]:
    """Wall seconds, stderr and peak memory (KB) of a command; more in :class:`Run`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    Run.load = os.getloadavg()[0]
    system = _system_times()
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    sampler = PeakMemory(process.pid)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - start
    sampler.stopped.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(cmd)}\n{out}\n{err}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    Run.cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    Run.iowait, Run.steal = (b - a for a, b in zip(system, _system_times()))
    return elapsed, err, sampler.peak_kb


def machine() -> str:
    """CPU seconds of the last command, and the machine's disk wait and stolen time meanwhile."""
    return (f"{Run.cpu:.0f} s CPU in all its processes, machine: load {Run.load:.1f}, {Run.iowait:.0f} s disk wait, "
            f"{Run.steal:.0f} s stolen")


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def stages(log: str) -> str:
    line = next((line for line in log.splitlines() if line.startswith("耗时")), "")
    return line.removeprefix("耗时 ")


def cpu_stages(log: str) -> dict[str, float]:
    """The build's ``… cpu`` timings (CPU seconds by stage)."""
    return {k: float(v) for k, v in re.findall(r"([\w+]+) cpu ([\d.]+)s", stages(log))}


def rebuilt(log: str) -> str:
    """Shards rendered, engine parts and PDFs the build redid, from its summary line."""
    match = re.search(r"(\d+) 个分片，渲染 (\d+) 个，MkDocs 运行 (\d+) 个.*PDF (\d+) 个，编译 (\d+) 个", log)
    return (f"{match.group(2)} of {match.group(1)} shards rendered, {match.group(3)} parts, "
            f"{match.group(5)} of {match.group(4)} PDFs" if match else "?")


def bare(stage: Path, out: Path) -> tuple[float, str, float]:
    """Wall seconds, the machine line and CPU seconds of a bare ``mkdocs build`` of the staged folder."""
    shutil.rmtree(out, ignore_errors=True)
    elapsed = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stage / "mkdocs.yml"), "-d", str(out)],
                  env={"SOURCE_DATE_EPOCH": "0"})[0]
    return elapsed, machine(), Run.cpu


def bench(count: int, seed: int, jobs: int, work: Path) -> dict[str, float]:
    data, site, stage = work / f"city-{count}", work / f"site-{count}", work / f"stage-{count}"
    caches, staged_site = work / f"cache-{count}", work / f"staged-site-{count}"
    for folder in (data, site, stage, caches, staged_site):
        shutil.rmtree(folder, ignore_errors=True)
    run([sys.executable, "-m", "generator", "synth", "--compounds", str(count), "--seed", str(seed), "--out", str(data)])
    build = [sys.executable, "-m", "generator", "build", "--data", str(data), "--as-of", AS_OF, "--jobs", str(jobs),
             "--pdf-cache", str(caches / "pdf"), "--site-cache", str(caches / "site")]
    full, log, memory = run(build + ["--out", str(site)])
    full_machine, full_cpu = machine(), Run.cpu
    pages = int(re.search(r"已生成 (\d+) 个页面", log).group(1))  # type: ignore[union-attr]
    pdfs = int(re.search(r"PDF (\d+) 个", log).group(1))  # type: ignore[union-attr]
    parts = re.search(r"(\d+) 个分片", log).group(1)  # type: ignore[union-attr]
    noop, noop_log, _ = run(build + ["--out", str(site)])
    assert "输入没有变化" in noop_log, noop_log
    run(build + ["--out", str(staged_site), "--stage-dir", str(stage)])  # the reference's input, not timed
    shutil.rmtree(staged_site)
    bare_before, bare_machine, bare_cpu_before = bare(stage, work / f"bare-{count}")
    tomorrow = (date.fromisoformat(AS_OF) + timedelta(days=1)).isoformat()
    daily_build = [tomorrow if arg == AS_OF else arg for arg in build]
    daily, daily_log, _ = run(daily_build + ["--out", str(site)])
    daily_machine, daily_cpu = machine(), Run.cpu
    run(build + ["--out", str(site)])  # back to the first day (not timed)
    compound = sorted((data / "compounds").iterdir())[count // 2] / "compound.yaml"
    text = compound.read_text(encoding="utf-8")
    compound.write_text(re.sub(r"^households: (\d+)", lambda m: f"households: {int(m.group(1)) + 1}", text,
                               count=1, flags=re.M), encoding="utf-8")
    change, change_log, change_memory = run(build + ["--out", str(site)])
    change_machine, change_cpu = machine(), Run.cpu
    bare_after, _, bare_cpu_after = bare(stage, work / f"bare-{count}")
    reference = (bare_before + bare_after) / 2
    bare_cpu = (bare_cpu_before + bare_cpu_after) / 2
    index = (site / "search" / "search_index.json").read_bytes()
    print(f"{count} compounds: {pages} pages, {pdfs} PDFs, {parts} parts, site {size_of(site) / 1e6:.0f} MB, "
          f"search index {len(index) / 1e3:.0f} KB ({len(gzip.compress(index, 9)) / 1e3:.0f} KB gzipped)", flush=True)
    home = f"compounds/{sorted(p.name for p in (data / 'compounds').iterdir() if p.is_dir())[0]}/"
    visit = first_visit(site, home)
    print(f"  first visit to a compound home ({home}), before search: {sum(visit.values()) / 1e3:.1f} KB gzipped "
          f"in {len(visit)} files (budget {BUDGET / 1e3:.0f} KB)")
    print(f"  bare mkdocs build (one process): {bare_before:.1f} s and {bare_after:.1f} s, mean {reference:.1f} s; "
          f"{bare_cpu_before:.1f} and {bare_cpu_after:.1f} CPU s, mean {bare_cpu:.1f} CPU s ({bare_machine})")
    print(f"  full build: {full:.1f} s = {full / reference:.2f}x bare; peak memory {memory / 1e3:.0f} MB; "
          f"stages: {stages(log)} ({full_machine})")
    print(f"  full build, CPU: {full_cpu:.1f} s = {full_cpu / bare_cpu:.2f}x bare; by stage (x bare): "
          + ", ".join(f"{k} {v / bare_cpu:.2f}" for k, v in cpu_stages(log).items()))
    print(f"  no-op rebuild: {noop:.1f} s = {noop / full:.1%} of the full build")
    print(f"  daily rebuild (as of {tomorrow}): {daily:.1f} s = {daily / full:.1%} of the full build, CPU "
          f"{daily_cpu:.1f} s = {daily_cpu / full_cpu:.1%} of the full build's; redone {rebuilt(daily_log)}; "
          f"stages: {stages(daily_log)} ({daily_machine})")
    print(f"  one compound changed: {change:.1f} s = {change / full:.1%} of the full build, CPU {change_cpu:.1f} s = "
          f"{change_cpu / full_cpu:.1%}; redone {rebuilt(change_log)}; peak memory "
          f"{change_memory / 1e3:.0f} MB; stages: {stages(change_log)} ({change_machine})")
    print(f"  bytes: {bytes_report(site, count)}", flush=True)
    return {"full": full, "bare": reference, "full_cpu": full_cpu, "bare_cpu": bare_cpu}


def _cpu_model() -> str:
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        return next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--keep", type=Path, default=None, help="keep the cities, sites and caches in this folder")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{datetime.now().isoformat(timespec='minutes')} on {os.cpu_count()} cores ({_cpu_model()}, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM), --jobs {args.jobs}, "
          f"load average at start {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = {count: bench(count, args.seed, args.jobs, work) for count in args.sizes}
    small, large = min(args.sizes), max(args.sizes)
    if small != large:
        print(f"{large} vs {small} compounds: full build {results[large]['full'] / results[small]['full']:.1f}x, "
              f"bare mkdocs {results[large]['bare'] / results[small]['bare']:.1f}x; CPU: full build "
              f"{results[large]['full_cpu'] / results[small]['full_cpu']:.1f}x, bare mkdocs "
              f"{results[large]['bare_cpu'] / results[small]['bare_cpu']:.1f}x")
    load = os.getloadavg()
    print(f"load average at end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
