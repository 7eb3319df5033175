"""The templates that ship with the package: ``site/`` (Markdown pages, Jinja2), ``ranking/``
and ``model_projects/`` (Jinja2), ``typst/`` (notice and ranking PDFs). :data:`ROOT` is the one
place that knows where they are."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
