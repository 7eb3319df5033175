"""Stage 3: red/black (or yellow) lists computed from the evaluation sheets.

Public API (the render stage and the PDFs code against it)::

    rank_all(ds) -> list[PeriodRanking]          # chronological
    history(rankings, company_id) -> list[tuple[PeriodRanking, CompanyResult]]
    rank_rows(policy, sheet, rows, previous=None) -> PeriodRanking   # one sheet, for tests

Pure: reads only the loaded dataset, never files; exact Decimal arithmetic with the
rounding stated in :mod:`generator.derive.rank.scores`; the ordering, ranking and list rules are in
:mod:`generator.derive.rank.lists`. Run the checks first: with bad data the results are computed
but must not be published.
"""

from generator.derive.rank.compute import history, rank_all, rank_rows
from generator.derive.rank.results import CompanyResult, ListName, PeriodRanking

__all__ = ["CompanyResult", "ListName", "PeriodRanking", "history", "rank_all", "rank_rows"]
