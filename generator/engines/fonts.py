"""The one font the PDFs use (Noto Sans CJK SC): find it, and know which characters it has.

Contract:

* :func:`find_fonts` locates the Noto Sans CJK files (``fc-list``, then the usual folders),
  confirms with Typst's own font scanner that the family and its bold weight load, and
  returns a :class:`FontSet`; without them it raises :class:`PdfError` with a Chinese finding
  (code ``pdf-font-missing``) that says how to install the font. Typst would otherwise fall
  back silently and print boxes (tofu).
* :func:`missing_glyphs` lists the characters of a text that the font has no glyph for
  (read from the font's ``cmap`` table), so the build can name them instead of printing
  boxes: a rare character in a name is a fact to report, not a crash.
"""

from __future__ import annotations

import bisect
import struct
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import typst

from generator.errors import PdfError
from generator.findings import Finding, Severity

FONT_FAMILY = "Noto Sans CJK SC"
FONT_FILE_PREFIX = "NotoSansCJK"
FONT_SEARCH_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/opentype/noto"),  # Debian/Ubuntu fonts-noto-cjk
    Path("/usr/share/fonts/noto-cjk"),  # Arch, Fedora
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)


def pdf_error(code: str, message: str, hint: str, file: str) -> PdfError:
    return PdfError(Finding(code=code, severity=Severity.ERROR, file=file, message=message, hint=hint))


def font_missing_error(detail: str = "") -> PdfError:
    return pdf_error(
        "pdf-font-missing",
        f"找不到中文字体 {FONT_FAMILY}，无法生成公示 PDF（否则中文会显示成方框）{detail}",
        "安装字体：sudo apt-get install fonts-noto-cjk（或运行 scripts/install-system-deps.sh），然后重新构建。",
        file="fonts-noto-cjk",
    )


@dataclass(frozen=True)
class FontSet:
    """The folders given to Typst, the files in them (for the cache key) and the regular face."""

    dirs: tuple[str, ...]
    files: tuple[tuple[str, int], ...]
    regular: str

    def fingerprint(self) -> str:
        return "\n".join(f"{name}\t{size}" for name, size in self.files)


def _fc_list_dirs() -> list[Path]:
    try:
        out = subprocess.run(["fc-list", f":family={FONT_FAMILY}", "file"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({Path(line.split(":")[0].strip()).parent for line in out.splitlines() if line.strip()})


@lru_cache(maxsize=4)
def find_fonts(extra_dirs: tuple[str, ...] = ()) -> FontSet:
    """Locate Noto Sans CJK SC (regular and bold); raise :class:`PdfError` when missing."""
    candidates = [Path(d) for d in extra_dirs] + _fc_list_dirs() + list(FONT_SEARCH_DIRS)
    dirs: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and folder not in dirs and any(p.name.startswith(FONT_FILE_PREFIX) for p in folder.iterdir()):
            dirs.append(folder)
    if not dirs:
        raise font_missing_error()
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(d) for d in dirs]).fonts()
    found = [f for f in fonts if f.family == FONT_FAMILY and f.path]
    if not found:
        raise font_missing_error(f"（已查找：{'、'.join(str(d) for d in dirs)}）")
    if not any(f.weight >= 600 for f in found):
        raise font_missing_error("（缺少粗体 NotoSansCJK-Bold）")
    regular = min(found, key=lambda f: abs(f.weight - 400))
    files = sorted((str(p), p.stat().st_size) for d in dirs for p in d.rglob("*") if p.is_file())
    return FontSet(dirs=tuple(str(d) for d in dirs), files=tuple(files), regular=f"{regular.path}#{regular.index}")


# --- cmap: which code points the font covers ----------------------------------------------


def _u16(b: bytes, at: int) -> int:
    return struct.unpack_from(">H", b, at)[0]


def _u32(b: bytes, at: int) -> int:
    return struct.unpack_from(">I", b, at)[0]


def _tables(b: bytes, face_offset: int) -> dict[bytes, int]:
    count = _u16(b, face_offset + 4)
    return {b[face_offset + 12 + 16 * i: face_offset + 16 + 16 * i]: _u32(b, face_offset + 20 + 16 * i)
            for i in range(count)}


def _ranges_from_cmap(b: bytes, cmap: int) -> list[tuple[int, int]]:
    """Code point ranges of the Unicode full-repertoire (format 12) or BMP (format 4) subtable."""
    subtables = {}
    for i in range(_u16(b, cmap + 2)):
        platform, encoding, offset = struct.unpack_from(">HHI", b, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + offset
    for key in ((3, 10), (0, 4), (0, 6)):
        if key in subtables and _u16(b, subtables[key]) == 12:
            at = subtables[key]
            groups = _u32(b, at + 12)
            return [(_u32(b, at + 16 + 12 * g), _u32(b, at + 20 + 12 * g)) for g in range(groups)]
    for key in ((3, 1), (0, 3)):
        if key in subtables and _u16(b, subtables[key]) == 4:
            at = subtables[key]
            segs = _u16(b, at + 6) // 2
            ends = [_u16(b, at + 14 + 2 * s) for s in range(segs)]
            starts = [_u16(b, at + 16 + 2 * segs + 2 * s) for s in range(segs)]
            return [(s, e) for s, e in zip(starts, ends) if s != 0xFFFF]
    return []


@lru_cache(maxsize=4)
def coverage(face: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(starts, ends) of the code point ranges of ``path#index`` (a font or collection face)."""
    path, _, index = face.partition("#")
    b = Path(path).read_bytes()
    offset = _u32(b, 12 + 4 * int(index or 0)) if b[:4] == b"ttcf" else 0
    cmap = _tables(b, offset).get(b"cmap")
    ranges = sorted(_ranges_from_cmap(b, cmap)) if cmap is not None else []
    return tuple(s for s, _ in ranges), tuple(e for _, e in ranges)


def missing_glyphs(face: str, text: str) -> list[str]:
    """The distinct printable characters of ``text`` the face has no glyph for (spaces and
    invisible format/control characters aside)."""
    return sorted(ch for ch in set(text) if not _has_glyph(face, ch))


@lru_cache(maxsize=65536)
def _has_glyph(face: str, ch: str) -> bool:
    if ch.isspace() or unicodedata.category(ch).startswith("C"):
        return True
    starts, ends = coverage(face)
    i = bisect.bisect_right(starts, ord(ch)) - 1
    return i >= 0 and ord(ch) <= ends[i]
