"""Every published version of every item, and what changed between them, in figures.

Contract: :func:`item_histories` turns the data's git log (:func:`generator.load.history.read_log`:
commit times and blob ids only, never messages or authors) and the current data into one
:class:`ItemHistory` per compound x item: its versions oldest first, each with its files'
bytes (read from git in memory), the record loaded from them with the project's own loaders
(:func:`generator.load.dataset.load_item_version`), when it became current
(the commit time; None for a change not yet committed) and when it was replaced. The current
data on disk is always the newest version. Outside git it returns None (no history is shown).
Stamps and page keys are a later stage's: a version's stamp is the hash of its view
(:func:`generator.views.versions.stamped`).

:func:`changes` compares two versions of an item as residents read them: each figure is a
:class:`Fact` (a label such as ``住宅物业服务费 收费标准`` or ``2026年第二季度 期末结余``, a raw
value, a unit, and the period group it belongs to). Facts of a group that appears or
disappears as a whole collapse into one line (``新增 2026年第三季度``). A changed or removed
figure is a **correction** (更正) when it belongs to a period the older version had already
posted, or when the notice was not re-posted (same posting date): the figures changed after
they were posted. Values stay raw (Decimal, date, Period); the renderer formats them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from generator.derive.version_facts import Fact, facts
from generator.model.datafolder import item_file
from generator.load.dataset import Dataset, ItemRecord, load_item_version
from generator.load.history import GitLog, read_blobs
from generator.model.base import Period
from generator.model.items import ITEMS


@dataclass(frozen=True)
class Change:
    kind: Literal["added", "changed", "removed"]
    label: str
    old: Any = None
    new: Any = None
    unit: str = ""
    correction: bool = False
    whole_group: bool = False
    """The line stands for a whole period or table row added or removed (``新增 2026年第三季度``)."""
    takes_effect: date | None = None
    """A price announced ahead: it applies from this (future) date, an adjustment (调整), not a correction."""


Nature = Literal["更正", "调整", "撤回", "更新"]


@dataclass
class Version:
    files: tuple[tuple[str, bytes], ...]
    """(data-relative path, bytes), sorted."""
    since: datetime | None
    """When it became current (commit time); None when not committed yet."""
    until: datetime | None = None
    """When it was replaced or removed; None while it is current."""
    record: ItemRecord | None = field(default=None, metadata={"derived": True})
    """The version's files read (derived from ``files``)."""
    stamp: str = ""
    """The stamp of the version's view; set by :func:`generator.views.versions.stamped`."""
    key: str = ""
    """URL segment of its page: the stamp, ``-2``… when the same content came back (set there too)."""
    current: bool = False
    changes: list[Change] = field(default_factory=list)
    """What changed from the version before (empty for the first one reached)."""
    withdraws: str = ""
    """For a revert (the content of an earlier version came back): the key of the version withdrawn."""
    restores: str = ""
    """For a revert: the key of the earlier version it restores."""

    @property
    def nature(self) -> Nature:
        """What this version is to residents: 撤回 (a publication reverted), 更正 (a figure of a
        period already posted changed), 调整 (a new price from a future date), else 更新."""
        if self.withdraws:
            return "撤回"
        if self.corrections:
            return "更正"
        if any(c.takes_effect for c in self.changes):
            return "调整"
        return "更新"

    @property
    def posted_on(self) -> date | None:
        notice = self.record.file.model.notice if self.record else None
        return notice.posted_on if notice else None

    @property
    def period(self) -> Period | None:
        notice = self.record.file.model.notice if self.record else None
        return notice.period if notice else None

    @property
    def corrections(self) -> list[Change]:
        return [c for c in self.changes if c.correction]


@dataclass
class ItemHistory:
    compound_id: str
    item_id: str
    versions: list[Version] = field(default_factory=list)

    @property
    def current(self) -> Version | None:
        return next((v for v in self.versions if v.current), None)

    @property
    def past(self) -> list[Version]:
        """Versions no longer current, newest first."""
        return [v for v in reversed(self.versions) if not v.current]


@dataclass
class History:
    items: dict[tuple[str, str], ItemHistory]
    start: datetime | None
    """The oldest commit this build reached (in a shallow clone, where the history starts)."""
    shallow: bool

    def of(self, compound_id: str, item_id: str) -> ItemHistory | None:
        return self.items.get((compound_id, item_id))


def _disk_files(ds: Dataset, compound_id: str, item_id: str) -> tuple[tuple[str, bytes], ...]:
    folder = ds.root / "compounds" / compound_id
    if not folder.is_dir():
        return ()
    return tuple((p.relative_to(ds.root).as_posix(), p.read_bytes()) for p in sorted(folder.iterdir())
                 if p.is_file() and p.name.partition(".")[0] == item_id and p not in ds.outside)


def _has_yaml(files: tuple[tuple[str, bytes], ...], item_id: str) -> bool:
    return any(name.endswith(f"/{item_id}.yaml") for name, _ in files)


def item_histories(ds: Dataset, log: GitLog | None) -> History | None:
    """Every item's versions (see the module docstring); None outside git."""
    if log is None:
        return None
    states: dict[tuple[str, str], dict[str, str]] = {}
    seen: dict[tuple[str, str], list[tuple[datetime, tuple[tuple[str, str], ...] | None]]] = {}
    for commit in log.commits:
        touched = set()
        for path, blob in commit.files.items():
            parts = path.split("/")
            if len(parts) != 3 or parts[0] != "compounds" or parts[1] not in ds.compounds:
                continue
            item_id = parts[2].partition(".")[0]
            if item_id not in ITEMS:
                continue
            state = states.setdefault((parts[1], item_id), {})
            if blob is None:
                state.pop(path, None)
            else:
                state[path] = blob
            touched.add((parts[1], item_id))
        for key in touched:
            state = states[key]
            snapshot = tuple(sorted(state.items())) if item_file(key[0], key[1]) in state else None
            seen.setdefault(key, []).append((commit.when, snapshot))
    blobs = read_blobs(ds.root, {b for steps in seen.values() for _, snap in steps if snap for _, b in snap})
    out: dict[tuple[str, str], ItemHistory] = {}
    for cid in sorted(ds.compounds):
        for item_id in ITEMS:
            history = ItemHistory(cid, item_id)
            for when, snap in seen.get((cid, item_id), []):
                files = None if snap is None else tuple((name, blobs.get(b, b"")) for name, b in snap)
                _step(history, when, files)
            disk = _disk_files(ds, cid, item_id)
            last = history.versions[-1] if history.versions else None
            if _has_yaml(disk, item_id):
                if last is None or last.until is not None or last.files != disk:
                    _step(history, None, disk)
                history.versions[-1].current = True
            if history.versions:
                _finish(ds, history)
                out[(cid, item_id)] = history
    start = log.commits[0].when if log.commits else None
    return History(out, start, log.shallow)


def _step(history: ItemHistory, when: datetime | None, files: tuple[tuple[str, bytes], ...] | None) -> None:
    last = history.versions[-1] if history.versions else None
    if files is None:  # the item's file was removed
        if last is not None and last.until is None:
            last.until = when
        return
    if last is not None and last.until is None and last.files == files:
        return
    if last is not None and last.until is None:
        last.until = when
    history.versions.append(Version(files, when))


def _finish(ds: Dataset, history: ItemHistory) -> None:
    rec = ds.compounds[history.compound_id]
    previous: ItemRecord | None = None
    for number, version in enumerate(history.versions):
        if version.current and history.item_id in rec.items and version.files == _disk_files(ds, rec.id, history.item_id):
            version.record = rec.items[history.item_id]
        else:
            names = {name.rsplit("/", 1)[-1]: raw for name, raw in version.files}
            version.record = load_item_version(ds.root, history.compound_id, history.item_id, names)
        if number and version.record is not None and previous is not None:
            version.changes = changes(previous, version.record)
        previous = version.record if version.record is not None else previous


def _ahead(fact: Fact, posted: date | None) -> date | None:
    """The date a figure's price takes effect, when that is after the notice was posted."""
    return fact.effective if fact.effective and posted and fact.effective > posted else None


MAIN_FIGURES = (".price", ".amount")
"""The figure that stands for a whole table row added or removed (a fee's price, a ledger amount)."""


def _only_in(these: dict[str, Fact], others: dict[str, Fact]) -> list[tuple[str, Fact, bool]]:
    """Facts of ``these`` missing from ``others``: (label, fact, whole), a period or a table row
    that is missing as a whole collapsed into one line labelled with its name."""
    groups = {f.group for f in others.values() if f.group}
    rows = {f.row for f in others.values() if f.row}
    out: list[tuple[str, Fact, bool]] = []
    done: set[str] = set()
    for key, fact in these.items():
        if key in others:
            continue
        whole = fact.group if fact.group and fact.group not in groups else \
            fact.row if fact.row and fact.row not in rows else ""
        if not whole:
            out.append((fact.label, fact, False))
        elif whole not in done:
            done.add(whole)
            main = next((f for k, f in these.items() if f.row == whole and k.endswith(MAIN_FIGURES)), None)
            out.append((whole, main if main is not None else Fact(whole, None, group=fact.group), True))
    return out


def changes(old: ItemRecord, new: ItemRecord) -> list[Change]:
    """What changed from ``old`` to ``new`` (see the module docstring), in the new version's order."""
    before, after = facts(old), facts(new)
    old_notice, new_notice = old.file.model.notice, new.file.model.notice
    reposted = old_notice is None or new_notice is None or old_notice.posted_on != new_notice.posted_on
    posted = new_notice.posted_on if new_notice else None
    old_groups = {f.group for f in before.values() if f.group}

    def correction(fact: Fact) -> bool:
        return bool(fact.group and fact.group in old_groups) or not reposted

    out = [Change("added", label, new=fact.value, unit=fact.unit, whole_group=whole, takes_effect=_ahead(fact, posted))
           for label, fact, whole in _only_in(after, before)]
    for key, fact in after.items():
        if key in before and before[key].value != fact.value:
            old_fact, ahead = before[key], _ahead(fact, posted)
            out.append(Change("changed", fact.label, old_fact.value, fact.value, fact.unit or old_fact.unit,
                              correction=correction(old_fact) and key != "notice.period" and ahead is None,
                              takes_effect=ahead))
    for label, fact, whole in _only_in(before, after):
        whole_period = whole and label == fact.group
        out.append(Change("removed", label, old=fact.value, unit=fact.unit, whole_group=whole,
                          correction=whole_period or correction(fact)))
    return out
