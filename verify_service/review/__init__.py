"""The reviewer page (switched on with VERIFY_REVIEW_STORE=1): the case store, reviewer accounts and the
blueprint of views.py."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask

from verify_service.errors import ConfigError


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


def install(app: Flask, settings, keys_enabled: bool) -> None:
    """The case store (when switched on) and the review blueprint."""
    from werkzeug.security import generate_password_hash

    from verify_service.review.views import bp
    from verify_service.store import keys
    from verify_service.store.cases import CaseStore

    if not settings.review_store:
        return  # no store, no review page: nothing personal is kept
    store_obj = CaseStore(settings.store_path, keys.store_key(settings, keys_enabled), settings.retention_days)
    store_obj.purge_expired()
    app.extensions["verify_store"] = store_obj
    app.config["REVIEW_SIGN_IN"] = keys_enabled
    app.config["REVIEWERS"] = load_reviewers(settings.reviewers_file)
    app.config["DUMMY_HASH"] = generate_password_hash(secrets.token_hex(8))
    if keys_enabled and not app.config["REVIEWERS"]:
        raise ConfigError("with API keys set, the review page needs reviewers: set VERIFY_REVIEWERS_FILE")
    app.secret_key = keys.secret_key(settings, keys_enabled)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_SECURE=settings.secure_cookies, SESSION_COOKIE_NAME="verify_review",
                      PERMANENT_SESSION_LIFETIME=8 * 3600)
    app.register_blueprint(bp)
