"""Secrets the review store needs: the Fernet key and the session-signing key. In production they come from the
environment; only on loopback development (no API keys, loopback host) are they generated and kept in a local
file, and the service says so."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet

from verify_service.config import Settings
from verify_service.errors import ConfigError

log = logging.getLogger(__name__)


def _local(path: Path, make: Callable[[], str], what: str) -> str:
    """A development secret kept in `path` (mode 0600), made on first use."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = make()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value)
    log.warning("generated a local %s in %s for loopback development; production must set it", what, path)
    return value


def development(settings: Settings, keys_enabled: bool) -> bool:
    """Loopback development: no API keys and a loopback host."""
    return not keys_enabled and settings.loopback_only()


def store_key(settings: Settings, keys_enabled: bool) -> bytes:
    """The Fernet key for the case store."""
    if settings.store_key:
        try:
            Fernet(settings.store_key.encode())
        except ValueError as exc:
            raise ConfigError("VERIFY_STORE_KEY must be a Fernet key (32 url-safe base64-encoded bytes)") from exc
        return settings.store_key.encode()
    if not development(settings, keys_enabled):
        raise ConfigError("VERIFY_REVIEW_STORE=1 needs VERIFY_STORE_KEY: images are only stored encrypted")
    return _local(settings.store_path.with_suffix(".key"), lambda: Fernet.generate_key().decode(),
                  "store key").encode()


def old_store_keys(settings: Settings) -> list[bytes]:
    """The earlier store keys of VERIFY_STORE_OLD_KEYS, which still open what they sealed (key rotation)."""
    found = []
    for position, key in enumerate((k.strip() for k in settings.store_old_keys.split(",")), start=1):
        if not key:
            continue
        try:
            Fernet(key.encode())
        except ValueError as exc:
            raise ConfigError(f"VERIFY_STORE_OLD_KEYS: key {position} is not a Fernet key") from exc
        found.append(key.encode())
    return found


def secret_key(settings: Settings, keys_enabled: bool) -> str:
    """The key that signs reviewer session cookies."""
    if settings.secret_key:
        if len(settings.secret_key) < 32:
            raise ConfigError("VERIFY_SECRET_KEY must be at least 32 characters")
        return settings.secret_key
    if not development(settings, keys_enabled):
        raise ConfigError("the review page with API keys needs VERIFY_SECRET_KEY to sign reviewer sessions")
    return _local(settings.store_path.with_name("session.key"), lambda: secrets.token_urlsafe(48), "session key")
