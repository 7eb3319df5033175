"""The engines the commands drive: MkDocs (site), Typst (PDFs) and the fonts it needs.
They know nothing of the domain beyond the documents and folders they are given."""
