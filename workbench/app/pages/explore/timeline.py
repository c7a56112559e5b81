"""Timeline: the seizures, shipments, notifications and incorporations of the entities in view, on one axis.

Only the entities' own events (never those of firms reached through a country or port). When there are more than
the cap, the page says so and offers to narrow by entity, kind and dates; seizures are never the ones cut.
"""

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from workbench.analysis import explore
from workbench.app import access, graphview, i18n, resources, state
from workbench.app.i18n import t
from workbench.errors import WorkbenchError
from workbench.formatting import chart_time_locale

access.guard("network")
st.title(t("timeline.title"))
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2999, 12, 31)

graph = state.get(state.GRAPH)
hidden = set(state.get(state.HIDDEN))
in_view = [k for k in graph.nodes if k not in hidden] if graph is not None else []
keys = list(dict.fromkeys(state.get(state.SELECTION) + in_view
                          + ([state.get(state.SELECTED)] if state.get(state.SELECTED) else [])))
if not keys:
    st.info(t("timeline.empty"))
    st.stop()
captions = {k: (graph.nodes[k]["caption"] if graph is not None and k in graph.nodes else k) for k in keys}
unnamed = [k for k, c in captions.items() if c == k]  # selected in Search, not drawn yet: fetch their names
if unnamed:
    try:
        fetched = explore.nodes_by_key(resources.gateway(), unnamed).nodes
    except WorkbenchError:
        fetched = {}  # the table then shows keys; the events below say why if the store is gone
    captions.update({k: fetched[k]["caption"] for k in unnamed if k in fetched})


@st.cache_data(ttl=600, show_spinner=False)
def data_dates(database: str) -> tuple[dt.date, dt.date]:
    span = explore.date_range(resources.gateway())
    return span if span else (dt.date(2015, 1, 1), dt.date.today())


low, high = data_dates(resources.settings().database)
kinds = list(explore.EVENT_KINDS)
kind_names = {k: t(f"timeline.kind.{k}") for k in kinds}
with st.expander(t("timeline.narrow"), expanded=False):
    chosen_keys = st.multiselect(t("timeline.entities"), keys, default=keys, key="timeline_entities",
                                 format_func=lambda k: captions.get(k, k), placeholder=t("common.choose"))
    chosen_kinds = st.multiselect(t("timeline.event"), kinds, default=kinds, key=f"timeline_kinds_{i18n.lang()}",
                                  format_func=lambda k: kind_names.get(k, k), placeholder=t("common.choose"))
    dates = st.date_input(t("timeline.dates"), value=(low, high), min_value=DATE_MIN, max_value=DATE_MAX,
                          key="timeline_dates", format="YYYY-MM-DD")
    cap = int(st.number_input(t("timeline.cap"), min_value=100, max_value=20000, value=explore.TIMELINE_CAP,
                              step=100, key="timeline_cap"))
date_from = date_to = None
if isinstance(dates, (tuple, list)) and len(dates) == 2:
    date_from, date_to = dates[0].isoformat(), dates[1].isoformat()
try:
    line = explore.timeline(resources.gateway(), chosen_keys or keys, kinds=chosen_kinds, date_from=date_from,
                            date_to=date_to, cap=cap)
except WorkbenchError as e:
    st.error(str(e))
    st.stop()
access.record_view("timeline", {"keys": keys, "events": len(line.events)})
if line.capped:
    st.warning(t("timeline.capped", cap=line.cap))
if not line.events:
    st.info(t("timeline.none"))
    st.stop()
counts = {kind: sum(1 for e in line.events if e["kind"] == kind) for kind in kinds}
st.caption(" · ".join(f"{kind_names[k]}: {n}" for k, n in counts.items() if n))


def _parties(event: dict[str, Any]) -> str:
    """Whose event it is: the firm itself for an incorporation, else the firms and people in view it belongs to
    (the shipments or seizures that brought it in only when no firm did)."""
    if event["kind"] == "incorporation":
        return str(event["caption"])
    origins = [str(o) for o in event["origins"] if o != event["key"]]
    firms = [o for o in origins if o.startswith(("company:", "person:"))]
    return ", ".join(captions.get(o, o) for o in (firms or origins))


frame = pd.DataFrame([{"date": e["date"], "kind": kind_names[e["kind"]], "caption": e["caption"], "key": e["key"],
                       "entity": _parties(e)} for e in line.events])
chart_frame = frame.assign(date=pd.to_datetime(frame["date"], errors="coerce"))
# the briefing's colours (style.yaml): a seizure is red wherever it is drawn
palette = graphview.load_style()
colour_of = {"seizure": "Seizure", "shipment": "Shipment", "notification": "Notification", "incorporation": "Company"}
domain = [kind_names[k] for k in kinds]
colours = [palette.get(colour_of[k], {}).get("color", "#999999") for k in kinds]
chart = (alt.Chart(chart_frame).mark_circle(size=120, opacity=0.9)
         .encode(x=alt.X("date:T", title=t("timeline.date")), y=alt.Y("kind:N", title=t("timeline.event"), sort=domain),
                 color=alt.Color("kind:N", legend=None, scale=alt.Scale(domain=domain, range=colours)),
                 tooltip=[alt.Tooltip("date:T", title=t("timeline.date")), alt.Tooltip("kind:N", title=t("timeline.event")),
                          alt.Tooltip("caption:N", title=t("timeline.what")),
                          alt.Tooltip("entity:N", title=t("timeline.entity"))])
         # month and day names on the axis in the session's language (CLDR, through Babel)
         .configure(locale=alt.Locale(time=alt.TimeLocale(**chart_time_locale(i18n.lang())))))
st.altair_chart(chart, width="stretch")
# the key is needed to find an event again; the headings follow the session's language
st.dataframe(frame.rename(columns={"date": t("timeline.date"), "kind": t("timeline.event"),
                                   "caption": t("timeline.what"), "entity": t("timeline.entity"),
                                   "key": t("timeline.key")}),
             hide_index=True, width="stretch")
