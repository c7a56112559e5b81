"""Ingest (admins): upload a bundle or files, see validation problems per row, progress and the summary."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from workbench.app import access, resources, state
from workbench.app.i18n import ingest_stage, lang, t
from workbench.errors import WorkbenchError
from workbench.formatting import format_number
from workbench.ingest import ingest_path

access.guard("ingest")
st.title(t("ingest.title"))
st.caption(t("ingest.intro"))
files = st.file_uploader(t("ingest.files"), accept_multiple_files=True, key="ingest_files",
                         type=["zip", "csv", "xlsx", "jsonl", "json", "yaml", "yml"])
skip_invalid = st.checkbox(t("ingest.skip_invalid"), value=True, key="ingest_skip_invalid")
if st.button(t("ingest.run"), key="ingest_run"):
    if not files:
        st.warning(t("ingest.none"))
    else:
        bar = st.progress(0.0)

        def progress(stage: str, done: int, total: int) -> None:
            """The runner's callback: ``(stage, done, total)``; total 0 means the stage has no count yet."""
            said = ingest_stage(stage)
            bar.progress(min(1.0, done / total) if total else 0.0,
                         text=t("ingest.progress", stage=said, done=format_number(done, lang()),
                                total=format_number(total, lang())) if total else said)

        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for upload in files:
                (folder / Path(upload.name).name).write_bytes(upload.getvalue())
            target = folder / Path(files[0].name).name if len(files) == 1 and files[0].name.endswith(".zip") else folder
            summary_of_run: dict | None
            try:
                done_report = ingest_path(resources.gateway(), target, skip_invalid=skip_invalid, progress=progress)
            except WorkbenchError as e:
                st.error(str(e))
                summary_of_run = None
            else:
                summary_of_run = done_report.as_dict()
        if summary_of_run is not None:
            access.record("ingest", {"files": [f.name for f in files], "skip_invalid": skip_invalid})
            state.put(state.INGEST_REPORT, summary_of_run)
            st.success(t("ingest.done"))
report = state.get(state.INGEST_REPORT)
if report is not None:
    st.subheader(t("ingest.summary"))
    summary = report if isinstance(report, dict) else getattr(report, "__dict__", {"report": str(report)})
    counts = [{"": t(f"ingest.field.{k}"), "n": summary[k]} for k in
              ("rows_read", "rows_stored", "rows_rejected", "entities_created", "entities_merged", "nodes_written",
               "relationships_written", "elapsed") if k in summary]
    st.dataframe(pd.DataFrame(counts), hide_index=True)
    if summary.get("files"):
        st.dataframe(pd.DataFrame(summary["files"]), hide_index=True, width="stretch")
    for note in summary.get("notes") or []:
        st.warning(t("ingest.note", note=note))
    problems = summary.get("problems") or []
    if problems:
        st.subheader(t("ingest.problems"))
        st.dataframe(pd.DataFrame([p if isinstance(p, dict) else getattr(p, "__dict__", {"problem": str(p)})
                                   for p in problems]), hide_index=True, width="stretch")
