"""Notice-board sheets (one per shown item, each on pages of its own inside its compound's one
PDF ``pdf/<compound>.pdf``, after the cover), read as a board reader and a phone would: the
words on the sheet's pages (pdftotext), the QR code from a blurred, rotated, noisy 100 dpi
picture of its first page (ImageMagick + zbarimg), the cover's overview giving the page each
sheet starts on, the bookmarks a clerk jumps with, the item page showing the same stamp, and a
monthly update changing that item's sheet only.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.derive.rank import rank_all
from generator.load.dataset import load
from generator.checks import run_checks
from generator.findings import Findings
from generator.render.context import SiteContext
from generator.render.web.compound import compound_pages
from generator.model.items import ITEMS
from tests.support import (AS_OF, PDF_CITY, SITE_URL, BuiltPdfs, PrintedSheet, build_pdf_city, copy_city, edit, pdf_pages,
                           pdf_text, printed_sheet, printed_sheets, run_tool)

LANTING_SHEETS = ["company-profile", "service-scope", "fee-schedule", "complaint-channels", "facility-maintenance",
                  "public-revenue", "parking", "service-accounts", "maintenance-fund", "utility-sharing", "oversight"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltPdfs:
    base = tmp_path_factory.mktemp("sheets")
    return build_pdf_city(PDF_CITY, base / "site", base / "cache")


def sheet(built: BuiltPdfs, compound: str, slug: str) -> PrintedSheet:
    return printed_sheet(built.out / "pdf" / f"{compound}.pdf", slug)


def title_of(slug: str) -> str:
    return ITEMS[slug.replace("-", "_")].board_title


def stamp_on(printed: PrintedSheet) -> str:
    found = set(re.findall(r"版本号 ?([0-9a-f]{8})", printed.text))
    assert found == {printed.stamp}, found
    return found.pop()


def test_each_shown_item_gets_its_own_sheet_and_nothing_else_does(built: BuiltPdfs) -> None:
    assert [s.title for s in printed_sheets(built.out / "pdf" / "lanting.pdf")] == [title_of(s) for s in LANTING_SHEETS]
    # laojie: the other items are missing or not applicable, so there is nothing to post
    assert [s.title for s in printed_sheets(built.out / "pdf" / "laojie.pdf")] == \
        [title_of("complaint-channels"), title_of("public-revenue")]
    assert sorted(p.name for p in (built.out / "pdf").iterdir()) == \
        ["lanting.pdf", "laojie.pdf", "ranking-2025-h2.pdf", "ranking-2026-h1.pdf"]  # no file per sheet


def test_each_sheet_counts_its_own_pages_and_the_cover_its_own(built: BuiltPdfs) -> None:
    pdf = built.out / "pdf" / "lanting.pdf"
    pages = pdf_pages(pdf)
    sheets = printed_sheets(pdf)
    cover = pages[:sheets[0].first - 1]
    assert cover and all(f"第{i}页/共{len(cover)}页" in "".join(p.split()) for i, p in enumerate(cover, 1))
    for s in sheets:  # a page taken out and posted reads right: 第 1 页 / 共 1 页 on a one-page sheet
        # (sheets of several pages: tests/test_sheet_layout.py)
        assert all(f"第{i}页/共{len(s.pages)}页" in "".join(p.split()) for i, p in enumerate(s.pages, 1)), s.title
    assert sheets[-1].last == len(pages)


def test_the_cover_gives_the_page_each_sheet_starts_on_and_the_bookmarks_jump_there(built: BuiltPdfs) -> None:
    pdf = built.out / "pdf" / "lanting.pdf"
    sheets = printed_sheets(pdf)
    cover = "".join(pdf_pages(pdf, "-layout")[:sheets[0].first - 1])
    for s in sheets:  # the overview's row: …  单页版本号  页码
        assert re.search(rf"{s.stamp}\s+{s.first}\s*$", cover, re.M), (s.title, s.first)
    outline = re.findall(r'<item page="(\d+)">([^<]*)</item>',
                         run_tool("pdftohtml", "-xml", "-i", "-q", "-stdout", pdf).split("<outline>", 1)[1])
    assert outline[:2] == [("1", "兰亭花园"), ("1", "公示事项一览")]
    assert outline[2:] == [(str(s.first), s.title) for s in sheets]


def test_a_sheet_says_what_a_board_posting_says(built: BuiltPdfs) -> None:
    text = sheet(built, "lanting", "public-revenue").text
    assert "公共收益收支公示" in text and "兰亭花园" in text
    assert "所属期间：2026年第三季度" in text
    # public_revenue.yaml: posted 2026-10-12, the catalogue's 30 display days
    assert "公示期：2026年10月12日至2026年11月11日" in text
    assert "54,000.00" in text  # the quarter's income, the same content as the booklet
    assert "特此公示" in text
    assert "示例市安居物业服务有限公司" in text and "兰亭花园业主委员会" in text and text.count("（盖章）") == 2
    assert "2026年10月12日" in text.split("对公示内容如有异议")[1]  # the 落款 is dated with the posting date
    objection = "".join(text.split())  # the line, however the column beside the seals wraps it
    assert "如有异议，请于2026年11月11日前向示例市安居物业服务有限公司（电话0999-11110004）" in objection  # complaint phone
    assert "兰亭社区反映（电话0999-45678901）" in objection  # the nearest supervision phone
    assert f"{SITE_URL}compounds/lanting/public-revenue/" in text


def test_board_titles_stay_on_one_line(built: BuiltPdfs) -> None:
    lines = [line.strip() for line in sheet(built, "lanting", "company-profile").text.splitlines()]
    assert "物业服务企业及项目负责人信息公示" in lines  # the longest board title, not broken


def test_the_display_days_of_the_notice_win_over_the_catalogues(tmp_path: Path) -> None:
    data = copy_city(PDF_CITY, tmp_path / "data")
    edit(data / "compounds" / "lanting" / "public_revenue.yaml", "approved_by: 业委会}", "approved_by: 业委会, posting_days: 60}")
    edit(data / "compounds" / "lanting" / "fee_schedule.yaml", "approved_by: 业委会}", "approved_by: 业委会, posting_days: 60}")
    built = build_pdf_city(data, tmp_path / "site", tmp_path / "cache")
    assert "公示期：2026年10月12日至2026年12月11日" in sheet(built, "lanting", "public-revenue").text
    # a standing notice stays up: its display days are the least, not an end
    assert "公示期：长期公示（2026年1月5日起张贴）" in sheet(built, "lanting", "fee-schedule").text


def test_a_self_managed_compound_signs_with_its_organisation_and_committee(built: BuiltPdfs) -> None:
    text = sheet(built, "laojie", "public-revenue").text
    assert "老街 3 号院业主自治管理小组" in text and "老街 3 号院物业管理委员会" in text
    assert "逾期未更新" in text  # stale on the as-of day: the sheet says so


def test_the_item_page_shows_the_sheets_stamp(built: BuiltPdfs) -> None:
    findings = Findings()
    ds = load(PDF_CITY, findings)
    matrix = run_checks(ds, AS_OF, findings)
    pages = compound_pages(SiteContext(ds, matrix, rank_all(ds), AS_OF), "lanting")
    stamps = set()
    for slug in LANTING_SHEETS:
        stamp = stamp_on(sheet(built, "lanting", slug))
        page = pages[f"compounds/lanting/{slug}.md"]
        assert f'<a href="{SITE_URL}v/{stamp}/"><code>{stamp}</code></a>' in page, slug  # the stamp links its /v/ page
        assert f'<a href="{SITE_URL}pdf/lanting.pdf">本小区公示汇编 PDF</a>' in page, slug  # the one PDF
        assert f"本项的公示单页“{title_of(slug)}”在其中：打开 PDF 后可从目录或书签直接跳到这一页" in page, slug
        assert "pdf/lanting/" not in page, slug
        stamps.add(stamp)
    assert len(stamps) == len(LANTING_SHEETS)  # each item its own stamp
    assert "本项版本号" not in pages["compounds/lanting/index.md"]


def test_a_monthly_update_reprints_only_that_items_sheet(tmp_path: Path) -> None:
    data = copy_city(PDF_CITY, tmp_path / "data")
    cache = tmp_path / "cache"
    first = build_pdf_city(data, tmp_path / "a", cache)
    before = {p.relative_to(first.out).as_posix(): p.read_bytes() for p in first.files}
    stamp = stamp_on(sheet(first, "lanting", "utility-sharing"))
    # November's 公摊 replaces October's (same readings carried on, posted 2026-11-12)
    folder = data / "compounds" / "lanting"
    (folder / "utility_sharing.csv").write_text(
        "月份,类别,起始读数,截止读数,用量,单价,金额,分摊标准\n"
        "2026-11,公共用电,191340,199340,8000,0.62,4960.00,0.04\n"
        "2026-11,公共用水,20840,21240,400,4.10,1640.00,0.01\n", encoding="utf-8")
    edit(folder / "utility_sharing.yaml", "posted_on: 2026-11-05, period: 2026-10", "posted_on: 2026-11-12, period: 2026-11")
    second = build_pdf_city(data, tmp_path / "b", cache)
    changed = sorted(p.relative_to(second.out).as_posix() for p in second.files
                     if before[p.relative_to(second.out).as_posix()] != p.read_bytes())
    assert changed == ["pdf/lanting.pdf"]
    assert sorted(second.result.compiled) == changed
    old, new = printed_sheets(first.out / "pdf" / "lanting.pdf"), printed_sheets(second.out / "pdf" / "lanting.pdf")
    assert [(s.title, s.stamp) for s in old if s.title != title_of("utility-sharing")] == \
        [(s.title, s.stamp) for s in new if s.title != title_of("utility-sharing")]  # the other sheets as they were
    text = sheet(second, "lanting", "utility-sharing").text
    assert "所属期间：2026年11月" in text and "公示期：2026年11月12日至2026年12月12日" in text
    assert stamp_on(sheet(second, "lanting", "utility-sharing")) != stamp


def test_a3_sheets_on_request(tmp_path: Path) -> None:
    built = build_pdf_city(PDF_CITY, tmp_path / "site", tmp_path / "cache", paper="a3")
    info = run_tool("pdfinfo", "-f", "1", "-l", "99", built.out / "pdf" / "lanting.pdf")
    sizes = re.findall(r"Page +\d+ size: +(.*)", info)
    assert sizes and all(size.startswith("841.89 x 1190.55 pts (A3)") for size in sizes)  # cover and sheets


# --- the QR code, as a phone sees the board ---------------------------------------------


def imagemagick() -> list[str]:
    """ImageMagick's command: ``magick`` (7) or Debian's ``/usr/bin/convert`` (6)."""
    if shutil.which("magick"):
        return ["magick"]
    assert Path("/usr/bin/convert").exists(), "ImageMagick missing: run make setup (scripts/install-system-deps.sh)"
    return ["/usr/bin/convert"]


def phone_photo_qr(pdf: Path, tmp: Path, page: int = 1) -> str:
    """The QR code read from a page at 100 dpi, blurred, turned 7° and noisy."""
    run_tool("pdftoppm", "-r", "100", "-png", "-f", str(page), "-l", str(page), "-singlefile", pdf, tmp / "page")
    run_tool(*imagemagick(), tmp / "page.png", "-blur", "0x1", "-background", "white", "-rotate", "7",
             "-attenuate", "0.5", "+noise", "Gaussian", "-colorspace", "Gray", tmp / "photo.png")
    return run_tool("zbarimg", "--raw", "-q", tmp / "photo.png").strip()


def test_every_qr_code_reads_from_a_phone_photo_of_the_board(built: BuiltPdfs, tmp_path: Path) -> None:
    pdfs = sorted(built.files)
    assert len(pdfs) == 4  # 2 compounds (cover and sheets each), 2 ranking periods
    read = 0
    for pdf in pdfs:
        rel = pdf.relative_to(built.out / "pdf").as_posix().removesuffix(".pdf")
        if rel.startswith("ranking-"):
            assert phone_photo_qr(pdf, tmp_path) == f"{SITE_URL}ranking/{rel.removeprefix('ranking-')}/", rel
            read += 1
            continue
        assert phone_photo_qr(pdf, tmp_path) == f"{SITE_URL}compounds/{rel}/", rel  # the cover: the compound home
        for s in printed_sheets(pdf):  # each sheet: its item's page
            slug = next(slug for slug in ITEMS if ITEMS[slug].board_title == s.title).replace("_", "-")
            assert phone_photo_qr(pdf, tmp_path, s.first) == f"{SITE_URL}compounds/{rel}/{slug}/", (rel, s.title)
            read += 1
        read += 1
    assert read == 17  # 2 covers, 13 sheets, 2 ranking lists


def test_a_standing_notice_prints_long_term_instead_of_a_deadline(built: BuiltPdfs) -> None:
    """明码标价 (posted 2026-01-05, no period): 公示期：长期公示 and objections at any time, never
    a deadline that passes while the notice is still up; a periodic notice keeps its deadline."""
    text = "".join(sheet(built, "lanting", "fee-schedule").text.split())
    assert "公示期：长期公示（2026年1月5日起张贴）" in text
    assert "对公示内容如有异议，可随时向" in text
    assert not re.search(r"请于\d{4}年\d+月\d+日前", text) and "2026年2月" not in text
    periodic = "".join(sheet(built, "lanting", "public-revenue").text.split())
    assert "请于2026年11月11日前" in periodic and "长期公示" not in periodic


def test_the_booklet_says_what_it_is_and_which_stamps_its_sheets_carry(built: BuiltPdfs) -> None:
    pdf = built.out / "pdf" / "lanting.pdf"
    sheets = printed_sheets(pdf)
    cover = "".join(pdf_pages(pdf)[:sheets[0].first - 1])
    flat = "".join(cover.split())
    assert "合订本" in flat and "其公示单页附在本页之后" in flat and "单页版本号" in flat and "书签" in flat
    for slug in LANTING_SHEETS:
        assert stamp_on(sheet(built, "lanting", slug)) in cover, slug
    assert "本公示由系统根据报送数据生成" in flat  # the closing, on the cover
    info = run_tool("pdfinfo", pdf)  # one document: the booklet's title, author and date
    assert re.search(r"Title: +兰亭花园 物业服务信息公示", info) and "示例市安居物业服务有限公司" in info


# --- the booklet's first page and the ranking list --------------------------------------


def test_the_booklets_first_page_carries_the_fee_and_the_phones(built: BuiltPdfs) -> None:
    first = run_tool("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", built.out / "pdf" / "lanting.pdf", "-")
    assert "0.85" in first and "1.35" in first  # fee_schedule.csv: 物业服务费 per ㎡ and month
    for phone in ("0999-11110001", "0999-11110002", "0999-11110003"):  # customer service, repair, 24 h
        assert phone in first, phone
    assert "0999-45678901" in first and "12345" in first  # supervision: the community, the hotline


def test_the_ranking_list_names_the_issuing_body_and_each_companys_compounds(built: BuiltPdfs) -> None:
    text = pdf_text(built.out / "pdf" / "ranking-2026-h1.pdf")
    assert "发布单位" in text and "示例市住房和城乡建设局" in text and "发布日期" in text
    served = text[text.index("参评企业服务的小区"):]
    lines = [line for line in served.splitlines() if "兰亭花园" in line]
    assert lines, "lanting's company is listed with it"
    assert "示例市安居物业服务有限公司" in served[:served.index("兰亭花园")]
