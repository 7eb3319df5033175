"""The paper layout: JSON-ready data for the Typst notice and ranking templates, and QR codes."""
