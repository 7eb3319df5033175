"""Golden pages: the staged Markdown of a few sample compounds and the city-wide index pages.

``make golden`` (this script) re-renders them from ``data/`` as of 2026-11-15 into
``tests/golden/site/``; ``tests/test_site_golden.py`` renders again and compares byte for byte.
After changing a template or the sample data, run ``make golden`` and review ``git diff
tests/golden`` like any other change: the diff is what residents will see.

Chosen compounds: every state a page can show — published, stale (jinshi-huayuan's public
revenue), missing (changdi-jiayuan's maintenance fund), not applicable (wenhua-xincun's
parking) — and a self-managed compound (songfeng-li).
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.commands.build import BuildOptions, check, render  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "site"
AS_OF = date(2026, 11, 15)
COMPOUNDS = ("changdi-jiayuan", "jinshi-huayuan", "songfeng-li", "wenhua-xincun")
CITY_PAGES = ("index.md", "compounds/index.md", "compliance/index.md")


def golden_pages() -> dict[str, str]:
    checked, findings = check(BuildOptions(data=ROOT / "data", as_of=AS_OF))
    assert checked is not None, [f.message for f in findings]
    checked.history = {}  # git history changes with every data commit; tests/test_history.py covers it
    pages = render(checked).pages
    prefixes = tuple(f"compounds/{cid}/" for cid in COMPOUNDS)
    return {p: text for p, text in sorted(pages.items()) if p in CITY_PAGES or p.startswith(prefixes)}


def main() -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    pages = golden_pages()
    for rel, text in pages.items():
        path = GOLDEN / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    print(f"wrote {len(pages)} golden pages to {GOLDEN.relative_to(ROOT)}; review with: git diff tests/golden")


if __name__ == "__main__":
    main()
