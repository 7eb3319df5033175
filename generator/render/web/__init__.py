"""The web layout: Markdown pages, open data and the staged MkDocs config (pure strings)."""
