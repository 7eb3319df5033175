"""Unpack a workbook's zip archive with a bound, never trusting what the archive declares.

Contract:

* :func:`unpack` reads every member of the archive in chunks and counts the bytes that
  really come out: the total is bounded by ``MAX_XLSX_UNPACKED`` and the number of members
  by ``MAX_XLSX_PARTS``, whatever the zip directory says (a directory that declares 1 kB for
  a part inflating to 2 GB is stopped after the limit, its lie caught by the CRC check);
* it returns the parts by name, or raises :class:`Refused` saying why in Chinese (too
  large, too many parts, not a zip, damaged, encrypted, an XML part with a DTD);
* :func:`repack` writes the parts back as a fresh archive whose sizes are the ones
  measured, so the reader that runs afterwards sees exactly the bytes that were checked;
* an XML part holding a document type (``<!DOCTYPE``/``<!ENTITY``: entity expansion) is
  refused: no spreadsheet program writes one.

Nothing here writes a file; nothing raises anything but :class:`Refused` for bad input.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from generator.load.limits import MAX_XLSX_PARTS, MAX_XLSX_UNPACKED, megabytes

_CHUNK = 1 << 16


@dataclass
class Refused(Exception):
    """Why a workbook is not read: ``code`` (a finding code), a Chinese ``message``, the
    worksheet concerned (if one) and how to fix it (``hint``, else the code's own)."""

    code: str
    message: str
    sheet: str | None = None
    hint: str | None = None


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    out = bytearray()
    with archive.open(info) as member:
        while True:
            chunk = member.read(_CHUNK)
            if not chunk:
                return bytes(out)
            out += chunk
            if len(out) > budget:
                raise Refused("file-too-large", f"工作簿解压后超过 {megabytes(MAX_XLSX_UNPACKED)} 的上限，未读取")


def _has_doctype(part: bytes) -> bool:
    head = part.decode("utf-16", "replace") if part.startswith((b"\xff\xfe", b"\xfe\xff")) else part
    needles: tuple = ("<!DOCTYPE", "<!ENTITY") if isinstance(head, str) else (b"<!DOCTYPE", b"<!ENTITY")
    return any(n in head for n in needles)


def unpack(raw: bytes) -> dict[str, bytes]:
    """The archive's parts by name, each read with the bound (see the module doc)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused("xlsx-unreadable", "文件不是 Excel 工作簿（可能是改了扩展名的文本表格，或文件已损坏）") from None
    parts: dict[str, bytes] = {}
    total = 0
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_XLSX_PARTS:
            raise Refused("file-too-large", f"工作簿由 {len(infos)} 个部件组成，超过 {MAX_XLSX_PARTS} 个的上限，未读取")
        for info in infos:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise Refused("xlsx-unreadable", "工作簿设置了打开密码，无法读取")
            try:
                part = _read_bounded(archive, info, MAX_XLSX_UNPACKED - total)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError):
                raise Refused("xlsx-unreadable", "工作簿已损坏（压缩包中的部件读不出来，或与目录记载的大小不符）") from None
            total += len(part)
            if info.filename.endswith((".xml", ".rels")) and _has_doctype(part):
                raise Refused("xlsx-unreadable", "工作簿的 XML 部件中有文档类型声明（DOCTYPE），电子表格程序不会写这种内容，未读取")
            parts[info.filename] = part
    return parts


def repack(parts: dict[str, bytes]) -> bytes:
    """A fresh archive of ``parts`` (stored, not compressed: it lives only in memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
