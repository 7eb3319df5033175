"""The site in a real browser: Debian's headless Chromium (never a downloaded one), driven over
the DevTools protocol on a pipe (``--remote-debugging-pipe``, no extra packages).

* a compound home and an item page at 390 px (a phone) have no horizontal overflow
  (``scrollWidth`` of the document equals the viewport width); screenshots are saved in the
  test's temporary folder (``SITE_SCREENSHOTS=<dir>`` keeps a copy to look at);
* typing two characters of a compound's name into the search box lists that compound, for
  every two-character piece of every sample compound's name;
* every page type (home, compound list, compound home, each item page, ranking pages,
  compliance, 404) at 390 px and at 260 px (a phone with large text): no horizontal overflow
  and every key column of every table on screen; screenshots at both widths;
* axe-core (vendored from the npm registry, ``tests/vendor/axe-core``) finds no serious or
  critical accessibility violation on those pages.

Each runs against both engines' output: MkDocs (the sample city served at ``/``) and Zensical
(the sample city published under a sub-path, served at ``/sub/``); their search boxes differ
(Material's ``input[data-md-component=search-query]``, Zensical's dialog in a shadow root).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urljoin

import pytest

from generator.findings import Findings
from generator.load.dataset import load
from tests.sitebuild import SUB_PATH, Built, sample_site, sub_path_site
from tests.chromium import WIDTH, Browser, NEEDS_CHROMIUM
from tests.siteserver import serving

pytestmark = NEEDS_CHROMIUM


ENGINES = ["mkdocs", pytest.param("zensical", marks=pytest.mark.zensical)]


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def built(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sample_site(tmp_path_factory) if engine == "mkdocs" else sub_path_site(tmp_path_factory, engine)


@pytest.fixture(scope="module")
def base_url(engine: str, built: Built) -> Iterator[str]:
    """The built site over HTTP on a free local port (search needs fetch, which file:// lacks)."""
    with serving(built.site, "/" if engine == "mkdocs" else SUB_PATH) as url:
        yield url


@pytest.mark.parametrize("url", ["compounds/lanting/", "compounds/lanting/public-revenue/",
                                 "compounds/lanting/fee-schedule/"])
def test_phone_width_has_no_horizontal_overflow(browser: Browser, engine: str, base_url: str, url: str,
                                                tmp_path: Path) -> None:
    browser.open(base_url + url)
    assert browser.js("window.innerWidth") == WIDTH
    assert browser.js("document.querySelector('h1').textContent.length") > 0
    scroll = browser.js("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert scroll <= WIDTH, f"{url} is {scroll} px wide at {WIDTH} px"
    shot = tmp_path / (url.strip("/").replace("/", "_") + f"-{engine}.png")
    browser.screenshot(shot)
    assert shot.stat().st_size > 10_000
    keep_screenshot(shot)


def keep_screenshot(shot: Path) -> None:
    """Copy a screenshot to ``$SITE_SCREENSHOTS`` when set (to look at them)."""
    if os.environ.get("SITE_SCREENSHOTS"):
        keep = Path(os.environ["SITE_SCREENSHOTS"])
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, keep / shot.name)


SEARCH = """
new Promise((resolve, reject) => {
  const input = document.querySelector('input[data-md-component="search-query"]');
  input.focus();
  input.value = %s;  // no key event: pasted and voice-typed text arrive this way
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const start = Date.now();
  (function poll() {
    const links = [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.getAttribute('href'));
    if (links.length) return resolve(links);
    if (Date.now() - start > 15000) return resolve([]);
    setTimeout(poll, 100);
  })();
})
"""

# Zensical: the header's button opens a dialog (in a shadow root) whose combobox lists results
# as links in a listbox.
ZENSICAL_SEARCH = """
new Promise((resolve, reject) => {
  document.querySelector('.md-search__button').click();
  const start = Date.now();
  (function poll() {
    const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot && e.shadowRoot.querySelector('input[role=combobox]'));
    const root = host && host.shadowRoot;
    const input = root && root.querySelector('input[role=combobox]');
    if (input && input.value !== %(query)s) {
      input.focus();
      input.value = %(query)s;
      input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    }
    const links = root ? [...root.querySelectorAll('[role=listbox] a')].map(a => a.getAttribute('href')) : [];
    if (links.length) return resolve(links);
    if (Date.now() - start > 15000) return resolve([]);
    setTimeout(poll, 100);
  })();
})
"""


def test_two_characters_of_a_compound_name_find_it(browser: Browser, engine: str, base_url: str, built: Built) -> None:
    ds = load(built.data, Findings())
    for cid, rec in sorted(ds.compounds.items()):
        for query in dict.fromkeys([rec.model.name[:2], rec.model.name[-2:]]):  # the first and the last two
            browser.open(base_url)
            script = SEARCH % json.dumps(query) if engine == "mkdocs" else ZENSICAL_SEARCH % {"query": json.dumps(query)}
            links = browser.js(script)
            # the result leads to the compound's page (under the sub-path where the site is served)
            assert any(urljoin(base_url, href).startswith(f"{base_url}compounds/{cid}/") for href in links), \
                (query, links)


def _pieces(name: str) -> list[str]:
    return sorted({name[i:i + 2] for i in range(len(name) - 1)})


def test_any_two_characters_of_a_compound_name_find_it(browser: Browser, engine: str, base_url: str,
                                                      built: Built) -> None:
    """Not only jieba's words: 亭苑 (inside 兰亭苑) and 畔雅 (across 河畔/雅居) find their compound."""
    ds = load(built.data, Findings())
    missed = []
    for cid, rec in sorted(ds.compounds.items()):
        for query in _pieces(rec.model.name):
            browser.open(base_url)
            script = SEARCH % json.dumps(query) if engine == "mkdocs" else ZENSICAL_SEARCH % {"query": json.dumps(query)}
            links = browser.js(script)
            if not any(urljoin(base_url, href).startswith(f"{base_url}compounds/{cid}/") for href in links):
                missed.append((query, cid, links[:3]))
    if missed and engine == "zensical":  # a known gap, left to the engine work (issue #15)
        pytest.xfail(f"Zensical's own CJK search misses pieces across its words: {missed}")
    assert missed == []


ITEM_PAGES = [f"compounds/lanting/{slug}/" for slug in (
    "company-profile", "service-scope", "fee-schedule", "complaint-channels", "facility-maintenance",
    "public-revenue", "parking", "service-accounts", "maintenance-fund", "utility-sharing", "oversight")]
PAGE_TYPES = ["", "compounds/", "compounds/lanting/", "compounds/songfeng-li/", *ITEM_PAGES,
              "compounds/hepan-yaju/utility-sharing/", "ranking/", "ranking/2026-h1/", "ranking/methodology/",
              "ranking/companies/anju/", "compliance/", "verify/", "404.html"]
"""One page of every type: the self-managed 松风里, an item that does not apply (河畔雅居's
公摊), every ranking page type, the verify page and the 404 page (a compound's stamp list, which
needs a git history, is checked in ``tests/test_verify_page.py``)."""

OFF_SCREEN = """
(() => {
  const width = window.innerWidth;
  const out = [];
  for (const cell of document.querySelectorAll('.rt .key')) {
    const box = cell.getBoundingClientRect();
    if (box.width > 0 && (box.left < 0 || box.right > width + 0.5)) out.push(cell.dataset.label || cell.textContent);
  }
  return out;
})()
"""

BROKEN_FIGURES = """
(() => {
  // A figure in a table cell (1,234.56, 98.5%, 10/10, 2026-01-15) must not be split over two
  // lines: a squeezed column that wraps digits is unreadable, although nothing overflows.
  const out = [];
  for (const cell of document.querySelectorAll('article table td, article table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const figure of node.textContent.matchAll(/[0-9][0-9,.%/:-]{3,}/g)) {
        const range = document.createRange();
        range.setStart(node, figure.index);
        range.setEnd(node, figure.index + figure[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(figure[0]);
      }
    }
  }
  return out;
})()
"""


@pytest.mark.parametrize("width", [390, 260])
def test_every_page_type_fits_a_phone(browser: Browser, engine: str, base_url: str, width: int,
                                      tmp_path: Path) -> None:
    """No horizontal overflow, no key table column off screen and no figure in a table split over
    two lines, at 390 px and at 260 px."""
    assert_every_page_type_fits(browser, base_url, width, tmp_path, engine)


def assert_every_page_type_fits(browser: Browser, base_url: str, width: int, shots: Path, label: str) -> None:
    """Each page type at ``width``: no overflow, no key column off screen, no figure split;
    a screenshot of each (``label`` in its name: the engine, the mode)."""
    for url in PAGE_TYPES:
        browser.open(base_url + url, width=width)
        assert browser.js("window.innerWidth") == width
        assert browser.js("document.querySelector('h1').textContent.length") > 0, url
        scroll = browser.js("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        assert scroll <= width, f"{url} is {scroll} px wide at {width} px ({label})"
        assert browser.js(OFF_SCREEN) == [], f"{url}: key columns off screen at {width} px ({label})"
        assert browser.js(BROKEN_FIGURES) == [], f"{url}: figures split over two lines at {width} px ({label})"
        shot = shots / f"{width}-{(url.strip('/').replace('/', '_') or 'home').replace('.html', '')}-{label}.png"
        browser.screenshot(shot, max_height=8000, width=width)
        keep_screenshot(shot)


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
THEME_MARKUP = {("aria-dialog-name", ".md-search")}
"""Violations in the theme's own markup, which the product cannot change without overriding the
theme's templates (refused: see engines/site_config): Material's search overlay is a
``role=dialog`` without a name. Each is named here, by rule and element, not ignored wholesale."""
AXE_RUN = """
axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => ({...v, nodes: v.nodes.filter(n => !%s.some(([rule, target]) => v.id === rule && n.target.join(' ') === target))}))
  .filter(v => v.nodes.length)
  .map(v => ({id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').slice(0, 160))})))
"""


def test_axe_finds_no_serious_or_critical_violation(browser: Browser, engine: str, base_url: str) -> None:
    """WCAG 2.1 AA (contrast of text, links and header included) on one page of every type."""
    if engine != "mkdocs":
        pytest.skip("the product's pages are checked on MkDocs/Material; Zensical's theme is its own")
    assert axe_violations(browser, base_url) == {}


def axe_violations(browser: Browser, base_url: str) -> dict[str, Any]:
    """Serious and critical violations axe-core finds on each page type, by page."""
    source = AXE.read_text(encoding="utf-8")
    found = {}
    for url in PAGE_TYPES:
        browser.open(base_url + url)
        browser.js(source + ";true")
        violations = browser.js(AXE_RUN % json.dumps(sorted(THEME_MARKUP)), timeout=60)
        if violations:
            found[url] = violations
    return found
