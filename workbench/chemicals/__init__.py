"""Controlled chemicals: the sourced catalogue, a matcher that reads chemical names, and control status by date.

- :mod:`workbench.chemicals.catalogue` loads and validates ``chemicals.yaml`` (entries, salts, controls, sources);
- :mod:`workbench.chemicals.matcher` identifies chemicals in free text (CAS numbers, names, CAS index names);
- :mod:`workbench.chemicals.status` says whether a chemical was controlled on a date in a jurisdiction.
"""

from __future__ import annotations

from workbench.chemicals.catalogue import (
    CATALOGUE_FILE,
    JURISDICTIONS,
    SCHEDULES,
    VAGUE_DESCRIPTIONS,
    Catalogue,
    Chemical,
    Control,
    Salt,
    find_cas_numbers,
    is_vague_description,
    load_catalogue,
)
from workbench.chemicals.matcher import CONFIDENT, Match, identify, match, match_all
from workbench.chemicals.status import ControlStatus, control_rows, control_status

__all__ = [
    "CATALOGUE_FILE",
    "CONFIDENT",
    "JURISDICTIONS",
    "SCHEDULES",
    "VAGUE_DESCRIPTIONS",
    "Catalogue",
    "Chemical",
    "Control",
    "ControlStatus",
    "Match",
    "Salt",
    "control_rows",
    "control_status",
    "find_cas_numbers",
    "match",
    "match_all",
    "identify",
    "is_vague_description",
    "load_catalogue",
]
