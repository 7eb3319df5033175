"""Every layer has every item of the registry (generator.model.items.ITEMS).

Adding an item means: an ItemSpec in the registry, a blocks module in
generator/views/item_blocks/, a builder in the synthetic city, its JSON Schema and its
section in the staff guide. This test fails, item by item, when one of them is missing, and
checks that the web page and the paper notice show the same blocks with the same labels.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache

import pytest

from generator.commands.steps import check
from generator.model.items import ITEMS
from generator.model.schema import schema_models
from generator.model.vocabulary import title_of
from generator.views.blocks import DETAIL_LIMIT, Facts, Slot, Steps, Table
from generator.render.context import SiteContext
from generator.views.item_blocks import builder
from generator.render.paper.sheet import sheet_data
from generator.render.web.items import item_body
from generator.render.web.opendata import ledger_files
from generator.tools.synth.items import BUILDERS as SYNTH_BUILDERS

from tests.support import AS_OF, CONTENT, DATA, ROOT

GUIDE = (CONTENT / "data-guide.md").read_text(encoding="utf-8")
IDS = sorted(ITEMS)


@lru_cache(maxsize=1)
def sample() -> SiteContext:
    checked = check(DATA, AS_OF)
    assert checked.ok, checked.findings
    return checked.site(history=False)


def published(item_id: str):
    """(compound facts, record) of the first sample compound whose page shows the item."""
    ctx = sample()
    for cid in ctx.compound_ids():
        facts = ctx.compound(cid)
        record = facts.shown(item_id)
        if record is not None:
            return facts, record
    pytest.fail(f"no compound of the sample city publishes {item_id}: the sample must show every item")


@pytest.mark.parametrize("item_id", IDS)
def test_item_has_a_blocks_builder(item_id: str) -> None:
    assert callable(builder(item_id)), f"generator/views/item_blocks/{item_id}.py has no blocks()"


@pytest.mark.parametrize("item_id", IDS)
def test_item_has_a_synthetic_builder_schema_and_guide_section(item_id: str) -> None:
    assert item_id in SYNTH_BUILDERS, f"tools/synth/items.BUILDERS lacks {item_id}"
    assert schema_models().get(item_id) is ITEMS[item_id].file_model
    assert (ROOT / "schemas" / f"{item_id}.schema.json").is_file(), "run make schema"
    assert f"{item_id}.yaml" in GUIDE, f"generator/templates/content/data-guide.md does not mention {item_id}.yaml"


def _labels(blocks, paper: bool = False) -> list[str]:
    """Every label and title the blocks show (on paper, a long ledger shows its summary)."""
    out: list[str] = []
    for b in blocks:
        if paper and isinstance(b, Table) and b.ledger and len(b.rows) > DETAIL_LIMIT:
            b = b.summary
            if b is None:
                continue
        if isinstance(b, Facts):
            out += [f.label for f in b.rows]
        elif isinstance(b, Table) and b.rows:
            out += [c.header for c in b.columns]
        if isinstance(b, (Facts, Table, Steps)) and b.title and not (isinstance(b, Table) and not b.rows and b.empty is None):
            out.append(b.title)
    return out


@pytest.mark.parametrize("item_id", IDS)
def test_web_and_paper_show_the_items_blocks_with_the_same_labels(item_id: str) -> None:
    ctx = sample()
    facts, record = published(item_id)
    view = ctx.views.item(facts.id, item_id)
    assert view is not None
    blocks = [b for b in view.blocks if not isinstance(b, Slot)]
    assert blocks, f"{item_id}: no blocks"
    web = item_body(ctx, facts, record, view, f"compounds/{facts.id}/{ITEMS[item_id].slug}.md")
    paper = sheet_data(view, "a4")["blocks"]
    paper_text = repr(paper)
    for label in _labels(blocks):
        assert label in web, f"{item_id}: web page lacks {label!r}"
    for label in _labels(blocks, paper=True):
        assert label in paper_text, f"{item_id}: paper lacks {label!r}"


@pytest.mark.parametrize("item_id", [i for i in IDS if ITEMS[i].row_model is not None])
def test_open_data_rewrites_each_table_with_the_models_titles(item_id: str) -> None:
    facts, record = published(item_id)
    files = ledger_files(sample())
    name = next((n for n in files if n.endswith(f"/{facts.id}/{item_id}.csv")), None)
    if not record.table.rows:
        assert name is None
        return
    assert name is not None, f"open data lacks {item_id} of {facts.id}"
    header = next(csv.reader(io.StringIO(files[name].lstrip("\ufeff"))))
    model = ITEMS[item_id].row_model
    assert header == [title_of(model, n) for n in model.model_fields]
