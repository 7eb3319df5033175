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
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from generator.model.datafolder import item_file
from generator.derive.ledgers import quarterly_totals
from generator.load.dataset import Dataset, ItemRecord, load_item_version
from generator.load.history import GitLog, read_blobs
from generator.model import tables as t
from generator.model.base import Period, Record, parse_period, quarter_of
from generator.model.disclosures import PublicRevenueFile, item_as
from generator.model.items import ITEMS
from generator.model.labels import field_label


@dataclass(frozen=True)
class Fact:
    label: str
    value: Any
    unit: str = ""
    group: str = ""
    """The period it belongs to (``2026年第二季度``), or '' for figures without a period."""


@dataclass(frozen=True)
class Change:
    kind: Literal["added", "changed", "removed"]
    label: str
    old: Any = None
    new: Any = None
    unit: str = ""
    correction: bool = False
    whole_group: bool = False
    """The line stands for a whole period added or removed (``新增 2026年第三季度``)."""


@dataclass
class Version:
    files: tuple[tuple[str, bytes], ...]
    """(data-relative path, bytes), sorted."""
    since: datetime | None
    """When it became current (commit time); None when not committed yet."""
    until: datetime | None = None
    """When it was replaced or removed; None while it is current."""
    record: ItemRecord | None = None
    stamp: str = ""
    """The stamp of the version's view; set by :func:`generator.views.versions.stamped`."""
    key: str = ""
    """URL segment of its page: the stamp, ``-2``… when the same content came back (set there too)."""
    current: bool = False
    changes: list[Change] = field(default_factory=list)
    """What changed from the version before (empty for the first one reached)."""

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


# --- facts: an item version as the figures residents read ---------------------------------

ROW_KEYS: dict[type[Record], tuple[str, ...]] = {
    t.ServiceItemRow: ("category", "item"),
    t.FeeRow: ("item",),
    t.FacilityRow: ("system",),
    t.PublicRevenueRow: ("date", "type", "category", "description"),
    t.MaintenanceFundUseRow: ("date", "project"),
    t.UtilityRow: ("month", "kind"),
    t.ParkingRow: ("type", "ownership"),
    t.RectificationRow: ("issue",),
}
"""The columns that name a row (the rest are its figures)."""
PERIOD_KEYS = {"date", "month"}
"""Key columns that date a row: its figures belong to a period once posted."""


def _text(value: Any) -> str:
    return value.label if isinstance(value, Period) else str(value)


def _group(value: Any) -> str:
    if isinstance(value, Period):
        return value.label
    if isinstance(value, date):
        return parse_period(quarter_of(value)).label
    if isinstance(value, int) and 2000 <= value <= 2100:
        return f"{value}年"
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return f"{value[:4]}年{int(value[5:])}月"
    return ""


def _model_facts(model: BaseModel, prefix: str = "", group: str = "", skip: tuple[str, ...] = ()) -> list[tuple[str, Fact]]:
    out: list[tuple[str, Fact]] = []
    for name, info in type(model).model_fields.items():
        if name in skip:
            continue
        value = getattr(model, name)
        label = field_label(info, name)
        key = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            out += _model_facts(value, key + ".", group)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            first = next(iter(type(value[0]).model_fields))
            for element in value:
                head = getattr(element, first)
                sub = _group(head)
                out += [(k, Fact(f"{_text(head)} {f.label}", f.value, f.unit, sub or group))
                        for k, f in _model_facts(element, f"{key}[{_text(head)}].", sub or group, skip=(first,))]
        elif isinstance(value, list):
            out.append((key, Fact(label, "；".join(str(v) for v in value), "", group)))
        elif value is not None:
            out.append((key, Fact(label, value, "", group)))
    return out


def _row_facts(rows: list[Record]) -> list[tuple[str, Fact]]:
    out: list[tuple[str, Fact]] = []
    seen: dict[str, int] = {}
    for row in rows:
        keys = ROW_KEYS.get(type(row), ())
        head = " ".join(_text(getattr(row, k)) for k in keys)
        seen[head] = seen.get(head, 0) + 1
        name = head if seen[head] == 1 else f"{head}（{seen[head]}）"
        dated = next((getattr(row, k) for k in keys if k in PERIOD_KEYS), None)
        group = _group(dated) if dated is not None else ""
        unit = getattr(row, "unit", "") if isinstance(getattr(row, "unit", None), str) else ""
        for fname, info in type(row).model_fields.items():
            value = getattr(row, fname)
            if fname in keys or fname == "unit" or value is None:
                continue
            out.append((f"row[{name}].{fname}", Fact(f"{name} {field_label(info, fname)}", value,
                                                     unit if isinstance(value, Decimal) else "", group)))
    return out


REVENUE_TOTALS = (("income", "收入"), ("cost", "合理成本"), ("company_share", "企业分成"),
                  ("net_to_owners", "归业主净收益"), ("used", "资金使用"), ("closing_balance", "期末结余"))


def facts(record: ItemRecord) -> dict[str, Fact]:
    """The figures of one version, keyed stably across versions."""
    model = record.file.model
    out: list[tuple[str, Fact]] = []
    notice = model.notice
    if notice is not None:
        if notice.period:
            out.append(("notice.period", Fact("期间", notice.period)))
    else:
        out.append(("not_applicable", Fact("不适用理由", str(model.not_applicable))))
    if record.item_id == "public_revenue":
        totals = quarterly_totals(item_as(model, PublicRevenueFile), record.table.rows)
        for total in totals:
            out += [(f"quarter[{total.period.id}].{k}", Fact(f"{total.period.label} {label}", getattr(total, k), "元",
                                                               total.period.label)) for k, label in REVENUE_TOTALS]
        if totals:
            out.append(("balance", Fact("结余", totals[-1].closing_balance, "元")))
        out += _model_facts(model, skip=("notice", "not_applicable", "quarters"))
    else:
        out += _model_facts(model, skip=("notice", "not_applicable"))
        out += _row_facts(record.table.rows)
    return dict(out)


def changes(old: ItemRecord, new: ItemRecord) -> list[Change]:
    """What changed from ``old`` to ``new`` (see the module docstring), in the new version's order."""
    before, after = facts(old), facts(new)
    old_notice, new_notice = old.file.model.notice, new.file.model.notice
    reposted = old_notice is None or new_notice is None or old_notice.posted_on != new_notice.posted_on
    old_groups = {f.group for f in before.values() if f.group}
    new_groups = {f.group for f in after.values() if f.group}

    def correction(fact: Fact) -> bool:
        return bool(fact.group and fact.group in old_groups) or not reposted

    out: list[Change] = []
    done_groups: set[str] = set()
    for key, fact in after.items():
        if key not in before:
            if fact.group and fact.group not in old_groups:
                if fact.group not in done_groups:
                    done_groups.add(fact.group)
                    out.append(Change("added", fact.group, whole_group=True))
                continue
            out.append(Change("added", fact.label, new=fact.value, unit=fact.unit))
        elif before[key].value != fact.value:
            old_fact = before[key]
            out.append(Change("changed", fact.label, old_fact.value, fact.value, fact.unit or old_fact.unit,
                              correction=correction(old_fact) and key != "notice.period"))
    for key, fact in before.items():
        if key in after:
            continue
        if fact.group and fact.group not in new_groups:
            if fact.group not in done_groups:
                done_groups.add(fact.group)
                out.append(Change("removed", fact.group, correction=True, whole_group=True))
            continue
        out.append(Change("removed", fact.label, old=fact.value, unit=fact.unit, correction=correction(fact)))
    return out
