"""Totals derived from the public-revenue ledger, shared by the checks and the renderers.

:func:`ledger_quarters` sums ledger rows by calendar quarter, oldest first: income,
reasonable cost, the company's share, money used, and the closing balance (previous
balance + income − cost − share − used, from ``opening``); :func:`running_balances` the
balance after each row; :func:`quarterly_totals` does
the same for a public-revenue file, falling back to its stated ``quarters`` when it has no
ledger rows. An opening balance the notice does not give is unknown, not 0: the balance is
then unknown (None) until the first row whose balance is written, and runs on from there.
Pure and exact (Decimal). The web table, the notice board and the residents'
key figures (:mod:`generator.views.answers`) all read these totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from generator.model.base import Period, parse_period, quarter_of
from generator.model.disclosures import PublicRevenueFile
from generator.model.tables import PublicRevenueRow

ZERO = Decimal(0)
ENTRY_TYPES = ("income", "cost", "company_share", "use")


@dataclass(frozen=True)
class QuarterTotal:
    period: Period
    income: Decimal
    cost: Decimal
    company_share: Decimal
    used: Decimal
    closing_balance: Decimal | None

    @property
    def net_to_owners(self) -> Decimal:
        return self.income - self.cost - self.company_share


def _change(row: PublicRevenueRow) -> Decimal:
    return row.amount if row.type == "income" else -row.amount


def running_balances(opening: Decimal | None, rows: Sequence[PublicRevenueRow]) -> list[Decimal | None]:
    """The owners' balance after each ledger row, in order: income adds, everything else
    subtracts; while the balance is unknown, a row's written balance starts it."""
    out: list[Decimal | None] = []
    balance = opening
    for row in rows:
        balance = row.balance if balance is None else balance + _change(row)
        out.append(balance)
    return out


def ledger_quarters(opening: Decimal | None, rows: Sequence[PublicRevenueRow]) -> list[QuarterTotal]:
    sums: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        sums.setdefault(quarter_of(row.date), dict.fromkeys(ENTRY_TYPES, ZERO))[row.type] += row.amount
    closing: dict[str, Decimal | None] = {}
    if opening is None:
        for row, after in zip(rows, running_balances(None, rows)):
            closing[quarter_of(row.date)] = after
    balance = opening
    out = []
    for quarter in sorted(sums, key=lambda q: parse_period(q).start):
        s = sums[quarter]
        if opening is not None:
            assert balance is not None
            balance = balance + s["income"] - s["cost"] - s["company_share"] - s["use"]
            closing[quarter] = balance
        out.append(QuarterTotal(parse_period(quarter), s["income"], s["cost"], s["company_share"], s["use"],
                                closing[quarter]))
    return out


def quarterly_totals(file: PublicRevenueFile, rows: Sequence[PublicRevenueRow]) -> list[QuarterTotal]:
    """Totals per quarter, oldest first; the stated ``quarters`` when there is no ledger (a
    figure left out there is 0, a closing balance left out follows from the one before, or
    stays unknown while no balance is known)."""
    if not rows:
        out: list[QuarterTotal] = []
        balance = file.opening_balance
        for q in sorted(file.quarters, key=lambda q: q.period.start):
            income, cost = q.income or ZERO, q.cost or ZERO
            share, used = q.company_share or ZERO, q.used or ZERO
            if q.closing_balance is not None:
                balance = q.closing_balance
            elif balance is not None:
                balance = balance + income - cost - share - used
            out.append(QuarterTotal(q.period, income, cost, share, used, balance))
        return out
    return ledger_quarters(file.opening_balance, rows)
