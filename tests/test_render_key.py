"""Render keys: a shard is rendered again exactly when something its files show changed.

A district's files may read, of the compounds of other districts, only what the render key
covers as cross facts (the rankings and the period views): rendered with the other districts'
compounds taken out of the data, a district's pages and ``/v/`` pages are the same. A
compound's own change moves its district's key and the city's, nothing else; a change outside
the compounds' folders moves every key. (``tests/test_shards.py`` rebuilds after such changes
and compares the site with a build from nothing.)"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from generator.commands.render_key import RenderInputs, plain
from generator.commands.steps import check
from generator.render.context import SiteContext
from generator.render.shards import CITY, ShardMap
from generator.render.web.site import render_site
from generator.render.web.stamp_pages import stamp_pages
from generator.tools.synth import write_city
from tests.history_repo import sample_repo
from tests.support import AS_OF, CONTENT


def _context(data: Path) -> SiteContext:
    checked = check(data, AS_OF, CONTENT)
    assert checked.ok
    return checked.site()


def _restricted(ctx: SiteContext, compounds: list[str]) -> SiteContext:
    """``ctx`` with only ``compounds`` in its data, its statuses and its history, and the
    cross facts of the full city (rankings, period views)."""
    ds = dataclasses.replace(ctx.ds, compounds={cid: ctx.ds.compounds[cid] for cid in compounds})
    versions = ctx.versions and dataclasses.replace(
        ctx.versions, items={k: h for k, h in ctx.versions.items.items() if k[0] in compounds})
    out = SiteContext(ds, {cid: ctx.matrix[cid] for cid in compounds}, ctx.rankings, ctx.as_of,
                      {cid: ctx.history[cid] for cid in compounds if cid in ctx.history}, None)
    out.versions = versions  # stamped already
    out.views.__dict__["periods"] = ctx.views.periods
    return out


def _district_files(ctx: SiteContext, compounds: list[str]) -> dict[str, object]:
    files = render_site(ctx, compounds, city=False)
    return {**files.pages, **{k: str(v) for k, v in files.assets.items()}, **files.blobs,
            **stamp_pages(ctx, compounds, "")}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("render-key") / "data"
    write_city(data, 9, 11, districts=3)
    return data


@pytest.fixture(scope="module")
def with_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_repo(tmp_path_factory.mktemp("render-key-git")) / "data"


@pytest.mark.parametrize("city", ["synthetic", "with_history"])
def test_a_district_reads_of_other_compounds_only_the_cross_facts(city: str, request: pytest.FixtureRequest) -> None:
    ctx = _context(request.getfixturevalue(city))
    shard_map = ShardMap.of(ctx.ds)
    districts = [s for s in shard_map.shards() if s != CITY]
    assert len(districts) >= 2, districts
    for shard in districts:
        mine = shard_map.compounds_of(shard)
        full = _district_files(ctx, mine)
        alone = _district_files(_restricted(ctx, mine), mine)
        assert sorted(full) == sorted(alone), shard
        changed = [path for path in full if full[path] != alone[path]]
        assert not changed, (shard, changed[:5])


def _keys(data: Path) -> dict[str, str]:
    ctx = _context(data)
    shard_map = ShardMap.of(ctx.ds)
    inputs = RenderInputs.of(ctx, data, CONTENT, {"as_of": AS_OF.isoformat()}, {})
    return {s: inputs.key(s, shard_map.compounds_of(s), "config", ["docs"]) for s in shard_map.shards()}


def test_a_compound_change_moves_its_district_and_the_city_only(synthetic: Path, tmp_path: Path) -> None:
    data = shutil.copytree(synthetic, tmp_path / "data")
    before = _keys(data)
    compound = sorted((data / "compounds").iterdir())[0]
    district = ShardMap.of(_context(data).ds).shard_of(f"compounds/{compound.name}/index.md")
    text = (compound / "compound.yaml").read_text(encoding="utf-8")
    (compound / "compound.yaml").write_text(text.replace("households: ", "households: 1", 1), encoding="utf-8")
    after = _keys(data)
    assert {s for s in before if before[s] != after[s]} == {district, CITY}

    company = sorted((data / "companies").glob("*.yaml"))[0]
    company.write_text(company.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert all(a != b for a, b in zip(after.values(), _keys(data).values()))


def test_a_type_the_key_does_not_know_is_refused() -> None:
    with pytest.raises(TypeError):
        plain(object())
    assert plain({"b": {2, 1}, "a": b"x"}) == [["a", plain(b"x")], ["b", [1, 2]]]
