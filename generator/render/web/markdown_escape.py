"""The one escaping helper: text from data, made safe to place in Markdown (and in HTML).

Everything that comes from data files goes through one of these before it reaches a page:

* :func:`md_text` for inline text (headings, paragraphs, list items, link text);
* :func:`md_cell` for a cell of a Markdown pipe table;
* :func:`html_text` / :func:`html_attr` for text and attribute values inside raw HTML or SVG
  the renderers write themselves;
* :func:`xml_text` / :func:`xml_attr` for the Atom feed (XML forbids control characters, which
  are dropped).

Contract: the result shows the input *as text*, whatever it contains. HTML (``<script>``,
``<img onerror=…>``) and entities become text; Markdown syntax (``*emphasis*``,
``[links](javascript:…)``, ``` `code` ```, ``|`` table separators, ``{: attr}`` lists,
headings or list markers at the start of a line) becomes text; line breaks never end a
line of Markdown (inline text folds them into a space, a table cell into ``<br>``).

Characters are replaced by HTML character references (``&#42;``), not backslash escapes:
Python-Markdown passes references through untouched in every context, including tables and
link text, whatever extensions are enabled, and the browser shows the original character.
Chinese text, digits and ordinary punctuation are left alone so the staged Markdown stays
readable.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

# Characters with a meaning in Markdown, its extensions or HTML, anywhere in a line.
_INLINE = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "(": "&#40;",
    ")": "&#41;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "$": "&#36;",
    ":": "&#58;",
    '"': "&quot;",
}
_INLINE_TABLE = str.maketrans(_INLINE)
# A line starting with one of these (after our text is placed at a line start) is a block:
# heading, list, quote, setext underline, ordered list ("1. ", "1) "), definition, rule.
_BLOCK_START = re.compile(r"^(?:[#+\-!]|\d+[.)](?=\s|$))")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t]+")


def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    return _CONTROL.sub("", text)


def _escape_line(line: str) -> str:
    line = _SPACES.sub(" ", line.strip())
    out = line.translate(_INLINE_TABLE)
    match = _BLOCK_START.match(line)
    if match:
        first = match.group(0)
        # Escape the character that makes the line a block (the '.' or ')' of "1.").
        head = first[:-1] + f"&#{ord(first[-1])};"
        out = head + out[len(first.translate(_INLINE_TABLE)):]
    return out


def md_text(value: Any) -> Markup:
    """Inline Markdown showing ``value`` as text; line breaks become spaces."""
    lines = [_escape_line(part) for part in _LINE_BREAKS.split(_clean(value))]
    return Markup(" ".join(part for part in lines if part))


def md_cell(value: Any) -> Markup:
    """A Markdown table cell showing ``value`` as text; line breaks become ``<br>``.

    An empty value becomes an em dash so the cell is visibly empty rather than missing.
    """
    lines = [_escape_line(part) for part in _LINE_BREAKS.split(_clean(value))]
    text = "<br>".join(part for part in lines if part)
    return Markup(text or "—")


def html_text(value: Any) -> Markup:
    """Text content for raw HTML or SVG (also safe inside a Markdown paragraph)."""
    return md_text(value)


def html_attr(value: Any) -> Markup:
    """A double-quoted HTML/SVG attribute value (never a URL taken from data)."""
    return escape(_LINE_BREAKS.sub(" ", _clean(value)))


def xml_text(value: Any) -> str:
    """Text content of an XML element."""
    return str(escape(_clean(value)))


def xml_attr(value: Any) -> str:
    """A double-quoted XML attribute, quotes included."""
    return f'"{escape(_clean(value))}"'
