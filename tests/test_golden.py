"""Golden files: the sample city's generated pages, ranking pages, open data, feed, staged
``mkdocs.yml`` and each PDF's data JSON equal the reviewed files in tests/golden/ byte for byte
(``make golden`` rewrites them; review the diff). One test per kind, so a failure says which."""

from __future__ import annotations

import pytest

from generator.findings import Findings
from generator.load.dataset import load
from tests.golden.regenerate import COMPOUNDS, golden_files, stored_files
from tests.support import DATA

KINDS = {
    "compound-and-city-pages": lambda p: p.startswith("site/") and p.endswith(".md") and not p.startswith(
        ("site/ranking/", "site/data/", "site/model-projects/")),
    "ranking-pages": lambda p: p.startswith(("site/ranking/", "site/model-projects/")),
    "open-data": lambda p: p.startswith("site/data/"),
    "feed": lambda p: p == "site/feed.xml",
    "stamp-pages": lambda p: p.startswith("site/v/"),
    "mkdocs-config": lambda p: p.startswith("stage/"),
    "pdf-data": lambda p: p.startswith("pdf/"),
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {path: text.encode("utf-8") for path, text in golden_files().items()}


@pytest.fixture(scope="module")
def stored() -> dict[str, bytes]:
    return stored_files()


@pytest.mark.parametrize("kind", KINDS)
def test_golden_files_match(kind: str, rendered: dict[str, bytes], stored: dict[str, bytes]) -> None:
    mine = KINDS[kind]
    now = {p: b for p, b in rendered.items() if mine(p)}
    then = {p: b for p, b in stored.items() if mine(p)}
    assert now, f"no {kind} golden files rendered"
    assert sorted(now) == sorted(then), "files added or removed: run `make golden` and review `git diff tests/golden`"
    changed = [p for p in now if now[p] != then[p]]
    assert changed == [], "differ from tests/golden: run `make golden` and review `git diff tests/golden`"


def test_every_golden_file_has_a_kind(stored: dict[str, bytes]) -> None:
    assert [p for p in stored if not any(mine(p) for mine in KINDS.values())] == []


def test_golden_set_covers_every_item_of_each_compound_every_pdf_and_period(rendered: dict[str, bytes]) -> None:
    ds = load(DATA, Findings())
    for cid in COMPOUNDS:
        expected = {f"site/compounds/{cid}/index.md"} | {
            f"site/compounds/{cid}/{i.id.replace('_', '-')}.md" for i in ds.catalogue.model.items}
        assert {p for p in rendered if p.startswith(f"site/compounds/{cid}/")} == expected
    assert {p for p in rendered if p.startswith("pdf/") and p.count("/") == 1} == (
        {f"pdf/{cid}.json" for cid in ds.compounds} | {f"pdf/ranking-{s.stem}.json" for s in (DATA / "evaluations").glob("*.yaml")})
    sheets = {p for p in rendered if p.startswith("pdf/") and p.count("/") == 2}
    assert {p.split("/")[1] for p in sheets} == set(ds.compounds)  # every compound's item sheets
    assert {f"site/ranking/{s.stem}/index.md" for s in (DATA / "evaluations").glob("*.yaml")} <= set(rendered)
