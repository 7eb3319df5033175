"""The residents' side of the site in Debian's headless Chromium, on the default engine's output
(MkDocs + mkdocs-material, the sample city):

* 长辈模式 (large text): the switch is in the header of every page type; pressed, the body text is
  at least 18 px with line spacing of at least 1.3, the page is one column, the links residents
  tap (key figures, phones, the compound's own navigation) and the switch are at least 44 px
  high, and the next page opens in it too (remembered); in 长辈模式 no page type overflows at
  260 px, pushes a key column off screen or splits a figure, and axe-core finds no serious or
  critical violation;
* the first screen of a compound home (390 px; two screens at 260 px) answers what a household
  pays, where the owners' money went, whom to call and the list result;
* the reader's own text size applies (no ``text-size-adjust: none``, which keeps WeChat's font
  setting out);
* a first visit to a compound home requests exactly the files ``bench/first_visit.py`` counts,
  every one of them exists, neither the theme's script nor the search index is among them, and
  they stay under the budget (60 KB gzipped); opening the search loads them, with no request
  for a missing file;
* text that arrives without key events (pasted, or inserted by a voice keyboard: an ``input``
  event only) starts the search and finds the compound.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Iterator

import pytest

from bench.first_visit import BUDGET, first_visit
from tests.sitebuild import Built, sample_site
from tests.siteserver import serving
from tests.chromium import NEEDS_CHROMIUM, Browser
from tests.test_browser import PAGE_TYPES, assert_every_page_type_fits, axe_violations

pytestmark = NEEDS_CHROMIUM

HOME = "compounds/lanting/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sample_site(tmp_path_factory)


@pytest.fixture(scope="module")
def requests() -> list[tuple[int, str]]:
    return []


@pytest.fixture(scope="module")
def base_url(built: Built, requests: list[tuple[int, str]]) -> Iterator[str]:
    with serving(built.site, log=requests) as url:
        yield url


def set_mode(browser: Browser, base_url: str, elder: bool) -> None:
    """Choose the mode as a resident would: press the switch until it shows the wanted state."""
    browser.open(base_url + HOME)
    if browser.js("document.documentElement.classList.contains('elder')") != elder:
        browser.js("document.querySelector('.elder-toggle').click()")
    assert browser.js("document.querySelector('.elder-toggle').getAttribute('aria-pressed')") == json.dumps(elder)


TEXT = """
(() => {
  const body = document.querySelector('article.md-typeset, .md-content .md-typeset');
  const style = getComputedStyle(body);
  const shown = [...document.querySelectorAll('.md-sidebar')].filter(s => s.offsetWidth > 0
      && getComputedStyle(s).visibility !== 'hidden' && s.getBoundingClientRect().left >= 0);
  return {size: parseFloat(style.fontSize), line: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
          columns: 1 + shown.length, adjust: getComputedStyle(document.documentElement).webkitTextSizeAdjust};
})()
"""

SMALL_TARGETS = """
(() => [...document.querySelectorAll('.elder-toggle, .key-figures a, .local-nav a, article a[href^="tel:"]')]
  .filter(a => a.getBoundingClientRect().height < 44).map(a => a.textContent.trim()))()
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_elder_mode_is_large_text_in_one_column_and_remembered(browser: Browser, base_url: str, width: int) -> None:
    set_mode(browser, base_url, elder=True)
    for url in ("", HOME, HOME + "public-revenue/", HOME + "complaint-channels/"):
        browser.open(base_url + url, width=width)  # another page: the mode was remembered
        assert browser.js("document.documentElement.classList.contains('elder')"), url
        text = browser.js(TEXT)
        assert text["size"] >= 18 and text["line"] >= 1.3 and text["columns"] == 1, (url, text)
        assert text["adjust"] != "none", url
        assert browser.js(SMALL_TARGETS) == [], url
    set_mode(browser, base_url, elder=False)
    browser.open(base_url + HOME, width=width)
    text = browser.js(TEXT)
    assert text["size"] == 16 and text["adjust"] != "none", text


def test_every_page_type_has_the_switch(browser: Browser, base_url: str) -> None:
    for url in PAGE_TYPES:
        if url == "404.html":
            continue  # a self-contained page in large text already (render/web/notfound.py)
        browser.open(base_url + url)
        assert browser.js("!!document.querySelector('.md-header .elder-toggle')"), url


@pytest.mark.parametrize("width", [390, 260])
def test_every_page_type_fits_a_phone_in_elder_mode(browser: Browser, base_url: str, width: int,
                                                    tmp_path: Path) -> None:
    set_mode(browser, base_url, elder=True)
    assert_every_page_type_fits(browser, base_url, width, tmp_path, "elder")
    set_mode(browser, base_url, elder=False)


def test_axe_finds_no_serious_violation_in_elder_mode(browser: Browser, base_url: str) -> None:
    set_mode(browser, base_url, elder=True)
    found = axe_violations(browser, base_url)
    set_mode(browser, base_url, elder=False)
    assert found == {}


FIRST_ANSWERS = """
(() => [...document.querySelectorAll('.key-figures li')].slice(0, 4).map(li => ({
  topic: li.querySelector('a').textContent.trim(),
  bottom: li.getBoundingClientRect().bottom + window.scrollY,
  phones: [...li.querySelectorAll('a[href^="tel:"]')].map(a => a.getAttribute('href'))})))()
"""


@pytest.mark.parametrize(("width", "screens"), [(390, 1), (260, 2)])
def test_the_first_screen_answers_the_four_questions(browser: Browser, base_url: str, width: int,
                                                     screens: int) -> None:
    """What I pay, where the owners' money went, whom to call (tel: links) and the list result:
    on the first screen of a compound home at 390 px, within two screens at 260 px."""
    set_mode(browser, base_url, elder=False)
    for cid in ("lanting", "cuiping-shanzhuang", "wenhua-xincun"):
        browser.open(base_url + f"compounds/{cid}/", width=width)
        answers = browser.js(FIRST_ANSWERS)
        assert [a["topic"] for a in answers] == ["物业费", "公共收益", "有事找谁", "红黑榜"], (cid, answers)
        assert len(answers[2]["phones"]) >= 2, (cid, answers[2])
        screen = browser.js("window.innerHeight")
        assert max(a["bottom"] for a in answers) <= screens * screen, (cid, width, screen, answers)


PASTE = """
new Promise(resolve => {
  document.querySelector('label[for="__search"]').click();
  const input = document.querySelector('input[data-md-component="search-query"]');
  input.focus();
  input.value = %s;  // what a paste or a voice keyboard does: the text, then an input event, no key event
  input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
  const start = Date.now();
  (function poll() {
    const links = [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.getAttribute('href'));
    if (links.length || Date.now() - start > 15000) return resolve(links);
    setTimeout(poll, 100);
  })();
})
"""


def test_a_first_visit_is_light_and_search_loads_when_opened(browser: Browser, base_url: str, built: Built,
                                                             requests: list[tuple[int, str]]) -> None:
    expected = first_visit(built.site, HOME)
    browser.call("Network.enable", {}, browser.session)  # what earlier tests cached is not a first visit
    browser.call("Network.clearBrowserCache", {}, browser.session)
    browser.call("Network.setCacheDisabled", {"cacheDisabled": True}, browser.session)
    requests.clear()
    browser.open(base_url + HOME)
    time.sleep(1)  # anything the page would fetch after its load event
    visit = list(requests)
    requests.clear()
    assert all(status == 200 for status, _ in visit), visit  # nothing missing
    assert {path.lstrip("/") for _, path in visit} == set(expected), (visit, expected)
    assert sum(expected.values()) < BUDGET, expected
    links = browser.js(PASTE % json.dumps("兰亭"))
    assert any(href.split("?")[0].endswith(HOME) for href in links), links
    opened = [path for _, path in requests]
    assert any("search_index.json" in path for path in opened) and all(s == 200 for s, _ in requests), requests
    browser.call("Network.setCacheDisabled", {"cacheDisabled": False}, browser.session)
    browser.call("Network.disable", {}, browser.session)
