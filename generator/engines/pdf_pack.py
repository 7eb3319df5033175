"""Pack a PDF's plain objects into compressed object streams (PDF 1.5+, allowed by PDF/A-2).

Contract: :func:`pack_pdf` takes the bytes of a PDF as Typst writes it (objects of generation 0,
one after the other, a classic ``xref`` table, no encryption, no incremental update) and returns
the same document with every object that is not a stream, the catalog or the document
information dictionary (the accessibility tags' structure tree, fonts' and pages' dictionaries,
annotations…) in one Flate-compressed object stream and a cross-reference stream instead of the
table. Streams (page contents, fonts, images, the XMP metadata, which PDF/A wants readable) are
copied byte for byte, and so are the catalog and the information dictionary, so the document's
content, tags, metadata and PDF/A identification are unchanged; only how the objects are stored
changes. Typst writes no object streams: in a notice sheet the uncompressed structure tree and
dictionaries are about a quarter of the bytes, in a booklet nearly half (issue 29). Input it does
not recognise is returned unchanged. Deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import re
import zlib

_XREF = re.compile(rb"\nxref\n0 (\d+)\n")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_REF = re.compile(rb"/(Root|Info) (\d+) 0 R")
_ID = re.compile(rb"/ID\s*(\[[^\]]*\])")
_HEAD = re.compile(rb"(\d+) 0 obj\s*")


def _objects(pdf: bytes) -> tuple[dict[int, bytes], bytes] | None:
    """Object number -> its body (between ``obj`` and ``endobj``), and the trailer dictionary's inside."""
    table = _XREF.search(pdf)
    trailer = _TRAILER.search(pdf, table.end()) if table else None
    if table is None or trailer is None:
        return None
    count = int(table.group(1))
    rows = pdf[table.end():table.end() + 20 * count].split(b"\n")[:count]
    offsets = {}
    for number, row in enumerate(rows):
        fields = row.split()
        if number and (len(fields) != 3 or fields[1] != b"00000" or fields[2] != b"n"):
            return None
        if number:
            offsets[number] = int(fields[0])
    ends = sorted(offsets.values()) + [table.start() + 1]
    nxt = {start: ends[i + 1] for i, start in enumerate(ends[:-1])}
    bodies = {}
    for number, start in offsets.items():
        chunk = pdf[start:nxt[start]].rstrip()
        head = _HEAD.match(chunk)
        if head is None or int(head.group(1)) != number or not chunk.endswith(b"endobj"):
            return None
        bodies[number] = chunk[head.end():-len(b"endobj")].rstrip()
    return bodies, trailer.group(1)


def pack_pdf(pdf: bytes) -> bytes:
    parsed = _objects(pdf)
    if parsed is None:
        return pdf
    bodies, trailer = parsed
    refs = {name.decode(): int(number) for name, number in _REF.findall(trailer)}
    ident = _ID.search(trailer)
    if "Root" not in refs or ident is None:
        return pdf
    kept = set(refs.values())
    packed = [n for n in sorted(bodies) if n not in kept and not bodies[n].endswith(b"endstream")]
    if not packed:
        return pdf
    header = pdf[:pdf.index(b"\n", pdf.index(b"\n") + 1) + 1]  # %PDF-1.x and the binary comment
    stream_no, xref_no = max(bodies) + 1, max(bodies) + 2
    out = bytearray(header)
    where: dict[int, tuple[int, int, int]] = {}
    in_stream = set(packed)
    for number in sorted(n for n in bodies if n not in in_stream):
        where[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, bodies[number])
    index, data = [], bytearray()
    for i, number in enumerate(packed):
        index.append(b"%d %d" % (number, len(data)))
        data += bodies[number] + b"\n"
        where[number] = (2, stream_no, i)
    first = b" ".join(index) + b"\n"
    content = zlib.compress(bytes(first + data), 9)
    where[stream_no] = (1, len(out), 0)
    out += b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream\nendobj\n" % (
        stream_no, len(packed), len(first), len(content), content)
    where[xref_no] = (1, len(out), 0)
    rows = b"".join(bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big") if n == 0 else
                    bytes([where[n][0]]) + where[n][1].to_bytes(4, "big") + where[n][2].to_bytes(2, "big")
                    for n in range(xref_no + 1))
    table = zlib.compress(rows, 9)
    info = b"/Info %d 0 R" % refs["Info"] if "Info" in refs else b""
    start = len(out)
    out += (b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R%s/ID%s/Filter/FlateDecode/Length %d>>\nstream\n%s\n"
            b"endstream\nendobj\nstartxref\n%d\n%%%%EOF\n") % (
        xref_no, xref_no + 1, refs["Root"], info, ident.group(1), len(table), table, start)
    return bytes(out)
