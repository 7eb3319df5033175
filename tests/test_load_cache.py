"""The build's cache of loaded compounds gives what loading the folder gives: the same records,
the same findings in the same order; a folder whose files changed (a hidden file too) is read
again, and an entry that cannot be read is ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.commands.load_cache import ENTRY, LoadCache
from generator.findings import Findings
from generator.load.dataset import Dataset, load
from tests.support import DATA


def _load(data: Path, cache: LoadCache | None) -> tuple[Dataset, list[str]]:
    findings = Findings()
    ds = load(data, findings, cache)
    if cache is not None:
        cache.save()
    return ds, [f"{f.code} {f.file} {f.line} {f.message}" for f in findings.items]


def test_a_cached_load_equals_a_fresh_one(tmp_path: Path) -> None:
    data = shutil.copytree(DATA, tmp_path / "data")
    lanting = data / "compounds" / "lanting"
    (lanting / "notes.txt").write_text("备注", encoding="utf-8")  # a warning the cache must give back
    cache = LoadCache(tmp_path / "loads")
    fresh, fresh_findings = _load(data, None)
    first, first_findings = _load(data, cache)
    again, again_findings = _load(data, cache)
    assert fresh_findings == first_findings == again_findings
    assert any("notes.txt" in f for f in again_findings)
    assert sorted(fresh.compounds) == sorted(again.compounds)
    for cid, rec in fresh.compounds.items():
        assert again.compounds[cid].compound.model == rec.compound.model
        assert again.compounds[cid].items.keys() == rec.items.keys()
        assert [r.table.rows for r in again.compounds[cid].items.values()] == [r.table.rows for r in rec.items.values()]
    assert fresh.unreadable_compounds == again.unreadable_compounds

    compound = lanting / "compound.yaml"
    compound.write_text(compound.read_text(encoding="utf-8").replace("households: ", "households: 1", 1),
                        encoding="utf-8")
    changed, _ = _load(data, cache)
    assert changed.compounds["lanting"].compound.model.households == _load(data, None)[0].compounds["lanting"].compound.model.households
    assert changed.compounds["lanting"].compound.model.households != fresh.compounds["lanting"].compound.model.households

    (lanting / ".hidden").write_text("x", encoding="utf-8")
    key = LoadCache.key(lanting, set())
    assert LoadCache.key(lanting, set()) == key
    (lanting / ".hidden").write_text("y", encoding="utf-8")
    assert LoadCache.key(lanting, set()) != key


def test_an_unreadable_entry_is_loaded_afresh(tmp_path: Path) -> None:
    data = shutil.copytree(DATA, tmp_path / "data")
    cache = LoadCache(tmp_path / "loads")
    _, findings = _load(data, cache)
    for entry in (tmp_path / "loads").iterdir():
        (entry / ENTRY).write_bytes(b"not a pickle")
    ds, again = _load(data, cache)
    assert again == findings and ds.compounds
