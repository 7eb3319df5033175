"""Stage 2: checks over the loaded dataset. Each module yields findings; none writes or raises.

:func:`run_checks` runs them all and returns the findings plus the disclosure status of
every compound x catalogue item, which the render stage shows.
"""

from __future__ import annotations

from datetime import date

from generator.checks import (arithmetic, evaluations, ledger_dates, notices, price_history, privacy, references,
                              status as status_checks, totals)
from generator.derive import status
from generator.derive.status import StatusMatrix
from generator.findings import Findings
from generator.load.dataset import Dataset
from generator.load.history import read_log


def run_checks(ds: Dataset, as_of: date, findings: Findings) -> StatusMatrix:
    references.check(ds, findings)
    evaluations.check(ds, findings)
    arithmetic.check(ds, findings, as_of)
    totals.check(ds, findings)
    ledger_dates.check(ds, findings)
    notices.check(ds, findings)
    price_history.check(ds, findings, read_log(ds.root))
    privacy.check(ds, findings)
    matrix = status.compute(ds, as_of)
    status_checks.check(ds, matrix, as_of, findings)
    return matrix
