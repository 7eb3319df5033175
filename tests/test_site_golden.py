"""Golden pages: the generated Markdown of a few sample compounds and of the city-wide index
pages equals the reviewed files in tests/golden/site/ byte for byte (``make golden`` rewrites
them; review the diff)."""

from __future__ import annotations

from generator.findings import Findings
from generator.load.dataset import load
from tests.golden.regenerate import COMPOUNDS, GOLDEN, ROOT, golden_pages


def test_golden_pages_match() -> None:
    pages = golden_pages()
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(pages) == expected, "pages added or removed: run `make golden` and review"
    changed = [rel for rel in expected if (GOLDEN / rel).read_bytes() != pages[rel].encode("utf-8")]
    assert changed == [], "pages differ from tests/golden: run `make golden` and review `git diff tests/golden`"


def test_golden_set_covers_every_item_of_each_compound() -> None:
    pages = golden_pages()
    catalogue = load(ROOT / "data", Findings()).catalogue.model
    for cid in COMPOUNDS:
        expected = {f"compounds/{cid}/index.md"} | {f"compounds/{cid}/{i.id.replace('_', '-')}.md" for i in catalogue.items}
        assert {p for p in pages if p.startswith(f"compounds/{cid}/")} == expected
