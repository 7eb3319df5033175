"""One stamp: what a resident reads on any printed notice is found on the web.

Every stamp printed in the built sample's ``site/pdf`` (read with ``pdftotext``) has its
``/v/<stamp>/`` page, which names the compound (and the item); the stamp follows what the view
shows, not the calendar or the paper layout (:mod:`generator.views.stamp`).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.sitebuild import Built, content_text, sample_site
from tests.support import AS_OF, DATA, pdf_text, views_of

STAMP = re.compile(r"版本号?[：\s]*([0-9a-f]{8})")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sample_site(tmp_path_factory)


def test_every_stamp_printed_in_site_pdf_has_its_v_page(built: Built) -> None:
    views = views_of(built.data)
    printed: dict[str, set[str]] = {}
    for pdf in sorted((built.site / "pdf").rglob("*.pdf")):
        for stamp in STAMP.findall(pdf_text(pdf)):
            printed.setdefault(stamp, set()).add(pdf.relative_to(built.site).as_posix())
    booklets = {views.booklet(cid).stamp for cid in views.ds.compounds}
    sheets = {v.stamp for cid in views.ds.compounds for item in views.items
              if (v := views.item(cid, item.id)) is not None}
    assert set(printed) == booklets | sheets and len(booklets) == len(views.ds.compounds) and len(sheets) > 10
    for stamp, pdfs in printed.items():
        page = built.site / "v" / stamp / "index.html"
        assert page.is_file(), f"{sorted(pdfs)} print {stamp}, which /v/ does not know"
        text = content_text(page)
        assert "是现行版本" in text, stamp
        name = next(v.name for cid in views.ds.compounds if (v := views.compound(cid)).id in next(iter(pdfs)))
        assert name in text, (stamp, name)


def test_a_booklets_v_page_lists_the_item_stamps_it_covers(built: Built) -> None:
    views = views_of(built.data)
    booklet = views.booklet("lanting")
    text = content_text(built.site / "v" / booklet.stamp / "index.html")
    assert "公示汇编" in text
    covered = [word for item_id, word in booklet.items if views.item("lanting", item_id) is not None]
    assert covered and all(stamp in text for stamp in covered)


def test_the_stamp_follows_what_is_shown_not_the_calendar() -> None:
    """A year on, items become overdue and inspections pass their date: the sheets say so, and
    keep their stamps (the version is the same)."""
    now, later = views_of(DATA), views_of(DATA, as_of=AS_OF + timedelta(days=365))
    shown = [(cid, item.id) for cid in now.ds.compounds for item in now.items if now.item(cid, item.id) is not None]
    became_stale = [(cid, i) for cid, i in shown if later.compound(cid).statuses[i].state == "stale"
                    and now.compound(cid).statuses[i].state == "published"]
    assert len(became_stale) >= 3 and ("lanting", "facility_maintenance") in shown
    for cid, item_id in shown:
        a, b = now.item(cid, item_id), later.item(cid, item_id)
        assert a is not None and b is not None
        assert a.stamp == b.stamp, (cid, item_id)
    assert all(later.item(cid, i).overdue for cid, i in became_stale)  # type: ignore[union-attr]
    assert later.item("lanting", "facility_maintenance") != now.item("lanting", "facility_maintenance")


def test_an_item_update_moves_its_stamp_and_its_booklets_only(tmp_path) -> None:
    import shutil
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = views_of(data)
    yml = data / "compounds" / "lanting" / "utility_sharing.yaml"
    text = yml.read_text(encoding="utf-8")
    assert "posted_on: 2026-11-10" in text
    yml.write_text(text.replace("posted_on: 2026-11-10", "posted_on: 2026-11-11"), encoding="utf-8")
    after = views_of(data)
    moved = [item.id for item in before.items
             if (b := before.item("lanting", item.id)) and (a := after.item("lanting", item.id)) and a.stamp != b.stamp]
    assert moved == ["utility_sharing"]
    assert after.booklet("lanting").stamp != before.booklet("lanting").stamp
    assert all(after.booklet(cid).stamp == before.booklet(cid).stamp for cid in before.ds.compounds if cid != "lanting")
