"""The review page in a real browser: headless Debian Chromium driven by Playwright (never `playwright install`).

Screenshots are saved to test-artifacts/ as the record of what a reviewer sees."""

import re
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from werkzeug.security import generate_password_hash

from tests.conftest import SAMPLES, SHARED, TEST_SETTINGS
from tests.fakes import CHROMIUM, LiveServer, shot
from verify_service import create_app

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")]


def loaded(page, selector) -> bool:
    return page.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 0")


@pytest.mark.skipif(not (SHARED / "testdata").is_dir(), reason="../shared/testdata is not beside the repo")
def test_upload_see_overlays_open_from_list_and_decide(real_app, page, tmp_path):
    app = create_app(dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "cases.sqlite3"),
                     registry=real_app.extensions["verify"].registry)
    server = LiveServer(app)
    try:
        page.goto(server.url + "/review?state=all")
        assert page.locator("#cases .empty").is_visible()
        cards = SAMPLES / "id_cards"
        page.set_input_files("#upload input[name=id_front]", str(cards / "card002_front_photo.jpg"))
        page.set_input_files("#upload input[name=id_back]", str(cards / "card002_back_photo.jpg"))
        page.set_input_files("#upload input[name=selfie]", str(SHARED / "testdata" / "liveness" / "image_T1.jpg"))
        page.click("#upload button[type=submit]")
        page.wait_for_url(re.compile(r".*/review/cases/\w+$"), timeout=60_000)
        case_url = page.url
        assert page.inner_text("#decision") in ("pass", "review", "reject")
        assert "FACE_MISMATCH" in page.inner_text("#reasons")  # the selfie is not the card holder
        for selector in ("#front-overlay", "#back-overlay", "#selfie-face", "#portrait-face"):
            page.wait_for_function(f"document.querySelector('{selector}').complete")
            assert loaded(page, selector), selector
        assert "similarity" in page.inner_text("#similarity") and "score" in page.inner_text("#liveness")
        shot(page, "review-case")

        page.goto(server.url + "/review?state=all")
        listing = page.inner_text("#cases")
        number = re.search(r"\d{6}\*{8}\d{3}[\dX]", listing).group(0)
        assert re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", number) and not re.search(r"\d{17}[\dX]", listing)
        shot(page, "review-list")
        page.click("#cases tbody tr:first-child a")
        assert page.url == case_url

        page.click("#claim button")  # a machine decision is taken into review by claiming it
        page.check("#decide input[value=approve]")
        page.select_option("#decide select[name=reason_code]", "IDENTITY_CONFIRMED")
        page.fill("#decide textarea[name=note]", "applicant called back; selfie retaken")
        page.click("#decide button[type=submit]")
        page.wait_for_selector("#review-decision")
        assert "approve" in page.inner_text("#review-decision") and "local" in page.inner_text("#review-decision")
        page.goto(server.url + "/review?state=all")
        assert "approve" in page.inner_text("#cases tbody tr:first-child")
        shot(page, "review-list-decided")
    finally:
        server.close()


def test_sign_in_is_required_when_keys_are_set(page, tmp_path, fake_registry):
    reviewers = tmp_path / "reviewers"
    reviewers.write_text(f"alice:{generate_password_hash('correct horse battery')}\n")
    app = create_app(dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "c.sqlite3", api_keys="k" * 24,
                          store_key=Fernet.generate_key().decode(), secret_key="s" * 40, reviewers_file=reviewers),
                     registry=fake_registry)
    server = LiveServer(app)
    try:
        page.goto(server.url + "/review")
        assert "/review/login" in page.url
        page.fill("input[name=username]", "alice")
        page.fill("input[name=password]", "wrong password")
        page.click("button[type=submit]")
        assert "wrong user name or password" in page.inner_text("#login-error")
        page.fill("input[name=username]", "alice")
        page.fill("input[name=password]", "correct horse battery")
        page.click("button[type=submit]")
        page.wait_for_url(server.url + "/review")
        assert "alice" in page.inner_text("header")
        shot(page, "review-signed-in")
    finally:
        server.close()


def test_sign_out_ends_a_copied_session_and_guessing_is_throttled(browser, page, tmp_path, fake_registry):
    reviewers = tmp_path / "reviewers"
    reviewers.write_text(f"alice:{generate_password_hash('correct horse battery')}\n")
    app = create_app(dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "c.sqlite3", api_keys="k" * 24,
                          store_key=Fernet.generate_key().decode(), secret_key="s" * 40, reviewers_file=reviewers,
                          sign_in_failures_per_user=2),
                     registry=fake_registry)
    server = LiveServer(app)
    copy = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    try:
        page.goto(server.url + "/review")
        page.fill("input[name=username]", "alice")
        page.fill("input[name=password]", "correct horse battery")
        page.click("button[type=submit]")
        page.wait_for_url(server.url + "/review")
        copy.add_cookies(page.context.cookies())  # someone who copied the cookie before the sign-out
        stolen = copy.new_page()
        stolen.goto(server.url + "/review")
        assert stolen.url == server.url + "/review"
        page.click("header button")  # sign out
        page.wait_for_url(re.compile(r".*/review/login$"))
        stolen.goto(server.url + "/review")
        assert "/review/login" in stolen.url  # the copied cookie is dead too

        for _ in range(2):
            page.fill("input[name=username]", "alice")
            page.fill("input[name=password]", "a wrong guess")
            page.click("button[type=submit]")
            assert "wrong user name or password" in page.inner_text("#login-error")
        page.fill("input[name=username]", "alice")
        page.fill("input[name=password]", "correct horse battery")
        page.click("button[type=submit]")
        assert "429 · Too many requests" in page.inner_text("h1")
        assert "too many failed sign-ins" in page.inner_text("main") and "Back to sign-in" in page.inner_text("main")
        shot(page, "review-sign-in-throttled")
    finally:
        copy.close()
        server.close()
