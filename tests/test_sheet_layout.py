"""Item sheets that work on a notice board, over every item sheet of the sample city and of the
synthetic one (the shared built sites; each sheet is pages of its own inside its compound's
PDF), read from the PDFs as poppler sees them:

* one page unless the item's own content needs more: a sheet of several pages uses its first
  page down to its foot (its text reaches the last 75 mm above the footer, which is at most
  what the closing block and the table rows kept with it take);
* each sheet's footer counts the sheet's own pages;
* the closing block (the 异议 line, 特此公示 and the seals) never stands alone on a page: on the
  last page the item's own content comes before it;
* every signer has a seal room of at least 40 x 40 mm (the dashed rectangles of the drawing,
  pdftocairo's SVG), as many rooms as signers on the last page.
"""

from __future__ import annotations

import functools
import re
from html import unescape
from pathlib import Path

import pytest

from tests.sitebuild import Built, sample_site, synth_site
from tests.support import PrintedSheet, printed_sheets, run_tool

MM = 72 / 25.4
FOOTER = 20 * MM
CLOSING_AND_KEPT_ROWS = 75 * MM
SEAL = 40 * MM


@pytest.fixture(scope="module", params=["sample", "synth"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sample_site(tmp_path_factory) if request.param == "sample" else synth_site(tmp_path_factory)


@functools.lru_cache(maxsize=None)
def sheets(built: Built) -> list[PrintedSheet]:
    found = [s for pdf in sorted((built.site / "pdf").glob("*.pdf")) if not pdf.name.startswith("ranking-")
             for s in printed_sheets(pdf)]
    assert found
    return found


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


@functools.lru_cache(maxsize=None)
def all_pages(pdf: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Per page: its height and its words (top, bottom, text), from ``pdftotext -bbox``."""
    html = run_tool("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-")
    return [(float(h), [(float(m[2]), float(m[4]), unescape(m[5])) for m in _WORD.finditer(body)])
            for _, h, body in _PAGE.findall(html)]


def pages(sheet: PrintedSheet) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """The sheet's own pages."""
    return all_pages(sheet.pdf)[sheet.first - 1:sheet.last]


def test_a_sheet_is_one_page_unless_its_content_needs_more(built: Built) -> None:
    long = []
    for sheet in sheets(built):
        laid = pages(sheet)
        if len(laid) == 1:
            continue
        height, words = laid[0]
        lowest = max(bottom for top, bottom, _ in words if top < height - FOOTER)
        long.append(f"{sheet.pdf.name} {sheet.title}")
        assert lowest >= height - FOOTER - CLOSING_AND_KEPT_ROWS, f"{sheet}: page 1 ends {(height - lowest) / MM:.0f} mm above the foot"
    assert len(long) < len(sheets(built)) / 4, long  # most items fit one page


def test_each_sheet_counts_its_own_pages(built: Built) -> None:
    """Its footer says 第 i 页 / 共 n 页 of the sheet, not of the compound's PDF: a sheet taken
    out and posted reads right."""
    several = [sheet for sheet in sheets(built) if len(sheet.pages) > 1]
    assert several, "no sheet of several pages to check"
    for sheet in sheets(built):
        count = len(sheet.pages)
        assert all(f"第{i}页/共{count}页" in "".join(page.split()) for i, page in enumerate(sheet.pages, 1)), sheet


def test_the_closing_block_never_stands_alone(built: Built) -> None:
    for sheet in sheets(built):
        laid = pages(sheet)
        height, words = laid[-1]
        start = min((top for top, _, text in words if "对公示内容如有异议" in text), default=None)
        assert start is not None, sheet
        before = [text for top, bottom, text in words if bottom <= start]
        if len(laid) > 1:
            assert before, f"{sheet}: the last page holds only the closing block"


_DASHED = re.compile(r'<path style="[^"]*stroke-dasharray[^"]*" d="([^"]+)" transform="matrix\(([-\d.e]+),')


def test_every_signer_has_a_seal_room_of_40_mm(built: Built) -> None:
    for sheet in sheets(built)[::3]:  # every third sheet: each compound, each signer setting
        svg = run_tool("pdftocairo", "-svg", "-f", str(sheet.last), "-l", str(sheet.last), sheet.pdf, "-")
        rooms = []
        for d, scale in _DASHED.findall(svg):
            xs = [float(x) for x in re.findall(r"([-\d.]+) [-\d.]+", d)]
            ys = [float(y) for y in re.findall(r"[-\d.]+ ([-\d.]+)", d)]
            rooms.append(((max(xs) - min(xs)) * float(scale), (max(ys) - min(ys)) * float(scale)))
        assert rooms, sheet
        assert all(w >= SEAL - 0.5 and h >= SEAL - 0.5 for w, h in rooms), (sheet, [(w / MM, h / MM) for w, h in rooms])
