"""Hints that findings share: the one "did you mean" wording.

Contract: :func:`did_you_mean` gives the hint for a value that names nothing known: the
closest known name (``是不是想写“…”？``) when one is close enough (difflib's ratio 0.6),
else the first twelve known names. Every check that refers to ids uses it.
"""

from __future__ import annotations

import difflib
from typing import Sequence

SHOWN_CHOICES = 12


def did_you_mean(value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"是不是想写“{close[0]}”？" if close else "可用的编号：" + "、".join(list(choices)[:SHOWN_CHOICES])
