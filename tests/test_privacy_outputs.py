"""Nothing ID-like or mobile-like reaches what the site publishes.

Every built page, open-data file, feed and the text of every PDF (``pdftotext``) of the sample
city and of a synthetic city is scanned with the privacy patterns (in any spelling: full-width
digits, spaces, dots, +86). Neither city declares a work mobile, so any mobile-like number in
the output is a leak.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.checks.privacy import scan
from tests.sitebuild import Built, sample_site, synth_site

TEXT_SUFFIXES = {".html", ".csv", ".json", ".xml", ".txt", ".md", ".js"}
WATCHED = {"privacy-id-number", "privacy-mobile", "privacy-bank-account"}


def _published_texts(site: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".pdf":
            out[rel] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                      text=True, check=True).stdout
        elif path.suffix in TEXT_SUFFIXES and not rel.startswith("assets/"):
            out[rel] = path.read_text(encoding="utf-8-sig")
    return out


def _leaks(built: Built) -> tuple[dict[str, str], list[str]]:
    texts = _published_texts(built.site)
    leaks = [f"{rel}: {code} {found}" for rel, text in texts.items()
             for code, _, found in scan(text) if code in WATCHED]
    return texts, leaks


@pytest.mark.parametrize("which", ["sample", "synth"])
def test_no_id_or_mobile_number_in_any_published_file(which: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    built = sample_site(tmp_path_factory) if which == "sample" else synth_site(tmp_path_factory)
    texts, leaks = _leaks(built)
    kinds = {Path(rel).suffix for rel in texts}
    assert {".html", ".csv", ".json", ".xml", ".pdf"} <= kinds, kinds  # the scan saw every kind of output
    assert sum(rel.endswith(".pdf") for rel in texts) >= 2
    assert leaks == []


def test_the_output_scan_finds_a_number_when_there_is_one(tmp_path: Path) -> None:
    """The scan above can fail: a published file with a spaced mobile is caught."""
    (tmp_path / "index.html").write_text("<p>值班：138 0013 8000</p>", encoding="utf-8")
    (tmp_path / "data.csv").write_text("证件\n１１０１０１１９９００３０７１２３４\n", encoding="utf-8")
    found = {code for text in _published_texts(tmp_path).values() for code, _, _ in scan(text)}
    assert found == {"privacy-mobile", "privacy-id-number"}


@pytest.mark.parametrize("text, code", [
    ("联系１３８００１３８０００", "privacy-mobile"),
    ("联系+8613800138000", "privacy-mobile"),
    ("联系(+86) 138-0013-8000", "privacy-mobile"),
    ("联系138.0013.8000", "privacy-mobile"),
    ("联系138 001 38000", "privacy-mobile"),
    ("联系138_0013_8000", "privacy-mobile"),
    ("联系138/0013/8000", "privacy-mobile"),
    ("联系1 3 8 0 0 1 3 8 0 0 0", "privacy-mobile"),
    ("联系+86 138_0013_8000", "privacy-mobile"),
    ("证件 110101 19900307 1234", "privacy-id-number"),
    ("证件１１０１０１１９９００３０７１２３Ｘ", "privacy-id-number"),
    ("证件110 101 199 003 071 234", "privacy-id-number"),
    ("卡号6222 0212 3456 7890", "privacy-bank-account"),
    ("卡号6222-0212-3456-7890-123", "privacy-bank-account"),
])
def test_the_patterns_see_through_spelling(text: str, code: str) -> None:
    assert [c for c, _, _ in scan(text)] == [code]


@pytest.mark.parametrize("text", [
    "42558.81\n2026-01-04",            # an amount and a date on consecutive lines of a ledger
    "42558.81 2026-01-04 450.00",      # the same side by side in a PDF's text
    "0550-6302501 / 0550-6302502",     # two landlines
    "400-880-6601、12345",
    "统一社会信用代码 91990100MA90FNQN1A",
    "2026-01-01—2026-03-31 共 1216 户",
])
def test_the_patterns_leave_figures_alone(text: str) -> None:
    assert [c for c, _, _ in scan(text) if c in WATCHED] == []
