"""The staging folder of one part (shard) of the site, and the hash its engine output is cached under.

Contract:

* :func:`stage_part` writes ``<root>/mkdocs.yml`` and ``<root>/docs/``: the shard's own files
  (rendered text, copied assets, hand-written ``content/`` files) and, for every other file of
  the whole site, an empty file of the same name, which the config's ``exclude_docs`` keeps
  the engine from building (:mod:`generator.render.shards`). ``mkdocs build -f
  <root>/mkdocs.yml`` builds the shard's part of the site;
* :func:`part_key` is a hash of everything that engine run depends on: the generator and the
  installed packages (:func:`generator.commands.fingerprint.code_fingerprint`), the engine,
  the date (the sitemap's), strictness, the staged config, the names of all files of the site
  and the bytes of the shard's own files. Equal keys, equal output: the part cache
  (:mod:`generator.write.cache`) reuses it.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Mapping

from generator.commands.fingerprint import code_fingerprint
from generator.render.web.mkdocs_config import DOCS_DIR
from generator.write.staging import StagingWriter

PART_FORMAT = "part-1"


def part_key(engine: str, as_of: date, strict: bool, config_text: str, all_docs: list[str],
             pages: Mapping[str, str], files: Mapping[str, Path]) -> str:
    """``pages``: the shard's rendered text files; ``files``: its files copied from elsewhere."""
    digest = hashlib.sha256(f"{PART_FORMAT}\0{code_fingerprint()}\0{engine}\0{as_of.isoformat()}\0{strict}\0".encode())
    digest.update(config_text.encode("utf-8") + b"\0")
    digest.update("\n".join(all_docs).encode("utf-8") + b"\0")
    for rel in sorted(set(pages) | set(files)):
        data = pages[rel].encode("utf-8") if rel in pages else files[rel].read_bytes()
        digest.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def stage_part(root: Path, config_text: str, all_docs: list[str], pages: Mapping[str, str],
               files: Mapping[str, Path]) -> None:
    writer = StagingWriter(root)
    docs = f"{DOCS_DIR}/"
    for rel, text in sorted(pages.items()):
        writer.write_text(docs + rel, text)
    for rel, source in sorted(files.items()):
        writer.copy(docs + rel, source)
    for rel in all_docs:
        if rel not in pages and rel not in files:
            writer.write_bytes(docs + rel, b"")
    writer.write_text("mkdocs.yml", config_text)
