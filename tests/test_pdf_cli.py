"""The PDFs through ``python -m generator build``: the --paper option, the files next to the
site, the same version stamp on paper and on the compound's web page, and exit code 2 with
a Chinese message when the CJK font is missing (the site is then left as it was)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.findings import Findings
from generator.load.dataset import load
from generator.derive.stamp import version_stamp

from tests.support import PDF_CITY as CITY, ROOT


def generator(*args: str | Path, prelude: str = "") -> subprocess.CompletedProcess:
    code = f"{prelude}\nimport sys\nfrom generator.cli import main\nsys.argv = ['generator', *sys.argv[1:]]\nmain()"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def test_build_writes_a3_pdfs_whose_stamp_matches_the_web_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = generator("build", "--data", CITY, "--out", site, "--as-of", "2026-11-15", "--paper", "a3",
                     "--pdf-cache", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    pdf = site / "pdf" / "lanting.pdf"
    assert "(A3)" in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert (site / "pdf" / "ranking-2026-h1.pdf").is_file()
    stamp = version_stamp(ds := load(CITY, Findings()), ds.compounds["lanting"])
    page = (site / "compounds" / "lanting" / "index.html").read_text(encoding="utf-8")
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert f"版本号：{stamp}" in text
    assert stamp in page and "../../pdf/lanting.pdf" in page
    assert any((tmp_path / "cache").glob("*.pdf"))


def test_missing_font_exits_2_with_a_chinese_message_and_keeps_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    no_fonts = ("from generator.engines import fonts as pdf_fonts\n"
                "pdf_fonts._fc_list_dirs = lambda: []\n"
                "pdf_fonts.FONT_SEARCH_DIRS = ()")
    done = generator("build", "--data", CITY, "--out", site, "--as-of", "2026-11-15",
                     "--pdf-cache", tmp_path / "cache", prelude=no_fonts)
    assert done.returncode == 2, done.stderr
    assert "找不到中文字体 Noto Sans CJK SC" in done.stderr
    assert "fonts-noto-cjk" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(site.iterdir()) == []


def test_unknown_paper_is_a_usage_error(tmp_path: Path) -> None:
    done = generator("build", "--data", CITY, "--out", tmp_path / "site", "--paper", "letter")
    assert done.returncode == 2
    assert "letter" in done.stderr


def test_build_prints_characters_the_pdf_font_lacks(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(CITY, data)
    compound = data / "compounds" / "laojie" / "compound.yaml"
    text = compound.read_text(encoding="utf-8")
    compound.write_text(text.replace("name: ", "name: 🏠", 1), encoding="utf-8")
    done = generator("build", "--data", data, "--out", tmp_path / "site", "--as-of", "2026-11-15",
                     "--pdf-cache", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert "pdf-glyph-missing [警告]" in done.stdout and "🏠" in done.stdout
