"""Golden files: what the sample city in ``data/`` renders to as of 2026-11-15, reviewed by people.

``make golden`` (this script) rewrites ``tests/golden/`` from the generator; ``tests/test_golden.py``
renders again and compares byte for byte. After changing a template, a label or the sample data,
run ``make golden`` and review ``git diff tests/golden`` like any other change: the diff is what
residents will see. The files, by folder:

* ``site/``: the generated docs folder's pages for a few compounds (every item page), the city
  pages (home, compounds index, compliance matrix), the ranking pages (periods, methodology,
  company histories) and the model-project gallery;
* ``site/data/``: the open data files (compounds and compliance as CSV and JSON, the data page,
  the ledgers of the chosen compounds), ``site/feed.xml``: the notices feed;
* ``site/v/<stamp>/index.html``: the ``/v/`` pages of the chosen compounds' stamps (written
  whole by the generator, no engine);
* ``stage/mkdocs.yml``: the configuration handed to MkDocs;
* ``pdf/<name>.json``, ``pdf/<compound>/<item>.json``: each PDF's data (booklets, item sheets,
  ranking lists) as handed to Typst, indented for review.

Chosen compounds: every state a page can show: published, stale (jinshi-huayuan's public
revenue), missing (changdi-jiayuan's maintenance fund), not applicable (wenhua-xincun's
parking); and a self-managed compound (songfeng-li).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.commands.printing import documents  # noqa: E402
from generator.commands.steps import check, stage  # noqa: E402
from generator.engines.site_config import load_site_config  # noqa: E402
from generator.render.web.site import render_site  # noqa: E402
from generator.render.web.stamp_pages import stamp_pages  # noqa: E402
from tests.support import AS_OF, CONFIG, CONTENT, DATA  # noqa: E402

GOLDEN = Path(__file__).resolve().parent
KINDS = ("site", "stage", "pdf")
COMPOUNDS = ("changdi-jiayuan", "jinshi-huayuan", "songfeng-li", "wenhua-xincun")
CITY_PAGES = ("index.md", "compounds/index.md", "compliance/index.md", "feed.xml", "model-projects/index.md")
CITY_PREFIXES = ("ranking/", "data/compounds.", "data/compliance.", "data/index.md")


def _chosen(path: str) -> bool:
    return (path in CITY_PAGES or path.startswith(CITY_PREFIXES)
            or (path.startswith(tuple(f"compounds/{cid}/" for cid in COMPOUNDS)) and path.endswith(".md"))
            or path.startswith(tuple(f"data/ledgers/{cid}/" for cid in COMPOUNDS)))


def golden_files() -> dict[str, str]:
    """Path below tests/golden -> text, for every golden file, rendered now from ``data/``."""
    checked = check(DATA, AS_OF, CONTENT)
    assert checked.ok, [f.message for f in checked.findings]
    ctx = checked.site(history=False)  # git history changes with every data commit; tests/test_history*.py cover it
    files = render_site(ctx)
    out = {f"site/{path}": text for path, text in files.pages.items() if _chosen(path)}
    out.update({f"site/{path}": html for path, html in stamp_pages(ctx, list(COMPOUNDS)).items()})
    with tempfile.TemporaryDirectory(prefix="golden-stage-") as folder:
        stage(files, ctx, load_site_config(CONFIG), CONTENT, Path(folder))
        out["stage/mkdocs.yml"] = (Path(folder) / "mkdocs.yml").read_text(encoding="utf-8")
    for doc in documents(ctx, ctx.compound_ids(), "a4"):  # each part of a PDF: a compound's cover, then its sheets
        for part in doc.parts:
            sheet = part.data.get("part", "")
            name = doc.name.removesuffix(".pdf") + (f"/{sheet.removeprefix('sheet-')}" if sheet else "")
            out[name + ".json"] = json.dumps(part.data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    return dict(sorted(out.items()))


def stored_files() -> dict[str, bytes]:
    """Path below tests/golden -> bytes, for every golden file in the repository."""
    return {p.relative_to(GOLDEN).as_posix(): p.read_bytes()
            for kind in KINDS for p in sorted((GOLDEN / kind).rglob("*")) if p.is_file()}


def main() -> None:
    for kind in KINDS:
        shutil.rmtree(GOLDEN / kind, ignore_errors=True)
    files = golden_files()
    for rel, text in files.items():
        path = GOLDEN / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    print(f"wrote {len(files)} golden files to {GOLDEN.relative_to(ROOT)}; review with: git diff tests/golden")


if __name__ == "__main__":
    main()
