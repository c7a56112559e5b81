"""Timeline: shipments, seizures, notifications and incorporations of the selected entities on one axis."""

import altair as alt
import pandas as pd
import streamlit as st

from workbench.analysis import explore
from workbench.app import access, i18n, resources, state
from workbench.app.i18n import t
from workbench.errors import WorkbenchError

access.guard("network")
st.title(t("timeline.title"))
keys = list(dict.fromkeys(state.get(state.SELECTION) + ([state.get(state.SELECTED)] if state.get(state.SELECTED) else [])))
if not keys:
    st.info(t("timeline.empty"))
    st.stop()
try:
    events = explore.timeline_events(resources.gateway(), keys)
except WorkbenchError as e:
    st.error(str(e))
    st.stop()
access.record_view("timeline", {"keys": keys, "events": len(events)})
if not events:
    st.info(t("timeline.none"))
    st.stop()
names = {t(f"timeline.kind.{k}"): k for k in ("shipment", "seizure", "notification", "incorporation")}
chosen = [names[n] for n in st.multiselect(t("timeline.event"), list(names), default=list(names),
                                           placeholder=t("common.choose"), key=f"timeline_kinds_{i18n.lang()}")]
frame = pd.DataFrame([{"date": e["date"], "kind": t(f"timeline.kind.{e['kind']}"), "caption": e["caption"],
                       "key": e["key"], "entity": ", ".join(e["origins"])} for e in events if e["kind"] in chosen])
if frame.empty:
    st.info(t("timeline.none"))
    st.stop()
chart_frame = frame.assign(date=pd.to_datetime(frame["date"], errors="coerce"))
chart = (alt.Chart(chart_frame).mark_circle(size=120)
         .encode(x=alt.X("date:T", title=t("timeline.date")), y=alt.Y("kind:N", title=t("timeline.event")),
                 color=alt.Color("kind:N", legend=None), tooltip=["date:T", "kind:N", "caption:N", "key:N"]))
st.altair_chart(chart, width="stretch")
st.dataframe(frame, hide_index=True, width="stretch")
