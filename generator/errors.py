"""The errors that stop a command: one hierarchy, each error carrying findings as objects.

Bad data never raises (it is reported as findings, :mod:`generator.findings`); what raises is
a problem that keeps a command from running at all: a configuration that cannot be used, an
output folder that is not a generated site, a missing font, a failed engine. Each such error
is a :class:`GeneratorError` and carries one or more :class:`~generator.findings.Finding`
objects (a declared code of kind ``command``: :mod:`generator.findings.codes`), never a
flattened string. The command line (:mod:`generator.cli.outcome`) is the one place that
turns them into lines and exit codes:

=====================  ==========================================================  =====
error                  raised by                                                   exit
=====================  ==========================================================  =====
:class:`DataErrors`    a command whose data has errors (the data findings)         1
:class:`ConfigError`   ``mkdocs.yml`` cannot be used (engines/site_config.py)      2
:class:`BuildError`    the build cannot run: folders, shard, content clash         2
:class:`EngineFailed`  the site engine failed (MkDocs or Zensical)                 2
:class:`PartError`     parts of a sharded build cannot be read or merged           2
:class:`WorkerLost`    a worker process died                                       2
:class:`PdfError`      the printed notices cannot be made (font, paper, Typst)     2
:class:`MergeError`    ``merge`` refuses its parts or output folder                2
:class:`DeployError`   ``deploy`` cannot publish                                   2
:class:`ScaffoldError` ``template`` or ``new`` cannot do what was asked            2
:class:`WriteError`    the one writer refused a path (a clash, else a bug)         2
=====================  ==========================================================  =====

``str(error)`` is the first finding's message (Chinese). Errors pickle as themselves, so a
worker process hands them back unchanged (:mod:`generator.commands.workers`).
"""

from __future__ import annotations

from typing import Any, Sequence

from generator.findings import Finding, Severity

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
"""0 clean; 1 the data has errors (or warnings with ``--strict``); 2 usage or configuration."""


class GeneratorError(Exception):
    """A problem that stops a command. ``findings`` say what and how to fix it (Chinese)."""

    code = "command-refused"
    """The declared finding code of a message-only error of this class."""
    exit_code = EXIT_USAGE

    def __init__(self, problem: str | Finding | Sequence[Finding], hint: str | None = None, *,
                 code: str | None = None, file: str = "") -> None:
        if isinstance(problem, str):
            findings = [Finding(code or self.code, Severity.ERROR, file, problem, hint=hint)]
        elif isinstance(problem, Finding):
            findings = [problem]
        else:
            findings = list(problem)
        self.findings: list[Finding] = findings
        super().__init__(findings[0].message if findings else "")

    @property
    def finding(self) -> Finding:
        """The first (usually the only) finding."""
        return self.findings[0]

    def __reduce__(self) -> tuple:
        return _rebuild, (type(self), self.findings)


def _rebuild(cls: type[GeneratorError], findings: list[Finding]) -> GeneratorError:
    return cls(findings)


class DataErrors(GeneratorError):
    """The data has errors: ``findings`` are every finding of the check (errors and warnings),
    ``data`` the data folder as given (findings name files below it), ``note`` what the
    command did not do because of them."""

    exit_code = EXIT_DATA

    def __init__(self, problem: str | Finding | Sequence[Finding], hint: str | None = None, *,
                 data: str = "data", note: str = "", **kw: Any) -> None:
        super().__init__(problem, hint, **kw)
        self.data, self.note = data, note


class ConfigError(GeneratorError):
    """The site configuration (``mkdocs.yml``) cannot be used."""

    code = "config-invalid"


class BuildError(GeneratorError):
    """The build cannot run (folders, shard, a content page clashing with a generated one)."""


class EngineFailed(GeneratorError):
    """The site engine could not build the staged site."""

    code = "engine-failed"


class MkDocsFailed(EngineFailed):
    """MkDocs failed (:mod:`generator.engines.mkdocs_runner`)."""


class ZensicalFailed(EngineFailed):
    """Zensical failed or is not installed (:mod:`generator.engines.zensical_runner`)."""


class PartError(EngineFailed):
    """Parts of a sharded build that cannot be read or merged into one site."""


class WorkerLost(EngineFailed):
    """A worker process died (killed, out of memory)."""


class PdfError(GeneratorError):
    """The printed notices cannot be made; the finding has a ``pdf-*`` code."""

    code = "pdf-compile-failed"


class MergeError(GeneratorError):
    """``merge`` refuses its parts or its output folder."""


class DeployError(GeneratorError):
    """The site cannot be published."""


class ScaffoldError(GeneratorError):
    """What the clerk asked ``template`` or ``new`` for cannot be done."""


class WriteError(GeneratorError):
    """The writer refused a path: outside its folder, or written twice."""
