"""The figures of a statement the generator can compute, whether or not the clerk typed them.

Type nothing twice: a maintenance fund's balances and yearly use, a service account's
collection rate, total cost, commission and surplus are optional input. Contract:

* :func:`fund_years`: every year of a maintenance-fund file, oldest first, complete: the
  stated value where there is one (the checks compare it with the computed one), else the
  computed one: opening = the previous year's closing (0 for a first year without one:
  reported by the checks), used = that year's rows of the use table, closing = opening +
  deposited + interest − used. Each unit's fund (``unit``: 7号楼…) is its own: its years
  chain only with its own years and count only its own use rows; nothing is summed across units;
* :func:`service_figures`: the same for a service-accounts file: collection rate = received
  ÷ receivable (3 decimals, half up), total cost = the sum of the cost lines, commission =
  rate × total cost (to the cent), surplus = received + other income − total cost − commission;
* :func:`utility_share`: a utility row's 分摊标准, stated or amount ÷ the file's basis (to the
  fen per household, to 4 decimals per ㎡, half up); None without a basis. (Its 用量 and 金额
  are completed by the row model itself, :class:`generator.model.tables.UtilityRow`.);
* :func:`completed_rows`: a table's rows with those figures filled in where the clerk left
  them out (a public-revenue balance, a utility share), as the pages show them: what the
  open-data ledgers publish.

Pure and exact (Decimal). Pages, notices, open data and the residents' answers read these.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Sequence

from generator.derive.ledgers import running_balances
from generator.model.base import Record
from generator.model.disclosures import (ItemFile, MaintenanceFundFile, PublicRevenueFile, ServiceAccountsFile,
                                         UtilitySharingFile)
from generator.model.tables import MaintenanceFundUseRow, PublicRevenueRow, UtilityRow

ZERO = Decimal(0)
CENT = Decimal("0.01")
MILLI = Decimal("0.001")


@dataclass(frozen=True)
class FundYearTotal:
    year: int
    unit: str | None
    opening_balance: Decimal
    deposited: Decimal
    interest: Decimal
    used: Decimal
    closing_balance: Decimal


def used_by_year(rows: Sequence[MaintenanceFundUseRow]) -> dict[tuple[str | None, int], Decimal]:
    """Money used per (unit, year)."""
    out: dict[tuple[str | None, int], Decimal] = defaultdict(Decimal)
    for row in rows:
        out[(row.unit, row.date.year)] += row.amount
    return dict(out)


def fund_years(file: MaintenanceFundFile, rows: Sequence[MaintenanceFundUseRow]) -> list[FundYearTotal]:
    """Every year of every unit, by unit (first seen first), oldest year first within a unit."""
    spent = used_by_year(rows)
    out: list[FundYearTotal] = []
    units = list(dict.fromkeys(y.unit for y in file.years))
    for unit in units:
        previous: FundYearTotal | None = None
        for y in sorted((y for y in file.years if y.unit == unit), key=lambda y: y.year):
            opening = y.opening_balance if y.opening_balance is not None else (previous.closing_balance if previous else ZERO)
            used = y.used if y.used is not None else spent.get((unit, y.year), ZERO)
            closing = y.closing_balance if y.closing_balance is not None else opening + y.deposited + y.interest - used
            previous = FundYearTotal(y.year, unit, opening, y.deposited, y.interest, used, closing)
            out.append(previous)
    return out


@dataclass(frozen=True)
class ServiceFigures:
    collection_rate: Decimal | None
    """None without fee income (or with nothing receivable)."""
    total_cost: Decimal
    commission: Decimal | None
    """None without a commission (a lump-sum contract)."""
    surplus: Decimal | None
    """None without fee income."""


def collection_rate(received: Decimal, receivable: Decimal) -> Decimal | None:
    return (received / receivable).quantize(MILLI, rounding=ROUND_HALF_UP) if receivable > 0 else None


def service_figures(file: ServiceAccountsFile) -> ServiceFigures:
    total = file.total_cost if file.total_cost is not None else sum((c.amount for c in file.costs), ZERO)
    commission: Decimal | None = None
    if file.commission is not None:
        commission = (file.commission.amount if file.commission.amount is not None
                      else (file.commission.rate * total).quantize(CENT, rounding=ROUND_HALF_UP))
    rate: Decimal | None = None
    surplus: Decimal | None = file.surplus
    if file.income is not None:
        i = file.income
        rate = i.collection_rate if i.collection_rate is not None else collection_rate(i.received, i.receivable)
        if surplus is None:
            surplus = i.received + i.other_income - total - (commission or ZERO)
    return ServiceFigures(rate, total, commission, surplus)


SHARE_PLACES = {"按户": CENT, "按建筑面积": Decimal("0.0001")}
"""How precisely a computed share is written: 元 per household to the fen, 元 per ㎡ to 4 places."""


def utility_share(file: UtilitySharingFile, row: UtilityRow) -> Decimal | None:
    if row.per_unit is not None:
        return row.per_unit
    if not file.basis_total:
        return None
    places = SHARE_PLACES[file.method or "按建筑面积"]
    return (row.amount / file.basis_total).quantize(places, rounding=ROUND_HALF_UP)


def completed_rows(file: ItemFile, rows: Sequence[Record]) -> list[Record]:
    if isinstance(file, PublicRevenueFile):
        ledger = [r for r in rows if isinstance(r, PublicRevenueRow)]
        balances = running_balances(file.opening_balance, ledger)
        return [r if r.balance is not None else r.model_copy(update={"balance": b}) for r, b in zip(ledger, balances)]
    if isinstance(file, UtilitySharingFile):
        return [r.model_copy(update={"per_unit": utility_share(file, r)}) for r in rows if isinstance(r, UtilityRow)]
    return list(rows)
