"""Phones as residents dial them, and the phones they may call beyond the company.

:func:`tel_uri` is the one rule for a ``tel:`` link (RFC 3966): the number's digits with its
visual separators as ``-``, and an extension (``转8001``, ``分机 8001``, ``ext. 8001``) after a
comma, the pause a phone's dialler waits before sending it: ``0550-6302501转8001`` ->
``tel:0550-6302501,8001`` (not ``tel:055063025018001``, which dials a wrong number).

:func:`supervision_phones`: one list for the compound's web page and its notice PDF, so paper and web agree: the
community, the street, the district's regulator, the city regulator, the 12345 hotline and
the price-report phone (the fee notice's own when it names one, else the city's).
"""

from __future__ import annotations

import re

from generator.load.dataset import CompoundRecord
from generator.model.city import City, Community, District, Street
from generator.model.values import split_extension

HOTLINE = "政务服务便民热线"
"""The city's hotline (``City.hotline``, 12345) as residents know it."""

_SEPARATORS = re.compile(r"[^0-9+]+")


def tel_uri(value: object) -> str | None:
    """The ``tel:`` target of a phone number as written, None when it has no digits."""
    number, extension = split_extension(str(value))
    main = _SEPARATORS.sub("-", number).strip("-")
    if not any(ch.isdigit() for ch in main):
        return None
    return f"tel:{main}," + extension if extension else f"tel:{main}"


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
    out.append((HOTLINE, city.hotline))
    out.append(("价格举报电话", price_report_phone(city, rec)))
    return out
