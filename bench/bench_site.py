"""Benchmark: build time of the site for a 100- and a 1,000-compound synthetic city.

Usage: ``python bench/bench_site.py [--small 100] [--large 1000] [--seed 1] [--keep DIR]``
(``make bench``).

Each city is written by ``generator.tools.synth`` into a temporary folder and built in a fresh
process with ``python -m generator build`` (as staff would run it), timing the whole command.
Prints the stage timings the build reports, seconds per page, and the large/small ratio. The
issue's requirement: the large build completes and takes less than 12x the small one (10x the
compounds): a nav listing every compound page would make it quadratic (~100x). Exits 1 when
the ratio is 12 or more. Performance is measured here, not in the tests.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-15"
LIMIT = 12.0


def run(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stdout}\n{done.stderr}")
    return elapsed, done.stderr


def bench(count: int, seed: int, work: Path) -> tuple[float, int, str]:
    data, out = work / f"city-{count}", work / f"site-{count}"
    run([sys.executable, "-m", "generator", "synth", "--compounds", str(count), "--seed", str(seed), "--out", str(data)])
    elapsed, log = run([sys.executable, "-m", "generator", "build", "--data", str(data), "--out", str(out),
                        "--as-of", AS_OF])
    pages = int(re.search(r"已生成 (\d+) 个页面", log).group(1))
    stages = next((line for line in log.splitlines() if line.startswith("耗时")), "")
    return elapsed, pages, stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="keep the cities and sites in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = {}
        for count in (args.small, args.large):
            elapsed, pages, stages = bench(count, args.seed, work)
            results[count] = elapsed
            print(f"{count:>5} compounds: {elapsed:6.1f} s for {pages} pages "
                  f"({1000 * elapsed / pages:.1f} ms/page)  [{stages}]", flush=True)
    ratio = results[args.large] / results[args.small]
    print(f"ratio {args.large}/{args.small} compounds: {ratio:.1f}x (limit {LIMIT:.0f}x)")
    sys.exit(0 if ratio < LIMIT else 1)


if __name__ == "__main__":
    main()
