"""The parts of a one-line answer: plain text, a figure to emphasise, a callable phone.

Contract: :class:`Span` values in a tuple make a sentence that the web and paper layouts
place as they like (values are not escaped here: a layout escapes them); :func:`join` puts a
separator between groups of spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

SpanKind = Literal["text", "figure", "phone"]


@dataclass(frozen=True)
class Span:
    text: str
    kind: SpanKind = "text"


def text(text: str) -> Span:
    return Span(text)


def fig(text: str) -> Span:
    return Span(text, "figure")


def tel(number: str) -> Span:
    return Span(number, "phone")


def join(parts: Sequence[Sequence[Span]], sep: str = "；") -> list[Span]:
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append(text(sep))
        out.extend(part)
    return out
