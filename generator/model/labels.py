"""What a model field is called on pages, in diffs and in open data.

Contract: :func:`field_label` is a field's ``title`` (its Chinese column header or label),
else the first words of its description (up to the first “（”, “，”, “；” or space), else its
name. Declared titles win, so a title added to a model shows everywhere at once.
"""

from __future__ import annotations

import re

from pydantic.fields import FieldInfo

_CUT = re.compile(r"[（，；( =]")


def field_label(info: FieldInfo, name: str) -> str:
    if info.title:
        return info.title
    if info.description:
        return _CUT.split(info.description, 1)[0] or name
    return name
