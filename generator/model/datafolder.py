"""The data folder's layout: where each record lives, as data-relative paths, said once.

Contract: pure string functions (POSIX, relative to the data folder). Findings, the site
plan's origins, the history reader and the scaffold name files with these, never with
hand-written f-strings. :func:`is_plain_file_name` is the one rule for a file name that
a record may give (a photo): a bare name in the record's own folder, no path, not hidden.
"""

from __future__ import annotations

COMPOUNDS = "compounds"
COMPANIES = "companies"
EVALUATIONS = "evaluations"
MODEL_PROJECT_PHOTOS = "model_projects/photos"


def compound_folder(compound_id: str) -> str:
    return f"{COMPOUNDS}/{compound_id}"


def item_file(compound_id: str, item_id: str, suffix: str = ".yaml") -> str:
    """``compounds/<id>/<item>.yaml`` (or the item's table with ``suffix`` ``.csv``/``.xlsx``)."""
    return f"{compound_folder(compound_id)}/{item_id}{suffix}"


def item_origin(compound_id: str, item_id: str) -> str:
    """What an item's pages and sheet are made from: ``compounds/<id>/<item>`` (its files)."""
    return f"{compound_folder(compound_id)}/{item_id}"


def company_origin(company_id: str) -> str:
    return f"{COMPANIES}/{company_id}"


def evaluation_origin(period_id: str) -> str:
    return f"{EVALUATIONS}/{period_id}"


def evaluation_file(period_id: str, suffix: str = ".yaml") -> str:
    return f"{evaluation_origin(period_id)}{suffix}"


def is_plain_file_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")
