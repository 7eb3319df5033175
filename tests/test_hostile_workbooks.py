"""Crafted workbooks from anyone who can open a pull request: each is a few kilobytes, passes
a naive size check, and would make python-calamine allocate far beyond any machine (a Rust
allocation failure aborts the whole process: exit 134, no finding, no file named).

Each is written here byte by byte (the zip and its XML parts), put in place of the mini
city's public-revenue table, and loaded; it must end in exactly one error finding naming the
file, never in a signal. The command line runs one of them under an address-space limit
like a CI runner's. The worker itself is shown to die on one of them (read without the
pre-checks) and to come back for the next workbook.
"""

from __future__ import annotations

import io
import json
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Callable

import pytest

from generator.load.xlsxworker import WorkerDied, read_sheets
from tests.support import PC, ROOT, listing, only

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0"?><workbook {MAIN} xmlns:r="{REL}"><sheets><sheet name="公共收益收支" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
}
HEADER = "".join(f'<c r="{c}1" t="inlineStr"><is><t>{t}</t></is></c>' for c, t in zip("ABCDEF", ["日期", "类型", "类别",
                                                                                         "摘要", "金额", "结余"]))


def sheet(rows: str, namespace: str = MAIN) -> str:
    return f'<?xml version="1.0"?><worksheet {namespace}><sheetData><row r="1">{HEADER}</row>{rows}</sheetData></worksheet>'


def shared(entries: str, declared: int) -> str:
    return f'<?xml version="1.0"?><sst {MAIN} count="{declared}" uniqueCount="{declared}">{entries}</sst>'


def book(worksheet: str, strings: str = shared("", 0), **extra: str | bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in {**PARTS, "xl/worksheets/sheet1.xml": worksheet, "xl/sharedStrings.xml": strings,
                           **extra}.items():
            archive.writestr(name, part)
    return buffer.getvalue()


def lying_directory() -> bytes:
    """The directory says the sheet unpacks to 1 kB; its stream inflates to 120 MB (2 GB would do the same)."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = squeeze.compress(sheet("").encode()[:-len("</sheetData></worksheet>")])
    stream += b"".join(squeeze.compress(b" " * (1 << 22)) for _ in range(30)) + squeeze.flush()
    entries = [(n, p.encode()) for n, p in PARTS.items()]
    out, central = bytearray(), bytearray()
    for name, data, crc, size in [(n, zlib.compress(p)[2:-4], zlib.crc32(p), len(p)) for n, p in entries] + [
            ("xl/worksheets/sheet1.xml", stream, 0, 1000)]:
        raw_name, offset = name.encode(), len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(raw_name), 0)
        out += raw_name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
                               len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries) + 1, len(entries) + 1, len(central), len(out), 0)
    return bytes(out + central + end)


def long_shared_string() -> bytes:
    """One 100,000-character string shown by 20,000 cells: two billion characters once read."""
    cells = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in "ABCDEFGHIJ") + "</row>"
                    for r in range(2, 2002))
    return book(sheet(cells), shared(f"<si><t>{'长' * 100_000}</t></si>", 1))


LAST_CELL = '<row r="1048576"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
CRAFTED: dict[str, tuple[Callable[[], bytes], str, str]] = {
    # name: (the file, the finding's code, words its message holds)
    "last-cell-in-lower-case": (lambda: book(sheet(LAST_CELL.format(ref="xfd1048576"))), "csv-too-many-rows",
                                "第 1048576 行"),
    "sheet-without-its-namespace": (lambda: book(sheet(LAST_CELL.format(ref="XFD1048576"), namespace="")),
                                    "csv-too-many-rows", "第 1048576 行"),
    "last-column-only": (lambda: book(sheet('<row r="2"><c r="XFD2"><v>1</v></c></row>')), "file-too-large",
                         "第 16384 列（XFD 列）"),
    "shared-strings-declaring-billions": (lambda: book(sheet(""), shared("<si><t>a</t></si>", 4_000_000_000)),
                                          "file-too-large", "声明了 4000000000 项"),
    "one-long-string-shared-by-many-cells": (long_shared_string, "file-too-large", "文字超过"),
    "zip-directory-lying-about-sizes": (lying_directory, "xlsx-unreadable", "已损坏"),
    "entity-expansion": (lambda: book(sheet("").replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE x '
                                                        '[<!ENTITY a "aaaaaaaaaa">]>')), "xlsx-unreadable", "DOCTYPE"),
    "thousands-of-parts": (lambda: book(sheet(""), **{f"xl/media/p{i}.xml": "<a/>" for i in range(1200)}),
                           "file-too-large", "1206 个部件"),
}


def put(root: Path, raw: bytes) -> Path:
    (root / PC / "public_revenue.csv").unlink()
    path = root / PC / "public_revenue.xlsx"
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_workbook_ends_in_one_finding_naming_the_file(mini: Path, case: str) -> None:
    make, code, says = CRAFTED[case]
    put(mini, make())
    f = only(mini)
    assert (f.code, f.file) == (code, f"{PC}/public_revenue.xlsx") and says in f.message, listing([f])
    assert "未读取" in f.message or code == "xlsx-unreadable"


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (4_000_000_000, 4_000_000_000))


def test_the_command_line_under_an_address_space_limit_reports_instead_of_dying(mini: Path) -> None:
    put(mini, book(sheet(LAST_CELL.format(ref="xfd1048576"))))
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--data", str(mini), "--as-of", "2026-11-15"],
                          capture_output=True, text=True, cwd=ROOT, preexec_fn=_limit_address_space, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "public_revenue.xlsx:公共收益收支" in done.stdout and "1048576" in done.stdout
    assert "Traceback" not in done.stderr


READ_ALL = """
import json, sys
from pathlib import Path
from generator.findings import Findings
from generator.load.tablefile import read_table
from generator.model.tables import PublicRevenueRow
out = {}
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    found = Findings()
    read_table(path, path.name, found, PublicRevenueRow, names=("公共收益收支",))
    out[path.stem] = [f.code for f in found]
print(json.dumps(out))
"""


def test_every_crafted_workbook_read_under_an_address_space_limit_ends_in_its_finding(tmp_path: Path) -> None:
    """All of them in one process capped at 2 GB of address space, as a CI runner might be:
    it ends normally (no signal) with each file's one finding."""
    for case, (make, _, _) in CRAFTED.items():
        (tmp_path / f"{case}.xlsx").write_bytes(make())
    done = subprocess.run([sys.executable, "-c", READ_ALL, str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000)),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {case: [code] for case, (_, code, _) in CRAFTED.items()}


def test_a_reader_that_dies_kills_only_its_worker_and_the_next_workbook_is_read() -> None:
    """Without the pre-checks the reader would allocate half a terabyte: the worker dies of it
    (a signal), the caller gets :class:`WorkerDied`, and a new worker reads the next file."""
    with pytest.raises(WorkerDied) as died:
        read_sheets(book(sheet(LAST_CELL.format(ref="xfd1048576"))))
    assert "信号" in died.value.why or "退出码" in died.value.why
    good = read_sheets(book(sheet('<row r="2"><c r="A2" t="inlineStr"><is><t>N/A</t></is></c></row>')))
    assert good["公共收益收支"][1][0] == "N/A"
