"""Past versions stamped like current ones: each version's stamp is the hash of its view.

Contract: :func:`stamped` returns the history (:mod:`generator.derive.versions`) with every
version's ``stamp`` and page ``key`` set. A version whose notice is shown gets the stamp of its
item view (:meth:`generator.views.site.Views.version`: the version's record in the compound as
it is now), the same function and the same content that stamp the current sheet, so the
current version's stamp is the one its sheet prints and a past sheet's stamp finds its version
(as long as what the sheet prints about the compound itself, the company, committee and
phones, is unchanged since). A version marked not applicable is stamped over its reason; one
whose files could not be read over their bytes. The key is the stamp, with ``-2``, ``-3``…
when the same content came back; a version whose files are those of an earlier, not the
previous, version is a revert (撤回): it ``withdraws`` the previous version and ``restores``
the earlier one.
"""

from __future__ import annotations

import dataclasses
import hashlib

from generator.derive.versions import History, ItemHistory, Version
from generator.views.site import StampEntry, Views
from generator.views.stamp import stamp


def version_stamp(views: Views, history: ItemHistory, version: Version) -> str:
    record = version.record
    if record is not None and record.file.model.notice is not None:
        return views.version(history.compound_id, record).stamp
    if record is not None:
        return stamp({"compound": history.compound_id, "item": history.item_id,
                      "not_applicable": str(record.file.model.not_applicable)})
    return stamp({"compound": history.compound_id, "item": history.item_id,
                  "unreadable": [(name, hashlib.sha256(raw).hexdigest()) for name, raw in version.files]})


def _stamp_item(views: Views, history: ItemHistory) -> ItemHistory:
    current = views.item(history.compound_id, history.item_id)
    used: dict[str, int] = {}
    versions: list[Version] = []
    for number, version in enumerate(history.versions):
        value = current.stamp if version.current and current is not None else version_stamp(views, history, version)
        used[value] = used.get(value, 0) + 1
        key = value if used[value] == 1 else f"{value}-{used[value]}"
        earlier = next((v for v in versions[:max(number - 1, 0)] if v.files == version.files), None)
        withdraws, restores = (versions[number - 1].key, earlier.key) if earlier is not None else ("", "")
        versions.append(dataclasses.replace(version, stamp=value, key=key, withdraws=withdraws, restores=restores))
    return dataclasses.replace(history, versions=versions)


def stamped(history: History | None, views: Views) -> History | None:
    """``history`` with every version's stamp and key (see the module docstring)."""
    if history is None:
        return None
    return dataclasses.replace(history, items={k: _stamp_item(views, h) for k, h in history.items.items()})


def stamp_index(views: Views, history: History | None) -> dict[str, StampEntry]:
    """Every stamp residents can check, by stamp: every version of every item's history (the
    newest first when two share a stamp: content that came back), then every stamp this build
    prints (:meth:`Views.current_stamps`), so each printed stamp has its ``/v/`` page also
    outside git. ``history`` must be :func:`stamped`."""
    out: dict[str, StampEntry] = {}
    for (cid, item_id), item_history in sorted((history.items if history else {}).items()):
        for version in reversed(item_history.versions):
            out.setdefault(version.stamp, StampEntry(cid, item_id, version.key))
    for value, entry in views.current_stamps().items():
        out.setdefault(value, entry)
    return dict(sorted(out.items()))
