"""City-wide figures programmes report, always as numerator / denominator (domain.md).

* professional service coverage: compounds and floor area under a property company;
* owners' committee (业委会/物管会) coverage;
* Party-organisation coverage of companies;
* complaints: received, resolved, resolved first time (from oversight records);
* disclosure coverage per catalogue item: published / applicable (N.A. excluded), and stale.

Pure: computed from the dataset and the status matrix; Decimal ratios.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.derive.status import StatusMatrix
from generator.load.dataset import Dataset


@dataclass(frozen=True)
class Ratio:
    label: str
    numerator: Decimal
    denominator: Decimal
    unit: str = ""

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (self.numerator * 100 / self.denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def text(self) -> str:
        pct = self.percent
        share = f"{pct}%" if pct is not None else "—"
        return f"{share}（{_num(self.numerator)}/{_num(self.denominator)}{self.unit}）"


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


def city_figures(ds: Dataset, status: StatusMatrix) -> list[Ratio]:
    compounds = [r.model for r in ds.compounds.values()]
    n = Decimal(len(compounds))
    pro = [c for c in compounds if c.serving_company]
    area = sum((c.floor_area or Decimal(0) for c in compounds), Decimal(0))
    pro_area = sum((c.floor_area or Decimal(0) for c in pro), Decimal(0))
    committees = [c for c in compounds if c.owners_committee is not None and c.owners_committee.kind != "无"]
    companies = [c.model for c in ds.companies.values()]
    party = [c for c in companies if c.party is not None and c.party.kind != "无"]
    received = resolved = first = Decimal(0)
    for rec in ds.compounds.values():
        item = rec.items.get("oversight")
        stats = getattr(item.file.model, "complaints", None) if item else None
        if stats is not None:
            received += stats.received
            resolved += stats.resolved
            first += stats.first_time_resolved
    cells = [st for row in status.values() for st in row.values()]
    applicable = [st for st in cells if st.state != "not_applicable"]
    published = [st for st in applicable if st.state == "published"]
    return [
        Ratio("专业化物业服务覆盖率（小区）", Decimal(len(pro)), n, " 个小区"),
        Ratio("专业化物业服务覆盖率（面积）", pro_area, area, " ㎡"),
        Ratio("业主委员会（物管会）组建率", Decimal(len(committees)), n, " 个小区"),
        Ratio("物业企业党组织覆盖率", Decimal(len(party)), Decimal(len(companies)), " 家企业"),
        Ratio("投诉办结率", resolved, received, " 件"),
        Ratio("投诉一次办结率", first, received, " 件"),
        Ratio("公示项目按时公示率", Decimal(len(published)), Decimal(len(applicable)), " 项"),
    ]


def item_coverage(ds: Dataset, status: StatusMatrix) -> dict[str, dict[str, int]]:
    """item id -> counts per state (published, stale, missing, not_applicable, invalid)."""
    out: dict[str, dict[str, int]] = {}
    if ds.catalogue is None:
        return out
    for item in ds.catalogue.model.items:
        counts = {"published": 0, "stale": 0, "missing": 0, "not_applicable": 0, "invalid": 0}
        for row in status.values():
            counts[row[item.id].state] += 1
        out[item.id] = counts
    return out
