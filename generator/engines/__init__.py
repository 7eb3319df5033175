"""The engines the commands drive: the site engines (MkDocs or Zensical, :mod:`.site_engine`),
Typst (PDFs) and the fonts it needs. They lay out what the render stage made and write
through the one writer."""
