"""The default content pages ship in the package; a city's own content/ replaces them file by file."""

from __future__ import annotations

from pathlib import Path

from generator.commands.content import DEFAULTS, content_files
from generator.model.clock import china_today


def test_a_city_without_content_gets_the_default_pages(tmp_path: Path) -> None:
    files = content_files(tmp_path / "content")
    assert sorted(files) == ["about.md", "complain.md", "data-guide.md"]
    assert all(path.parent == DEFAULTS for path in files.values())
    assert "# 如何投诉" in files["complain.md"].read_text(encoding="utf-8")


def test_a_city_page_replaces_the_default_and_adds_its_own(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "assets").mkdir(parents=True)
    (content / "about.md").write_text("# 关于本站\n\n东湖区的说明。\n", encoding="utf-8")
    (content / "assets" / "logo.png").write_bytes(b"png")
    (content / ".hidden.md").write_text("x", encoding="utf-8")
    files = content_files(content)
    assert sorted(files) == ["about.md", "assets/logo.png", "complain.md", "data-guide.md"]
    assert files["about.md"] == content / "about.md"
    assert files["complain.md"].parent == DEFAULTS


def test_today_is_the_date_in_shanghai() -> None:
    from datetime import datetime, timezone

    late = datetime(2026, 12, 6, 17, 30, tzinfo=timezone.utc)  # already the 7th in Shanghai
    assert china_today(late).isoformat() == "2026-12-07"
