"""A reload keeps the session and the language (issue 11 #8), in Debian's chromium through Playwright."""

from __future__ import annotations

from tests.app.test_browser_e2e import ARGS, ARTIFACTS, CHROMIUM, PASSWORD, app_url, pytestmark  # noqa: F401


def test_reload_keeps_the_login_and_the_language_and_logout_ends_it(app_url: str) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(app_url)
            page.get_by_label("Usuario").fill("inv")
            page.get_by_label("Contraseña").fill(PASSWORD)
            page.get_by_role("button", name="Entrar").click()
            page.get_by_role("heading", name="Resumen").wait_for(timeout=30000)
            page.get_by_role("combobox", name="Idioma / Language").last.click()  # switch to English
            page.get_by_role("option", name="English").click()
            page.get_by_role("heading", name="Overview").wait_for(timeout=30000)
            page.wait_for_function("document.cookie.includes('pw_session=')", timeout=30000)
            page.reload()
            page.get_by_role("heading", name="Overview").wait_for(timeout=30000)  # still logged in, in English
            page.screenshot(path=str(ARTIFACTS / "session-after-reload.png"), full_page=True)
            page.get_by_role("button", name="Log out").click()
            page.get_by_label("User name").wait_for(timeout=30000)
            page.wait_for_function("!document.cookie.includes('pw_session=')", timeout=30000)
            page.reload()
            page.get_by_role("button", name="Entrar").or_(page.get_by_role("button", name="Log in")).wait_for(
                timeout=30000)
        finally:
            browser.close()
