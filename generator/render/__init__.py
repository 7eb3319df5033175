"""Stage 4: render pages, data files and PDF sources as strings. Nothing here touches disk."""
