"""Views: what each page, sheet and table says, once, between derive and render.

A view is a frozen, format-neutral value (no Markdown, HTML or Typst: display text, numbers
already formatted by :mod:`generator.views.formatting`, blocks of :mod:`generator.views.blocks`)
built from the checked data and the derivations. The web pages (``render/web``), the printed
sheets and booklets (``render/paper``), the ``rank`` terminal table and the open data are
*layouts* of views: they place and escape what a view says and never compute a figure, a label
or a wording of their own; ``render/web`` never imports ``render/paper``.

The modules:

* :mod:`~generator.views.site`: :class:`~generator.views.site.Views`, built once per build
  (``SiteContext.views``), caches every view below and gives every stamp the build prints;
* :mod:`~generator.views.compound`: a compound's view (facts, statuses, who serves it);
* :mod:`~generator.views.item`: a shown item's view (title, answer, blocks, 公示期, 异议 line,
  落款, stamp); :mod:`~generator.views.item_blocks` builds an item's blocks,
  :mod:`~generator.views.answers` its one-line answer and a compound's key figures;
* :mod:`~generator.views.stamp`: the one stamp function (a hash of a view's content);
  :mod:`~generator.views.versions` stamps the items' git history the same way;
* :mod:`~generator.views.paths`: the URL rules; :mod:`~generator.views.phones`: the
  supervision phones.

How to add a field to a view and show it on web and paper (e.g. a notice's 张贴地点):

1. Add the field to the view's dataclass (``ItemView`` in ``views/item.py``) and fill it in its
   builder (``item_view``) from the records or a derivation; it must be display text (format
   money with ``views.formatting``) and its words must come from a registry (model field
   titles, ``model/vocabulary.py``), not be typed again.
2. If it is part of what residents read, leave it in :meth:`ItemView.content`: the stamp then
   covers it (a calendar word such as "overdue" stays out, as ``overdue`` does).
3. Web: pass it to the page template (``render/web/compound.py`` -> ``templates/site/item.md.j2``)
   and place it there (Jinja escapes it). Paper: add it to ``sheet_data`` in
   ``render/paper/sheet.py`` and place it in ``templates/typst/sheet.typ``.
4. Content that belongs to an item's body is better a block: return it from the item's
   ``views/item_blocks/<item>.py``; both layouts then show it with no further code
   (``tests/test_item_registry.py`` checks that web and paper carry the same labels).
5. Regenerate the goldens (``make golden``) and review the diff: the stamps of the views that
   gained the field move, nothing else should.
"""
