"""Stage 3: red/black (or yellow) lists computed from the evaluation sheets.

Public API (the render stage and the PDFs code against it)::

    rank_all(ds, as_of=None) -> list[PeriodRanking]   # chronological; as_of judges 整改 deadlines
    history(rankings, company_id) -> list[tuple[PeriodRanking, CompanyResult]]
    rank_rows(policy, sheet, rows, previous=None, *, earlier=None, as_of=None, ds=None) -> PeriodRanking

Pure: reads only the loaded dataset, never files; exact Decimal arithmetic with the
rounding stated in :mod:`generator.derive.rank.scores`; the scoring models in
:mod:`generator.derive.rank.models`; the ordering, ranking, grade and list rules (with the
reasons in plain words) in :mod:`generator.derive.rank.lists`; flags in
:mod:`generator.derive.rank.flags`; lists by decision in :mod:`generator.derive.rank.decisions`. Run the checks first: with bad data the results are computed
but must not be published.
"""

from generator.derive.rank.compute import OVERDUE, history, rank_all, rank_rows, rectification_text
from generator.derive.rank.decisions import DecidedList, DecidedMember
from generator.derive.rank.results import CompanyResult, FlagHit, ListName, PeriodRanking

__all__ = ["OVERDUE", "CompanyResult", "DecidedList", "DecidedMember", "FlagHit", "ListName", "PeriodRanking",
           "history", "rank_all", "rank_rows", "rectification_text"]
