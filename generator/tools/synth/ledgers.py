"""The ledger arithmetic every synthetic (and the sample) ledger is written with.

Contract: pure functions over :class:`~decimal.Decimal`, rounding to 0.01 元 half up exactly
as :mod:`generator.checks.arithmetic` verifies: running balances, quarter statements with the
company's share, utility lines, service accounts with 酬金制 commission, maintenance-fund years
and parking totals. No randomness, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
import random
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal(0)


def cents(value: Decimal) -> Decimal:
    """Round to 0.01 元, half up (the rounding every ledger uses)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def draw_money(rng: random.Random, low: int, high: int) -> Decimal:
    """A random amount between ``low`` and ``high`` 元, in whole cents (never via float)."""
    return Decimal(rng.randint(low * 100, high * 100)).scaleb(-2)


# --------------------------------------------------------------------------- arithmetic


@dataclass(frozen=True)
class Entry:
    """One public-revenue ledger line before its running balance is known."""

    day: date
    type: str  # income | cost | company_share | use
    category: str
    description: str
    amount: Decimal


SIGN = {"income": 1, "cost": -1, "company_share": -1, "use": -1}


def quarter_id(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_end(day: date) -> date:
    month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, 12, 31) if month == 12 else date(day.year, month + 1, 1) - timedelta(days=1)


QUARTER_LABEL = {"Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度"}


def revenue_ledger(entries: list[Entry], opening: Decimal, share_rate: Decimal | None) -> tuple[list[dict], list[dict]]:
    """Ledger rows with running balances, and one statement per quarter.

    balance = previous balance (``opening`` before the first row) + income − cost −
    company_share − use. With ``share_rate`` the company's share of each quarter,
    ``cents(rate × (income − cost))``, is booked on the quarter's last day.
    """
    quarters: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=lambda e: e.day):
        quarters.setdefault(quarter_id(entry.day), []).append(entry)
    rows: list[dict] = []
    statements: list[dict] = []
    balance = opening
    for qid in sorted(quarters):
        lines = quarters[qid]
        income = sum((e.amount for e in lines if e.type == "income"), ZERO)
        cost = sum((e.amount for e in lines if e.type == "cost"), ZERO)
        if share_rate is not None:
            share = cents(share_rate * (income - cost))
            if share < 0:
                raise ValueError(f"{qid}: cost exceeds income, no company share possible")
            if share > 0:
                year, q = qid.split("-")
                lines = lines + [Entry(quarter_end(lines[0].day), "company_share", "企业分成",
                                       f"{year}年{QUARTER_LABEL[q]}公共收益企业分成（{format(share_rate * 100, 'f').rstrip('0').rstrip('.')}%）",
                                       share)]
        share = sum((e.amount for e in lines if e.type == "company_share"), ZERO)
        used = sum((e.amount for e in lines if e.type == "use"), ZERO)
        for e in lines:
            balance += SIGN[e.type] * e.amount
            rows.append({"date": e.day, "type": e.type, "category": e.category, "description": e.description,
                         "amount": e.amount, "balance": balance})
        statements.append({"period": qid, "income": income, "cost": cost, "company_share": share,
                           "net_to_owners": income - cost - share, "used": used, "closing_balance": balance})
    return rows, statements


@dataclass(frozen=True)
class Reading:
    """One month's common-area meter reading."""

    month: str  # 2026-09
    kind: str  # 公共用电 | 公共用水
    start: Decimal
    end: Decimal
    unit_price: Decimal


def utility_rows(readings: list[Reading], basis_total: Decimal) -> list[dict]:
    """usage = end − start; amount = cents(usage × price); per_unit = cents(amount ÷ basis)."""
    out = []
    for r in readings:
        usage = r.end - r.start
        amount = cents(usage * r.unit_price)
        out.append({"month": r.month, "kind": r.kind, "meter_start": r.start, "meter_end": r.end, "usage": usage,
                    "unit_price": r.unit_price, "amount": amount, "per_unit": cents(amount / basis_total)})
    return out


def service_accounts(receivable: Decimal, received: Decimal, arrears_households: int, other_income: Decimal,
                     costs: list[tuple[str, Decimal]], commission_rate: Decimal | None) -> dict:
    """The figures of a service-accounts notice.

    collection_rate = received ÷ receivable (3 decimals, half up); total_cost = Σ costs;
    commission = cents(rate × total_cost) for 酬金制; surplus = received + other_income −
    total_cost − commission.
    """
    total = sum((amount for _, amount in costs), ZERO)
    commission = cents(commission_rate * total) if commission_rate is not None else None
    out: dict[str, Any] = {
        "income": {"receivable": receivable, "received": received,
                   "collection_rate": (received / receivable).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP),
                   "arrears_households": arrears_households, "other_income": other_income},
        "costs": [{"category": c, "amount": a} for c, a in costs],
        "total_cost": total,
        "surplus": received + other_income - total - (commission or ZERO),
    }
    if commission is not None:
        out["commission"] = {"rate": commission_rate, "amount": commission}
    return out


def fund_years(opening: Decimal, flows: list[tuple[int, Decimal, Decimal]], uses: list[tuple[date, Decimal]]) -> list[dict]:
    """Yearly maintenance-fund totals; ``flows`` = (year, deposited, interest).

    used = Σ uses dated in the year; closing = opening + deposited + interest − used; the
    next year opens with the closing balance.
    """
    out = []
    balance = opening
    for year, deposited, interest in flows:
        used = sum((amount for day, amount in uses if day.year == year), ZERO)
        closing = balance + deposited + interest - used
        out.append({"year": year, "opening_balance": balance, "deposited": deposited, "interest": interest,
                    "used": used, "closing_balance": closing})
        balance = closing
    return out


def affordable_uses(opening: Decimal, flows: list[tuple[int, Decimal, Decimal]], uses: list[tuple[date, Decimal]],
                    rows: list[dict]) -> tuple[list[tuple[date, Decimal]], list[dict]]:
    """``uses`` and their ``rows`` without the latest uses while :func:`fund_years` would close a
    year below zero: a fund never pays out more than it holds (a checked error otherwise)."""
    uses, rows = list(uses), list(rows)
    while any(y["closing_balance"] < 0 for y in fund_years(opening, flows, uses)):
        last = max(uses, key=lambda use: use[0])
        uses.remove(last)
        rows.pop(next(i for i, r in enumerate(rows) if (r["date"], r["amount"]) == last))
    return uses, rows


def parking_row(type_: str, ownership: str, sold: int, rented: int, vacant: int,
                monthly_fee: Decimal | None, note: str | None = None) -> dict:
    """A parking row whose total is sold + rented + vacant."""
    return {"type": type_, "ownership": ownership, "total": sold + rented + vacant, "sold": sold, "rented": rented,
            "vacant": vacant, "monthly_fee": monthly_fee, "note": note}
