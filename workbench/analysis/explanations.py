"""Finding explanations in English and Spanish, from the templates in the detectors' headers.

A detector's header carries ``explanation: {en: ..., es: ...}``: Jinja templates (sandboxed, strict: a missing
field is an error, never an empty gap) filled with the detector's own row: ``entities`` (list of
``{label, key, name}``), ``evidence`` (its map) and ``score``. Filters write figures the language's way:
``num``, ``pct``, ``date``, ``month`` and ``and_list`` (``a, b and c`` / ``a, b y c``).

The Cypher still returns an English sentence (``Finding.explanation``), which stays the fallback when a template
cannot be filled, so a finding is never shown without an explanation.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from babel.dates import format_date as babel_date
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
import yaml

from workbench.formatting import format_date, format_number, format_percent, locale_of, parse_date

LANGS = ("en", "es")
#: Templates of the findings the risk ranking derives from network measures (they have no Cypher header).
NETWORK_EXPLANATIONS = Path(__file__).resolve().parent.parent / "data" / "network_explanations.yaml"
AND = {"en": "and", "es": "y"}


def _and_list(items: Iterable[Any], lang: str, limit: int = 0) -> str:
    values = [str(v) for v in dict.fromkeys(items) if v not in (None, "")]
    if limit and len(values) > limit:
        values = values[:limit] + [f"+{len(values) - limit}"]
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + f" {AND.get(lang, 'and')} " + values[-1]


def _month(value: Any, lang: str) -> str:
    day = parse_date(f"{value}-01" if isinstance(value, str) and len(value) == 7 else value)
    if day is None:
        return str(value)
    return str(babel_date(day, format="LLLL 'de' y" if lang == "es" else "LLLL y", locale=locale_of(lang)))


@lru_cache(maxsize=len(LANGS))
def environment(lang: str) -> SandboxedEnvironment:
    """The sandboxed template environment of one language, with its number and date filters."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda v, digits=1: format_number(v, lang, digits=digits)
    env.filters["pct"] = lambda v, digits=1: format_percent(v, lang, digits=digits)
    env.filters["date"] = lambda v: format_date(v, lang)
    env.filters["month"] = lambda v: _month(v, lang)
    env.filters["and_list"] = lambda v, limit=0: _and_list(v, lang, limit)
    return env


def check_template(text: str, lang: str) -> None:
    """Raise :class:`jinja2.TemplateSyntaxError` when ``text`` is not a valid template (catalogue load)."""
    environment(lang).parse(text)


def render(templates: Mapping[str, str], lang: str, row: Mapping[str, Any]) -> str:
    """The explanation in ``lang`` from a detector's row; raises :class:`jinja2.TemplateError` when it cannot."""
    template = templates.get(lang) or templates["en"]
    text = environment(lang).from_string(template).render(
        entities=list(row.get("entities") or []), evidence=row.get("evidence") or {}, score=row.get("score"))
    text = " ".join(text.split())
    # A name that ends the sentence with its own full stop ("Co., Ltd.") takes no second one.
    return text[:-1] if text.endswith("..") else text


def explain(templates: Mapping[str, str], lang: str, row: Mapping[str, Any], fallback: str) -> str:
    """As :func:`render`, but the detector's own English sentence when the template cannot be filled."""
    if not templates:
        return fallback
    try:
        return render(templates, lang, row)
    except (TemplateError, LookupError, TypeError, ValueError):
        return fallback


@lru_cache(maxsize=1)
def network_templates() -> dict[str, dict[str, str]]:
    """Rule id -> {en, es} templates of the network-measure findings, checked on load."""
    data = yaml.safe_load(NETWORK_EXPLANATIONS.read_text(encoding="utf-8")) or {}
    for rule, templates in data.items():
        for lang in LANGS:
            check_template(templates[lang], lang)
    return {str(rule): dict(templates) for rule, templates in data.items()}


__all__ = ["check_template", "environment", "explain", "network_templates", "render"]
