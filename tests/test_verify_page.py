"""``/verify/`` as a resident uses it (the sample's git history, :mod:`tests.history_repo`), in
Debian's headless Chromium: a visible input and button
(18 px text, 2 px borders, AA contrast), a stamp typed with spaces and upper case opens its
page, and without JavaScript every compound's list of stamps leads to the same pages."""

from __future__ import annotations

import json
import re
from typing import Iterator

import pytest

from tests.history_repo import HistorySite, history_site
from tests.sitebuild import content_text
from tests.siteserver import serving
from tests.chromium import NEEDS_CHROMIUM, Browser
from tests.test_browser import AXE, AXE_RUN, OFF_SCREEN, THEME_MARKUP

pytestmark = NEEDS_CHROMIUM

STYLES = """
(() => {
  const pick = e => { const c = getComputedStyle(e);
    return {size: c.fontSize, border: c.borderTopWidth, style: c.borderTopStyle, fg: c.color, bg: c.backgroundColor,
            line: c.borderTopColor}; };
  return {input: pick(document.querySelector('form.verify input')),
          button: pick(document.querySelector('form.verify button'))};
})()
"""


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> HistorySite:
    """The sample's git history (``/v/`` pages need one), built with its log."""
    return history_site(tmp_path_factory)


@pytest.fixture(scope="module")
def base_url(built: HistorySite) -> Iterator[str]:
    with serving(built.site, "/") as url:
        yield url


def test_the_form_is_visible_with_large_text_thick_borders_and_aa_contrast(browser: Browser, base_url: str) -> None:
    browser.open(base_url + "verify/")
    styles = browser.js(STYLES)
    for part in ("input", "button"):
        assert styles[part]["size"] == "18px" and styles[part]["border"] == "2px" and styles[part]["style"] == "solid"
        assert contrast(styles[part]["fg"], styles[part]["bg"]) >= 4.5, styles[part]
    assert contrast(styles["input"]["line"], "rgb(255, 255, 255)") >= 3  # WCAG 1.4.11: the field's edge
    assert contrast(styles["button"]["bg"], "rgb(255, 255, 255)") >= 3


def test_a_stamp_typed_with_spaces_and_upper_case_opens_its_page(browser: Browser, base_url: str, built: HistorySite) -> None:
    stamp = sorted(p.name for p in (built.site / "v").iterdir() if p.is_dir())[0]
    typed = f" {stamp[:4].upper()} {stamp[4:].upper()} "
    browser.open(base_url + "verify/")
    browser.js(f"document.querySelector('form.verify input').value = {typed!r}; "
               "document.querySelector('form.verify button').click(); true")
    browser.wait_for("Page.loadEventFired")
    assert browser.js("location.pathname") == f"/v/{stamp}/"
    assert stamp in browser.js("document.querySelector('h1').textContent")
    browser.open(base_url + "verify/")
    browser.js("document.querySelector('form.verify input').value = 'xyz'; "
               "document.querySelector('form.verify button').click(); true")
    assert browser.js("location.pathname") == "/verify/"
    assert browser.js("document.querySelector('.verify-error').hidden") is False


def test_without_javascript_each_compound_lists_its_stamps(built: HistorySite) -> None:
    page = (built.site / "verify" / "index.html").read_text(encoding="utf-8")
    text = content_text(built.site / "verify" / "index.html")
    assert "&amp;#" not in page and "&#58;" not in text and "https://" in text
    assert "按小区查找版本号" in text and "兰亭苑" in text
    listed = content_text(built.site / "verify" / "lanting" / "index.html")
    stamps = {p.name for p in (built.site / "v").iterdir() if p.is_dir()}
    shown = set(re.findall(r"\b[0-9a-f]{8}\b", listed))
    assert shown and shown <= stamps
    lanting = {s for s in stamps if "兰亭苑" in content_text(built.site / "v" / s / "index.html")}
    assert lanting == shown


@pytest.mark.parametrize("width", [390, 260])
def test_the_verify_pages_fit_a_phone_and_pass_axe(browser: Browser, base_url: str, width: int) -> None:
    for url in ("verify/", "verify/lanting/"):
        browser.open(base_url + url, width=width)
        scroll = browser.js("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        assert scroll <= width, f"{url} is {scroll} px wide at {width} px"
        assert browser.js(OFF_SCREEN) == [], url
        if width == 390:
            browser.js(AXE.read_text(encoding="utf-8") + ";true")
            assert browser.js(AXE_RUN % json.dumps(sorted(THEME_MARKUP)), timeout=60) == [], url
