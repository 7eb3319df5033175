"""Findings: what the checks say about the data, as plain data.

A :class:`Finding` names the file (relative to the data folder, POSIX form), the line and
column where known, the field, a stable ``code``, a severity, a message in Chinese for the
staff who edit the data, and a hint on how to fix it. Every stage reports findings into a
:class:`Findings` collection; nothing raises for bad data, and nothing stops at the first
problem.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Iterable, Iterator


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint: str | None = None

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.code, self.field or "", self.message)

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d


@dataclass
class Findings:
    """An ordered, de-duplicated collection of findings."""

    items: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: str,
        file: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.items.append(Finding(code, severity, file, message, line, column, field, hint))

    def warn(self, code: str, file: str, message: str, **kw) -> None:
        self.add(code, file, message, severity=Severity.WARNING, **kw)

    def extend(self, other: Iterable[Finding]) -> None:
        self.items.extend(other)

    def sorted(self) -> list[Finding]:
        seen: set[Finding] = set()
        out = []
        for f in sorted(self.items, key=Finding.sort_key):
            if f not in seen:
                seen.add(f)
                out.append(f)
        return out

    def errors(self, strict: bool = False) -> list[Finding]:
        return [f for f in self.sorted() if strict or f.severity is Severity.ERROR]

    def has_errors(self, strict: bool = False) -> bool:
        return any(strict or f.severity is Severity.ERROR for f in self.items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.sorted())
