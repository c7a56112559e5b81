"""Cases: a named selection of entities with notes, saved by investigators; briefings are built from them.

Cases are workbench data, not evidence, so they live in the home (``HOME/cases/<slug>.json``), written
atomically; the graph store stays the record of what the sources said.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.errors import InputError

_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", folded).strip("-")[:80]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class Case:
    name: str
    entity_keys: list[str] = field(default_factory=list)
    notes: str = ""
    created_by: str = ""
    created_at: str = field(default_factory=_now)
    updated_at: str = field(default_factory=_now)
    pinned: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.name)


class CaseStore:
    """Cases kept as JSON files in one folder."""

    def __init__(self, home: Path) -> None:
        self.folder = Path(home) / "cases"

    def _path(self, name: str) -> Path:
        slug = slugify(name)
        if not slug:
            raise InputError(f"The case name {name!r} has no letters or digits; give it a name such as 'Operación Puerto'.")
        return self.folder / f"{slug}.json"

    def save(self, case: Case) -> Case:
        if not case.name.strip():
            raise InputError("A case needs a name.")
        self.folder.mkdir(parents=True, exist_ok=True)
        case.updated_at = _now()
        path = self._path(case.name)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(asdict(case), f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return case

    def load(self, name: str) -> Case:
        path = self._path(name)
        if not path.exists():
            known = ", ".join(c.name for c in self.list()) or "none yet"
            raise InputError(f"There is no case {name!r}; saved cases: {known}.")
        data = json.loads(path.read_text(encoding="utf-8"))
        return Case(**data)

    def list(self) -> list[Case]:
        if not self.folder.exists():
            return []
        cases = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                cases.append(Case(**json.loads(path.read_text(encoding="utf-8"))))
            except (ValueError, TypeError):
                continue
        return sorted(cases, key=lambda c: c.updated_at, reverse=True)

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)
