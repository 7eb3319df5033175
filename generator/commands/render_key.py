"""Whether a shard's files can be taken from an earlier build without rendering them: the hash of everything they are made from.

Contract: :meth:`RenderInputs.of` is made once per build, after the checks, from the checked
context and the build's options; :meth:`RenderInputs.key` is one shard's render key. Equal keys,
equal rendered files (its pages, assets, data files and ``/v/<stamp>/`` pages), so the build
takes a shard with a known key from the cache, its engine output and ``/v/`` pages, without
rendering it (:mod:`generator.commands.pipeline`). A key covers:

* for every shard: the generator and the installed packages, the options that change what is
  rendered (date, paper, engine, strictness, site address, preview), the site config, whether
  the build publishes a transparency log and its public key, the staged config and the names
  of every file of the site (as the part key), every data file outside the compounds' folders
  (city, catalogue, companies, evaluations, model projects), ``content/``, the planned outputs
  no compound owns, and what a compound's pages show of *other* compounds: the rankings and
  every period's ranking view (:attr:`generator.views.site.Views.periods`: they name the
  compounds a company serves);
* for each compound the shard holds (every compound for ``city``): the files of its folder,
  its git history (commit days and every version's files, times and stamp) and its planned
  outputs.

That a district's files read nothing else of other compounds is tested, not assumed:
``tests/test_render_key.py`` renders each district of a city with the compounds of the other
districts taken out of the data (the cross facts above kept) and finds the same files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel

from generator.commands.fingerprint import code_fingerprint, file_digests
from generator.render.context import SiteContext
from generator.render.shards import CITY, compound_of_origin
from generator.views import paths

RENDER_FORMAT = "render-1"


def plain(value: Any) -> Any:
    """``value`` as JSON data for hashing: dataclasses and models by type name and every field
    (a field marked ``metadata={"derived": True}`` is left out: it is made from fields that are
    in), mappings by sorted key, sets sorted, bytes by their SHA-256. Anything else is a
    ``TypeError``, so a new type is added here rather than hashed by its address."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__, **{f.name: plain(getattr(value, f.name))
                                              for f in dataclasses.fields(value) if not f.metadata.get("derived")}}
    if isinstance(value, BaseModel):
        return {"@": type(value).__name__, **{name: plain(getattr(value, name)) for name in type(value).model_fields}}
    if isinstance(value, dict):
        return [[plain(k), plain(v)] for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (Decimal, PurePath)):
        return str(value)
    if isinstance(value, Enum):
        return plain(value.value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{type(value).__name__} has no form in a render key")


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(plain(value), sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


def _owner(path: str, origin: str) -> str | None:
    return paths.compound_of(path) or compound_of_origin(origin)


@dataclass
class RenderInputs:
    common: str
    """The digest of what every shard's files may depend on (see the module docstring)."""
    own: dict[str, list[Any]]
    """Compound id -> its own inputs (digested when a key needs them: a district's build, or a
    province's district job, needs only its own compounds')."""
    digests: dict[str, str] = field(default_factory=dict)

    def compound(self, compound_id: str) -> str:
        known = self.digests.get(compound_id)
        if known is None:
            known = self.digests[compound_id] = digest(self.own[compound_id])
        return known

    @classmethod
    def of(cls, ctx: SiteContext, data: Path, content: Path, options: dict[str, str],
           site_config: dict[str, Any]) -> RenderInputs:
        """``options``: the build options that change what is rendered, as text."""
        own: dict[str, list[Any]] = {cid: [] for cid in ctx.compound_ids()}
        common: list[Any] = [RENDER_FORMAT, code_fingerprint(), options, json.dumps(site_config, sort_keys=True, default=str),
                             ctx.log.public_key if ctx.log is not None else None]
        for rel, sha in file_digests(data).items():
            parts = rel.split("/")
            bucket = own.get(parts[1]) if len(parts) > 2 and parts[0] == "compounds" else None
            (bucket if bucket is not None else common).append((rel, sha))
        common.append(sorted(file_digests(content).items()))
        for output in sorted(ctx.plan.outputs.values(), key=lambda o: o.path):
            cid = _owner(output.path, output.origin)
            (own[cid] if cid in own else common).append(output)
        for cid, changes in sorted(ctx.history.items()):
            own.get(cid, common).append(changes)
        if ctx.versions is not None:
            common.append([ctx.versions.start, ctx.versions.shallow])
            for (cid, _item), item_history in sorted(ctx.versions.items.items()):
                own.get(cid, common).append(item_history)
        common.append([ctx.rankings, ctx.views.periods])
        return cls(digest(common), own)

    def key(self, shard: str, compounds: list[str], config_text: str, all_docs: list[str]) -> str:
        """The render key of ``shard``, which holds ``compounds`` (all of them for ``city``)."""
        chosen = sorted(self.own) if shard == CITY else sorted(compounds)
        return digest([self.common, shard, config_text, all_docs, [(cid, self.compound(cid)) for cid in chosen]])
