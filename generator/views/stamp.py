"""The one version stamp: a hash of what a view shows, and the date a printed version carries.

Contract: :func:`stamp` is the only function that makes a stamp. It takes the content of a
view (dataclasses, tuples, lists, dicts, text, numbers, dates: an item view's content, the
list of a booklet's item stamps), serialises it canonically (every dataclass as its type
name and fields in declaration order, leaving out fields marked ``metadata={"layout": True}``
(how a layout places a value, not what is shown), mappings with sorted keys, dates as ISO text, Decimal
as written, JSON with ``ensure_ascii=False``) and returns the first 8 hex digits of its
SHA-256. So two views that show the same thing have the same stamp on paper and web, a
layout change (fonts, columns, page size) never moves a stamp, and any change of what is
printed or shown moves it.

* An **item version's** stamp: :func:`stamp` over :meth:`generator.views.item.ItemView.content`
  (see there for what is in it). The item's sheet prints it, the item's page, history page
  and ``/v/<stamp>/`` page show it; past versions read from git are stamped the same way, by
  building their view (:mod:`generator.views.versions`).
* A **booklet's** stamp (:func:`booklet_stamp`): :func:`stamp` over the compound's id, what
  the booklet prints about the compound itself (name, address, who serves it, size, the
  supervision phones) and, in catalogue order, each item's stamp (shown items) or its status
  word (missing, not applicable with its reason, invalid): the booklet prints exactly those
  items, so its stamp changes when any of them changes and only then; the calendar's words
  (overdue) are not in it, as they are not in an item's stamp. Its ``/v/<stamp>/`` page
  lists the item stamps it covers.
* :func:`version_date`: the date of a compound's data version, the latest posting date of its
  notices (None when nothing was posted). Printed documents carry this date, never the build
  day, so a rebuild on another day with the same data changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date
from decimal import Decimal
from typing import Any

from generator.load.dataset import CompoundRecord

STAMP_LENGTH = 8


def canonical(value: Any) -> Any:
    """``value`` as plain JSON data, the same for equal content whatever its Python types."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__, **{f.name: canonical(getattr(value, f.name))
                                              for f in dataclasses.fields(value) if not f.metadata.get("layout")}}
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (date, Decimal)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise TypeError(f"{type(value).__name__} has no canonical form in a stamp")


def stamp(content: Any) -> str:
    """The stamp of a view's content (see the module docstring)."""
    text = json.dumps(canonical(content), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:STAMP_LENGTH]


def booklet_stamp(compound_id: str, frame: Any, items: list[tuple[str, str]]) -> str:
    """``frame``: what the booklet prints about the compound itself (name, address, who serves
    it, size, supervision phones); ``items``: (item id, its stamp or its status word) in
    catalogue order."""
    return stamp({"booklet": compound_id, "frame": frame, "items": items})


def version_date(rec: CompoundRecord) -> date | None:
    posted = [r.file.model.notice.posted_on for r in rec.items.values() if r.file.model.notice is not None]
    return max(posted) if posted else None
