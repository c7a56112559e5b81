"""Findings of a briefing: the detectors' findings (workbench.detect) that involve the briefing's entities.

The briefing does not judge on its own: the same saved detector modules that analysts run produce its red
flags, so a finding in a briefing can always be reproduced with `workbench detect --rule ID`. Findings are
collected before withholding; :func:`workbench.briefing.withhold.scrub` then blanks any withheld string in
their text like everywhere else in the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.briefing.text import Text
from workbench.briefing.types import Finding
from workbench.errors import ConfigurationError, QueryError
from workbench.formatting import format_date, format_number, parse_date
from workbench.store.catalogue import load_catalogue
from workbench.analysis.detect import Finding as DetectorFinding
from workbench.analysis import snapshot
from workbench.store.gateway import Gateway

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


#: Evidence fields that only repeat internal keys or scores: left out of the printed evidence.
HIDDEN = {"key", "listed", "listedLabel", "weight", "score"}


class _Words:
    """Evidence written in the briefing's language: field names, enumerated values, figures, dates, entity names."""

    def __init__(self, t: Text, names: dict[str, str]) -> None:
        self.t = t
        self.names = names

    def field(self, key: str) -> str:
        try:
            return self.t(f"evidence.{key}")
        except ConfigurationError:
            return key

    def scalar(self, value: Any) -> str:
        t = self.t
        if isinstance(value, bool):
            return t("evidence.yes") if value else t("evidence.no")
        if isinstance(value, (int, float)):
            return format_number(value, t.lang, digits=3 if isinstance(value, float) and abs(value) < 1 else 1)
        text = str(value)
        if text in self.names:
            return self.names[text]
        if len(text) == 10 and parse_date(text) is not None:
            return format_date(text, t.lang)
        try:
            return t(f"evidence_values.{text}")
        except ConfigurationError:
            pass
        label = t.label(text)
        return label.lower() if label != text else text

    def inline(self, value: Any) -> str:
        if isinstance(value, dict):
            parts = [f"{self.field(str(k))} {self.inline(v)}" for k, v in value.items()
                     if k not in HIDDEN and v not in (None, "", [])]
            return ", ".join(parts)
        if isinstance(value, list):
            sep = "; " if any(isinstance(v, (dict, list)) for v in value) else ", "
            return sep.join(self.inline(v) for v in value if v not in (None, ""))
        return self.scalar(value)


def _evidence(value: Any, t: Text, names: dict[str, str] | None = None) -> list[str]:
    """Detector evidence as short lines a table or slide can show, in the briefing's language: one line per field,
    nested records written inline, internal keys replaced by the names of the entities they stand for."""
    words = _Words(t, names or {})
    if not isinstance(value, dict):
        line = words.inline(value)
        return [line] if line else []
    lines = []
    for key, item in value.items():
        if key in HIDDEN or item in (None, "", []):
            continue
        lines.append(f"{words.field(str(key))}: {words.inline(item)}")
    return lines


def briefing_finding(finding: DetectorFinding, lang: str) -> Finding:
    title = load_catalogue()[finding.rule].title_in(lang)
    subject = finding.entities[0]["name"] if finding.entities else ""
    names = {str(e["key"]): str(e["name"]) for e in finding.entities if e.get("key") and e.get("name")}
    return Finding(finding.category, finding.severity, f"{title}: {subject}" if subject else title,
                   finding.explanation_in(lang), _evidence(finding.evidence, Text(lang), names)[:12])


def collect_findings(gateway: Gateway, keys: set[str], core: set[str], lang: str,
                     home: Path | None = None) -> list[Finding]:
    """Every detector finding that names one of ``keys``: first those whose subject (the first entity a detector
    names) is one of ``core``, then those naming a core entity, then the rest; most severe first within each.
    With ``home``, findings kept for the store's current version are used (:mod:`workbench.analysis.snapshot`)."""
    detection = snapshot.detection(gateway, home)
    if detection.failed:
        # A briefing without some detector's red flags would read as if there were none: refuse it instead.
        names = ", ".join(f"{run.rule} ({run.status})" for run in detection.failed)
        raise QueryError(f"The briefing was not made: detector(s) {names} did not finish, so their red flags would "
                         "be missing from it. Try again when the store is less busy, or raise WORKBENCH_QUERY_TIMEOUT.")
    chosen = [f for f in detection.findings if keys.intersection(f.keys)]

    def closeness(f: DetectorFinding) -> int:
        if f.keys and f.keys[0] in core:
            return 0
        return 1 if core.intersection(f.keys) else 2

    chosen.sort(key=lambda f: (closeness(f), SEVERITY_ORDER.get(f.severity, 9), -f.score, f.rule))
    return [briefing_finding(f, lang) for f in chosen]
