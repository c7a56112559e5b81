"""What a read row becomes: a valid :class:`Record` of some kind, or the :class:`Problem` s that keep it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One reason a row (or a whole file, row None) cannot be stored."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "column": self.column, "reason": self.reason}

    def __str__(self) -> str:
        where = self.file + (f" row {self.row}" if self.row is not None else "")
        return f"{where}" + (f", column {self.column}" if self.column else "") + f": {self.reason}"


@dataclass
class Record:
    """One valid row: normalised values in ``data``, columns the contract does not name in ``extra``."""

    kind: str
    file: str
    row: int
    data: dict[str, Any]
    raw: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.file}#{self.row}"
