"""Control status by date and jurisdiction: the one answer every detector, the risk ranking and the app use.

A chemical is controlled on a day in a jurisdiction when a control of that jurisdiction was in force that day.
International controls (jurisdiction ``UN``, the 1988 Convention's Tables) take effect for each Party 180 days after
the Secretary-General's communication of a CND decision; where the catalogue knows the decision date but not the
entry-into-force date, the status uses decision + 180 days and says it is an estimate. A control with neither date
is taken as in force since before any data we hold (all such controls in the catalogue date from the 1990s or
earlier) and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from workbench import normalize as nz
from workbench.chemicals.catalogue import Catalogue, Chemical, Control, load_catalogue
from workbench.errors import InputError

__all__ = ["ControlStatus", "control_rows", "control_status", "effective_date"]

#: Article 12(6) of the 1988 Convention: a CND decision takes effect 180 days after its communication.
UN_DELAY = dt.timedelta(days=180)
#: Stands for "in force since before any data": controls whose dates the catalogue does not know.
SINCE_EVER = dt.date(1900, 1, 1)


def effective_date(control: Control) -> tuple[dt.date, str]:
    """The day a control applies from, and how that day is known: ``known``, ``estimated`` or ``unknown``."""
    if control.in_force is not None:
        return control.in_force, "known"
    if control.decided is not None:
        return control.decided + (UN_DELAY if control.jurisdiction == "UN" else dt.timedelta(0)), "estimated"
    return SINCE_EVER, "unknown"


@dataclass(frozen=True)
class ControlStatus:
    """Whether a chemical was controlled on a day, in which jurisdictions, and under which controls."""

    chemical: Chemical
    on: dt.date
    jurisdictions: tuple[str, ...]
    in_force: tuple[Control, ...]
    pending: tuple[Control, ...]

    @property
    def controlled(self) -> bool:
        return bool(self.in_force)

    @property
    def lists(self) -> list[str]:
        """The lists in force that day, e.g. ["UN table_i", "US list_i"]."""
        return [f"{c.jurisdiction} {c.list}" for c in self.in_force]

    @property
    def reason(self) -> str:
        """One English sentence for tables and tooltips."""
        name = self.chemical.short_name or self.chemical.name
        where = "/".join(self.jurisdictions)
        if self.in_force:
            parts = []
            for c in self.in_force:
                day, how = effective_date(c)
                since = "date unknown" if how == "unknown" else f"since {day.isoformat()}" + (
                    " (estimated)" if how == "estimated" else "")
                parts.append(f"{c.jurisdiction} {c.list} ({c.decision}, {since})")
            return f"{name} was controlled on {self.on.isoformat()} in {where}: " + "; ".join(parts) + "."
        if self.pending:
            c = self.pending[0]
            day, how = effective_date(c)
            return (f"{name} was not yet controlled on {self.on.isoformat()} in {where}: {c.decision} applies from "
                    f"{day.isoformat()}" + (" (estimated)" if how == "estimated" else "") + ".")
        return f"{name} was not controlled in {where} on {self.on.isoformat()}."


def _day(on: dt.date | str | None) -> dt.date:
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    try:
        parsed = nz.parse_date(on, dayfirst=False)
    except ValueError:
        parsed = None
    if parsed is None:
        raise InputError(f"{on!r} is not a date; write it like 2022-11-23.")
    return parsed


def control_status(chemical: Chemical | str, on: dt.date | str | None = None,
                   jurisdictions: Iterable[str] = ("UN",), catalogue: Catalogue | None = None) -> ControlStatus:
    """The control status of a chemical (an entry or its key) on a day (today by default) in the jurisdictions
    that matter (``UN`` for the 1988 Convention; add ``MX``, ``US`` or ``CN`` for national lists)."""
    if isinstance(chemical, str):
        found = (catalogue or load_catalogue()).by_key(chemical)
        if found is None:
            raise InputError(f"{chemical!r} is not in the chemicals catalogue; `workbench chemicals list` lists them.")
        chemical = found
    day = _day(on)
    wanted = tuple(dict.fromkeys(j.upper() for j in jurisdictions))
    mine = [c for c in chemical.controls if c.jurisdiction in wanted]
    in_force = [c for c in mine if effective_date(c)[0] <= day]
    # a later control of the same jurisdiction supersedes an earlier one (Table II -> Table I)
    latest: dict[str, Control] = {}
    for c in sorted(in_force, key=lambda c: effective_date(c)[0]):
        latest[c.jurisdiction] = c
    pending = sorted((c for c in mine if effective_date(c)[0] > day and c.jurisdiction not in latest),
                     key=lambda c: effective_date(c)[0])
    ordered = tuple(latest[j] for j in wanted if j in latest)  # in the order the jurisdictions were asked for
    return ControlStatus(chemical, day, wanted, ordered, tuple(pending))


def control_rows(catalogue: Catalogue | None = None) -> list[dict[str, str | None]]:
    """Every control as a flat map, for Cypher's ``$controls`` parameter (dates as ISO text, comparable with
    ``declarationDate``): ``{key, cas, jurisdiction, schedule, since, until, how}``.

    ``until`` is the day a later control of the same jurisdiction replaced it (Table II -> Table I), or null.
    Chemical nodes are keyed ``chemical:<key>`` by ingest, or by CAS number when written elsewhere: rows carry both.
    """
    catalogue = catalogue or load_catalogue()
    rows: list[dict[str, str | None]] = []
    for chem in catalogue:
        by_jurisdiction: dict[str, list[Control]] = {}
        for c in chem.controls:
            by_jurisdiction.setdefault(c.jurisdiction, []).append(c)
        for jurisdiction, controls in by_jurisdiction.items():
            ordered = sorted(controls, key=lambda c: effective_date(c)[0])
            for i, c in enumerate(ordered):
                start, how = effective_date(c)
                until = effective_date(ordered[i + 1])[0].isoformat() if i + 1 < len(ordered) else None
                rows.append({"key": f"chemical:{chem.key}", "cas": chem.cas_number, "jurisdiction": jurisdiction,
                             "schedule": c.list, "since": start.isoformat(), "until": until, "how": how})
    return rows
