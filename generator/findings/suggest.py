"""What a hint offers when a reference names nothing: the closest id, or the ids there are,
each with its name beside it (``anju（安居物业）``), so staff recognise what they meant.

Contract: :func:`did_you_mean` takes the value written and the choices as id -> name; a
value that is a name (``安居物业`` where the id belongs) gets its id; a value close to an id
or a name gets that one; else the first :data:`LISTED` choices are listed. Pure, Chinese text.
"""

from __future__ import annotations

import difflib
from typing import Mapping

LISTED = 12


def labelled(ident: str, name: str | None) -> str:
    """``anju（安居物业）``, or the bare id when it has no name (or the name is the id)."""
    return f"{ident}（{name}）" if name and name != ident else ident


def did_you_mean(value: str, choices: Mapping[str, str | None]) -> str:
    """The hint for ``value``, which is none of the ids in ``choices`` (see the module doc)."""
    by_name = {name: ident for ident, name in choices.items() if name}
    if value in by_name:
        return f"“{value}”是名称，这里请写它的编号“{by_name[value]}”。"
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        named = difflib.get_close_matches(value, list(by_name), n=1, cutoff=0.6)
        close = [by_name[named[0]]] if named else []
    if close:
        return f"是不是想写“{close[0]}”（{choices[close[0]]}）？" if choices[close[0]] else f"是不是想写“{close[0]}”？"
    listed = [labelled(i, choices[i]) for i in sorted(choices)[:LISTED]]
    return "可用的编号：" + "、".join(listed) + ("等" if len(choices) > LISTED else "")
