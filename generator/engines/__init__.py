"""The engines the commands drive: MkDocs (site), Typst (PDFs) and the fonts it needs.
They lay out what the render stage made and write through the one writer."""
