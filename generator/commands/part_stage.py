"""The staging folder of one part (shard) of the site, and the hash its engine output is cached under.

Contract:

* :func:`stage_part` writes ``<root>/mkdocs.yml``, the theme override
  (:mod:`generator.render.web.theme`; its bytes are part of the generator's fingerprint) and ``<root>/docs/``: the shard's own files
  (rendered text, copied assets, hand-written ``content/`` files) and, for every other file of
  the whole site, an empty file of the same name, which the config's ``exclude_docs`` keeps
  the engine from building (:mod:`generator.render.shards`). The empty files are made once
  per build (:class:`Skeleton`) and linked into each shard's folder (a folder the shard owns
  nothing in is one link; MkDocs follows links). ``mkdocs build -f <root>/mkdocs.yml`` builds
  the shard's part of the site;
* :func:`part_key` is a hash of everything that engine run depends on: the generator and the
  installed packages (:func:`generator.commands.fingerprint.code_fingerprint`), the engine,
  strictness, the staged config, the names of all files of the site and the bytes of the
  shard's own files. Equal keys, equal output: the part cache (:mod:`generator.write.cache`)
  reuses it. Not the data date: the engines run without one (:mod:`generator.engines.site_engine`),
  so a page whose text does not change from one day to the next keeps its part's output.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from generator.commands.fingerprint import code_fingerprint
from generator.render.web.mkdocs_config import DOCS_DIR
from generator.render.web.theme import theme_files
from generator.write.staging import StagingWriter

PART_FORMAT = "part-2"


def part_key(engine: str, strict: bool, config_text: str, all_docs: list[str],
             pages: Mapping[str, str | bytes], files: Mapping[str, Path]) -> str:
    """``pages``: the shard's rendered files (text, or bytes: the Excel templates); ``files``: its files
    copied from elsewhere."""
    digest = hashlib.sha256(f"{PART_FORMAT}\0{code_fingerprint()}\0{engine}\0{strict}\0".encode())
    digest.update(config_text.encode("utf-8") + b"\0")
    digest.update("\n".join(all_docs).encode("utf-8") + b"\0")
    for rel in sorted(set(pages) | set(files)):
        data = _bytes(pages[rel]) if rel in pages else files[rel].read_bytes()
        digest.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _bytes(page: str | bytes) -> bytes:
    return page if isinstance(page, bytes) else page.encode("utf-8")


class Skeleton:
    """An empty file for every docs file of the site, made once per build (when a shard needs
    staging) below ``root``; a shard's staging folder links to it for the files it does not own,
    a whole folder at a time where the shard owns nothing in it."""

    def __init__(self, root: Path, all_docs: list[str]) -> None:
        self.root = root
        self.all_docs = all_docs
        self._made = False
        self.tree: dict[str, Any] = {}
        for rel in all_docs:
            node = self.tree
            *folders, name = rel.split("/")
            for folder in folders:
                node = node.setdefault(folder, {})
            node[name] = None

    def docs(self) -> Path:
        if not self._made:
            writer = StagingWriter(self.root)
            for rel in self.all_docs:
                writer.write_bytes(f"{DOCS_DIR}/{rel}", b"")
            self._made = True
        return (self.root / DOCS_DIR).resolve()


def stage_part(root: Path, config_text: str, skeleton: Skeleton | None, pages: Mapping[str, str | bytes],
               files: Mapping[str, Path], wanted: Callable[[str], bool] = lambda _: True) -> None:
    """See the module docstring; without ``skeleton`` the shard owns every file (one part).
    ``wanted``: which of the files the shard does not own get a stand-in."""
    writer = StagingWriter(root)
    docs = f"{DOCS_DIR}/"
    for rel, text in sorted(pages.items()):
        if isinstance(text, bytes):
            writer.write_bytes(docs + rel, text)
        else:
            writer.write_text(docs + rel, text)
    for rel, source in sorted(files.items()):
        writer.copy(docs + rel, source)
    if skeleton is not None:
        owned_folders = {"/".join(rel.split("/")[:i]) for rel in list(pages) + list(files)
                         for i in range(1, rel.count("/") + 1)}
        _link_rest(writer, skeleton, skeleton.tree, "", owned_folders, wanted)
    for rel, source in theme_files().items():
        writer.copy(rel, source)
    writer.write_text("mkdocs.yml", config_text)


def _files(node: dict[str, Any], prefix: str) -> Iterator[str]:
    for name, child in node.items():
        if child is None:
            yield prefix + name
        else:
            yield from _files(child, f"{prefix}{name}/")


def _link_rest(writer: StagingWriter, skeleton: Skeleton, node: dict[str, Any], prefix: str, owned: set[str],
               wanted: Callable[[str], bool]) -> None:
    """Link every file and folder of ``node`` the shard does not own (and wants) to the skeleton:
    a folder whose files are all wanted as one link, a folder with some wanted file by file."""
    for name, child in node.items():
        rel = prefix + name
        if child is None:
            if not writer.exists(f"{DOCS_DIR}/{rel}") and wanted(rel):
                writer.link(f"{DOCS_DIR}/{rel}", skeleton.docs() / rel)
            continue
        want = {wanted(f) for f in _files(child, rel + "/")} if rel not in owned else {True, False}
        if want == {True}:
            writer.link(f"{DOCS_DIR}/{rel}", skeleton.docs() / rel)
        elif True in want:
            _link_rest(writer, skeleton, child, rel + "/", owned, wanted)