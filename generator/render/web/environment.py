"""The one Jinja2 environment for the site's Markdown templates (``templates/site/``).

Contract: escaping is the default. Every ``{{ expression }}`` whose value is not already
:class:`~markupsafe.Markup` is passed through :func:`~generator.render.web.markdown_escape.md_text`
(``finalize``), so a template cannot forget to escape a value from data. Values that are
already Markdown (a link the renderer built, a fragment from another renderer) arrive as
``Markup``. Filters: ``cell`` (a table cell, :func:`md_cell`), ``attr`` (an HTML attribute), ``phone`` (a ``tel:`` link), ``url`` (a path we built, percent-encoded),
and the formatting filters of :mod:`generator.render.formatting`.

The environment is created once per process and its templates are compiled once (Jinja's
cache), so rendering N pages costs N template calls, not N compilations.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.render.formatting import FILTERS
from generator.templates import ROOT
from generator.render.web.markdown_escape import html_attr, md_cell, md_text



def tel_href(value: Any) -> str | None:
    """The ``tel:`` target of a phone number (its digits only), None when it has no digits."""
    digits = "".join(ch for ch in str(value) if ch.isascii() and ch.isdigit())
    return f"tel:{digits}" if digits else None


def phone_link(value: Any) -> Markup:
    """A phone number as a Markdown ``tel:`` link."""
    href = tel_href(value)
    return Markup(f"[{md_text(value)}]({href})") if href else md_text(value)


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    return md_text(value)


@lru_cache(maxsize=None)
def environment() -> Environment:
    """The one environment: ``site/`` templates by their own name, the others as
    ``ranking/...`` and ``model_projects/...``. Templates are compiled once and recompiled
    when their file changes (``auto_reload``: ``serve`` picks up an edited template)."""
    env = Environment(
        loader=FileSystemLoader([str(ROOT / "site"), str(ROOT)]),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        cache_size=-1,
        auto_reload=True,
    )
    env.filters.update({name: (lambda f: lambda v, *a: Markup(f(v, *a)))(fn) for name, fn in FILTERS.items()})
    env.filters["cell"] = md_cell
    env.filters["attr"] = html_attr
    env.filters["phone"] = phone_link
    env.filters["url"] = lambda path: Markup(quote(str(path), safe="/#"))
    return env


def render(template: str, **context: Any) -> str:
    """Render ``templates/site/<template>`` with ``context``."""
    return environment().get_template(template).render(**context)


def front_matter(title: str, *, search_exclude: bool = False, search_boost: int | None = None,
                 search_terms: list[str] | None = None, feed: tuple[str, str] | None = None) -> str:
    """The page's YAML front matter: its title (HTML-escaped, because the theme prints it as
    HTML in ``<title>`` and the header) and whether or how search indexes it.
    ``search_terms`` become the page's ``tags``: the search index carries them as they are
    (no word segmentation) and the site's stylesheet hides them in the results; the page
    itself shows no tags (no tags plugin). ``feed`` (URL, title), as they are: the theme
    override (:mod:`generator.render.web.head`) escapes them into the page head."""
    lines = ["---", "title: " + json.dumps(str(escape(title)), ensure_ascii=False)]
    if search_exclude:
        lines += ["search:", "  exclude: true"]
    elif search_boost is not None:
        lines += ["search:", f"  boost: {search_boost}"]
    if search_terms and not search_exclude:
        lines.append("tags: " + json.dumps([str(escape(t)) for t in search_terms], ensure_ascii=False))
    if feed is not None:
        lines.append("feed: " + json.dumps({"url": feed[0], "title": feed[1]}, ensure_ascii=False))
    return "\n".join(lines + ["---", "", ""])
