"""C2SP tlog-proof files (https://c2sp.org/tlog-proof): an entry's inclusion, offline.

Contract: :func:`format_proof` writes ``c2sp.org/tlog-proof@v1``, an ``extra`` line (here: the
log entry itself, base64, so the proof can be checked without the log), ``index N``, the
inclusion proof (one base64 hash a line, leaf side first), a blank line and the signed
checkpoint verbatim. :func:`check_proof` verifies such a file against a verifier key: the
checkpoint's signature, its origin (the key's name), and the entry's inclusion at the index
under the checkpoint's root; it returns the entry and the checkpoint, or raises
:class:`ProofError` saying what failed (English; callers word it for people).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from generator.tlog.checkpoint import Checkpoint, parse_checkpoint
from generator.tlog.merkle import leaf_hash, verify_inclusion
from generator.tlog.note import NoteError, Verifier, open_note

HEADER = "c2sp.org/tlog-proof@v1"


class ProofError(ValueError):
    pass


@dataclass(frozen=True)
class Proven:
    entry: bytes
    index: int
    checkpoint: Checkpoint


def format_proof(entry: bytes, index: int, path: list[bytes], signed_checkpoint: str) -> str:
    lines = [HEADER, f"extra {base64.b64encode(entry).decode()}", f"index {index}"]
    lines += [base64.b64encode(h).decode() for h in path]
    return "\n".join(lines) + "\n\n" + signed_checkpoint


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ProofError("malformed proof: bad base64") from None


def _parse(text: str) -> tuple[bytes | None, int, list[bytes], str]:
    head, sep, note = text.partition("\n\n")
    lines = head.split("\n")
    if not sep or not lines or lines[0] != HEADER:
        raise ProofError("not a c2sp.org/tlog-proof@v1 file")
    lines = lines[1:]
    extra = _b64(lines.pop(0)[len("extra "):]) if lines and lines[0].startswith("extra ") else None
    if not lines or not lines[0].startswith("index "):
        raise ProofError("malformed proof: no index line")
    number = lines.pop(0)[len("index "):]
    if not number.isascii() or not number.isdigit() or (number != "0" and number.startswith("0")):
        raise ProofError("malformed proof: bad index")
    return extra, int(number), [_b64(line) for line in lines], note


def check_proof(text: str, verifier: Verifier, entry: bytes | None = None) -> Proven:
    """``entry``: the entry the proof must prove (default: the one in its ``extra`` line)."""
    extra, index, path, note = _parse(text)
    try:
        body = open_note(note, verifier)
        checkpoint = parse_checkpoint(body)
    except (NoteError, ValueError) as exc:
        raise ProofError(f"checkpoint: {exc}") from None
    if checkpoint.origin != verifier.name:
        raise ProofError(f"checkpoint of another log: {checkpoint.origin}")
    entry = extra if entry is None else entry
    if entry is None:
        raise ProofError("the proof names no entry")
    if not verify_inclusion(leaf_hash(entry), index, checkpoint.size, path, checkpoint.root):
        raise ProofError("the entry is not in the log at that index")
    return Proven(entry, index, checkpoint)
