"""API keys (X-API-Key) and a per-key rate limit.

Keys come from VERIFY_API_KEYS (comma-separated) or VERIFY_API_KEYS_FILE (one `name:sha256-hex` per line, so the
file holds no usable secret). A presented key is hashed and compared with every stored hash in constant time.
Without keys the service is for loopback development only (the serve command enforces that).

A stored case belongs to the key that created it; a line `name:sha256-hex:operator` in the keys file marks an
operator's key, which may act on every case. Keys of VERIFY_API_KEYS are never operators.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from dataclasses import dataclass

from flask import Flask, request

from verify_service.config import Settings, setting_file_lines
from verify_service.errors import ConfigError, RateLimited, Unauthorized
from verify_service.http import context
from verify_service.store.cases import RESERVED_OWNERS

PROTECTED_PREFIXES = ("/v1/", "/metrics", "/openapi.json")



def key_hash(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyRing:
    """Hashed keys by name, and the names of the operators' keys."""

    hashes: dict[str, str]
    operators: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        """Keys from VERIFY_API_KEYS and VERIFY_API_KEYS_FILE."""
        hashes, operators = {}, set()
        for i, key in enumerate(k.strip() for k in settings.api_keys.split(",")):
            if key:
                if len(key) < 16:
                    raise ConfigError("each key in VERIFY_API_KEYS must be at least 16 characters")
                hashes[f"key{i + 1}"] = key_hash(key)
        if settings.api_keys_file is not None:
            for number, line in setting_file_lines(settings.api_keys_file, "VERIFY_API_KEYS_FILE"):
                name, _, rest = line.partition(":")
                digest, _, mark = rest.partition(":")
                name = name.strip()
                if not name or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest.lower()):
                    raise ConfigError(f"VERIFY_API_KEYS_FILE line {number}: expected name:sha256-hex")
                if mark.strip() not in ("", "operator"):
                    raise ConfigError(f"VERIFY_API_KEYS_FILE line {number}: the only mark is ':operator'")
                # A key named like a store owner would own those cases (review-page, legacy, local).
                if name in RESERVED_OWNERS:
                    raise ConfigError(f"VERIFY_API_KEYS_FILE line {number}: {name!r} is reserved")
                # A name given twice would silently drop one key (and hand its cases to the other); one key under
                # two names would make its owner depend on the order of the file.
                if name in hashes:
                    raise ConfigError(f"VERIFY_API_KEYS_FILE line {number}: {name!r} is named twice")
                if digest.lower() in hashes.values():
                    raise ConfigError(f"VERIFY_API_KEYS_FILE line {number}: this key is already listed")
                hashes[name] = digest.lower()
                if mark.strip():
                    operators.add(name)
        return cls(hashes, frozenset(operators))

    @property
    def enabled(self) -> bool:
        return bool(self.hashes)

    def identify(self, presented: str | None) -> str | None:
        """The name of the key presented, or None; every stored hash is compared, in constant time each."""
        if not presented:
            return None
        digest = key_hash(presented)
        found = None
        for name, stored in self.hashes.items():
            if hmac.compare_digest(digest, stored):
                found = name
        return found


class RateLimiter:
    """A token bucket per client: `per_minute` requests a minute, bursts up to the same number."""

    def __init__(self, per_minute: int):
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate


def install(app: Flask, settings: Settings) -> KeyRing:
    """Check keys and the rate limit before every protected request."""
    ring = KeyRing.from_settings(settings)
    limiter = RateLimiter(settings.rate_limit) if settings.rate_limit else None

    @app.before_request
    def _authenticate():
        if not request.path.startswith(PROTECTED_PREFIXES):
            return None
        client = request.remote_addr or "unknown"
        if ring.enabled:
            name = ring.identify(request.headers.get("X-API-Key"))
            if name is None:
                raise Unauthorized("a valid X-API-Key header is required")
            context.current().api_key = name
            context.current().operator = name in ring.operators
            client = f"key:{name}"
        else:
            context.current().operator = True  # loopback development: its one user runs the service
        if limiter is not None and request.path.startswith("/v1/"):
            wait = limiter.take(client)
            if wait > 0:
                raise RateLimited(f"more than {settings.rate_limit} requests a minute", math.ceil(wait))
        return None

    return ring
