"""The body of each disclosure item page: what the item's template needs beyond its record.

Contract: pure. :func:`item_body` renders ``templates/site/items/<item_id>.md.j2`` with the
item's YAML model (``file``), its CSV rows (``rows``) and the derived figures computed here
(totals, rates with numerator and denominator, the revenue chart). The templates escape
every value from data (see :mod:`generator.render.web.environment`); what this module passes as
:class:`~markupsafe.Markup` is built from escaped parts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from markupsafe import Markup

from generator.load.dataset import ItemRecord
from generator.render import paths
from generator.render.context import CompoundFacts, SiteContext
from generator.render.plan import manager_photo
from generator.render.web.environment import render
from generator.model.vocabulary import CONTRACT_TYPES, REVENUE_ENTRIES as ENTRY_LABELS, UTILITY_UNITS
from generator.render.formatting import percent
from generator.render.web.ranking import oversight_section
from generator.render.phones import supervision_phones
from generator.render.web.revenue import bar_chart, quarterly_totals


Extra = Callable[[SiteContext, CompoundFacts, ItemRecord, str], dict[str, Any]]


def rate(numerator: int | Decimal, denominator: int | Decimal) -> str:
    """``90.5%（561/620）``: a rate always with its numerator and denominator."""
    return f"{percent(numerator, denominator)}（{numerator}/{denominator}）"


def _company_profile(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> dict[str, Any]:
    photo = manager_photo(facts.record)
    model = facts.record.model
    return {
        "photo": paths.link(page, photo[0]) if photo and ctx.has_page(photo[0]) else None,
        "contract_type": CONTRACT_TYPES.get(model.contract.type, "") if model.contract else "",
        "staff_total": sum(s.count for s in record.file.model.staff),
    }


def _complaint_channels(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> dict[str, Any]:
    return {"supervision": supervision_phones(ctx.city, facts.record, facts.district, facts.street, facts.community)}


def _public_revenue(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> dict[str, Any]:
    totals = quarterly_totals(record.file.model, record.table.rows)
    return {
        "totals": totals,
        "sum": {key: sum((getattr(t, key) for t in totals), Decimal(0))
                for key in ("income", "cost", "company_share", "net_to_owners", "used")},
        "chart": bar_chart(totals, f"{facts.name}公共收益（按季度，元）") if totals else Markup(""),
        "entry_labels": ENTRY_LABELS,
    }


def _parking(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> dict[str, Any]:
    rows = record.table.rows
    return {"total": {key: sum(getattr(r, key) for r in rows) for key in ("total", "sold", "rented", "vacant")}}


def _service_accounts(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> dict[str, Any]:
    file = record.file.model
    income = file.income
    return {
        "collection": rate(income.received, income.receivable) if income else "",
        "costs_sum": sum((c.amount for c in file.costs), Decimal(0)),
        "budget_sum": sum((c.amount for c in file.budget), Decimal(0)),
        "contract_type": CONTRACT_TYPES.get(facts.record.model.contract.type, "") if facts.record.model.contract else "",
    }


def _maintenance_fund(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> dict[str, Any]:
    return {"uses_sum": sum((r.amount for r in record.table.rows), Decimal(0))}


def _utility_sharing(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> dict[str, Any]:
    method = record.file.model.method
    return {
        "units": UTILITY_UNITS,
        "share_unit": "元/户" if method == "按户" else "元/㎡",
        "basis_unit": "户" if method == "按户" else "㎡",
    }


def _oversight(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> dict[str, Any]:
    file = record.file.model
    s, c = file.satisfaction, file.complaints
    return {
        "ranking": Markup(oversight_section(ctx.ds, ctx.rankings, facts.company_id, page=page))
        if facts.company_id else None,
        "satisfaction": rate(s.satisfied, s.surveyed) if s else None,
        "resolved": rate(c.resolved, c.received) if c else None,
        "first_time": rate(c.first_time_resolved, c.received) if c else None,
    }


EXTRAS: dict[str, Extra] = {
    "company_profile": _company_profile,
    "complaint_channels": _complaint_channels,
    "public_revenue": _public_revenue,
    "parking": _parking,
    "service_accounts": _service_accounts,
    "maintenance_fund": _maintenance_fund,
    "utility_sharing": _utility_sharing,
    "oversight": _oversight,
}


def item_body(ctx: SiteContext, facts: CompoundFacts, record: ItemRecord, page: str) -> str:
    """The Markdown body of a published (or stale) item's page."""
    extra = EXTRAS.get(record.item_id)
    context = extra(ctx, facts, record, page) if extra else {}
    return render(f"items/{record.item_id}.md.j2", file=record.file.model, rows=record.table.rows,
                  compound=facts.record.model, company=facts.company, city=ctx.city, **context)
