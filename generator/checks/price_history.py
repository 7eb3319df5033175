"""A price edited without a new start date: correction or new price? (``price-changed``)

Contract: :func:`check` compares each compound's fee table on disk with the version before it
in the data's git history (the last committed version when the files on disk differ from it,
else the version that commit replaced), read in memory with the project's own loaders
(:func:`generator.load.dataset.load_item_version`). A fee (kind, item, payer) whose price
changed while its 计费起始时间 stayed the same is a warning at the price cell: a new price
needs its own row with the date it takes effect, a correction says so in the fee file's
``correction`` (shown to residents). Outside git, or without an earlier version, nothing is
compared. Reads only blob contents and the commit list (never messages or authors).
"""

from __future__ import annotations

from datetime import date

from generator.findings import Findings
from generator.load.dataset import Dataset, ItemRecord, load_item_version
from generator.load.history import GitLog, read_blobs
from generator.model.disclosures import FeeScheduleFile, item_as
from generator.model.datafolder import item_file
from generator.model.stated import Stated

ITEM = "fee_schedule"
Key = tuple[str, str, str, date | None]


def _snapshots(log: GitLog, compound_id: str) -> list[dict[str, str]]:
    """The committed states of the compound's fee files (file name -> blob), oldest first."""
    prefix = item_file(compound_id, ITEM, ".")
    state: dict[str, str] = {}
    out: list[dict[str, str]] = []
    for commit in log.commits:
        touched = {p: b for p, b in commit.files.items() if p.startswith(prefix)}
        if not touched:
            continue
        for path, blob in touched.items():
            name = path.rsplit("/", 1)[-1]
            if blob is None:
                state.pop(name, None)
            else:
                state[name] = blob
        out.append(dict(state))
    return out


def _disk(ds: Dataset, compound_id: str) -> dict[str, bytes]:
    folder = ds.root / "compounds" / compound_id
    return {p.name: p.read_bytes() for p in sorted(folder.glob(f"{ITEM}.*")) if p.is_file()}


def _previous(ds: Dataset, log: GitLog, compound_id: str) -> ItemRecord | None:
    snaps = [s for s in _snapshots(log, compound_id) if f"{ITEM}.yaml" in s]
    if not snaps:
        return None
    blobs = read_blobs(ds.root, {b for s in snaps[-2:] for b in s.values()})
    last = {name: blobs.get(b, b"") for name, b in snaps[-1].items()}
    if last == _disk(ds, compound_id):
        if len(snaps) < 2:
            return None
        last = {name: blobs.get(b, b"") for name, b in snaps[-2].items()}
    return load_item_version(ds.root, compound_id, ITEM, last)


def _same(a: Stated, b: Stated) -> bool:
    """The same price: equal numbers (``1.80`` and ``¥1.8``), else the same words."""
    if a.exact is not None and b.exact is not None:
        return a.exact == b.exact
    return a.text == b.text


def check(ds: Dataset, findings: Findings, log: GitLog | None) -> None:
    if log is None or not log.commits:
        return
    for cid, rec in sorted(ds.compounds.items()):
        record = rec.items.get(ITEM)
        if record is None or record.table.rel is None or record.file.model.notice is None:
            continue
        if item_as(record.file.model, FeeScheduleFile).correction:
            continue  # the clerk says the change is a correction, and residents read why
        before = _previous(ds, log, cid)
        if before is None:
            continue
        old: dict[Key, Stated] = {(r.kind, r.item, r.payer or "", r.start_date): r.price for r in before.table.rows}
        for i, row in enumerate(record.table.rows):
            was = old.get((row.kind, row.item, row.payer or "", row.start_date))
            if was is not None and not _same(was, row.price):
                since = f"计费起始时间仍是 {row.start_date}" if row.start_date else "没有写计费起始时间"
                findings.warn("price-changed", record.table.rel,
                              f"“{row.item}”的收费标准从 {was.text} 改为 {row.price.text}，{since}",
                              **record.table.at(i, "price"))
