"""Profile: where one compound PDF's CPU goes (issue 29), part by part of the road a worker takes.

Usage: ``python bench/profile_pdf.py --data DIR [--rounds 2]`` (a city, e.g. ``generator synth``).

For every compound PDF of the city, in one process with a warm compiler, it times (CPU seconds of
the process, all threads, and wall seconds) what :func:`generator.engines.typst_pdf.compile_document`
does, step by step: the QR codes' SVGs (``qr_svg``), the Typst program (the parts' JSON quoted as
literals), Typst's compile to PDF (``compile_with_warnings``), the empty compiles that release the
memoized layout, and ``pack_pdf``; and, on the same program, Typst's evaluation and layout alone
(``query``, no export), so the PDF export's share is the difference. It also times the documents'
views and data (``documents``). Prints the totals per compound and each step's share. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import typst  # noqa: E402

from generator.commands.printing import documents  # noqa: E402
from generator.commands.steps import check  # noqa: E402
from generator.engines.fonts import find_fonts  # noqa: E402
from generator.engines.pdf_pack import pack_pdf  # noqa: E402
from generator.engines.typst_pdf import (PDF_STANDARD, RELEASE_COMPILES, TEMPLATES_DIR, _compiler,  # noqa: E402
                                         printable, template_fingerprint)
from generator.render.paper.qr import qr_svg  # noqa: E402

AS_OF = date(2026, 11, 15)


class Clock:
    """CPU (process, all threads) and wall seconds per step."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)

    def run(self, step: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        result = function(*args, **kwargs)
        self.cpu[step] += time.process_time() - cpu
        self.wall[step] += time.perf_counter() - wall
        return result


def release(compiler: Any) -> None:
    """The empty compiles after a document (:data:`RELEASE_COMPILES`)."""
    for _ in range(RELEASE_COMPILES):
        compiler.compile(input=b"", format="svg")


def qr_svgs(urls: list[str]) -> list[str]:
    return [qr_svg(url) for url in urls]


def one_document(clock: Clock, compiler: Any, doc: Any, shared_fonts: Any) -> tuple[int, int]:
    """The worker's road for one document, step by step; then its layout alone. Its bytes before and after packing."""
    svgs = clock.run("qr_svg", qr_svgs, doc.qr_urls)
    program = clock.run("program (JSON literals)", doc.program, svgs).encode("utf-8")
    pdf = clock.run("typst compile to PDF", compiler.compile_with_warnings, input=program,
                    pdf_standards=PDF_STANDARD)[0]
    clock.run("release compiles", release, compiler)
    packed = clock.run("pack_pdf", pack_pdf, pdf)
    # The same program laid out again without export (its memoized layout was released), by a
    # compiler made with it as input over the same loaded fonts (a compiler's query reads its own input).
    query = typst.Compiler(input=program, root=str(TEMPLATES_DIR), font_paths=shared_fonts)
    clock.run("typst eval+layout (query)", query.query, "<cover>")
    release(compiler)
    return len(pdf), len(packed)


FIT = "    if fit != none {"
"""The line of ``sheet.typ`` after which a copy of the templates records the step each sheet printed at."""


def fit_steps(docs: list[Any], fonts: Any, shared_fonts: Any) -> None:
    """How many layouts each sheet's fit takes: the step it printed at (``sheet.typ`` measures the
    sheet at each step until one fits one page: step i costs i + 1 measures, none all of them), from
    a copy of the templates that records it as metadata, queried."""
    with tempfile.TemporaryDirectory(prefix="profile-pdf-") as tmp:
        copy = Path(tmp) / "typst"
        shutil.copytree(TEMPLATES_DIR, copy)
        sheet = (copy / "sheet.typ").read_text(encoding="utf-8")
        marked = sheet.replace(FIT, "    [#metadata(steps.position(x => x == fit)) <fitstep>]\n" + FIT)
        if marked == sheet:
            print("sheet fit: sheet.typ no longer has the line this profile marks")
            return
        (copy / "sheet.typ").write_text(marked, encoding="utf-8")
        steps: Counter[str] = Counter()
        for doc in docs:
            query = typst.Compiler(input=doc.program(qr_svgs(doc.qr_urls)).encode("utf-8"), root=str(copy),
                                   font_paths=shared_fonts)
            steps.update(str(found["value"]) for found in json.loads(query.query("<fitstep>")))
    measures = sum(6 if step == "None" else int(step) + 1 for step in steps.elements())
    print(f"sheet fit: {sum(steps.values())} sheets printed at step "
          + ", ".join(f"{step}: {count}" for step, count in sorted(steps.items()))
          + f"; {measures / sum(steps.values()):.2f} measures a sheet before its final layout")


def profile(data: Path, rounds: int) -> None:
    clock = Clock()
    ctx = clock.run("check+views (once)", lambda: check(data, AS_OF).site(history=False))
    docs = clock.run("documents (views, data)", lambda: documents(ctx, ctx.compound_ids(), "a4", rankings=False))
    fonts = find_fonts()
    docs = [printable(doc, fonts)[0] for doc in docs]
    shared_fonts = typst.Fonts(include_system_fonts=False, font_paths=list(fonts.dirs))
    compiler = _compiler(str(TEMPLATES_DIR), fonts.dirs, template_fingerprint(TEMPLATES_DIR))
    compiler.compile(input=docs[0].program([qr_svg(u) for u in docs[0].qr_urls]).encode(), pdf_standards=PDF_STANDARD)
    sizes = []
    for _ in range(rounds):
        for doc in docs:
            sizes.append(one_document(clock, compiler, doc, shared_fonts))
    n = len(docs) * rounds
    parts = sum(len(d.parts) for d in docs) / len(docs)
    road = ["qr_svg", "program (JSON literals)", "typst compile to PDF", "release compiles", "pack_pdf"]
    total = sum(clock.cpu[s] for s in road)
    print(f"{len(docs)} compound PDFs x {rounds} rounds, {parts:.1f} parts each; "
          f"bytes {sum(s[0] for s in sizes) / n / 1000:.0f} KB from Typst, {sum(s[1] for s in sizes) / n / 1000:.0f} KB packed")
    print(f"{'step':<30} {'CPU ms/PDF':>10} {'wall ms/PDF':>11} {'share':>6}")
    for step in road:
        print(f"{step:<30} {clock.cpu[step] / n * 1000:10.1f} {clock.wall[step] / n * 1000:11.1f} {clock.cpu[step] / total:6.1%}")
    print(f"{'= the worker road':<30} {total / n * 1000:10.1f} {sum(clock.wall[s] for s in road) / n * 1000:11.1f}")
    layout = clock.cpu["typst eval+layout (query)"]
    print(f"{'  of which eval+layout':<30} {layout / n * 1000:10.1f} {clock.wall['typst eval+layout (query)'] / n * 1000:11.1f} "
          f"{layout / total:6.1%}")
    export = clock.cpu["typst compile to PDF"] - layout
    print(f"{'  of which PDF export (diff.)':<30} {export / n * 1000:10.1f} {'':>11} {export / total:6.1%}")
    fit_steps(docs, fonts, shared_fonts)
    print(f"{'documents (views, data)':<30} {clock.cpu['documents (views, data)'] / len(docs) * 1000:10.1f} (main process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    profile(args.data, args.rounds)


if __name__ == "__main__":
    main()
