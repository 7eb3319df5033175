"""Stage 2: checks over the loaded dataset. Each module yields findings; none writes or raises.

:func:`run_checks` runs them all and returns the findings plus the disclosure status of
every compound x catalogue item, which the render stage shows.
"""

from __future__ import annotations

from datetime import date

from generator.checks import arithmetic, evaluations, ledger_dates, privacy, references, totals
from generator.derive import status
from generator.derive.status import StatusMatrix
from generator.findings import Findings
from generator.load.dataset import Dataset


def run_checks(ds: Dataset, as_of: date, findings: Findings) -> StatusMatrix:
    references.check(ds, findings)
    evaluations.check(ds, findings)
    arithmetic.check(ds, findings, as_of)
    totals.check(ds, findings)
    ledger_dates.check(ds, findings)
    privacy.check(ds, findings)
    return status.compute(ds, as_of, findings)
