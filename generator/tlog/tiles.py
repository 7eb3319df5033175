"""The C2SP tlog-tiles layout (https://c2sp.org/tlog-tiles): a log as static files.

Contract: :func:`tile_path` and :func:`bundle_path` name a tile (``tile/<L>/<N>[.p/<W>]``,
``<N>`` in 3-digit groups, all but the last prefixed ``x``) and an entry bundle
(``tile/entries/<N>[.p/<W>]``). :func:`tile_files` returns every tile and entry bundle of a
log of the given entries (tiles 256 hashes wide: level ``l`` holds the hashes of complete
subtrees of 256**l leaves; the rightmost tiles partial, empty tiles never), plus the partial
tiles of each earlier size in ``kept_sizes`` (clients holding an older checkpoint fetch
those). :func:`entries_from_bundles` reads the entries of a log of ``size`` back from its
entry bundles (a mapping path -> bytes), raising ValueError when one is missing or malformed.
Entries are at most 65,535 bytes (bundles prefix each with a big-endian uint16 length).
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from generator.tlog.merkle import Tree, leaf_hash

WIDTH = 256
TILE_HEIGHT = 8
MAX_ENTRY = 0xFFFF


def index_path(n: int) -> str:
    text = f"{n % 1000:03d}"
    while n >= 1000:
        n //= 1000
        text = f"x{n % 1000:03d}/{text}"
    return text


def _suffix(width: int) -> str:
    return "" if width == WIDTH else f".p/{width}"


def tile_path(level: int, n: int, width: int = WIDTH) -> str:
    return f"tile/{level}/{index_path(n)}{_suffix(width)}"


def bundle_path(n: int, width: int = WIDTH) -> str:
    return f"tile/entries/{index_path(n)}{_suffix(width)}"


def tiles_of(size: int) -> list[tuple[int, int, int]]:
    """(level, index, width) of every tile of a tree of ``size`` leaves."""
    out = []
    level = 0
    while size // WIDTH ** level:
        count = size // WIDTH ** level
        out += [(level, n, WIDTH) for n in range(count // WIDTH)]
        if count % WIDTH:
            out.append((level, count // WIDTH, count % WIDTH))
        level += 1
    return out


def _bundle(entries: Sequence[bytes]) -> bytes:
    out = bytearray()
    for entry in entries:
        if len(entry) > MAX_ENTRY:
            raise ValueError("log entry longer than 65,535 bytes")
        out += len(entry).to_bytes(2, "big") + entry
    return bytes(out)


def tile_files(entries: Sequence[bytes], kept_sizes: Iterable[int] = ()) -> dict[str, bytes]:
    tree = Tree([leaf_hash(e) for e in entries])
    height_of = tree.levels
    out: dict[str, bytes] = {}
    for size in sorted({len(entries), *[s for s in kept_sizes if 0 < s <= len(entries)]}):
        for level, n, width in tiles_of(size):
            row = height_of[TILE_HEIGHT * level]
            out[tile_path(level, n, width)] = b"".join(row[n * WIDTH:n * WIDTH + width])
            if level == 0:
                out[bundle_path(n, width)] = _bundle(entries[n * WIDTH:n * WIDTH + width])
    return out


def _read_bundle(raw: bytes, width: int) -> list[bytes]:
    out, at = [], 0
    while at < len(raw):
        if at + 2 > len(raw):
            raise ValueError("truncated entry bundle")
        length = int.from_bytes(raw[at:at + 2], "big")
        out.append(raw[at + 2:at + 2 + length])
        at += 2 + length
    if at != len(raw) or len(out) != width:
        raise ValueError("entry bundle of the wrong size")
    return out


def entries_from_bundles(files: Mapping[str, bytes], size: int) -> list[bytes]:
    out: list[bytes] = []
    for n in range((size + WIDTH - 1) // WIDTH):
        width = min(WIDTH, size - n * WIDTH)
        path = bundle_path(n, width)
        if path not in files:
            raise ValueError(f"missing entry bundle {path}")
        out += _read_bundle(files[path], width)
    return out
