"""Tables for download as CSV and Excel, with spreadsheet formulas neutralised."""

from __future__ import annotations

from typing import Any, Callable

import pandas as pd
import streamlit as st
from neo4j.graph import Node, Path, Relationship

from workbench.app.markup import md_block
from workbench.exports import safe
from workbench.store.gateway import QueryResult, Status


def plain(value: Any) -> Any:
    """A driver value as something a table cell can hold."""
    if isinstance(value, Node):
        props = dict(value)
        return props.get("key") or props.get("name") or str(props)
    if isinstance(value, Relationship):
        return value.type
    if isinstance(value, Path):
        return " → ".join(str(dict(n).get("key")) for n in value.nodes)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(plain(v)) for v in value)
    if isinstance(value, dict):
        return str({k: plain(v) for k, v in value.items()})
    return value


def table(rows: list[dict[str, Any]], columns: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame([{k: plain(v) for k, v in row.items()} for row in rows], columns=columns or None)
    return frame


def later(build: Callable[[pd.DataFrame], bytes], frame: pd.DataFrame) -> Callable[[], bytes]:
    """A download built when the user clicks (``st.download_button(data=...)``), not while the page draws."""
    return lambda: build(frame)


def to_csv(frame: pd.DataFrame) -> bytes:
    """The table as CSV, through the workbench's one neutraliser."""
    return safe.frame_csv(frame)


def to_excel(frame: pd.DataFrame) -> bytes:
    """The table as XLSX, neutralised and with the control characters XLSX cannot hold replaced."""
    return safe.frame_xlsx(frame)


def show_result(result: QueryResult, messages: str, t: Any) -> pd.DataFrame | None:
    """Status line (or error) and table of one query result; ``messages`` names the i18n section."""
    if not result.ok:
        st.error(t(f"{messages}.failed", status=t(f"query_status.{result.status.value}"),
                   error=md_block(str(result.error))))
        return None
    if result.status is Status.TRUNCATED:
        st.warning(t("saved.truncated", cap=result.row_cap))
    st.caption(t(f"{messages}.status", status=t(f"query_status.{result.status.value}"), rows=len(result.records),
                 seconds=f"{result.elapsed:.2f}"))
    frame = table(result.rows(), result.columns)
    if result.records:
        st.dataframe(frame, hide_index=True, width="stretch")
    else:  # an empty grid says "empty" in English whatever the user's language
        st.info(t("common.no_rows"))
    return frame
