"""Stage 5: the one writer. Only this package (and MkDocs, run by :mod:`generator.commands`) writes files."""
