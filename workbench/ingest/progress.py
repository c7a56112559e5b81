"""What a running ingest is doing: said in English (the command line, logs) and by message id with its values, so
the app's ingest page says it in the reader's language (workbench/data/i18n, ``ingest.stage.*``).

A :class:`Stage` is the English text itself (a ``str``), so a progress callback that only prints keeps working; the
app reads :attr:`Stage.key` and :attr:`Stage.values` instead.
"""

from __future__ import annotations

from typing import Any, Callable

#: The runner's callback: ``(stage, done, total)``; total 0 means the stage has no count yet.
Progress = Callable[[str, int, int], None]


class Stage(str):
    """The English text of a stage, with the message id and values to say it in another language."""

    key: str
    values: dict[str, Any]

    def __new__(cls, english: str, key: str, **values: Any) -> "Stage":
        stage = super().__new__(cls, english)
        stage.key = key
        stage.values = values
        return stage


def reading(file: str) -> Stage:
    return Stage(f"reading {file}", "ingest.stage.reading", file=file)


def resolving() -> Stage:
    return Stage("resolving entities", "ingest.stage.resolving")


def shared_links() -> Stage:
    return Stage("writing the links between firms, places and contact points", "ingest.stage.shared_links")


def writing(rate: float, left_seconds: float) -> Stage:
    """Rows written per second and about how long is left."""
    return Stage(f"writing: {rate:,.0f} rows/s, {duration(left_seconds)} left", "ingest.stage.writing",
                 rate=round(rate), left=duration(left_seconds))


def nodes(label: str) -> Stage:
    return Stage(f"{label} nodes", "ingest.stage.nodes", label=label)


def records(label: str) -> Stage:
    return Stage(f"{label} records", "ingest.stage.records", label=label)


def relationships(rtype: str) -> Stage:
    return Stage(f"{rtype} relationships", "ingest.stage.relationships", type=rtype)


def duration(seconds: float) -> str:
    """About how long, in symbols read the same in English and Spanish: "40 s", "3 min", "1 h 05 min"."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"
