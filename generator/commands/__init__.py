"""Stage 6: build the outputs from the rendered and written files (MkDocs site, PDFs)."""
