"""Benchmark: notice PDFs (each compound's one PDF: its cover and item sheets; rankings), cold (empty cache) vs cached.

Usage: ``python bench/bench_pdf.py [--compounds N] [--data DIR] [--paper a4|a3]``

Builds a city of N compounds (copies of the fixture compounds in tests/fixtures/pdf_city,
or the compounds of ``--data``), three times into fresh output folders:

1. cold: empty cache, new process state (font scan and template load included);
2. warm: empty cache again, compiler already loaded (pure Typst compile cost);
3. cached: same cache, nothing changed (hash + copy only).

Prints milliseconds per PDF for each, the cold/cached ratio, the compile time per compound PDF
(and per part of it: the cover and each sheet) and per ranking list, and how many the cached
run reused. Nothing is asserted: performance is measured here, not in the tests.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.commands.printing import documents, print_notices  # noqa: E402
from generator.commands.steps import check  # noqa: E402

AS_OF = date(2026, 11, 15)


def make_city(source: Path, dest: Path, compounds: int) -> None:
    shutil.copytree(source, dest)
    originals = sorted(p for p in (dest / "compounds").iterdir() if p.is_dir())
    for i in range(max(0, compounds - len(originals))):
        template = originals[i % len(originals)]
        copy = dest / "compounds" / f"{template.name}-{i + 1:04d}"
        shutil.copytree(template, copy)
        yaml = copy / "compound.yaml"
        text = yaml.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        yaml.write_text(text.replace(first, f"{first} {i + 1}号", 1), encoding="utf-8")


def kind(name: str) -> str:
    """``pdf/<id>.pdf`` a compound's (cover and sheets), ``pdf/ranking-*.pdf`` ranking."""
    return "ranking" if name.startswith("pdf/ranking-") else "compound"


def timed(ctx, out: Path, cache: Path, paper: str) -> tuple[float, int, int, dict[str, list[float]]]:
    """The build's own PDF stage in one process (``jobs=1``), timed."""
    start = time.perf_counter()
    result = print_notices(ctx, out, paper, cache_dir=cache)
    per_kind: dict[str, list[float]] = {}
    for name, secs in result.seconds.items():
        per_kind.setdefault(kind(name), []).append(secs)
    return time.perf_counter() - start, len(result.compiled), len(result.pdfs) - len(result.compiled), per_kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compounds", type=int, default=60)
    parser.add_argument("--data", type=Path, default=None, help="use this data folder as is")
    parser.add_argument("--paper", choices=["a4", "a3"], default="a4")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp_name:
        tmp = Path(tmp_name)
        data = args.data
        if data is None:
            data = tmp / "data"
            make_city(ROOT / "tests" / "fixtures" / "pdf_city", data, args.compounds)
        ctx = check(data, AS_OF).site(history=False)
        cold = timed(ctx, tmp / "out1", tmp / "cache1", args.paper)
        n = cold[1] + cold[2]
        warm = timed(ctx, tmp / "out2", tmp / "cache2", args.paper)
        cached = timed(ctx, tmp / "out3", tmp / "cache2", args.paper)
    parts = {doc.name: len(doc.parts) for doc in documents(ctx, ctx.compound_ids(), args.paper)}
    compound_parts = [count for name, count in parts.items() if kind(name) == "compound"]
    print(f"PDF benchmark: {len(ctx.ds.compounds)} compounds + {len(ctx.rankings)} ranking periods = {n} PDFs "
          f"(each compound's cover and {sum(compound_parts) - len(compound_parts)} item sheets in all; rankings), "
          f"paper {args.paper}")
    for label, (secs, compiled, reused, _) in (("cold (font scan + compile)", cold), ("warm compiler, empty cache", warm),
                                                ("cached (nothing changed)", cached)):
        print(f"  {label:<28} {secs:7.2f} s  {secs / n * 1000:7.1f} ms/PDF  compiled {compiled:4d}  reused {reused:4d}")
    print(f"  cold / cached ratio: {cold[0] / cached[0]:.1f}x   warm / cached: {warm[0] / cached[0]:.1f}x")
    print("  compile time per document (warm compiler):")
    for what, times in sorted(warm[3].items()):
        print(f"    {what:<8} {len(times):5d} × {sum(times) / len(times) * 1000:7.1f} ms  (max {max(times) * 1000:.1f} ms)")
    compound_time = sum(warm[3].get("compound", []))
    if compound_parts:
        print(f"    per part of a compound's PDF (cover or sheet): {compound_time / sum(compound_parts) * 1000:.1f} ms")
    print(f"  cache: the cached run reused {cached[2]} of {n} and compiled {cached[1]}")


if __name__ == "__main__":
    main()
