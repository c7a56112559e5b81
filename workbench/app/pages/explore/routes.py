"""Routes: ports of lading, transit and discharge of the selected shipments, on a map drawn offline."""

import pandas as pd
import streamlit as st

from workbench.analysis import explore
from workbench.app import access, i18n, resources, state
from workbench.app.i18n import t
from workbench.errors import WorkbenchError
from workbench.render.routes import route_map_png

access.guard("network")
st.title(t("routes.title"))
keys = list(dict.fromkeys(state.get(state.SELECTION) + ([state.get(state.SELECTED)] if state.get(state.SELECTED) else [])))
if not keys:
    st.info(t("routes.empty"))
    st.stop()
try:
    found = [r for r in explore.routes(resources.gateway(), keys) if r["ports"]]
except WorkbenchError as e:
    st.error(str(e))
    st.stop()
access.record_view("routes", {"keys": keys, "shipments": len(found)})
if not found:
    st.info(t("routes.none"))
    st.stop()
by_key = {r["shipment"]: r for r in found}
chosen = st.multiselect(t("routes.shipments"), list(by_key), default=list(by_key), placeholder=t("common.choose"),
                        key="routes_shipments",
                        format_func=lambda k: f"{by_key[k]['billOfLading'] or k} ({by_key[k]['date'] or '–'})")
shown = [by_key[k] for k in chosen]
st.image(route_map_png([r["ports"] for r in shown], lang=i18n.lang()), caption=t("routes.map_caption"))
st.dataframe(pd.DataFrame([{"shipment": r["shipment"], "B/L": r["billOfLading"], "date": r["date"],
                            "route": " → ".join(p["name"] or p["code"] for p in r["ports"])} for r in shown]),
             hide_index=True, width="stretch")
