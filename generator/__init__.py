"""Static-site generator for property-service transparency notices (物业服务信息公开).

One sub-package per stage; a stage imports only itself and earlier ones (tests/test_layers.py):

    findings, errors (what is reported, what stops a command) -> templates, model (the records)
    -> load (data folder -> records + findings) -> derive (statuses, figures, stamps, rankings)
    -> checks (findings) -> render (pure strings and PDF data) -> write (the one writer)
    -> engines (MkDocs or Zensical, Typst) -> commands (the one road: check, build, serve, ...)
    -> tools (synthetic cities) -> cli (the command line)

The library never prints and never exits; only :mod:`generator.cli` does. The stages and the
road through a build: docs/maintainers/architecture.md.
"""

__version__ = "0.1.0"
