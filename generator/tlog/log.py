"""An append-only log as files: read the published one back, extend it, sign it, check it.

Contract: :func:`read_log` takes a published log's files (``checkpoint`` and the entry bundles,
path -> bytes) and the log's verifier key; it checks the checkpoint's signature and origin and
that the bundles' entries hash to the checkpoint's root, and returns the :class:`Log` (raises
:class:`LogError` otherwise: a log that does not check out is never extended).
:func:`appended` is the published entries followed by the new ones not yet in it, in the
order given (nothing is ever removed or reordered). :func:`log_files` signs the checkpoint of
the entries and returns every file of the log (``checkpoint``, tiles, entry bundles, and the
partial tiles of the earlier checkpoints). :func:`extends` checks, with an RFC 6962
consistency proof, that the tree of ``entries`` extends an older checkpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from generator.tlog.checkpoint import Checkpoint, format_checkpoint, parse_checkpoint
from generator.tlog.merkle import Tree, leaf_hash, verify_consistency
from generator.tlog.note import NoteError, Signer, Verifier, open_note, sign
from generator.tlog.tiles import WIDTH, entries_from_bundles, tile_files

CHECKPOINT = "checkpoint"
_PARTIAL_BUNDLE = re.compile(r"^tile/entries/((?:x\d{3}/)*\d{3})\.p/(\d+)$")


class LogError(ValueError):
    pass


@dataclass
class Log:
    checkpoint: Checkpoint
    entries: list[bytes]
    earlier_sizes: tuple[int, ...] = field(default=())
    """Sizes of earlier checkpoints whose partial tiles the log still serves."""


def _earlier_sizes(paths: Iterable[str]) -> tuple[int, ...]:
    sizes = set()
    for path in paths:
        match = _PARTIAL_BUNDLE.match(path)
        if match:
            sizes.add(int(match[1].replace("x", "").replace("/", "")) * WIDTH + int(match[2]))
    return tuple(sorted(sizes))


def open_checkpoint(note: bytes, verifier: Verifier) -> Checkpoint:
    try:
        checkpoint = parse_checkpoint(open_note(note.decode("utf-8"), verifier))
    except (UnicodeDecodeError, NoteError, ValueError) as exc:
        raise LogError(f"checkpoint: {exc}") from None
    if checkpoint.origin != verifier.name:
        raise LogError(f"checkpoint of another log: {checkpoint.origin}")
    return checkpoint


def read_log(files: Mapping[str, bytes], verifier: Verifier) -> Log:
    if CHECKPOINT not in files:
        raise LogError("no checkpoint")
    checkpoint = open_checkpoint(files[CHECKPOINT], verifier)
    try:
        entries = entries_from_bundles(files, checkpoint.size)
    except ValueError as exc:
        raise LogError(str(exc)) from None
    if Tree([leaf_hash(e) for e in entries]).root() != checkpoint.root:
        raise LogError("the entries do not hash to the checkpoint's root")
    return Log(checkpoint, entries, _earlier_sizes(files))


def appended(published: Sequence[bytes], new: Iterable[bytes]) -> list[bytes]:
    out = list(published)
    seen = set(out)
    for entry in new:
        if entry not in seen:
            seen.add(entry)
            out.append(entry)
    return out


def log_files(entries: Sequence[bytes], signer: Signer, earlier_sizes: Iterable[int] = ()) -> dict[str, bytes]:
    checkpoint = Checkpoint(signer.name, len(entries), Tree([leaf_hash(e) for e in entries]).root())
    files = tile_files(entries, earlier_sizes)
    files[CHECKPOINT] = sign(format_checkpoint(checkpoint), signer).encode()
    return files


def extends(older: Checkpoint, entries: Sequence[bytes]) -> bool:
    if older.size > len(entries):
        return False
    tree = Tree([leaf_hash(e) for e in entries])
    proof = tree.consistency(older.size)
    return verify_consistency(older.size, tree.size, older.root, tree.root(), proof)
