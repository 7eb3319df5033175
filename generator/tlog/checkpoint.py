"""C2SP tlog-checkpoint note text (https://c2sp.org/tlog-checkpoint): origin, tree size, root.

Contract: :func:`format_checkpoint` gives the three lines (no extension lines);
:func:`parse_checkpoint` reads them back, refusing a size with leading zeros or a root that is
not 32 bytes of standard base64, and ignores extension lines (raises ValueError).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from generator.tlog.merkle import HASH_SIZE


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes


def format_checkpoint(cp: Checkpoint) -> str:
    return f"{cp.origin}\n{cp.size}\n{base64.b64encode(cp.root).decode()}\n"


def parse_checkpoint(text: str) -> Checkpoint:
    lines = text.split("\n")
    if len(lines) < 4 or not lines[0] or not text.endswith("\n"):
        raise ValueError("malformed checkpoint")
    origin, size, root = lines[:3]
    if not size.isascii() or not size.isdigit() or (size != "0" and size.startswith("0")):
        raise ValueError("malformed checkpoint size")
    try:
        raw = base64.b64decode(root, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("malformed checkpoint root") from None
    if len(raw) != HASH_SIZE:
        raise ValueError("malformed checkpoint root")
    return Checkpoint(origin, int(size), raw)
