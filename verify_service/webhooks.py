"""Webhooks: the lender's system learns a case's final decision without polling.

Targets: each API key may have its own URL and secret in VERIFY_WEBHOOKS_FILE (lines `key-name url secret`; the
file holds secrets, so keep it 0600 like the store key); VERIFY_WEBHOOK_URL and VERIFY_WEBHOOK_SECRET are the
default for keys without a line and for cases of the review page (and of loopback development).

Delivery: a final decision queues its event in the store's outbox in the same transaction (store/cases.py); a
background thread in each worker process leases a batch of due events (row locks, so several workers and
instances never take one event together), and before POSTing each renews its lease to cover that attempt's whole
deadline (a conditional UPDATE: an event whose batch lease ran out while earlier ones were sent, and that another
worker took, is skipped), so one event is never sent twice at the same time; every attempt made is recorded. An
attempt has a hard deadline (connect and read timeouts, and a wall-clock limit while the answer is read, of which
at most 64 KB are read), so a slow or trickling receiver cannot hold the delivery thread. A failure (no answer,
a timeout, a non-2xx status) is retried with exponential backoff and jitter, also after a restart, since the
outbox is in the store, until the event is VERIFY_WEBHOOK_GIVE_UP_HOURS old. Delivery is at least once; every
event carries its id (the `id` field and the X-Verify-Event-Id header) for the receiver to drop repeats, which
makes it exactly once at a receiver that does.

Signature: X-Verify-Signature: sha256=HEX, where HEX is HMAC-SHA256 with the secret over
`{X-Verify-Timestamp}.{body}` (the timestamp in Unix seconds, the body byte for byte), as Stripe signs;
receivers refuse a timestamp more than a few minutes old (replays)."""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import hmac
import logging
import os
import random
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

import requests
import urllib3

from verify_service import __version__
from verify_service.config import Settings, setting_file_lines
from verify_service.errors import ConfigError
from verify_service.store.cases import CaseStore, DueEvent, utcnow

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Verify-Signature"
TIMESTAMP_HEADER = "X-Verify-Timestamp"
EVENT_HEADER = "X-Verify-Event-Id"
MIN_SECRET = 16
LEASE_SECONDS = 60.0  # a batch of events a worker took is another's after this, should the worker die
LEASE_MARGIN = 5.0  # seconds an attempt's lease outlasts the attempt's deadline
MAX_RESPONSE_BYTES = 64 * 1024  # of a receiver's answer read (its status decides; the body is not used)


@dataclass(frozen=True)
class Target:
    """Where one owner's events go."""

    url: str
    secret: str


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Verify-Signature value of a body sent at `timestamp`."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def _check_url(url: str, where: str) -> str:
    if not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
        raise ConfigError(f"{where}: a webhook URL must be an http(s) URL without spaces")
    return url


def _check_secret(secret: str, where: str) -> str:
    if len(secret) < MIN_SECRET:
        raise ConfigError(f"{where}: a webhook secret must be at least {MIN_SECRET} characters")
    return secret


@dataclass(frozen=True)
class Targets:
    """Every owner's webhook: its own, or the default."""

    by_key: Mapping[str, Target]
    default: Target | None

    @classmethod
    def from_settings(cls, settings: Settings, key_names: set[str]) -> Targets:
        """VERIFY_WEBHOOK_URL/SECRET and VERIFY_WEBHOOKS_FILE, checked: a line must name a known API key."""
        default = None
        if settings.webhook_url or settings.webhook_secret:
            if not (settings.webhook_url and settings.webhook_secret):
                raise ConfigError("VERIFY_WEBHOOK_URL and VERIFY_WEBHOOK_SECRET go together")
            default = Target(_check_url(settings.webhook_url, "VERIFY_WEBHOOK_URL"),
                             _check_secret(settings.webhook_secret, "VERIFY_WEBHOOK_SECRET"))
        by_key: dict[str, Target] = {}
        if settings.webhooks_file is not None:
            for number, line in setting_file_lines(settings.webhooks_file, "VERIFY_WEBHOOKS_FILE"):
                where = f"VERIFY_WEBHOOKS_FILE line {number}"
                parts = line.split()
                if len(parts) != 3:
                    raise ConfigError(f"{where}: expected `key-name url secret`")
                name, url, secret = parts
                if name not in key_names:
                    raise ConfigError(f"{where}: {name!r} is not the name of an API key")
                if name in by_key:
                    raise ConfigError(f"{where}: {name!r} is named twice")
                by_key[name] = Target(_check_url(url, where), _check_secret(secret, where))
        return cls(by_key, default)

    def for_owner(self, owner: str) -> Target | None:
        """The webhook of an owner's cases, or None."""
        return self.by_key.get(owner, self.default)

    def wants_events(self, owner: str) -> bool:
        """Whether an owner's cases send events."""
        return self.for_owner(owner) is not None

    @property
    def any(self) -> bool:
        return bool(self.by_key) or self.default is not None


@dataclass(frozen=True)
class Backoff:
    """When to try again: base x 2^(attempt-1), at most `cap`, with equal jitter (half fixed, half random) so that
    events that failed together do not all come back at once; given up once the event is `give_up` old."""

    base: float
    cap: float
    give_up: dt.timedelta

    def next_attempt(self, attempts: int, created_at: str, now: dt.datetime) -> dt.datetime | None:
        """The time of the next attempt after `attempts` failures, or None to give up."""
        delay = min(self.cap, self.base * 2 ** max(0, attempts - 1))
        delay = delay / 2 + random.uniform(0, delay / 2)  # jitter, not a secret
        at = now + dt.timedelta(seconds=delay)
        if at - dt.datetime.fromisoformat(created_at) > self.give_up:
            return None
        return at


class Dispatcher:
    """The background delivery loop of one worker process."""

    def __init__(self, store: CaseStore, targets: Targets, backoff: Backoff, timeout: float = 10.0,
                 poll: float = 2.0, lease_seconds: float = LEASE_SECONDS):
        self.store, self.targets, self.backoff = store, targets, backoff
        self.timeout, self.poll, self.lease_seconds = timeout, poll, lease_seconds
        self.connect_timeout = min(5.0, timeout)
        # The longest one attempt can take, whatever the receiver does: connect, then the whole answer.
        self.deadline = self.connect_timeout + timeout
        self.worker = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._session = requests.Session()

    def start(self) -> Dispatcher:
        """Run the loop in a daemon thread."""
        self._thread = threading.Thread(target=self._run, name="verify-webhooks", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        """Deliver now (an event was just queued) instead of at the next poll."""
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        """Finish the attempt in flight, give back the events leased and not attempted, and stop."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(self.deadline + 5 if timeout is None else timeout)
        try:
            self.store.release_leases(self.worker)
        except Exception:  # a store that is gone at exit: the leases run out by themselves
            log.exception("could not give back the webhook events this worker had leased")
        self._session.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                sent = self.deliver_due()
            except Exception:  # a store that is briefly unreachable must not end the loop
                log.exception("webhook delivery loop failed; retrying")
                sent = 0
            if not sent:
                self._wake.wait(self.poll)
                self._wake.clear()

    def deliver_due(self, limit: int = 10) -> int:
        """Lease the due events and attempt each once that is still this worker's when its turn comes; how many
        were leased."""
        due = self.store.due_events(self.worker, limit, self.lease_seconds)
        for event in due:
            if self._stop.is_set():
                break
            # The batch's lease may have run out while earlier events were sent to a slow receiver: hold this one
            # for its whole attempt, or leave it to the worker that took it meanwhile.
            if not self.store.renew_lease(event, self.worker, self.deadline + LEASE_MARGIN):
                continue
            self.attempt(event)
        return len(due)

    def attempt(self, event: DueEvent) -> str:
        """POST one event, signed, and record what happened."""
        target = self.targets.for_owner(event.owner)
        if target is None:  # the owner's webhook was removed since: nobody to tell
            return self.store.record_attempt(event, self.worker, "", None, "no webhook configured", 0, None)
        timestamp = int(time.time())
        headers = {"Content-Type": "application/json", "User-Agent": f"verify_service-webhooks/{__version__}",
                   EVENT_HEADER: event.event_id, TIMESTAMP_HEADER: str(timestamp),
                   SIGNATURE_HEADER: sign(target.secret, timestamp, event.payload)}
        started = time.perf_counter()
        status_code, error = None, None
        try:
            status_code = self._post(target.url, event.payload, headers, time.monotonic() + self.deadline)
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}"
        except requests.RequestException as exc:
            error = type(exc).__name__  # the class says enough (ConnectionError, ReadTimeout); no URL or body
        except OSError as exc:  # a socket error while the answer was read
            error = type(exc).__name__
        duration = int((time.perf_counter() - started) * 1000)
        now = utcnow()
        next_at = None if error is None else self.backoff.next_attempt(event.attempts + 1, event.created_at, now)
        status = self.store.record_attempt(event, self.worker, target.url, status_code, error, duration, next_at,
                                           now)
        if status == "failed":
            log.warning("webhook event %s given up after %d attempts", event.event_id, event.attempts + 1)
        return status

    def _post(self, url: str, body: bytes, headers: dict[str, str], deadline: float) -> int:
        """POST and return the receiver's status, reading at most MAX_RESPONSE_BYTES of its answer and nothing
        after `deadline` (time.monotonic()): the answer is streamed, each read waits no longer than the time left,
        and a receiver that trickles bytes is cut off. The status line decides; the body is only drained so that
        the connection can be reused."""
        response = self._session.post(url, data=body, headers=headers, allow_redirects=False, stream=True,
                                      timeout=(self.connect_timeout, self.timeout))
        try:
            raw, received = response.raw, 0
            while received < MAX_RESPONSE_BYTES:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                sock = getattr(getattr(raw, "connection", None), "sock", None)
                if sock is not None:
                    sock.settimeout(min(left, self.timeout))
                chunk = raw.read1(min(8192, MAX_RESPONSE_BYTES - received), decode_content=False)
                if not chunk:
                    break
                received += len(chunk)
        except (requests.RequestException, OSError, urllib3.exceptions.HTTPError):
            pass  # the status came; an answer cut short does not change it
        finally:
            response.close()  # a connection whose answer was not read to its end is closed, never reused
        return response.status_code


def install(store: CaseStore, targets: Targets, settings: Settings) -> Dispatcher | None:
    """The webhook targets on the store, and a delivery thread (woken by every queued event) when any webhook is
    configured."""
    store.wants_events = targets.wants_events
    if not targets.any:
        return None
    backoff = Backoff(settings.webhook_retry_base, settings.webhook_retry_max,
                      dt.timedelta(hours=settings.webhook_give_up_hours))
    dispatcher = Dispatcher(store, targets, backoff, settings.webhook_timeout, settings.webhook_poll)
    store.notify = dispatcher.wake
    # A worker that exits (gunicorn's SIGTERM, a restart) finishes its attempt and gives back its leases.
    atexit.register(dispatcher.stop)
    return dispatcher.start()
