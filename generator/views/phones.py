"""The phones residents may call beyond the company, nearest body first.

One list for the compound's web page and its notice PDF, so paper and web agree: the
community, the street, the district's regulator, the city regulator, the 12345 hotline and
the price-report phone (the fee notice's own when it names one, else the city's).
"""

from __future__ import annotations

from generator.load.dataset import CompoundRecord
from generator.model.city import City, Community, District, Street


def price_report_phone(city: City, rec: CompoundRecord) -> str:
    fee = rec.items.get("fee_schedule")
    own = getattr(fee.file.model, "price_report_phone", None) if fee is not None else None
    return own or city.price_report_phone


def supervision_phones(city: City, rec: CompoundRecord, district: District | None, street: Street | None,
                       community: Community | None) -> list[tuple[str, str]]:
    """(who, phone), nearest first; bodies without a phone are left out."""
    out: list[tuple[str, str]] = []
    if community is not None and community.phone:
        out.append((community.name, community.phone))
    if street is not None and street.phone:
        out.append((street.name, street.phone))
    if district is not None and district.regulator_phone:
        out.append((f"{district.name}物业主管部门", district.regulator_phone))
    out.append((city.regulator, city.regulator_phone))
    out.append(("政务服务便民热线", city.hotline))
    out.append(("价格举报电话", price_report_phone(city, rec)))
    return out
