"""Parts of a sharded site: one engine run per shard, then one site merged from the parts.

Contract:

* :func:`build_part` runs the site engine (MkDocs) on a shard's staging folder (its own files
  plus empty stand-ins for the files its pages and the nav link to, excluded by
  ``exclude_docs``: see :mod:`generator.render.shards`) into ``out``, compacts its HTML
  (:mod:`generator.engines.html_compact`: the engine's indentation, a fifth of the bytes) and writes the part's manifest
  (:data:`MANIFEST`): its shard, the build it belongs to (a fingerprint of the inputs), every
  shard of that build, its pages in the engine's order with their URLs, and the site files it
  owns. It checks that the engine built exactly the pages the shard owns, and that no page
  of a district links to another district's compound (it would have no stand-in there);
* :func:`merge_parts` writes, through one writer, the site a single engine run over all the
  files would have made: each owned file from the part that owns it, the theme's files from
  the ``city`` part (the other parts must have the same bytes), ``sitemap.xml`` (+ ``.gz``)
  and ``search/search_index.json`` with every part's entries in the engine's page order.
  Parts of different builds, a missing or doubled shard, two owners of one file, or a file
  no part should have raise :class:`PartError` (a Chinese message);
* :func:`page_order` is the engine's order of pages (MkDocs walks the docs folder: a
  folder's files, ``index`` first, then its sub-folders, sorted), which the sitemap and the
  search index follow.

Only MkDocs output is merged (Zensical's search index is another format: sharding needs
``--engine mkdocs``); a site in a single part is copied as the engine made it. ``tests/test_shards.py`` checks that a city built in three shards and
merged equals its build in one MkDocs run, file for file and byte for byte.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import posixpath
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from generator.engines.html_compact import tidy_output
from generator.engines.site_engine import run_engine
from generator.errors import PartError
from generator.views import paths
from generator.render.shards import CITY
from generator.write.staging import StagingWriter

MANIFEST = ".generator-part"
"""The manifest at the root of every part (JSON); a folder without it is not a part."""
FORMAT = 1
SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
SEARCH_INDEX = "search/search_index.json"
MERGED = (SITEMAP, SITEMAP_GZ, SEARCH_INDEX)
"""Files every part has its own version of; the merged site gets them combined."""
_URL_BLOCK = re.compile(r"    <url>\n.*?</url>\n", re.S)


@dataclass
class Part:
    root: Path
    shard: str
    build: str
    """Fingerprint of the inputs: parts of one site carry the same."""
    shards: list[str]
    """Every shard of the build, ``city`` first."""
    pages: list[tuple[str, str]]
    """(docs path, URL) of the part's pages, in :func:`page_order`."""
    owned: list[str]
    """Site files the part owns (its pages' HTML, its data files, its PDFs), sorted."""
    warnings: list[str] = field(default_factory=list)
    engine: str = "mkdocs"

    def manifest(self) -> str:
        data: dict[str, Any] = {"format": FORMAT, **asdict(self)}
        data.pop("root")
        data["pages"] = [list(p) for p in self.pages]
        return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def page_order(path: str) -> tuple[tuple[str, ...], bool, str]:
    """Sort key of a docs file in the order MkDocs walks the docs folder."""
    parts = tuple(path.split("/"))
    name = parts[-1]
    return parts[:-1], name.rsplit(".", 1)[0] not in ("index", "README"), name


def write_manifest(part: Part) -> None:
    (part.root / MANIFEST).write_text(part.manifest(), encoding="utf-8")


def read_part(root: Path) -> Part:
    manifest = root / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PartError(f"{root} 不是分片构建的结果（缺少 {MANIFEST}）") from None
    except (OSError, ValueError) as exc:
        raise PartError(f"{manifest} 无法读取：{exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PartError(f"{manifest} 的格式不对（用同一版本的生成器重新构建各分片）")
    try:
        return Part(root=root, shard=data["shard"], build=data["build"], shards=list(data["shards"]),
                    pages=[(str(s), str(u)) for s, u in data["pages"]], owned=list(data["owned"]),
                    warnings=list(data.get("warnings", [])), engine=data.get("engine", "mkdocs"))
    except (KeyError, TypeError, ValueError):
        raise PartError(f"{manifest} 的内容不完整（用同一版本的生成器重新构建各分片）") from None


def build_part(stage_root: Path, out: Path, *, shard: str, owned_docs: list[str], strict: bool = False,
               engine: str = "mkdocs", build: str = "", shards: list[str] | None = None) -> Part:
    """Run the engine on a shard's staging folder into the empty folder ``out``; see the module docstring.
    A part kept in the cache is used by every build with the same inputs for its shard, so
    its ``build`` and ``shards`` are filled in when it is used. Raises
    :class:`generator.engines.site_engine.EngineFailed` when the engine fails."""
    warnings = run_engine(engine, stage_root / "mkdocs.yml", out, strict=strict)
    tidy_output(out)
    check_links(shard, owned_docs, warnings)
    pages = [(p, paths.url_of(p)) for p in sorted(owned_docs, key=page_order) if p.endswith(".md")]
    owned = sorted(paths.built_file(p) for p in owned_docs)
    missing = [p for p in owned if not (out / p).is_file()]
    built_pages = sum(1 for _ in out.rglob("index.html")) if engine == "mkdocs" else len(pages)
    if missing or built_pages != len(pages):
        raise PartError(f"分片 {shard} 的构建结果与计划不符（缺少 {missing[:3]}，生成 {built_pages} 页，"
                        f"应为 {len(pages)} 页）：这是生成器的问题，请联系开发人员")
    part = Part(out, shard, build, list(shards or []), pages, owned, warnings, engine)
    write_manifest(part)
    return part


_LINK_WARNING = re.compile(r"Doc file '([^']*)' contains (?:a|an unrecognized relative) link '([^']*)'")


def check_links(shard: str, owned_docs: list[str], warnings: list[str]) -> None:
    """A district shard's staging folder has no stand-ins for other districts' compounds
    (:func:`generator.render.shards.stand_ins`): a page linking to one would be built with a
    broken link, so the engine's warning about it stops the build."""
    if shard == CITY:
        return
    mine = {paths.compound_of(p) for p in owned_docs}
    for warning in warnings:
        match = _LINK_WARNING.search(warning)
        if not match:
            continue
        source, link = match.groups()
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), urlsplit(link).path)) + "/"
        if paths.compound_of(target) not in mine | {None}:
            raise PartError(f"分片 {shard} 中的 {source} 链接到其他区的小区（{link}）：分片构建不支持这种链接，"
                            "这是生成器的问题，请联系开发人员")


def _files(root: Path) -> list[tuple[str, Path]]:
    out = []
    for here, dirs, files in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(here, root)
        for name in sorted(files):
            path = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")
            if path != MANIFEST:
                out.append((path, Path(here) / name))
    return out


def check_parts(parts: list[Part]) -> Part:
    """Raise :class:`PartError` unless ``parts`` are every shard of one build once; returns the ``city`` part."""
    if not parts:
        raise PartError("没有可合并的分片")
    first = parts[0]
    for part in parts:
        if part.build != first.build or part.shards != first.shards or part.engine != first.engine:
            raise PartError(f"{part.root}（{part.shard}）与 {first.root}（{first.shard}）不是同一次构建的分片"
                            "（数据、配置、日期或生成器版本不同）：用同一份输入重新构建全部分片")
    have = [p.shard for p in parts]
    doubled = sorted({s for s in have if have.count(s) > 1})
    missing = [s for s in first.shards if s not in have]
    if doubled or missing:
        raise PartError("分片" + (f"重复：{'、'.join(doubled)}" if doubled else "")
                        + ("；" if doubled and missing else "") + (f"缺少：{'、'.join(missing)}" if missing else ""))
    return next(p for p in parts if p.shard == CITY)


def merge_parts(parts: list[Part], writer: StagingWriter, extra: Mapping[str, Path] | None = None) -> list[str]:
    """Write the merged site through ``writer`` (see the module docstring); ``extra``: more
    files (site path -> source, e.g. the PDFs) no part holds. Returns the parts' warnings."""
    city = check_parts(parts)
    if len(parts) == 1:  # the whole site in one part: as the engine made it
        for rel, path in _files(city.root):
            writer.place(rel, path)
        for rel, source in sorted((extra or {}).items()):
            writer.place(rel, source)
        return list(city.warnings)
    if city.engine != "mkdocs":
        raise PartError("分片构建只支持 MkDocs 引擎")
    owner: dict[str, Part] = {}
    for part in parts:
        for rel in part.owned:
            if rel in owner:
                raise PartError(f"{rel} 同时属于分片 {owner[rel].shard} 和 {part.shard}")
            owner[rel] = part
    city_files = dict(_files(city.root))
    written: set[str] = set()
    for part in parts:
        for rel, path in (city_files.items() if part is city else _files(part.root)):
            if rel in MERGED:
                continue
            mine = owner.get(rel)
            if mine is part or (mine is None and part is city):
                writer.place(rel, path)
                written.add(rel)
            elif mine is None:
                common = city_files.get(rel)
                if common is None or common.read_bytes() != path.read_bytes():
                    raise PartError(f"分片 {part.shard} 中的 {rel} 与 city 分片的不同（主题或生成器版本不一致？）")
    missing = sorted(set(owner) - written)
    if missing:
        raise PartError(f"分片中缺少文件：{', '.join(missing[:5])}")
    for rel, source in sorted((extra or {}).items()):
        if rel in owner or rel in written:
            raise PartError(f"{rel} 重复")
        writer.place(rel, source)
    order = sorted((page for part in parts for page in part.pages), key=lambda p: page_order(p[0]))
    _merge_sitemap(parts, city, order, writer)
    _merge_search(parts, city, order, writer)
    warnings: list[str] = []
    for part in parts:
        warnings += [w for w in part.warnings if w not in warnings]
    return warnings


def _sitemap_blocks(part: Part) -> tuple[str, dict[str, str], str]:
    text = (part.root / SITEMAP).read_text(encoding="utf-8")
    blocks = list(_URL_BLOCK.finditer(text))
    if len(blocks) != len(part.pages):
        raise PartError(f"分片 {part.shard} 的 {SITEMAP} 有 {len(blocks)} 个网址，应为 {len(part.pages)} 个")
    head = text[:blocks[0].start()] if blocks else text[:text.index("</urlset>")]
    tail = text[blocks[-1].end():] if blocks else text[text.index("</urlset>"):]
    return head, {src: m.group(0) for (src, _url), m in zip(part.pages, blocks)}, tail


def _merge_sitemap(parts: list[Part], city: Part, order: list[tuple[str, str]], writer: StagingWriter) -> None:
    head, blocks, tail = _sitemap_blocks(city)
    for part in parts:
        if part is not city:
            blocks.update(_sitemap_blocks(part)[1])
    text = head + "".join(blocks[src] for src, _url in order) + tail
    writer.write_text(SITEMAP, text)
    stamp = (city.root / SITEMAP_GZ).read_bytes()[4:8]
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=SITEMAP_GZ, mode="wb", mtime=int.from_bytes(stamp, "little")) as gz:
        gz.write(text.encode("utf-8"))
    writer.write_bytes(SITEMAP_GZ, buffer.getvalue())


def _search_entries(part: Part) -> tuple[Any, dict[str, list[Any]]]:
    index = json.loads((part.root / SEARCH_INDEX).read_text(encoding="utf-8"))
    entries = index["docs"]
    by_page: dict[str, list[Any]] = {}
    at = 0
    for src, url in part.pages:
        mine = []
        while at < len(entries) and entries[at]["location"].split("#", 1)[0] == url:
            mine.append(entries[at])
            at += 1
        by_page[src] = mine
    if at != len(entries):
        raise PartError(f"分片 {part.shard} 的搜索索引有不属于它的页面：{entries[at]['location']}")
    return index["config"], by_page


def _merge_search(parts: list[Part], city: Part, order: list[tuple[str, str]], writer: StagingWriter) -> None:
    config, entries = _search_entries(city)
    for part in parts:
        if part is not city:
            other, more = _search_entries(part)
            if other != config:
                raise PartError(f"分片 {part.shard} 的搜索设置与 city 分片的不同")
            entries.update(more)
    docs = [entry for src, _url in order for entry in entries[src]]
    # As the search plugin writes it (material/plugins/search: json.dumps, compact, ASCII).
    writer.write_text(SEARCH_INDEX, json.dumps({"config": config, "docs": docs}, separators=(",", ":"), default=str))
