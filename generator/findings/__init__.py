"""Findings: what the stages say about the data, as plain data (the first stage).

:mod:`generator.findings.codes` declares every finding code once (severity, Chinese title,
default hint); :mod:`generator.findings.model` holds :class:`Finding` and the
:class:`Findings` collection every stage reports into, which refuses undeclared codes.
"""

from generator.findings.codes import CODES, Code, code
from generator.findings.model import Finding, Findings, Severity

__all__ = ["CODES", "Code", "code", "Finding", "Findings", "Severity"]
