"""Finding explanations in English and Spanish: every detector's header template, filled from the finding of its
"fires" story (tests/store/test_detectors.py), in both languages, with figures and dates written each language's
way. `render` raises on any missing field, so a template that drifts from its detector's evidence fails here."""

from __future__ import annotations

import re

import pytest

from workbench.analysis.explanations import render
from workbench.store.catalogue import load_catalogue
from workbench.store.gateway import Gateway

from tests.store.test_detectors import STORIES, findings_of, write_scenario

SPANISH = re.compile(r"\b(recibió|envíos?|de|el|la|fue|gestionó|está|comparten|se constituyó|envió|aparece)\b")


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.rule)
def test_explanation_templates_fill_in_both_languages(gateway: Gateway, story) -> None:  # type: ignore[no-untyped-def]
    write_scenario(gateway, story.fires)
    findings = findings_of(gateway, story.rule)
    assert findings
    templates = load_catalogue()[story.rule].explanation
    for finding in findings:
        row = {"entities": finding.entities, "evidence": finding.evidence, "score": finding.score}
        english, spanish = render(templates, "en", row), render(templates, "es", row)
        assert english != spanish
        names = [e["name"] for e in finding.entities if e.get("name")]
        assert any(n in english for n in names) and any(n in spanish for n in names), (english, spanish)
        assert SPANISH.search(spanish), spanish
        assert " shipment" not in spanish and " received " not in spanish, spanish
        # ISO dates become the language's own; no raw 2024-03-02 is left in either sentence.
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", english + spanish), (english, spanish)
        assert finding.explanation_in("es") == spanish and finding.explanation_in("en") == english
