"""Shards: the parts of a site that are built separately (each by its own engine run) and merged.

Contract (pure):

* a shard is ``city`` (every city-wide page and file: home, compound index, compliance,
  rankings, open data, feeds, verification, the hand-written ``content/`` pages, the 404
  page) or ``district=<id>`` (every page and file of the compounds of that district);
* which shard owns a docs file follows from its path alone (:meth:`ShardMap.shard_of`): a
  file in a compound's folder (:data:`generator.views.paths.COMPOUND_FOLDERS`) belongs to
  the district of that compound, everything else to ``city``. A file no engine sees (a PDF,
  a ``/v/<stamp>/`` page: :data:`generator.render.plan.NO_ENGINE`) belongs to the shard of the
  data it is made from (its plan ``origin``);
* :func:`exclude_patterns` gives the gitignore-style ``exclude_docs`` lines under which an
  engine sees exactly the files a shard owns; the files the shard's pages and the nav link
  to are present in the shard's staging folder as empty stand-ins (:func:`stand_ins`), so
  links and the nav resolve exactly as in a build of the whole site (the engine links to
  excluded files but neither reads nor renders them). Four patterns at most: the engine
  matches every file against every pattern. ``tests/test_shards.py`` checks that the
  patterns and :meth:`shard_of` agree on every file of a synthetic city;
* :meth:`ShardMap.shards` lists the shards of a city in a fixed order (``city`` first, then
  the districts in the order of ``city.yaml``), only districts with compounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.load.dataset import Dataset
from generator.views import paths
from generator.render.plan import NO_ENGINE, Output

CITY = "city"
DISTRICT = "district"


class ShardError(ValueError):
    """A shard name that is not ``city`` or ``district=<id>`` of the city; the message is Chinese."""


def district_shard(district_id: str) -> str:
    return f"{DISTRICT}={district_id}"


def folder_name(shard: str) -> str:
    """A file-system-safe name for a shard: ``city``, ``district-<id>``."""
    return shard.replace("=", "-")


@dataclass(frozen=True)
class ShardMap:
    """Which district each compound is in, and so which shard owns each file."""

    district_of: dict[str, str]
    """Compound id -> district id."""
    districts: tuple[str, ...]
    """Every district id of the city, in the order of ``city.yaml``."""

    @classmethod
    def of(cls, ds: Dataset) -> ShardMap:
        assert ds.city is not None, "shards only after the checks passed"
        return cls({cid: rec.model.district for cid, rec in sorted(ds.compounds.items())},
                   tuple(d.id for d in ds.city.model.districts))

    def shards(self) -> list[str]:
        """``city``, then every district that has compounds."""
        used = set(self.district_of.values())
        return [CITY] + [district_shard(d) for d in self.districts if d in used]

    def parse(self, text: str) -> str:
        """``city`` or ``district=<id>`` for a district of the city; else :class:`ShardError`."""
        name = text.strip()
        if name == CITY:
            return CITY
        kind, _, value = name.partition("=")
        if kind != DISTRICT or not value:
            raise ShardError(f"分片写作 city 或 district=区编号（如 district={self.districts[0] if self.districts else 'xx'}）："
                             f"“{text}”不对")
        if value not in self.districts:
            raise ShardError(f"没有编号为“{value}”的区；可选：{'、'.join(self.districts)}")
        if value not in self.district_of.values():
            raise ShardError(f"区“{value}”没有小区，不单独构建（shards 命令列出要构建的分片）")
        return district_shard(value)

    def compounds_of(self, shard: str) -> list[str]:
        """Compound ids whose pages the shard holds (every compound for none; ``city`` holds none)."""
        if shard == CITY:
            return []
        district = shard.partition("=")[2]
        return [cid for cid, d in self.district_of.items() if d == district]

    def shard_of(self, path: str) -> str:
        """The shard owning a docs-relative file (generated or from ``content/``)."""
        cid = paths.compound_of(path)
        if cid is None:
            return CITY
        district = self.district_of.get(cid)
        if district is None:
            raise ValueError(f"{path}: no compound {cid!r}")
        return district_shard(district)

    def shard_of_output(self, output: Output) -> str:
        """The shard of a planned output; one no engine sees (a PDF, a ``/v/<stamp>/`` page)
        by the compound it is made from."""
        if output.kind not in NO_ENGINE:
            return self.shard_of(output.path)
        cid = compound_of_origin(output.origin)
        return district_shard(self.district_of[cid]) if cid is not None else CITY


def exclude_patterns(shard: str) -> list[str]:
    """``exclude_docs`` lines (gitignore syntax, last match wins) under which the engine
    builds only the files ``shard`` owns, in its staging folder (see :func:`stand_ins`)."""
    if shard == CITY:
        return [f"/{folder}/*/" for folder in paths.COMPOUND_FOLDERS]
    return ["/*"] + [f"!/{folder}/*/" for folder in paths.COMPOUND_FOLDERS]


def stand_ins(shard: str, path: str, shard_map: ShardMap, origin: str = "") -> bool:
    """Whether a file ``shard`` does not own is in its staging folder, as an empty stand-in:
    the city shard has every file (its index pages link to every compound); a district shard
    has the city's files (the nav and its pages' links reach them) but not other districts'
    compounds, which none of its pages links to (an engine warning about a link to one of
    them fails the build: :func:`generator.engines.parts.build_part`), nor the city files made
    from another district's compound (``origin``, the file's plan origin), which only that
    compound's pages link to; so a change in one district does not rebuild the others."""
    if shard == CITY:
        return True
    if paths.compound_of(path) is not None:
        return False
    made_from = compound_of_origin(origin)
    return made_from is None or district_shard(shard_map.district_of[made_from]) == shard


def compound_of_origin(origin: str) -> str | None:
    """The compound a plan origin names (``compounds/<id>`` or below), else None."""
    parts = origin.split("/")
    return parts[1] if parts[0] == paths.COMPOUNDS_DIR and len(parts) > 1 else None
