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
