"""The board's QR codes are segno's, bit for bit, although the mask is chosen by our own scorer.

segno itself is the reference: for URLs of every length the site makes (and longer ones, up to
QR version 20, with the remainder bits and version information of those versions), the code
from :func:`generator.render.paper.qr_mask.make` has the same mask, matrix and SVG as
``segno.make``. That a phone reads the printed code is checked in tests/test_pdf.py (zbarimg).
"""

from __future__ import annotations

import io
import random
import string

import pytest
import segno

from generator.render.paper import qr_mask
from generator.render.paper.qr import qr_svg


def reference_svg(url: str) -> str:
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=10, border=4, dark="#000", light="#fff", xmldecl=False, svgns=True)
    return buffer.getvalue().decode("utf-8")


def urls(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    hosts = ["https://wuye.example.gov.cn/", "http://127.0.0.1:8000/", "https://a.cn/"]
    chars = string.ascii_lowercase + string.digits + "-/_."
    return [rng.choice(hosts) + "".join(rng.choice(chars) for _ in range(rng.randrange(1, 330))) for _ in range(count)]


SITE_URLS = [
    "https://wuye.example.gov.cn/compounds/lanting/",
    "https://wuye.example.gov.cn/compounds/lanting-0001/items/fee-schedule/",
    "https://wuye.example.gov.cn/ranking/2026-h1/",
    "https://example.org/城市/小区/兰亭苑/",
    "HTTPS://WUYE.EXAMPLE.GOV.CN/0123456789",
]


@pytest.mark.parametrize("seed", range(4))
def test_the_chosen_mask_and_code_are_segnos(seed: int) -> None:
    for url in urls(60, seed) + (SITE_URLS if seed == 0 else []):
        ours = qr_mask.make(url, error="m")
        theirs = segno.make(url, error="m", micro=False)
        assert (ours.version, ours.error, ours.mask) == (theirs.version, theirs.error, theirs.mask), url
        assert ours.matrix == theirs.matrix, url


def test_the_printed_svg_is_segnos() -> None:
    for url in SITE_URLS + urls(20, 99):
        assert qr_svg(url) == reference_svg(url), url


def test_versions_with_remainder_and_version_bits_are_covered() -> None:
    """The random URLs above reach the versions whose matrices segno scores with quirks."""
    versions = {qr_mask.make(url, error="m").version for seed in range(4) for url in urls(60, seed)}
    assert {2, 6, 7, 14} <= versions
