"""The printed notices, checked the way a resident or an inspector would: the text on the
page (pdftotext), the QR code (zbarimg on a 150 dpi rendering), the embedded fonts
(pdffonts), the paper size (pdfinfo), byte-identical rebuilds and the render cache.

One build of tests/fixtures/pdf_city per session; tests that change data work on a copy.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.engines import fonts as pdf_fonts
from generator.engines.typst_pdf import PdfError
from tests.support import PDF_CITY as CITY, ROOT, SITE_URL, BuiltPdfs as Built, build_pdf_city as build, views_of
from tests.support import pdf_objects, pdf_pages, pdf_text as text_of, printed_sheet, printed_sheets, run_tool as run


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("pdf-site")
    return build(CITY, base / "site", base / "cache")


def copy_city(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(CITY, dest)
    return dest


# --- what is on the page --------------------------------------------------------------


def test_every_compound_and_ranking_period_gets_a_pdf(site: Built) -> None:
    names = sorted(p.name for p in (site.out / "pdf").iterdir() if p.is_file())
    assert names == ["lanting.pdf", "laojie.pdf", "ranking-2025-h2.pdf", "ranking-2026-h1.pdf"]
    assert sorted(p.name for p in site.files if p.parent == site.out / "pdf") == names


def test_notice_shows_name_fee_stamp_date_and_phones(site: Built) -> None:
    text = text_of(site.out / "pdf" / "lanting.pdf")
    stamp = views_of(CITY).booklet("lanting").stamp
    assert "兰亭花园" in text
    assert "0.85 元/㎡·月" in text  # fee_schedule.csv: 收费标准 0.85, 单位 元/㎡·月
    assert f"版本号：{stamp}" in text
    assert "版本日期：2026年11月5日" in text  # the latest posting date (utility_sharing.yaml), not the as-of day
    assert "数据日期" not in text and "2026年11月15日" not in text
    for phone in ("0999-45678901", "0999-34567890", "0999-23456789", "0999-12345678", "12345", "12315"):
        assert phone in text, phone


def test_notice_shows_each_items_status(site: Built) -> None:
    """Every catalogue item in the cover's overview: items without a sheet with their status
    and reason there, a stale item also on its sheet."""
    pdf = site.out / "pdf" / "laojie.pdf"
    cover = "".join(pdf_pages(pdf, "-layout")[:printed_sheets(pdf)[0].first - 1])
    assert re.search(r"车位车库 +不适用 +小区无规划车位 .* —", cover)
    assert re.search(r"收费项目与标准.*未公示 .* — +—", cover)
    assert re.search(r"公共收益收支 +逾期未更新 +2026年第一季度 ", cover)
    assert "逾期未更新" in printed_sheet(pdf, "public-revenue").text
    lanting = site.out / "pdf" / "lanting.pdf"
    assert re.search(r"公共收益收支 +已公示 +2026年第三季度 +2026年10月12日 ", "".join(pdf_pages(lanting, "-layout")[:2]))


def test_notice_quarterly_revenue_matches_the_ledger(site: Built) -> None:
    text = text_of(site.out / "pdf" / "lanting.pdf")
    rows = (CITY / "compounds" / "lanting" / "public_revenue.csv").read_text(encoding="utf-8").splitlines()[1:]
    q3_income = sum((Decimal(r.split(",")[4]) for r in rows if r.startswith(("2026-07", "2026-08", "2026-09"))
                     and r.split(",")[1] == "income"), Decimal(0))
    assert q3_income == Decimal("54000.00")
    assert "2026年第三季度" in text and "54,000.00" in text
    assert f"{SITE_URL}compounds/lanting/public-revenue/" in text


def test_notice_carries_the_company_ranking(site: Built) -> None:
    text = text_of(site.out / "pdf" / "lanting.pdf")
    assert "2026年上半年（规则版本 2026-1）" in text
    assert "91.50×0.5 + 88.00×0.3 + 90.00×0.2 = 90.15" in text


def test_ranking_pdf_lists_red_and_bad_with_score_parts(site: Built) -> None:
    text = text_of(site.out / "pdf" / "ranking-2026-h1.pdf")
    red = text.index("红榜（1 家）")
    bad = text.index("黑榜（1 家）")
    assert red < text.index("示例市安居物业服务有限公司", red) < bad
    assert "示例市和悦物业服务有限公司" in text[bad:]
    assert "62.03×0.5 + 69.05×0.3 + 61.90×0.2 = 64.11" in text
    assert "权重 50%" in text and "规则版本" in text and "2026-1" in text
    assert "整改中：约谈企业负责人" in text


def test_data_is_printed_literally_never_as_typst_markup(tmp_path: Path) -> None:
    data = copy_city(tmp_path)
    nasty = '兰亭 #panic("boom") *粗* _斜_ $x^2$ <lbl> @ref ] [ \\ // 注释 = 标题'
    compound = data / "compounds" / "lanting" / "compound.yaml"
    compound.write_text(compound.read_text(encoding="utf-8").replace("name: 兰亭花园", f"name: '{nasty}'"),
                        encoding="utf-8")
    built = build(data, tmp_path / "site", tmp_path / "cache")
    text = text_of(built.out / "pdf" / "lanting.pdf")
    assert nasty in text


# --- QR, fonts, paper -----------------------------------------------------------------


def qr_of(pdf: Path, tmp: Path) -> str:
    run("pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, tmp / pdf.stem)
    return run("zbarimg", "--raw", "-q", tmp / f"{pdf.stem}.png").strip()


def test_qr_codes_decode_to_the_canonical_urls(site: Built, tmp_path: Path) -> None:
    assert qr_of(site.out / "pdf" / "lanting.pdf", tmp_path) == f"{SITE_URL}compounds/lanting/"
    assert qr_of(site.out / "pdf" / "laojie.pdf", tmp_path) == f"{SITE_URL}compounds/laojie/"
    assert qr_of(site.out / "pdf" / "ranking-2026-h1.pdf", tmp_path) == f"{SITE_URL}ranking/2026-h1/"


@pytest.mark.parametrize("name", ["lanting.pdf", "ranking-2026-h1.pdf"])
def test_every_font_is_embedded_and_is_noto_sans_cjk(site: Built, name: str) -> None:
    lines = run("pdffonts", site.out / "pdf" / name).splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        fields = line.split()
        assert "NotoSansCJK" in fields[0], line
        emb = fields[-5]  # columns: name type encoding emb sub uni object ID
        assert emb == "yes", line


def pdf_dates(pdf: Path) -> list[str]:
    info = run("pdfinfo", "-isodates", pdf)
    return [line.split()[1] for line in info.splitlines() if line.startswith(("CreationDate", "ModDate"))]


def test_document_date_is_the_datas_date_not_the_build_day_or_the_clock(site: Built) -> None:
    # lanting: its latest posting date; a ranking: its publication date (evaluations/2026-h1.yaml)
    assert pdf_dates(site.out / "pdf" / "lanting.pdf") == ["2026-11-05T00:00:00Z"] * 2
    assert pdf_dates(site.out / "pdf" / "ranking-2026-h1.pdf") == ["2026-07-15T00:00:00Z"] * 2
    ranking = text_of(site.out / "pdf" / "ranking-2026-h1.pdf")
    assert "发布日期：2026年7月15日" in ranking and "2026年11月15日" not in ranking


def test_a4_by_default_and_a3_on_request(site: Built, tmp_path: Path) -> None:
    assert "(A4)" in run("pdfinfo", site.out / "pdf" / "lanting.pdf")
    a3 = build(CITY, tmp_path / "site", tmp_path / "cache", paper="a3")
    assert len(a3.files) == 4  # the fixture city: 2 compounds (cover and sheets), 2 ranking periods
    for pdf in a3.files:
        sizes = re.findall(r"Page +\d+ size: +(.*)", run("pdfinfo", "-f", "1", "-l", "99", pdf))
        assert sizes and all(size.startswith("841.89 x 1190.55 pts (A3)") for size in sizes), pdf.name
    assert "兰亭花园" in text_of(tmp_path / "site" / "pdf" / "lanting.pdf")


def test_unknown_paper_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError) as err:
        build(CITY, tmp_path / "site", tmp_path / "cache", paper="letter")
    assert err.value.finding.code == "pdf-paper"


def test_missing_font_is_a_clear_chinese_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf_fonts.find_fonts.cache_clear()
    monkeypatch.setattr(pdf_fonts, "_fc_list_dirs", lambda: [])
    monkeypatch.setattr(pdf_fonts, "FONT_SEARCH_DIRS", ())
    try:
        with pytest.raises(PdfError) as err:
            pdf_fonts.find_fonts()
    finally:
        pdf_fonts.find_fonts.cache_clear()
    finding = err.value.finding
    assert finding.code == "pdf-font-missing"
    assert "Noto Sans CJK SC" in finding.message and "方框" in finding.message
    assert "fonts-noto-cjk" in (finding.hint or "")


# --- determinism and cache ------------------------------------------------------------


def test_two_builds_give_identical_bytes(site: Built, tmp_path: Path) -> None:
    # A second, independent process with its own cache, so nothing is shared but the data.
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from tests.support import build_pdf_city; build_pdf_city(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))"
    )
    subprocess.run([sys.executable, "-c", script, ROOT, CITY, tmp_path / "site", tmp_path / "cache"], check=True,
                   cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "123"})
    assert len(site.files) == 4  # the fixture city: 2 compounds (cover and 13 sheets in all), 2 ranking periods
    for pdf in site.files:
        again = tmp_path / "site" / pdf.relative_to(site.out)
        assert again.read_bytes() == pdf.read_bytes(), pdf.name


def test_rebuild_reuses_unchanged_and_recompiles_only_what_changed(tmp_path: Path) -> None:
    data = copy_city(tmp_path)
    cache = tmp_path / "cache"
    first = build(data, tmp_path / "a", cache)
    every = sorted(p.relative_to(first.out).as_posix() for p in first.files)
    assert len(every) == 4  # the fixture city: 2 compounds (cover and 13 sheets in all), 2 ranking periods
    assert sorted(first.result.compiled) == every and not first.reused

    second = build(data, tmp_path / "b", cache)
    assert second.result.compiled == []
    assert sorted(second.reused) == every
    assert (tmp_path / "b" / "pdf" / "lanting.pdf").read_bytes() == (tmp_path / "a" / "pdf" / "lanting.pdf").read_bytes()

    yaml = data / "compounds" / "laojie" / "complaint_channels.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("0999-77770002", "0999-77770009"), encoding="utf-8")
    third = build(data, tmp_path / "c", cache)
    assert third.result.compiled == ["pdf/laojie.pdf"]  # the compound's one PDF, the other compound's not
    assert "0999-77770009" in text_of(tmp_path / "c" / "pdf" / "laojie.pdf")


def test_template_change_recompiles_everything(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "generator" / "templates" / "typst", templates)
    cache = tmp_path / "cache"
    build(CITY, tmp_path / "a", cache, templates=templates)
    common = templates / "common.typ"
    common.write_text(common.read_text(encoding="utf-8").replace('rgb("#1b7a3a")', 'rgb("#1b7a3b")'),
                      encoding="utf-8")
    again = build(CITY, tmp_path / "b", cache, templates=templates)
    assert sorted(again.result.compiled) == sorted(p.relative_to(again.out).as_posix() for p in again.files)


# --- a long ledger --------------------------------------------------------------------


def write_long_ledger(folder: Path, rows: int, seed: int = 5) -> dict[str, Decimal]:
    """Replace the compound's public revenue with ``rows`` ledger rows over 2026 Q1-Q3 whose
    balances and quarterly statements add up; returns the expected totals."""
    rnd = random.Random(seed)
    opening = Decimal("25000.00")
    balance = opening
    days = sorted(date(2026, 1, 1).toordinal() + rnd.randrange(273) for _ in range(rows))
    lines = ["日期,类型,类别,摘要,金额,结余"]
    quarters: dict[str, dict[str, Decimal]] = {}
    kinds = ["income"] * 6 + ["cost", "company_share", "use"]
    for n, ordinal in enumerate(days):
        day = date.fromordinal(ordinal)
        kind = kinds[n % len(kinds)]
        amount = Decimal(rnd.randrange(1000, 90000)) / 100 if kind == "income" else Decimal(rnd.randrange(100, 20000)) / 100
        balance += amount if kind == "income" else -amount
        category = {"income": "广告", "cost": "税费", "company_share": "企业分成", "use": "设施维修"}[kind]
        lines.append(f"{day.isoformat()},{kind},{category},第 {n + 1} 笔,{amount:.2f},{balance:.2f}")
        q = quarters.setdefault(f"2026-q{(day.month - 1) // 3 + 1}",
                                {k: Decimal(0) for k in ("income", "cost", "company_share", "use")})
        q[kind] += amount
        q["closing"] = balance
    (folder / "public_revenue.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    yaml = ["notice: {posted_on: 2026-10-12, period: 2026-q3, approved_by: 业委会}", "opening_balance: 25000.00",
            "quarters:"]
    for qid, s in sorted(quarters.items()):
        net = s["income"] - s["cost"] - s["company_share"]
        yaml.append(f"  - {{period: {qid}, income: {s['income']:.2f}, cost: {s['cost']:.2f}, "
                    f"company_share: {s['company_share']:.2f}, net_to_owners: {net:.2f}, used: {s['use']:.2f}, "
                    f"closing_balance: {s['closing']:.2f}}}")
    (folder / "public_revenue.yaml").write_text("\n".join(yaml) + "\n", encoding="utf-8")
    total = sum((s["income"] for s in quarters.values()), Decimal(0))
    return {"income": total, "closing": balance}


def test_500_row_ledger_is_summarised_by_quarter_with_a_pointer(tmp_path: Path) -> None:
    data = copy_city(tmp_path)
    expected = write_long_ledger(data / "compounds" / "lanting", 500)
    built = build(data, tmp_path / "site", tmp_path / "cache")  # build() asserts the checks find no errors
    pdf = tmp_path / "site" / "pdf" / "lanting.pdf"
    text = text_of(pdf)
    assert "完整台账共 500 笔" in text
    assert f"{SITE_URL}compounds/lanting/public-revenue/" in text
    assert f"{expected['income']:,.2f}" in text  # the 合计 row of the quarterly statement
    assert f"{expected['closing']:,.2f}" in text
    assert "第 250 笔" not in text  # rows are summarised, not printed
    assert len(printed_sheet(pdf, "public-revenue").pages) <= 2
    assert built.result.compiled


def test_characters_the_font_lacks_are_reported_not_silently_boxed(tmp_path: Path) -> None:
    data = copy_city(tmp_path)
    compound = data / "compounds" / "lanting" / "compound.yaml"
    compound.write_text(compound.read_text(encoding="utf-8").replace("name: 兰亭花园", "name: 兰亭花园😀"),
                        encoding="utf-8")
    built = build(data, tmp_path / "site", tmp_path / "cache")
    codes = [(f.code, f.file) for f in built.result.findings]
    assert ("pdf-glyph-missing", "compounds/lanting") in codes
    # the booklet and the ranking PDFs that list the compounds each company serves print the name
    assert all(f.file == "compounds/lanting" or f.file.startswith("evaluations/") for f in built.result.findings)
    assert all("兰亭花园" in f.message for f in built.result.findings)
    assert any("U+1F600" in f.message for f in built.result.findings)
    assert "兰亭花园□" in text_of(built.out / "pdf" / "lanting.pdf")  # a visible box, and still PDF/A


def test_the_sample_fixture_needs_no_missing_glyph(site: Built) -> None:
    assert site.result.findings == []


def test_catalogue_decides_which_items_and_in_what_order(tmp_path: Path) -> None:
    data = copy_city(tmp_path)
    catalogue = data / "catalogue.yaml"
    lines = {line.split("id: ")[1].split(",")[0]: line for line in catalogue.read_text(encoding="utf-8").splitlines()
             if "id: " in line}
    three = ["complaint_channels", "service_scope", "public_revenue"]  # a "三公开" city, reordered
    catalogue.write_text("items:\n" + "\n".join(lines[i] for i in three) + "\n", encoding="utf-8")
    build(data, tmp_path / "site", tmp_path / "cache")
    pdf = tmp_path / "site" / "pdf" / "lanting.pdf"
    text = "".join(text_of(pdf).split())  # cells wrap where the column ends
    sheets = printed_sheets(pdf)
    assert [s.title for s in sheets] == ["服务电话及投诉报修流程公示", "物业服务事项及标准公示", "公共收益收支公示"]
    cover = "".join(pdf_pages(pdf, "-layout")[:sheets[0].first - 1])
    rows = [cover.index(s.stamp) for s in sheets]  # the overview's rows, in the same order
    assert rows == sorted(rows) and "服务电话与投诉报修流" in cover and "收费项目" not in cover
    assert "收费项目与标准" not in text and "0.85元/㎡·月" not in text


def test_typst_string_literal_quotes_everything_that_could_end_it() -> None:
    from generator.render.paper.document import typst_string

    assert typst_string('notice.typ') == '"notice.typ"'
    assert typst_string('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert typst_string("\x01") == '"\\u{1}"'


# --- nothing runs off the paper -------------------------------------------------------

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)"')


def words_off_the_page(pdf: Path, margin_pt: float = 28.0) -> list[str]:
    """Words that reach into the outer 10 mm of the sheet (the content box ends at 15 mm)."""
    out = []
    for page in run("pdftotext", "-bbox", pdf, "-").split("<page ")[1:]:
        width = float(PAGE.match("<page " + page).group(1))
        for x_min, x_max, word in WORD.findall(page):
            if float(x_min) < margin_pt or float(x_max) > width - margin_pt:
                out.append(f"{word} ({x_min}–{x_max} of {width})")
    return out


def test_no_text_runs_off_the_page_in_the_fixture_pdfs(site: Built) -> None:
    assert len(site.files) == 4  # the fixture city: 2 compounds (cover and 13 sheets in all), 2 ranking periods
    for pdf in site.files:
        assert words_off_the_page(pdf) == [], pdf.name


def test_long_codes_in_narrow_columns_wrap_instead_of_running_off(tmp_path: Path) -> None:
    data = copy_city(tmp_path)
    code = "SFGJ2023NO12ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOP"
    fees = data / "compounds" / "lanting" / "fee_schedule.csv"
    fees.write_text(fees.read_text(encoding="utf-8").replace("示发改价〔2023〕12号", code), encoding="utf-8")
    scope = data / "compounds" / "lanting" / "service_scope.csv"
    scope.write_text(scope.read_text(encoding="utf-8").replace("每日 1 次", "X" * 70), encoding="utf-8")
    for paper in ("a4", "a3"):
        built = build(data, tmp_path / paper, tmp_path / "cache", paper=paper)
        pdf = tmp_path / paper / "pdf" / "lanting.pdf"
        assert words_off_the_page(pdf) == [], paper
        printed = "".join(text_of(pdf).replace("\u200b", "").split())
        assert code in printed and "X" * 70 in printed, paper  # wrapped, but every character printed
        assert built.result.findings == []


# --- how the objects are stored -------------------------------------------------------


def test_packed_pdfs_hold_every_object_of_typsts_output_unchanged(site: Built) -> None:
    """pack_pdf moves Typst's plain objects into a compressed object stream: read back, every
    object is byte for byte what Typst wrote; the catalog (PDF/A's output intent, the tags' root),
    the metadata and every stream stay plain objects, and the file is smaller."""
    from generator.engines.pdf_pack import pack_pdf

    for pdf in site.files:
        packed = pdf.read_bytes()
        assert b"/Type/ObjStm" in packed and b"/OutputIntents" in packed and b"/Type/Metadata" in packed, pdf.name
        assert pack_pdf(packed) == packed  # not Typst's layout (no xref table): left as it is
        typst_layout = _typst_layout(pdf_objects(packed), packed)
        assert len(typst_layout) > len(packed) and pack_pdf(typst_layout) == packed, pdf.name


def _typst_layout(objects: dict[int, bytes], packed: bytes) -> bytes:
    """The objects written back the way Typst writes them (plain objects, an xref table)."""
    trailer = re.search(rb"/Root \d+ 0 R(?:/Info \d+ 0 R)?", packed).group(0)  # type: ignore[union-attr]
    ident = re.search(rb"/ID\s*\[[^\]]*\]", packed).group(0)  # type: ignore[union-attr]
    out, offsets = bytearray(b"%PDF-1.7\n%\x80\x80\x80\x80\n"), {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (n, objects[n])
    table = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % size
    out += b"".join(b"%010d 00000 n\r\n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<</Size %d%s%s>>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, ident, table)
    return bytes(out)
