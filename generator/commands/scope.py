"""A clerk's own compounds: ``--compound``, ``--street``, ``--company`` for ``check`` and ``due``.

Contract: :func:`select` turns what the clerk typed (ids or Chinese names, several of each
allowed) into a :class:`Scope`: the compound ids that match any of them. An id or name that
matches nothing raises :class:`ScopeError` with the choices (in Chinese). No filter at all
is the whole city (``Scope.compounds is None``). :meth:`Scope.covers` tells whether a finding
belongs to the scope: a file of a chosen compound (``compounds/<id>/…``, ``ledgers/<id>/…``)
or of the company that serves one (``companies/<id>.yaml``). City-wide files (``city.yaml``,
``catalogue.yaml``, evaluations) are outside every scope but the whole city's.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.findings import Finding
from generator.load.dataset import Dataset


class ScopeError(Exception):
    """An id or name matches nothing; the message (Chinese) lists the choices."""


@dataclass(frozen=True)
class Scope:
    compounds: frozenset[str] | None
    """The chosen compound ids; None: the whole city."""
    companies: frozenset[str] = frozenset()

    def covers(self, finding: Finding) -> bool:
        if self.compounds is None:
            return True
        parts = finding.file.split("/")
        if len(parts) > 1 and parts[0] in ("compounds", "ledgers"):
            return parts[1] in self.compounds
        if parts[0] == "companies" and len(parts) == 2:
            return parts[1].removesuffix(".yaml") in self.companies
        return False


def _match(wanted: str, kind: str, names: dict[str, str]) -> set[str]:
    """The ids whose id or name is ``wanted``."""
    hits = {key for key, name in names.items() if wanted in (key, name)}
    if not hits:
        shown = "、".join(f"{key}（{name}）" for key, name in list(names.items())[:30]) or "（没有）"
        raise ScopeError(f"没有{kind}“{wanted}”。可选：{shown}")
    return hits


def select(ds: Dataset, compounds: tuple[str, ...] = (), streets: tuple[str, ...] = (),
           companies: tuple[str, ...] = ()) -> Scope:
    """The compounds matching any of the given compounds, streets or companies."""
    if not (compounds or streets or companies):
        return Scope(None)
    records = ds.compounds
    chosen: set[str] = set()
    compound_names = {cid: rec.model.name for cid, rec in records.items()}
    for wanted in compounds:
        chosen |= _match(wanted, "小区", compound_names)
    if streets:
        street_names = {sid: street.name for sid, (_d, street) in ds.city.model.street_index().items()} \
            if ds.city is not None else {}
        for wanted in streets:
            ids = _match(wanted, "街道", street_names)
            chosen |= {cid for cid, rec in records.items() if rec.model.street in ids}
    if companies:
        company_names = {cid: rec.model.name for cid, rec in ds.companies.items()}
        for wanted in companies:
            ids = _match(wanted, "物业服务企业", company_names)
            chosen |= {cid for cid, rec in records.items() if rec.model.company in ids}
    serving = frozenset(c for cid in chosen if (c := records[cid].model.company))
    return Scope(frozenset(chosen), serving)
