"""serve: with data errors the preview shows them on every page (file, line, cell, message, in
Chinese, escaped), and the next good save removes them; the staged folder MkDocs serves is
checked after a real MkDocs build."""

from __future__ import annotations

import html
from pathlib import Path

from generator.commands.steps import BuildOptions
from generator.commands.serve import _Preview
from generator.engines.mkdocs_runner import quiet_jieba
from tests.support import AS_OF, CONFIG, CONTENT, PC, edit


def _mkdocs_build(stage: Path, out: Path) -> str:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    quiet_jieba()
    build(load_config(str(stage / "mkdocs.yml"), site_dir=str(out)))
    return (out / "index.html").read_text(encoding="utf-8")


def _text(page: str) -> str:
    return html.unescape(page)


def test_errors_show_on_every_page_and_go_when_fixed(mini: Path, tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    reports: list[bool] = []
    options = BuildOptions(data=mini, as_of=AS_OF, stage_dir=stage, content=CONTENT, config=CONFIG)
    preview = _Preview(options, stage, lambda findings, ok: reports.append(ok))
    try:
        assert preview.regenerate()
        pages = sorted(stage.rglob("*.md"))
        assert pages and not any("wuye-findings" in p.read_text(encoding="utf-8") for p in pages)

        edit(mini / PC / "public_revenue.csv", "快递柜场地,1000.00", "快递柜场地,1000<b>。00")
        assert not preview.regenerate()
        for page in pages:
            assert "wuye-findings" in page.read_text(encoding="utf-8"), page
        page = _mkdocs_build(stage, tmp_path / "bad")
        text = _text(page)
        assert "数据有 1 个错误，下面显示的是上一版" in text and f"{PC}/public_revenue.csv:3:5" in text
        assert "E3（amount）：“1000<b>。00”不是可识别的数字" in text and "1000<b>" not in page

        edit(mini / PC / "public_revenue.csv", "1000<b>。00", "1000.00")
        assert preview.regenerate()
        assert not any("wuye-findings" in p.read_text(encoding="utf-8") for p in pages)
        assert "数据有" not in _mkdocs_build(stage, tmp_path / "good")
        assert reports == [True, False, True]
    finally:
        preview.close()


def test_errors_before_any_good_version_give_a_page_of_errors(mini: Path, tmp_path: Path) -> None:
    edit(mini / PC / "compound.yaml", "households: 400", "households： 400")
    stage = tmp_path / "stage"
    options = BuildOptions(data=mini, as_of=AS_OF, stage_dir=stage, content=CONTENT, config=CONFIG)
    preview = _Preview(options, stage, lambda *a: None)
    assert not preview.regenerate()
    text = _text(_mkdocs_build(stage, tmp_path / "out"))
    assert "网站还无法生成" in text and f"{PC}/compound.yaml:8:11" in text and "键“households”后面用了中文冒号“：”" in text


def test_the_error_banner_in_chromium_at_phone_width(mini: Path, tmp_path: Path) -> None:
    """Headless Debian Chromium: the banner is the first thing on the page, readable at 390 px."""
    from tests.siteserver import serving
    from tests.test_browser import Browser  # the project's one DevTools driver

    stage = tmp_path / "stage"
    options = BuildOptions(data=mini, as_of=AS_OF, stage_dir=stage, content=CONTENT, config=CONFIG)
    preview = _Preview(options, stage, lambda *a: None)
    try:
        assert preview.regenerate()
        edit(mini / PC / "public_revenue.csv", "快递柜场地,1000.00", "快递柜场地,1000。00")
        assert not preview.regenerate()
        _mkdocs_build(stage, tmp_path / "site")
    finally:
        preview.close()
    browser = Browser(tmp_path / "profile")
    try:
        with serving(tmp_path / "site") as url:
            browser.open(url + f"compounds/{PC.split('/')[1]}/", width=390)
            box = browser.js("(() => { const b = document.querySelector('.wuye-findings');"
                             " const r = b.getBoundingClientRect();"
                             " return {text: b.innerText, top: r.top, right: r.right,"
                             " wide: document.documentElement.scrollWidth}; })()")
            assert f"{PC}/public_revenue.csv:3:5" in box["text"] and "E3（amount）" in box["text"]
            assert "数据有 1 个错误" in box["text"]
            assert box["top"] < 844 and box["right"] <= 390 and box["wide"] <= 390
            browser.screenshot(tmp_path / "banner.png")
    finally:
        browser.close()
