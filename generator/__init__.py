"""Static-site generator for property-service transparency notices (物业服务信息公开).

The pipeline runs in one direction, one sub-package per stage:

    load (files -> validated models) -> checks (findings, disclosure status)
    -> rank (red/black lists) -> render (pure strings) -> write (staging dir)
    -> build (MkDocs, Typst) -> site/

The library never prints and never exits; only :mod:`generator.cli` does.
"""

__version__ = "0.1.0"
