"""Where every generated page lives: docs-relative source paths and the links between them.

The public URLs are stable (printed QR codes point at them), MkDocs ``use_directory_urls``:

==============================================  ==========================================
URL                                             staged Markdown source
==============================================  ==========================================
``/``                                           ``index.md``
``/compounds/``                                 ``compounds/index.md``
``/compounds/<id>/``                            ``compounds/<id>/index.md``
``/compounds/<id>/<item-id-with-dashes>/``      ``compounds/<id>/<item-id-with-dashes>.md``
``/compliance/``                                ``compliance/index.md``
``/data/``                                      ``data/index.md`` (+ CSV/JSON files)
``/data/datapackage.json``                      Frictionless Data Package of the city-wide CSVs
``/data/ledgers/<id>/<item_id>.csv``            a compound's table, re-written as UTF-8 CSV
``/feed.xml``                                   Atom feed of the latest notices
``/compounds/<id>/feed.xml``                    a compound's own Atom feed (its changes)
``/compounds/<id>/<item>/history/``             every version of an item (git history)
``/compounds/<id>/<item>/history/<stamp>/``     one version with its figures as they were
``/verify/``                                    check a printed stamp: the form, one list per compound
``/v/<stamp>/``                                 ``v/<stamp>/index.html``, written whole by the generator (no engine)
``/updates/``                                   the city's latest changes, in figures
``/ranking/``, ``/ranking/<period-id>/``        ``ranking/index.md``, ``ranking/<period-id>/index.md``
``/ranking/methodology/``                       ``ranking/methodology/index.md``
``/ranking/companies/<id>/``                    ``ranking/companies/<id>/index.md``
``/model-projects/``                            ``model-projects/index.md`` (+ ``photos/``)
``/pdf/<id>.pdf``, ``/pdf/ranking-<period>.pdf`` written by the PDF stage (no engine sees them)
``/excel-templates/<table>.xlsx``               Excel templates of the tables (the staff guide links them)
==============================================  ==========================================

Everything a compound has on the site lives in one folder per compound below each of
:data:`COMPOUND_FOLDERS` (``compounds/<id>/...``, ``data/ledgers/<id>/...``, its list of
stamps ``verify/<id>/``); everything else is city-wide (``verify/index.md`` too), except the
``/v/<stamp>/`` pages, which no engine sees: the plan's ``origin`` names their compound. Sharded builds (:mod:`generator.render.shards`) rely on that.

These functions are the only place that knows these rules; :mod:`generator.render.plan`
lists every output of a build with them, before anything is rendered.

An item's URL segment is its catalogue id with ``_`` written as ``-``
(``public_revenue`` -> ``public-revenue``), chosen once for all items.

Links between Markdown pages are written relative to the source file and point at ``.md``
files (or files staged under ``docs/``), so the engine checks and rewrites them. Links to
files no engine sees (the PDFs, made by the PDF stage, possibly while the engine runs) are
absolute URLs under the city's ``site_url`` (:func:`absolute_url`), like the QR codes: no
engine rewrites them, so they mean the same under MkDocs and Zensical, under a sub-path
(``https://org.github.io/repo/``), and on a copy of the site served from another host. There
is no relative raw-HTML link in generated Markdown: MkDocs resolves those against the
page's URL, Zensical against its source file, so they break under one engine or the other.
"""

from __future__ import annotations

COMPOUNDS_DIR = "compounds"
LEDGERS_DIR = "data/ledgers"
VERIFY_DIR = "verify"
COMPOUND_FOLDERS = (COMPOUNDS_DIR, LEDGERS_DIR, VERIFY_DIR)
"""Folders holding one sub-folder per compound id; all of a compound's pages and files are in those."""
HOME = "index.md"
COMPOUNDS = f"{COMPOUNDS_DIR}/index.md"
COMPLIANCE = "compliance/index.md"
OPEN_DATA = "data/index.md"
RANKING = "ranking/index.md"
MODEL_PROJECTS = "model-projects/index.md"
METHODOLOGY = "ranking/methodology/index.md"
MODEL_PROJECTS_PHOTOS = "model-projects/photos"
COMPLAIN = "complain.md"
FEED = "feed.xml"
VERIFY = f"{VERIFY_DIR}/index.md"
"""Check a printed notice's version stamp (``/verify/``)."""
UPDATES = "updates/index.md"
"""The city's latest changes, in figures (``/updates/``)."""
SITE_CSS = "assets/site.css"
SITE_JS = "assets/site.js"
"""The site's own script (长辈模式, search on every input, the theme's script when search opens)."""
NOT_FOUND = "404.html"
"""The Chinese 404 page (a template MkDocs renders, see :mod:`generator.render.web.notfound`)."""
DATA_PACKAGE = "data/datapackage.json"
"""Frictionless Data Package describing the city-wide CSVs."""
OPEN_DATA_FILES = ("data/compounds.csv", "data/compounds.json", "data/compliance.csv", "data/compliance.json",
                   "data/fees.csv", "data/fee-tiers.csv", "data/public-revenue.csv", "data/revenue-distributions.csv",
                   "data/maintenance-fund.csv", "data/fund-notices.csv", "data/rankings.csv",
                   DATA_PACKAGE)


TEMPLATES = "excel-templates"
"""Folder of the Excel templates; ``content/data-guide.md`` links ``excel-templates/<table>.xlsx``
(not ``templates/``: MkDocs leaves a docs folder of that name out of the site)."""


def template_file(name: str) -> str:
    """An Excel template (``excel-templates/public_revenue.xlsx``): ``name`` is an item id or ``evaluation``."""
    return f"{TEMPLATES}/{name}.xlsx"


def item_slug(item_id: str) -> str:
    """``public_revenue`` -> ``public-revenue``: the item's URL segment."""
    return item_id.replace("_", "-")


def compound_home(compound_id: str) -> str:
    return f"{COMPOUNDS_DIR}/{compound_id}/index.md"


def item_page(compound_id: str, item_id: str) -> str:
    return f"{COMPOUNDS_DIR}/{compound_id}/{item_slug(item_id)}.md"


def item_history(compound_id: str, item_id: str) -> str:
    """Every published version of an item (``/compounds/<id>/<item>/history/``)."""
    return f"{COMPOUNDS_DIR}/{compound_id}/{item_slug(item_id)}/history/index.md"


def item_version(compound_id: str, item_id: str, key: str) -> str:
    """One past (or the current) version with its figures as they were
    (``/compounds/<id>/<item>/history/<stamp>/``)."""
    return f"{COMPOUNDS_DIR}/{compound_id}/{item_slug(item_id)}/history/{key}/index.md"


def stamp_page(stamp: str) -> str:
    """What a printed version stamp is (``/v/<stamp>/``): a standalone HTML page the generator
    writes whole (no engine sees it, like the PDFs: engine pages link it with :func:`absolute_url`)."""
    return f"v/{stamp}/index.html"


def stamp_proof(stamp: str) -> str:
    """A stamp's C2SP tlog-proof file, beside its ``/v/<stamp>/`` page (written with the log,
    which no engine sees: link it with :func:`absolute_url`)."""
    return f"v/{stamp}/{stamp}.tlog-proof"


def verify_compound(compound_id: str) -> str:
    """Every version stamp of one compound, for checking a sheet without JavaScript
    (``/verify/<id>/``)."""
    return f"{VERIFY_DIR}/{compound_id}/index.md"


def compound_feed(compound_id: str) -> str:
    """A compound's own Atom feed of its changes (``/compounds/<id>/feed.xml``)."""
    return f"{COMPOUNDS_DIR}/{compound_id}/feed.xml"


def company_page(company_id: str) -> str:
    """The ranking engineer's company history page (``/ranking/companies/<id>/``)."""
    return f"ranking/companies/{company_id}/index.md"


def ranking_period(period_id: str) -> str:
    return f"ranking/{period_id}/index.md"


def ranking_pdf(period_id: str) -> str:
    """Site-relative path of a period's ranking PDF (made by the PDF stage)."""
    return f"pdf/ranking-{period_id}.pdf"


def model_project_photo(file_name: str) -> str:
    return f"{MODEL_PROJECTS_PHOTOS}/{file_name}"


def manager_photo(compound_id: str, file_name: str) -> str:
    return f"{COMPOUNDS_DIR}/{compound_id}/photos/{file_name}"


def pdf_file(compound_id: str) -> str:
    """Site-relative path of a compound's notice PDF (made by the PDF stage)."""
    return f"pdf/{compound_id}.pdf"


def ledger_file(compound_id: str, item_id: str) -> str:
    """Open-data copy of a compound's table (``/data/ledgers/<id>/<item_id>.csv``)."""
    return f"{LEDGERS_DIR}/{compound_id}/{item_id}.csv"


def compound_of(path: str) -> str | None:
    """The compound id whose folder holds ``path`` (a docs-relative path), else ``None``."""
    for folder in COMPOUND_FOLDERS:
        if path.startswith(folder + "/"):
            rest = path[len(folder) + 1:].split("/")
            return rest[0] if len(rest) > 1 and rest[0] else None
    return None


def built_file(path: str) -> str:
    """The file the site engine makes from a docs file: ``a/b.md`` -> ``a/b/index.html``,
    ``index.md`` -> ``index.html``; other files keep their path."""
    if not path.endswith(".md"):
        return path
    return url_of(path) + "index.html"


def url_of(page: str) -> str:
    """Site-relative URL of a Markdown source: ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``;
    of a page written whole: ``a/index.html`` -> ``a/``."""
    if page.endswith("/index.html"):
        return page[: -len("index.html")]
    if not page.endswith(".md"):
        return page
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def link(from_page: str, to_file: str) -> str:
    """Markdown link target from one source page to another docs file (``.md`` or asset).

    Both are docs-relative POSIX paths without ``.`` or ``..`` segments (pure string work:
    no file system, no current directory; this runs for every link of every page).
    """
    here = from_page.split("/")[:-1]
    there = to_file.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def href(from_page: str, to_file: str) -> str:
    """Relative link, as a browser resolves it, from the URL of ``from_page`` to the URL of
    ``to_file`` (both docs paths): for pages no engine rewrites (``v/<stamp>/index.html`` ->
    ``compounds/a/index.md`` gives ``../../compounds/a/``; works under any sub-path)."""
    target = url_of(to_file)
    return link(url_of(from_page) + "index.html", target if target else "index.html").removesuffix("index.html") or "./"


def absolute_url(site_url: str, file: str) -> str:
    """Public address of a docs page or file: ``site_url`` (ends with ``/``) + its URL.

    ``absolute_url("https://x.org/repo/", "pdf/lanting.pdf")`` ->
    ``https://x.org/repo/pdf/lanting.pdf``; a ``.md`` source gives its page URL.
    """
    return site_url + url_of(file)
