"""The PDFs through ``generator build`` (in process): the --paper option, the files next to the
site, the same version stamp on paper and on the compound's web page, and exit code 2 with
a Chinese message when the CJK font is missing (the site is then left as it was)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.engines import fonts as pdf_fonts
from generator.findings import Findings
from generator.load.dataset import load
from tests.support import AS_OF, PDF_CITY as CITY, cli, views_of

DAY = AS_OF.isoformat()


def test_build_writes_a3_pdfs_whose_stamp_matches_the_web_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = cli("build", "--data", CITY, "--out", site, "--as-of", DAY, "--paper", "a3",
                     "--pdf-cache", tmp_path / "cache")
    assert done.exit_code == 0, done.stderr
    pdf = site / "pdf" / "lanting.pdf"
    assert "(A3)" in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert (site / "pdf" / "ranking-2026-h1.pdf").is_file()
    stamp = views_of(CITY).booklet("lanting").stamp
    ds = load(CITY, Findings())
    page = (site / "compounds" / "lanting" / "index.html").read_text(encoding="utf-8")
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert f"版本号：{stamp}" in text
    assert stamp in page and f'href="{ds.city.model.base_url()}pdf/lanting.pdf"' in page
    assert any((tmp_path / "cache").glob("*.pdf"))


def test_missing_font_exits_2_with_a_chinese_message_and_keeps_the_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(pdf_fonts, "_fc_list_dirs", lambda: [])
    monkeypatch.setattr(pdf_fonts, "FONT_SEARCH_DIRS", ())
    pdf_fonts.find_fonts.cache_clear()  # a failed search is not cached: later tests find the font again
    done = cli("build", "--data", CITY, "--out", site, "--as-of", DAY, "--pdf-cache", tmp_path / "cache")
    assert done.exit_code == 2, done.stderr
    assert "找不到中文字体 Noto Sans CJK SC" in done.stderr
    assert "fonts-noto-cjk" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(site.iterdir()) == []


def test_unknown_paper_is_a_usage_error(tmp_path: Path) -> None:
    done = cli("build", "--data", CITY, "--out", tmp_path / "site", "--paper", "letter")
    assert done.exit_code == 2
    assert "letter" in done.stderr


def test_build_prints_characters_the_pdf_font_lacks(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(CITY, data)
    compound = data / "compounds" / "laojie" / "compound.yaml"
    text = compound.read_text(encoding="utf-8")
    compound.write_text(text.replace("name: ", "name: 🏠", 1), encoding="utf-8")
    done = cli("build", "--data", data, "--out", tmp_path / "site", "--as-of", DAY,
                     "--pdf-cache", tmp_path / "cache")
    assert done.exit_code == 0, done.stderr
    assert "pdf-glyph-missing [警告]" in done.stdout and "🏠" in done.stdout
