"""What every page's ``<head>`` carries beyond the theme's: the compound's feed announcement.

Contract: pure. :data:`THEME_FILES` are the files of the staged theme override folder
(:data:`OVERRIDES`, named as ``theme.custom_dir`` in the staged ``mkdocs.yml``): one
``main.html`` that extends the theme's page and adds, in the head, the
``<link rel="alternate" type="application/atom+xml">`` of a page whose front matter has a
``feed`` (``{url, title}``, see :func:`generator.render.web.environment.front_matter`). The
values are escaped by the template engine (``|e``), so a compound name holding HTML or
Markdown (``[x](javascript:…)``, ``![](http://x/y.png)``) is text in an attribute, and the
element is where HTML allows it (never in the page body). ``rel`` is written ``" alternate"``:
the same token for browsers and feed readers (``relList`` holds ``alternate``), but not matched
by the theme's ``link[rel=alternate]`` (an exact-value selector), which takes every such link
for a language version of the site and fetches ``sitemap.xml`` beside it on every page view
(a 404 for ``/compounds/<id>/sitemap.xml``). MkDocs and Zensical both read the override
(Jinja2 / MiniJinja: ``extends``, ``super()``, ``e``).
"""

from __future__ import annotations

OVERRIDES = "overrides"

MAIN_HTML = """{% extends "base.html" %}
{% block extrahead %}
{{ super() }}
{%- if page and page.meta and page.meta.feed %}
<link rel=" alternate" type="application/atom+xml" title="{{ page.meta.feed.title | e }}" href="{{ page.meta.feed.url | e }}">
{%- endif %}
{% endblock %}
"""

THEME_FILES = {f"{OVERRIDES}/main.html": MAIN_HTML}
"""Staged beside ``mkdocs.yml`` (path -> text)."""
