"""Synthetic cities for tests and benchmarks: ``python -m generator synth``.

Modules: :mod:`.ledgers` (arithmetic) -> :mod:`.files` (YAML/CSV writers) -> :mod:`.plans`
(what a city, company, compound is) -> :mod:`.context` (what an item builder takes) ->
:mod:`.money_items` (the items whose tables are money) -> :mod:`.items` (one compound's files,
every item builder) -> :mod:`.city`
(city, catalogue, companies, evaluations) and :mod:`.names` (a random fictional city).

Contract:

* :func:`write_city` writes a complete data folder (city, catalogue, companies, compounds with
  every item file and CSV, two evaluation periods) for ``count`` fictional compounds;
* deterministic: the same ``(count, seed, districts)`` gives the same bytes. The only randomness is one
  ``random.Random(seed)``; iteration is in list order; no clock is read;
* valid: ``python -m generator check --as-of 2026-11-15`` (:data:`AS_OF`) reports warnings only
  (the deliberate stale, missing and not-applicable items), never errors;
* money is :class:`~decimal.Decimal` from draw to file. Every ledger is computed by
  :mod:`generator.tools.synth.ledgers` (running balances, quarter statements, utility lines,
  service accounts, fund years, parking totals), the one routine used to write ledgers; the
  sample city in ``data/`` was written with the same routines and writers;
* CSVs come in the forms Excel produces (UTF-8, UTF-8 with BOM, GB18030; field names or
  Chinese titles as headers; ``1,234.50`` / ``¥1,234.50``; ``2026/7/1`` / ``2026年7月1日``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.tools.synth.city import catalogue_yaml, city_yaml, company_yaml, default_policy, evaluation_files
from generator.tools.synth.files import CsvStyle, Writer
from generator.tools.synth.items import Context, write_compound
from generator.tools.synth.names import credit_code, plan_city
from generator.tools.synth.plans import CityPlan, CompanyPlan, CompoundPlan

AS_OF = date(2026, 11, 15)
"""The day the synthetic (and sample) data is designed for: ``check --as-of 2026-11-15``."""

__all__ = ["AS_OF", "CityPlan", "CompanyPlan", "CompoundPlan", "Context", "CsvStyle", "Writer", "catalogue_yaml",
           "city_yaml", "company_yaml", "credit_code", "default_policy", "write_city", "write_compound"]


def write_city(root: Path, count: int, seed: int = 1, districts: int | None = None) -> int:
    """Write a synthetic city of ``count`` compounds below ``root``; returns files written.
    ``districts``: how many districts (default: 2 below 100 compounds, 4 and more from 100 on)."""
    plan, rng = plan_city(count, seed, districts)
    out = Writer(root)
    out.yaml("city.yaml", "city", city_yaml(plan, default_policy()))
    out.yaml("catalogue.yaml", "catalogue", catalogue_yaml())
    companies = {c.id: c for c in plan.companies}
    for c in plan.companies:
        out.yaml(f"companies/{c.id}.yaml", "company", company_yaml(c))
    for p in plan.compounds:
        write_compound(out, p, Context(plan.name, plan.area_code, companies.get(p.company or ""), rng))
    evaluation_files(out, plan, rng)
    return len(out.written)
