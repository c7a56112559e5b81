"""Labels and messages in English and Spanish, from workbench/data/i18n/{en,es}.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from workbench.analysis.detect import Finding

from workbench.app import state
from workbench.formatting import format_number

LANGUAGES = {"es": "Español", "en": "English"}
I18N_DIR = Path(__file__).resolve().parent.parent / "data" / "i18n"


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


@lru_cache(maxsize=None)
def messages(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise KeyError(f"Unknown language {lang!r}; use one of {', '.join(LANGUAGES)}.")
    with open(I18N_DIR / f"{lang}.yaml", encoding="utf-8") as f:
        return _flatten(yaml.safe_load(f) or {})


def lang() -> str:
    value = state.get(state.LANG)
    return value if value in LANGUAGES else "es"


def t(key: str, **values: Any) -> str:
    """The text of ``key`` in the session's language, with ``{name}`` placeholders filled in. When ``count`` (or
    ``rows``) is 1 and the language has ``KEY_one``, that text is used ("1 resultado", not "1 resultados")."""
    text = None
    if values and 1 in (values.get("count"), values.get("rows")):
        text = messages(lang()).get(f"{key}_one")
    text = text or messages(lang()).get(key) or messages("en").get(key)
    if text is None:
        raise KeyError(f"No text for {key!r} in workbench/data/i18n; add it to en.yaml and es.yaml.")
    return text.format(**values) if values else text


def label(name: str) -> str:
    """A graph label in the session's language (labels the texts do not know yet show as they are)."""
    key = f"label.{name}"
    return t(key) if key in messages("en") else name


def ingest_stage(stage: str) -> str:
    """What a running ingest is doing (a :class:`workbench.ingest.progress.Stage`) in the session's language;
    any other text as it is."""
    key = getattr(stage, "key", None)
    if key is None:
        return stage
    values = dict(getattr(stage, "values", {}))
    if "label" in values:
        values["label"] = label(values["label"])
    if "rate" in values:
        values["rate"] = format_number(values["rate"], lang(), digits=0)
    return t(key, **values)


def rule_name(rule: str) -> str:
    """A detector's title in the session's language (its catalogue header), else the rule id made readable."""
    from workbench.store.catalogue import load_catalogue  # noqa: PLC0415 - the catalogue reads every file once

    catalogue = load_catalogue()
    if rule in catalogue:
        return catalogue[rule].title_in(lang())
    key = f"rule.{rule}"
    return t(key) if key in messages("en") else rule.replace("_", " ").capitalize()


def severity(value: str) -> str:
    key = f"severity.{value}"
    return t(key) if key in messages("en") else str(value)


def relationship(name: str) -> str:
    """A relationship type in words ("shipped", "consigned to"); unknown types show as they are."""
    key = f"rel.{name}"
    return t(key) if key in messages("en") else name


def provenance_rows(provenance: dict[str, Any]) -> list[dict[str, str]]:
    """Provenance as table rows (what, value) instead of raw JSON: files, rows, runs and ingest times."""
    rows = []
    for field, value in provenance.items():
        text = ", ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
        key = f"provenance.{field}"
        rows.append({t("provenance.what"): t(key) if key in messages("en") else field, t("provenance.value"): text})
    return rows


def finding_explanation(finding: Mapping[str, Any]) -> str:
    """A finding's sentence in the session's language, from its detector's bilingual template (English when the
    detector has none or its template cannot be filled)."""
    fields = {name: finding.get(name) for name in Finding.__dataclass_fields__}
    return Finding(**fields).explanation_in(lang())  # type: ignore[arg-type]


def evidence_rows(evidence: Any) -> list[dict[str, str]]:
    """A finding's evidence as table rows (field, value), however it is nested."""
    rows: list[dict[str, str]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else str(k))
        elif isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value):
            for i, v in enumerate(value, start=1):
                walk(v, f"{path} {i}")
        else:
            text = ", ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
            rows.append({t("provenance.what"): path or "—", t("provenance.value"): text})

    walk(evidence, "")
    return rows
