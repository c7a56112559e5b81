"""Charts speak the session's language: the time locale handed to Vega-Lite comes from CLDR."""

from __future__ import annotations

import altair as alt
import pandas as pd

from workbench.formatting import chart_time_locale


def test_spanish_months_and_days_start_where_d3_expects() -> None:
    es = chart_time_locale("es")
    assert es["months"][0] == "enero" and es["months"][11] == "diciembre"
    assert es["shortMonths"][0] == "ene" and es["days"][0] == "domingo" and es["days"][1] == "lunes"
    en = chart_time_locale("en")
    assert en["months"][0] == "January" and en["days"][0] == "Sunday" and en["shortMonths"][8] == "Sep"


def test_the_locale_is_a_valid_vega_lite_time_locale() -> None:
    frame = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-03-02"]), "kind": ["a", "b"]})
    chart = alt.Chart(frame).mark_circle().encode(x="date:T", y="kind:N").configure(
        locale=alt.Locale(time=alt.TimeLocale(**chart_time_locale("es"))))
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["config"]["locale"]["time"]["months"][2] == "marzo"
