"""Findings of a briefing: the detectors' findings (workbench.detect) that involve the briefing's entities.

The briefing does not judge on its own: the same saved detector modules that analysts run produce its red
flags, so a finding in a briefing can always be reproduced with `workbench detect --rule ID`. Findings are
collected before withholding; :func:`workbench.briefing.withhold.scrub` then blanks any withheld string in
their text like everywhere else in the model.
"""

from __future__ import annotations

from typing import Any

from workbench.briefing.text import Text
from workbench.briefing.types import Finding
from workbench.errors import ConfigurationError
from workbench.formatting import format_date, format_number, parse_date
from workbench.store.catalogue import load_catalogue
from workbench.analysis.detect import Finding as DetectorFinding
from workbench.analysis.detect import run_detectors
from workbench.store.gateway import Gateway

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def _scalar(value: Any, t: Text) -> str:
    if isinstance(value, bool):
        return t("evidence.yes") if value else t("evidence.no")
    if isinstance(value, (int, float)):
        return format_number(value, t.lang, digits=3 if isinstance(value, float) and abs(value) < 1 else 1)
    text = str(value)
    return format_date(text, t.lang) if parse_date(text) is not None and len(text) == 10 else text


def _word(key: str, t: Text) -> str:
    try:
        return t(f"evidence.{key}")
    except ConfigurationError:
        return key


def _evidence(value: Any, t: Text, prefix: str = "") -> list[str]:
    """Detector evidence (maps and lists) as short lines a table or slide can show, in the briefing's language."""
    if isinstance(value, dict):
        lines: list[str] = []
        for key, item in value.items():
            word = _word(str(key), t)
            lines += _evidence(item, t, f"{prefix}{word}: " if not prefix else f"{prefix}{word} ")
        return lines
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return [prefix + ", ".join(_scalar(v, t) for v in value)] if value else []
        return [line for item in value for line in _evidence(item, t, prefix)]
    return [f"{prefix}{_scalar(value, t)}"] if value not in (None, "") else []


def briefing_finding(finding: DetectorFinding, lang: str) -> Finding:
    title = load_catalogue()[finding.rule].title_in(lang)
    subject = finding.entities[0]["name"] if finding.entities else ""
    return Finding(finding.category, finding.severity, f"{title}: {subject}" if subject else title,
                   finding.explanation_in(lang), _evidence(finding.evidence, Text(lang))[:12])


def collect_findings(gateway: Gateway, keys: set[str], core: set[str], lang: str) -> list[Finding]:
    """Every detector finding that names one of ``keys``: first those whose subject (the first entity a detector
    names) is one of ``core``, then those naming a core entity, then the rest; most severe first within each."""
    detection = run_detectors(gateway)
    chosen = [f for f in detection.findings if keys.intersection(f.keys)]

    def closeness(f: DetectorFinding) -> int:
        if f.keys and f.keys[0] in core:
            return 0
        return 1 if core.intersection(f.keys) else 2

    chosen.sort(key=lambda f: (closeness(f), SEVERITY_ORDER.get(f.severity, 9), -f.score, f.rule))
    return [briefing_finding(f, lang) for f in chosen]
