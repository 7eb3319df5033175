"""Findings: what the stages say about the data, as plain data (the first stage).

:mod:`generator.findings.codes` declares every finding code once (severity, Chinese title,
default hint, and its kind: data, output or command); :mod:`generator.findings.model` holds :class:`Finding` and the
:class:`Findings` collection every stage reports into, which refuses undeclared codes.
"""

from generator.findings.codes import CODES, Code, Kind, code
from generator.findings.model import Finding, Findings, Severity

__all__ = ["CODES", "Code", "Kind", "code", "Finding", "Findings", "Severity"]
