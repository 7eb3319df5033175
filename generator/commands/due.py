"""What a clerk must post next: the ``due`` list.

Contract: :func:`due_list` is pure. From the disclosure status of every compound x catalogue
item (:mod:`generator.derive.status`) on ``as_of`` it lists, for the compounds of a
:class:`~generator.commands.scope.Scope`:

1. the items already overdue (``stale``), the longest overdue first;
2. the items whose next notice falls due within ``days`` days (``published`` with a due date
   from ``as_of`` to ``as_of + days``), the soonest first;
3. the required items not yet posted at all (``missing``), by compound and catalogue order.

Each :class:`DueEntry` carries the compound and item (ids and Chinese names), the due date,
the days overdue or left, and the item file to edit (relative to the data folder). The
wording a clerk reads is :meth:`DueEntry.when`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from generator.commands.scope import Scope
from generator.derive.status import StatusMatrix
from generator.load.dataset import Dataset
from generator.model.catalogue import CatalogueItem
from generator.model.datafolder import item_file

Kind = Literal["overdue", "due", "missing"]
KIND_LABELS: dict[str, str] = {"overdue": "已逾期", "due": "即将到期", "missing": "尚未公示"}


@dataclass(frozen=True)
class DueEntry:
    kind: Kind
    compound: str
    compound_name: str
    item: str
    item_name: str
    file: str
    due: date | None = None
    days: int = 0
    """Days overdue (``overdue``) or left until the due date (``due``)."""

    def when(self) -> str:
        if self.kind == "overdue":
            return f"逾期 {self.days} 天（应在 {self.due} 前更新）"
        if self.kind == "due":
            return "今天到期" if self.days == 0 else f"还剩 {self.days} 天（{self.due} 前更新）"
        return "尚未公示"

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "compound": self.compound, "compound_name": self.compound_name, "item": self.item,
                "item_name": self.item_name, "file": self.file, "due": self.due.isoformat() if self.due else None,
                "days": self.days}


def due_list(ds: Dataset, matrix: StatusMatrix, as_of: date, days: int, scope: Scope) -> list[DueEntry]:
    if ds.catalogue is None:
        return []
    items: dict[str, CatalogueItem] = {item.id: item for item in ds.catalogue.model.items}
    horizon = as_of + timedelta(days=days)
    overdue: list[DueEntry] = []
    coming: list[DueEntry] = []
    missing: list[DueEntry] = []
    for cid, row in matrix.items():
        if scope.compounds is not None and cid not in scope.compounds:
            continue
        name = ds.compounds[cid].model.name
        for item_id, status in row.items():
            item = items[item_id]
            where = (cid, name, item_id, item.name, item_file(cid, item_id))
            if status.state == "stale" and status.due is not None:
                overdue.append(DueEntry("overdue", *where, status.due, (as_of - status.due).days))
            elif status.state == "published" and status.due is not None and status.due <= horizon:
                coming.append(DueEntry("due", *where, status.due, (status.due - as_of).days))
            elif status.state == "missing" and item.required:
                missing.append(DueEntry("missing", *where))
    overdue.sort(key=lambda e: (-e.days, e.compound, e.item))
    coming.sort(key=lambda e: (e.days, e.compound, e.item))
    return overdue + coming + missing
