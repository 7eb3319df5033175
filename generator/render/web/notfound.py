"""The site's 404 page in Chinese, with the way back: home, the compound list and search.

Contract: pure. :func:`not_found_page` returns the staged ``404.html``: a small, self-contained
HTML page (inline styles in the site's palette, no scripts, at least 18 px text) that the
staged ``mkdocs.yml`` lists under ``extra_templates``. MkDocs renders it *after* the theme's
own English ``404.html`` and so replaces it, and, because it is an error page, gives it
``base_url`` as the absolute path of ``site_url``: its links work at whatever depth a
missing URL was asked for. The only template syntax in it is ``{{ base_url.rstrip('/') }}``
(``/`` for a site at the root, ``/sub/`` under a sub-path: links become ``/…`` or
``/sub/…``); every text
from data is escaped, braces included (:func:`~generator.render.web.markdown_escape.html_text`),
so it can neither inject HTML nor template code. The search box is a plain form that opens
the home page with ``?q=``, which the theme's search reads (no script needed here).
"""

from __future__ import annotations

from generator.model.city import City
from generator.views import paths
from generator.render.web.markdown_escape import html_text

_STYLE = """
body { margin: 0; font: 18px/1.7 system-ui, -apple-system, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
       color: #1a1a1a; background: #fff; }
header { background: #b71c1c; color: #fff; padding: .6em 1em; font-weight: bold; }
header a { color: #fff; text-decoration: none; }
main { max-width: 40em; margin: 0 auto; padding: 1em; }
h1 { font-size: 1.5em; margin: .5em 0; }
a { color: #b71c1c; }
li { margin: .4em 0; }
label { display: block; font-weight: bold; margin-top: 1em; }
input, button { font: inherit; padding: .4em .6em; border: 2px solid #555; border-radius: .2em; }
input { width: 100%; max-width: 16em; box-sizing: border-box; }
button { background: #b71c1c; color: #fff; border-color: #b71c1c; margin-top: .5em; }
"""


def not_found_page(city: City) -> str:
    """The Jinja source of ``404.html`` (see the module docstring)."""
    title = html_text(city.site_title)
    base = "{{ base_url.rstrip('/') }}/"
    compounds = base + paths.url_of(paths.COMPOUNDS)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>页面不存在 - {title}</title>
<style>{_STYLE}</style>
</head>
<body>
<header><a href="{base}">{title}</a></header>
<main>
<h1>页面不存在（404）</h1>
<p>您要找的页面不存在，可能是地址输错了，或者页面已经更换了位置。</p>
<p>如果您在核对公示单上的版本号（网址 …/v/版本号/）：本站没有这个版本号的记录。请检查是否输错；如果没有输错，这张公示单不是本站发布过的版本，可向社区或街道反映。</p>
<ul>
<li><a href="{base}">回到首页</a></li>
<li><a href="{compounds}">查看小区列表</a>（按区、街道排列）</li>
</ul>
<form action="{base}" method="get" role="search">
<label for="q">搜索小区名称（输入两个字即可）</label>
<input id="q" name="q" type="search" autocomplete="off">
<button type="submit">搜索</button>
</form>
</main>
</body>
</html>
"""
