"""What every item builder of the synthetic city takes and returns.

An item builder is ``(plan, context) -> (item YAML data, table rows or None)``: the compound's
:class:`~generator.tools.synth.plans.CompoundPlan` and a :class:`Context` shared by the
builders of one compound (the city, its area code, the company, the random stream, and the
ground parking that the parking and public-revenue items share).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from generator.tools.synth.ledgers import ZERO
from generator.tools.synth.plans import CompanyPlan

Built = tuple[dict, list[dict] | None]


@dataclass
class Context:
    city: str
    area_code: str
    company: CompanyPlan | None
    rng: random.Random
    ground_rented: int = 0
    ground_fee: Decimal = ZERO
    occupancy_h1: Decimal | None = None


