"""The review-queue page with AppTest against the real embedded server: an administrator decides, an analyst reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.ingest import ingest_path
from workbench.ingest.review import load_candidates
from workbench.settings import Settings
from workbench.store.gateway import Gateway
from workbench.trust import auth

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "workbench" / "app" / "app.py")
BUNDLE = REPO / "tests" / "fixtures" / "review"


@pytest.fixture
def review_env(gateway: Gateway, app_settings: Settings) -> Settings:
    ingest_path(gateway, BUNDLE)
    return app_settings


def page(settings: Settings, role: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    user = auth.UserStore(settings.home).get(role)
    assert user is not None
    at.session_state["auth_token"] = auth.SessionManager(settings.home, 60).start(user)
    at.switch_page("pages/analysis/review.py")
    at.run()
    assert not at.exception, at.exception
    return at


def test_admin_rejects_a_pair_and_it_leaves_the_queue(review_env: Settings, gateway: Gateway) -> None:
    at = page(review_env, "admin")
    assert at.title[0].value == "Review queue"
    assert len(at.selectbox(key="review_pick").options) == 2
    sibling = next(c for c in load_candidates(gateway) if "Norval" in c.a_name)
    at.selectbox(key="review_pick").set_value(f"{sibling.a}|{sibling.b}").run()
    at.text_input(key="review_reason").input("two legal persons").run()
    at.button(key="review_reject").click().run()
    assert not at.exception, at.exception
    assert any("apart" in s.value for s in at.success), ([e.value for e in at.error], [s.value for s in at.success])
    remaining = load_candidates(gateway)
    assert len(remaining) == 1 and "Tenaro" in remaining[0].a_name


def test_analyst_reads_the_queue_in_spanish_but_cannot_decide(review_env: Settings) -> None:
    at = page(review_env, "analyst", lang="es")
    assert at.title[0].value == "Cola de revisión"
    assert not [b for b in at.button if b.key in ("review_accept", "review_reject")]
    assert any("administrador" in i.value for i in at.info)
