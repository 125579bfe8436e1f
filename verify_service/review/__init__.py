"""The reviewer page (switched on with VERIFY_REVIEW_STORE=1): the case store, reviewer accounts and the
blueprint of views.py."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask

from verify_service.errors import ConfigError

SESSION_LIFETIME = 8 * 3600  # seconds a reviewer's session lasts, enforced by the server as well as the cookie

def load_reviewers(path: Path | None) -> dict[str, str]:
    """username -> password hash, from lines "username:hash" (werkzeug's generate_password_hash format)."""
    if path is None:
        return {}
    reviewers = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"VERIFY_REVIEWERS_FILE {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, digest = line.strip().partition(":")
        if not name or not digest.startswith(("scrypt:", "pbkdf2:")):
            raise ConfigError(f"VERIFY_REVIEWERS_FILE line {number}: expected username:password-hash")
        reviewers[name] = digest
    return reviewers


def install(app: Flask, settings, key_names: set[str]) -> None:
    """The case store (when switched on), its webhook delivery and the review blueprint."""
    from werkzeug.security import generate_password_hash

    from verify_service import webhooks
    from verify_service.review import sessions
    from verify_service.review.views import bp
    from verify_service.store import keys
    from verify_service.store.cases import CaseStore

    if not settings.review_store:
        return  # no store, no review page, no case API, no webhooks: nothing personal is kept
    keys_enabled = bool(key_names)
    targets = webhooks.Targets.from_settings(settings, key_names)
    reviewers = None
    if keys_enabled:
        reviewers = sessions.ReviewerFile(settings.reviewers_file)
        if not reviewers.current():
            raise ConfigError("with API keys set, the review page needs reviewers: set VERIFY_REVIEWERS_FILE")
    app.secret_key = keys.secret_key(settings, keys_enabled)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_SECURE=settings.secure_cookies, SESSION_COOKIE_NAME="verify_review",
                      PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME)
    # The store is opened last: it seals its key canary on first start, and a start-up that fails on another
    # setting must not have bound a fresh store to a key.
    store_obj = CaseStore(settings.store_url or settings.store_path, keys.store_key(settings, keys_enabled),
                          settings.retention_days, old_keys=keys.old_store_keys(settings),
                          claim_minutes=settings.claim_minutes)
    store_obj.purge_expired()
    app.extensions["verify_store"] = store_obj
    if reviewers is not None:
        # In the case store, so that every worker and every instance sharing it has the same sessions and counts.
        session_store = sessions.SessionStore(store_obj.engine)
        reviewers.on_change = session_store.sweep
        session_store.sweep(reviewers.current())  # a reviewer removed while the service was down is signed out
        app.extensions["verify_sign_in"] = sessions.SignIn(
            reviewers, session_store, SESSION_LIFETIME, settings.sign_in_failures_per_user,
            settings.sign_in_failures_per_address, settings.sign_in_window,
            generate_password_hash(secrets.token_hex(8)))
    dispatcher = webhooks.install(store_obj, targets, settings)
    if dispatcher is not None:
        app.extensions["verify_webhooks"] = dispatcher
    app.register_blueprint(bp)
