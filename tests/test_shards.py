"""Sharded builds: a city built in shards (each its own MkDocs run) and merged equals its build
in one MkDocs run, file for file and byte for byte; the parts of `build --shard` merge into the
same site; a rebuild runs MkDocs only for the shards whose inputs changed and does nothing at
all when nothing changed; and the shards' exclude_docs patterns agree with the ownership rule. The
daily rebuild (the date one day later) redoes no part and no PDF, and a change to a fact shown in
several parts (a company, a street, a ranking) rebuilds every page showing it: never a stale page."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, timedelta
from pathlib import Path

import pathspec
import pytest

from generator.commands.build import BuildOptions, build
from generator.commands.merge import MergeError, merge
from generator.derive.status import compute
from generator.engines.parts import MANIFEST, PartError, check_links, page_order
from generator.findings import Findings
from generator.load.dataset import load
from generator.render.context import SiteContext
from generator.views import paths
from generator.render.shards import CITY, ShardError, ShardMap, exclude_patterns, stand_ins
from generator.tools.synth import write_city
from tests.support import AS_OF, CONFIG, CONTENT, cli

COMPOUNDS = 9
DISTRICTS = 3
SEED = 11


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _options(data: Path, out: Path, caches: Path, as_of: date = AS_OF, **more) -> BuildOptions:
    return BuildOptions(data=data, out=out, as_of=as_of, content=CONTENT, config=CONFIG,
                        pdf_cache=caches / "pdf-cache", site_cache=caches / "site-cache", **more)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("shards") / "data"
    write_city(data, COMPOUNDS, SEED, districts=DISTRICTS)
    return data


@pytest.fixture(scope="module")
def whole(city: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The city built in one MkDocs run, in this process."""
    root = tmp_path_factory.mktemp("whole")
    result = build(_options(city, root / "site", root, split=False, jobs=1))
    assert result.ok and result.parts == 1
    return root / "site"


def test_the_synthetic_city_has_the_districts_asked_for(city: Path) -> None:
    ds = load(city, Findings())
    shards = ShardMap.of(ds).shards()
    assert shards[0] == CITY and len(shards) == 1 + DISTRICTS


def test_exclude_patterns_leave_each_shard_exactly_its_own_files(city: Path) -> None:
    from generator.checks import run_checks
    from generator.derive.rank import rank_all

    findings = Findings()
    ds = load(city, findings)
    ctx = SiteContext(ds, run_checks(ds, AS_OF, findings), rank_all(ds), AS_OF)
    shard_map = ShardMap.of(ds)
    docs = [o.path for o in ctx.plan.staged()] + ["about.md", "assets/logo.png"]
    for shard in shard_map.shards():
        spec = pathspec.GitIgnoreSpec.from_lines(exclude_patterns(shard))
        present = [p for p in docs if shard_map.shard_of(p) == shard
                   or stand_ins(shard, p, shard_map, ctx.plan.outputs[p].origin if p in ctx.plan.outputs else "")]
        included = {p for p in present if not spec.match_file(p)}
        assert included == {p for p in docs if shard_map.shard_of(p) == shard}, shard
        assert len(present) == len(docs) if shard == CITY else len(present) < len(docs)
    pdfs = ctx.plan.of_kind("pdf")
    assert {shard_map.shard_of_output(o) for o in pdfs} == set(shard_map.shards())
    stamps = ctx.plan.of_kind("html")  # the /v/ pages: no engine, each in its compound's district
    assert stamps and all(shard_map.shard_of_output(o) == shard_map.shard_of(paths.compound_home(o.origin.split("/")[1]))
                          for o in stamps)


def test_shard_names_are_checked(city: Path) -> None:
    shard_map = ShardMap.of(load(city, Findings()))
    district = shard_map.shards()[1]
    assert shard_map.parse(district) == district and shard_map.parse("city") == CITY
    for wrong in ("district", "district=nowhere", "street=x", ""):
        with pytest.raises(ShardError):
            shard_map.parse(wrong)


def test_page_order_is_mkdocs_walk_order() -> None:
    pages = ["z.md", "index.md", "a/index.md", "a/b.md", "a/b/index.md", "about.md", "a-b/index.md"]
    assert sorted(pages, key=page_order) == ["index.md", "about.md", "z.md", "a/index.md", "a/b.md", "a/b/index.md",
                                             "a-b/index.md"]


def test_shards_in_parallel_equal_one_mkdocs_run(city: Path, whole: Path, tmp_path: Path) -> None:
    result = build(_options(city, tmp_path / "site", tmp_path, split=True, jobs=2))
    assert result.ok and result.parts == 1 + DISTRICTS and result.built_parts == result.parts
    assert _files(tmp_path / "site") == _files(whole)


def test_three_district_parts_and_the_city_part_merge_into_the_whole_site(city: Path, whole: Path,
                                                                          tmp_path: Path) -> None:
    names = cli("shards", "--data", city).stdout.split()
    assert names[0] == "city" and len(names) == 1 + DISTRICTS
    # As a province's jobs do: the data checked once, the district jobs given that check.
    checked = tmp_path / "checked.bin"
    assert cli("check", "--data", city, "--as-of", AS_OF.isoformat(), "--save-checked", checked).exit_code == 0
    for name in names:
        handed = ["--checked", checked] if name != "city" else []
        done = cli("build", "--data", city, "--out", tmp_path / "parts" / name, "--as-of", AS_OF.isoformat(),
                   "--shard", name, "--jobs", "1", "--pdf-cache", tmp_path / "pdf", "--site-cache", tmp_path / "site-cache",
                   *handed)
        assert done.exit_code == 0, done.stderr
        assert (tmp_path / "parts" / name / MANIFEST).is_file()
    folders = [tmp_path / "parts" / n for n in names]
    done = cli("merge", *folders, "--out", tmp_path / "merged")
    assert done.exit_code == 0, done.stderr
    assert _files(tmp_path / "merged") == _files(whole)

    with pytest.raises(MergeError, match="缺少"):
        merge(folders[:-1], tmp_path / "short")
    with pytest.raises(MergeError, match="重复"):
        merge(folders + folders[-1:], tmp_path / "twice")
    assert not (tmp_path / "short").exists() and not (tmp_path / "twice").exists()


def test_parts_of_different_builds_are_not_merged(city: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(city, other)
    names = cli("shards", "--data", city).stdout.split()
    for name, data in zip(names, [city] + [other] * (len(names) - 1)):
        done = cli("build", "--data", data, "--out", tmp_path / "parts" / name, "--as-of", AS_OF.isoformat(),
                   "--shard", name, "--jobs", "1", "--pdf-cache", tmp_path / "pdf")
        assert done.exit_code == 0, done.stderr
    # Parts from copies of the same data merge; a part built for another date does not.
    late = cli("build", "--data", other, "--out", tmp_path / "late", "--as-of", "2026-11-16",
               "--shard", names[1], "--jobs", "1", "--pdf-cache", tmp_path / "pdf")
    assert late.exit_code == 0, late.stderr
    with pytest.raises(MergeError, match="不是同一次构建"):
        merge([tmp_path / "parts" / n for n in names if n != names[1]] + [tmp_path / "late"], tmp_path / "site")
    assert merge([tmp_path / "parts" / n for n in names], tmp_path / "site").parts == len(names)


def test_rebuilds_run_mkdocs_only_where_inputs_changed(city: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(city, data)
    site, caches = tmp_path / "site", tmp_path / "caches"
    first = build(_options(data, site, caches, split=True, jobs=1))
    assert first.built_parts == first.parts == 1 + DISTRICTS

    again = build(_options(data, site, caches, split=True, jobs=1))
    assert again.unchanged and again.built_parts == 0 and again.pages == first.pages
    assert set(again.timings) == {"total"}

    compound = sorted((data / "compounds").iterdir())[0]
    text = (compound / "compound.yaml").read_text(encoding="utf-8")
    (compound / "compound.yaml").write_text(text.replace("households: ", "households: 1", 1), encoding="utf-8")
    changed = build(_options(data, site, caches, split=True, jobs=1))
    assert not changed.unchanged and changed.built_parts == 2  # the compound's district and the city
    assert changed.rendered_parts == 2  # the other districts are taken from the render cache
    assert changed.compiled >= 1 and changed.compiled < changed.pdfs

    fresh = build(_options(data, tmp_path / "fresh", tmp_path / "fresh-caches", split=False, jobs=1))
    assert fresh.ok
    assert _files(site) == _files(tmp_path / "fresh")


def test_a_changed_site_folder_is_rebuilt(city: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(_options(city, site, tmp_path, split=False, jobs=1))
    (site / "index.html").unlink()
    again = build(_options(city, site, tmp_path, split=False, jobs=1))
    assert not again.unchanged and again.built_parts == 0 and (site / "index.html").is_file()


def test_a_district_page_linking_to_another_district_fails_the_build() -> None:
    owned = ["compounds/a/index.md", "compounds/a/fee-schedule.md"]
    city_link = "Doc file 'compounds/a/index.md' contains a link '../../nowhere.md', but the target 'nowhere.md' " \
                "is not found among documentation files."
    check_links("district=east", owned, [city_link])  # a broken link to a city file is the author's: a warning
    other = "Doc file 'compounds/a/index.md' contains a link '../b/index.md', but the target 'compounds/b/index.md' " \
            "is not found among documentation files."
    with pytest.raises(PartError, match="其他区的小区"):
        check_links("district=east", owned, [other])
    folder = "Doc file 'compounds/a/index.md' contains an unrecognized relative link '../b/', it was left as is."
    with pytest.raises(PartError):
        check_links("district=east", owned, [folder])
    check_links("city", [], [other])


def _fresh(data: Path, root: Path, as_of: date = AS_OF) -> dict[str, bytes]:
    """The site built from nothing (no part cache, a PDF cache of its own kept by the fresh builds
    of one test): what an incremental build must equal."""
    options = _options(data, root / "site", root, as_of, split=True, jobs=1)
    assert build(dataclasses.replace(options, pdf_cache=root.parent / "fresh-pdf")).ok
    return _files(root / "site")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _first_flip(data: Path, after: date) -> tuple[date, set[str]]:
    """The first day after ``after`` on which some status changes by the date alone, and the compounds it changes in."""
    ds = load(data, Findings())
    states = {cid: {i: s.state for i, s in row.items()} for cid, row in compute(ds, after).items()}
    for n in range(1, 800):
        day = after + timedelta(days=n)
        now = {cid: {i: s.state for i, s in row.items()} for cid, row in compute(ds, day).items()}
        if now != states:
            return day, {cid for cid in now if now[cid] != states[cid]}
    raise AssertionError("no status changes with the date")


def test_the_daily_rebuild_redoes_only_what_a_status_flip_changed(city: Path, tmp_path: Path) -> None:
    """Same data, the date one day later (the scheduled morning build): no engine part and no
    PDF is redone, and the site is the one a build from nothing makes that day; on the first
    day a status flips by the date alone (an item falls overdue), only the flipped compounds'
    districts and the city part are redone."""
    site, caches = tmp_path / "site", tmp_path / "caches"
    first = build(_options(city, site, caches, split=True, jobs=1))
    assert first.ok and first.built_parts == first.parts
    tomorrow = AS_OF + timedelta(days=1)
    daily = build(_options(city, site, caches, tomorrow, split=True, jobs=1))
    assert not daily.unchanged and daily.built_parts == 0 and daily.compiled == 0
    assert _files(site) == _fresh(city, tmp_path / "fresh1", tomorrow)

    flip, compounds = _first_flip(city, tomorrow)
    shard_map = ShardMap.of(load(city, Findings()))
    flipped = build(_options(city, site, caches, flip, split=True, jobs=1))
    expected = {CITY} | {shard_map.shard_of(f"compounds/{cid}/index.md") for cid in compounds}
    assert flipped.built_parts == len(expected), (flip, compounds)
    assert flipped.compiled < flipped.pdfs
    assert _files(site) == _fresh(city, tmp_path / "fresh2", flip)


def test_every_page_showing_a_cross_compound_fact_is_rebuilt(city: Path, tmp_path: Path) -> None:
    """A company's name, a city index entry (a street's name) and a ranking's score each show on
    pages of several parts: after each change the rebuilt site equals a build from nothing
    (no stale page), and the parts redone are those holding a page that shows it."""
    data = tmp_path / "data"
    shutil.copytree(city, data)
    site, caches = tmp_path / "site", tmp_path / "caches"
    assert build(_options(data, site, caches, split=True, jobs=1)).ok
    shard_map = ShardMap.of(load(data, Findings()))
    compounds = {p.name: p.joinpath("compound.yaml").read_text(encoding="utf-8") for p in (data / "compounds").iterdir()}

    def districts_of(line: str) -> set[str]:
        return {shard_map.shard_of(f"compounds/{cid}/index.md") for cid, text in compounds.items() if line in text.splitlines()}

    company = sorted((data / "companies").glob("*.yaml"))[0]
    name = next(ln for ln in company.read_text(encoding="utf-8").splitlines() if ln.startswith("name: "))
    street_id, street_name = "anlan-jd", "安澜街道"
    served = next(p for p in sorted((data / "compounds").iterdir()) if f"company: {company.stem}" in compounds[p.name])
    served_name = next(ln for ln in compounds[served.name].splitlines() if ln.startswith("name: "))
    changes = [
        ("company name", lambda: _edit(company, name, name.replace("物业", "物业管理", 1)),
         {CITY} | districts_of(f"company: {company.stem}")),
        ("street name", lambda: _edit(data / "city.yaml", f"name: {street_name}", "name: 安澜新街道"),
         {CITY} | districts_of(f"street: {street_id}")),
        ("ranking score", lambda: _edit(data / "evaluations" / "2026-h1.csv", ",residents,82.6,", ",residents,12.6,"), None),
        ("compound name (the ranking lists name the compounds a company serves)",
         lambda: _edit(served / "compound.yaml", served_name, served_name.replace("name: ", "name: 新", 1)), None),
    ]
    for n, (what, change, parts) in enumerate(changes):
        change()
        again = build(_options(data, site, caches, split=True, jobs=1))
        assert again.ok and again.compiled < again.pdfs, what
        if parts is not None:
            assert again.built_parts == len(parts), (what, sorted(parts))
            assert again.rendered_parts == again.parts, what  # a file outside the compounds' folders
        else:
            assert 1 <= again.built_parts, what
        assert _files(site) == _fresh(data, tmp_path / f"fresh{n}"), what


def test_the_data_date_is_the_latest_status_change_never_the_build_date() -> None:
    from generator.derive.status import ItemStatus
    from generator.views.status import settled_on

    stale = ItemStatus("stale", since=date(2026, 10, 31), due=date(2026, 10, 30))
    assert settled_on([stale, ItemStatus("missing"), ItemStatus("not_applicable", reason="无")], AS_OF) == date(2026, 10, 31)
    assert settled_on([stale], date(2026, 10, 30)) is None  # not yet overdue on that day: no change to state
    assert settled_on([ItemStatus("missing"), ItemStatus("missing", draft=True)], AS_OF) is None  # nothing dated: no date printed
