"""Labels and messages in English and Spanish, from workbench/data/i18n/{en,es}.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from workbench.app import state

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
    """The text of ``key`` in the session's language, with ``{name}`` placeholders filled in."""
    text = messages(lang()).get(key) or messages("en").get(key)
    if text is None:
        raise KeyError(f"No text for {key!r} in workbench/data/i18n; add it to en.yaml and es.yaml.")
    return text.format(**values) if values else text


def label(name: str) -> str:
    """A graph label in the session's language (labels the texts do not know yet show as they are)."""
    key = f"label.{name}"
    return t(key) if key in messages("en") else name
