"""The printed notices as archives: PDF/A-2a with PDF/UA-1 beside it (tagged for screen
readers, the QR codes with their alternative text) and their metadata, and PDFs that change
only when what they say changes (not with the build day).

The PDF/A and PDF/UA identification is checked as a reader sees it (pdfinfo's XMP packet, the
document's output intent and structure tree); veraPDF is not installed, so full conformance
is Typst's claim (it refuses to write a PDF/UA file with an image lacking its alternative
text), not something these tests prove.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.findings import Findings
from generator.load.dataset import load
from generator.render.paper.document import PdfPart
from tests.support import AS_OF, PDF_CITY as CITY, BuiltPdfs as Built, build_pdf_city as build
from tests.support import pdf_objects, pdf_text as text_of, printed_sheets, run_tool as run


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The fixture city built on the usual day, on the next day, and six days later."""
    base = tmp_path_factory.mktemp("pdf-days")
    days = {"first": AS_OF, "next": date(2026, 11, 16), "later": date(2026, 11, 21)}
    return {name: build(CITY, base / name, base / f"cache-{name}", as_of=day) for name, day in days.items()}


def xmp(pdf: Path) -> str:
    return run("pdfinfo", "-meta", pdf)


def xmp_field(packet: str, name: str) -> list[str]:
    """The values of an XMP property (simple, or the rdf:li of an Alt/Seq/Bag)."""
    out = []
    for body in re.findall(rf"<{name}>(.*?)</{name}>", packet, re.S):
        items = re.findall(r"<rdf:li[^>]*>(.*?)</rdf:li>", body, re.S)
        out += items or [body]
    return out


def test_every_pdf_identifies_as_pdfa_2a_and_pdfua_1_with_title_author_and_language(builds: dict[str, Built]) -> None:
    first = builds["first"]
    pdfs = {p.relative_to(first.out / "pdf").as_posix(): p for p in first.files}
    assert len(pdfs) == 4  # 2 compounds (cover and sheets each), 2 ranking periods
    for name, pdf in pdfs.items():
        packet = xmp(pdf)
        assert xmp_field(packet, "pdfaid:part") == ["2"], name
        assert xmp_field(packet, "pdfaid:conformance") == ["A"], name
        assert xmp_field(packet, "pdfuaid:part") == ["1"], name
        assert b"/StructTreeRoot" in pdf.read_bytes(), name
        assert xmp_field(packet, "dc:language") == ["zh-CN"], name
        raw = pdf.read_bytes()
        objects = b"\n".join(pdf_objects(raw).values()) if b"/Type/ObjStm" in raw else raw  # packed objects too
        assert b"/OutputIntents" in objects and b"GTS_PDFA1" in objects, name
    lanting = xmp(pdfs["lanting.pdf"])
    assert xmp_field(lanting, "dc:title") == ["兰亭花园 物业服务信息公示"]
    assert xmp_field(lanting, "dc:creator") == ["示例市安居物业服务有限公司"]  # the company serving it
    ranking = xmp(pdfs["ranking-2026-h1.pdf"])
    assert xmp_field(ranking, "dc:creator") == ["示例市住房和城乡建设局"]  # the issuing body (organiser)
    laojie = xmp(pdfs["laojie.pdf"])  # one title for the compound's PDF, its sheets included
    assert xmp_field(laojie, "dc:title") == ["老街 3 号院 物业服务信息公示"]
    assert xmp_field(laojie, "dc:creator") == ["老街 3 号院业主自治管理小组"]  # a self-managed compound


def statuses(as_of: date) -> dict:
    findings = Findings()
    ds = load(CITY, findings)
    return {cid: {item: (s.state, s.due) for item, s in row.items()} for cid, row in run_checks(ds, as_of, findings).items()}


def test_a_build_on_another_day_with_the_same_data_gives_byte_identical_pdfs(builds: dict[str, Built]) -> None:
    assert statuses(date(2026, 11, 16)) == statuses(AS_OF)  # nothing changes state between the two days
    first, nxt = builds["first"], builds["next"]
    assert sorted(p.name for p in first.files) == sorted(p.name for p in nxt.files)
    assert len(first.files) == 4  # the fixture city: 2 compounds (cover and sheets each), 2 ranking periods
    for pdf in first.files:
        assert (nxt.out / pdf.relative_to(first.out)).read_bytes() == pdf.read_bytes(), pdf.name


def test_a_status_that_changes_with_the_calendar_changes_that_pdf(builds: dict[str, Built]) -> None:
    # lanting's 二次供水 inspection was due 2026-11-20: on the 21st it is overdue, on paper too.
    first, later = builds["first"], builds["later"]
    before = text_of(first.out / "pdf" / "lanting.pdf").count("已逾期")
    after = text_of(later.out / "pdf" / "lanting.pdf").count("已逾期")
    assert after == before + 1
    changed = sorted(p.relative_to(first.out).as_posix() for p in first.files
                     if (later.out / p.relative_to(first.out)).read_bytes() != p.read_bytes())
    # the compound's PDF: its facility sheet says so (its stamp stays: the same version), the
    # other sheets read as they did
    assert changed == ["pdf/lanting.pdf"]
    old = {s.title: s.text for s in printed_sheets(first.out / "pdf" / "lanting.pdf")}
    new = {s.title: s.text for s in printed_sheets(later.out / "pdf" / "lanting.pdf")}
    assert [title for title in old if old[title] != new[title]] == ["共用设施设备维保情况公示"]


@pytest.mark.parametrize("data, where", [
    ({"blocks": [{"rows": [["a", "1.00"]]}, {"rows": [["b", Decimal("2.50")]]}]}, "data.blocks[1].rows[0][1]"),
    ({"total": 3.5}, "data.total"),
    ({"rows": {1: "x"}}, "data.rows: key 1"),
])
def test_money_reaches_the_templates_only_as_text(data: dict, where: str) -> None:
    """A Decimal or float in a document's data is a bug in the render code: it is refused,
    naming where it sits, before Typst could print it in its own number format."""
    with pytest.raises(TypeError, match=re.escape(where)):
        PdfPart(data=data)
    PdfPart(data={"ok": [["1.00", None, True, 3]]})
