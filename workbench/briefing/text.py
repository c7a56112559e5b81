"""Briefing text in English and Spanish, read from ``workbench/data/i18n_briefing.yaml``.

The file is checked when it loads: every leaf must give both languages, so a missing translation
fails loudly instead of printing a key in front of a prosecutor.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from workbench.errors import ConfigurationError, InputError

LANGS = ("en", "es")
I18N_FILE = Path(__file__).resolve().parent.parent / "data" / "i18n_briefing.yaml"


def _check(node: Any, where: str) -> None:
    if isinstance(node, dict) and set(node) >= set(LANGS) and all(isinstance(node[k], str) for k in LANGS):
        return
    if isinstance(node, dict):
        for key, value in node.items():
            _check(value, f"{where}.{key}" if where else str(key))
        return
    raise ConfigurationError(f"{I18N_FILE}: {where} must give text for both {' and '.join(LANGS)}.")


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    data = yaml.safe_load(I18N_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ConfigurationError(f"{I18N_FILE}: expected a mapping of text keys.")
    _check(data, "")
    return data


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise InputError(f"Language {lang!r} is not available; choose one of {', '.join(LANGS)}.")
    return lang


class Text:
    """Look-ups of briefing text in one language: ``t("sections.summary")``, ``t("page", n=3)``."""

    def __init__(self, lang: str) -> None:
        self.lang = check_lang(lang)

    def __call__(self, path: str, **values: Any) -> str:
        node: Any = _table()
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigurationError(f"{I18N_FILE}: no text for {path!r}.")
            node = node[part]
        text = node[self.lang]
        return text.format(**values) if values else text

    def status(self, status: str) -> str:
        """A notification status in this language (an unknown status is shown as it is stored)."""
        key = status.strip().lower()
        node = _table().get("status", {})
        return str(node[key][self.lang]) if key in node else status

    def outcome(self, outcome: str) -> str:
        """What an inspection found, in this language (an unknown outcome is shown as it is stored)."""
        key = outcome.strip().lower()
        node = _table().get("outcome", {})
        return str(node[key][self.lang]) if key in node else outcome

    def mode(self, mode: str) -> str:
        """A shipment's transport mode in this language (an unknown mode is shown as it is stored)."""
        key = (mode or "sea").strip().lower()
        node = _table().get("mode", {})
        return str(node[key][self.lang]) if key in node else mode

    def severity(self, severity: str) -> str:
        key = severity.strip().lower()
        node = _table().get("severity", {})
        return str(node[key][self.lang]) if key in node else severity

    def label(self, label: str) -> str:
        try:
            return self(f"labels.{label}")
        except ConfigurationError:
            return label
