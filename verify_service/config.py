"""Settings: defaults, then VERIFY_* environment variables, then explicit overrides; validated once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from verify_service.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent
PROVIDERS = ("auto", "cpu", "cuda")


def _default_mirror() -> Path | None:
    """The shared model mirror beside the repo, when there is one (development and CI)."""
    mirror = REPO_ROOT.parent / "shared" / "models"
    return mirror if mirror.is_dir() else None


@dataclass(frozen=True)
class Settings:
    """Everything the service can be told; each field maps to VERIFY_<NAME> in the environment."""

    host: str = "127.0.0.1"
    port: int = 8080
    provider: str = "auto"
    threads: int = 0  # ONNX Runtime intra-op threads per session; 0 = one per core
    manifest: Path = REPO_ROOT / "models" / "manifest.json"
    model_dir: Path = REPO_ROOT / "models" / "files"
    model_mirror: Path | None = field(default_factory=_default_mirror)
    ocr_det_limit: int = 960  # longest side the text detector sees, in pixels
    max_upload_mb: float = 15.0
    max_pixels: int = 50_000_000
    max_work_side: int = 1600  # images are scaled down to this longest side before any model runs
    reference_date: dt.date | None = None  # "today" for expiry checks; None = the real date
    face_calibration: Path = REPO_ROOT / "models" / "face_calibration.json"
    face_operating_point: str = "far_1e-3"
    face_match_threshold: float | None = None  # overrides the calibrated match threshold
    face_reject_threshold: float | None = None  # overrides the calibrated reject threshold
    liveness_threshold: float = 0.5
    policy_file: Path | None = None
    max_pdf_pages: int = 5
    api_keys: str = ""  # comma-separated keys; or api_keys_file: one "name:sha256-hex" per line
    api_keys_file: Path | None = None
    rate_limit: int = 120  # requests per minute per API key (per client address without keys); 0 = no limit
    request_timeout: float = 30.0  # seconds a verification may run before it stops with 504 TIMEOUT
    workers: int = 2  # gunicorn worker processes (each loads the models once, after fork)
    worker_threads: int = 4  # request threads per worker (waitress, behind its buffering I/O loop)
    log_json: bool = True  # structured JSON logs (one object per line)
    review_store: bool = False  # keep every /v1/verify result and its images for the review page
    store_path: Path = REPO_ROOT / "instance" / "cases.sqlite3"
    store_url: str = ""  # postgresql://user:password@host/db: the store in PostgreSQL (wins over store_path)
    store_key: str = ""  # Fernet key (urlsafe base64, 32 bytes); generated and kept locally only on loopback dev
    store_old_keys: str = ""  # comma-separated earlier store keys: they still decrypt, never encrypt (rotation)
    retention_days: int = 30
    claim_minutes: int = 30  # a reviewer's claim on a case lapses after this
    # Webhooks: the default receiver (keys without their own, review-page cases) and per-key receivers.
    webhook_url: str = ""
    webhook_secret: str = ""
    webhooks_file: Path | None = None  # one "key-name url secret" per line
    webhook_retry_base: float = 10.0  # seconds before the first retry; doubled each time ...
    webhook_retry_max: float = 3600.0  # ... up to this
    webhook_give_up_hours: float = 72.0  # an event not delivered by then is given up (the case API still has it)
    webhook_timeout: float = 10.0  # seconds a receiver has to answer
    webhook_poll: float = 2.0  # seconds between looks at the outbox when nothing woke the delivery thread
    secret_key: str = ""  # signs reviewer session cookies; generated and kept locally only on loopback dev
    reviewers_file: Path | None = None  # one "username:password-hash" per line (python -m verify_service reviewer)
    secure_cookies: bool = False  # set behind HTTPS
    # Reviewer sign-in throttling, counted in the reviewer sessions' SQLite file so every worker sees one count.
    sign_in_failures_per_user: int = 5  # failed sign-ins per user name per window, from any address
    sign_in_failures_per_address: int = 20  # failed sign-ins per client address per window, over any user names
    sign_in_window: int = 900  # seconds over which failed sign-ins are counted
    income_max_age_days: int = 90  # ISSUE_DATE_RECENT: an income proof older than this fails
    income_tolerance: float = 0.2  # INCOME_INCONSISTENT beyond this relative difference from the declared income
    # Threads per process that run the selfie stages beside the OCR; 0 = one after another, which is faster on a
    # 2-core machine (bench/bench_verify.py).
    stage_workers: int = 0
    warmup: bool = True

    def today(self) -> dt.date:
        """The date that expiry checks compare against."""
        return self.reference_date or dt.date.today()

    @property
    def max_upload_bytes(self) -> int:
        """The upload limit in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)

    def validate(self) -> Settings:
        """Reject impossible values with a message naming the variable."""
        if self.provider not in PROVIDERS:
            raise ConfigError(f"VERIFY_PROVIDER must be one of {', '.join(PROVIDERS)}, not {self.provider!r}")
        for name in ("port", "max_pixels", "max_work_side", "ocr_det_limit", "max_pdf_pages", "income_max_age_days",
                     "retention_days", "claim_minutes", "webhook_retry_base", "webhook_retry_max",
                     "webhook_give_up_hours", "webhook_timeout", "webhook_poll"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"VERIFY_{name.upper()} must be positive")
        if not 0 < self.liveness_threshold < 1:
            raise ConfigError("VERIFY_LIVENESS_THRESHOLD must be between 0 and 1")
        if self.rate_limit < 0 or self.request_timeout <= 0 or self.workers < 1 or self.worker_threads < 1:
            raise ConfigError("VERIFY_RATE_LIMIT, VERIFY_REQUEST_TIMEOUT, VERIFY_WORKERS or VERIFY_WORKER_THREADS "
                              "is out of range")
        if min(self.sign_in_failures_per_user, self.sign_in_failures_per_address, self.sign_in_window) <= 0:
            raise ConfigError("VERIFY_SIGN_IN_FAILURES_PER_USER, VERIFY_SIGN_IN_FAILURES_PER_ADDRESS and "
                              "VERIFY_SIGN_IN_WINDOW must be positive")
        if self.store_url and not self.store_url.startswith(("postgresql://", "postgres://")):
            raise ConfigError("VERIFY_STORE_URL must be a postgresql:// URL (SQLite: VERIFY_STORE_PATH)")
        if self.stage_workers < 0:
            raise ConfigError("VERIFY_STAGE_WORKERS must not be negative")
        if self.max_upload_mb <= 0 or self.threads < 0:
            raise ConfigError("VERIFY_MAX_UPLOAD_MB must be positive and VERIFY_THREADS not negative")
        return self

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults <- VERIFY_* environment <- overrides, each converted to the field's type."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        known = {f.name: f for f in fields(cls)}
        for name in known:
            raw = environ.get(f"VERIFY_{name.upper()}")
            if raw is not None:
                values[name] = _convert(name, raw, str(known[name].type))
        for name, value in (overrides or {}).items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}")
            values[name] = _convert(name, value, str(known[name].type)) if isinstance(value, str) else value
        return dataclasses.replace(cls(), **values).validate()

    def loopback_only(self) -> bool:
        """True when the host is a loopback address (the only place the service may listen without keys)."""
        import ipaddress

        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def _convert(name: str, raw: str, type_name: str) -> Any:
    """One environment string as the field's type; a bad value names its variable."""
    try:
        if raw == "" and "None" in type_name:
            return None
        if type_name.startswith("bool"):
            if raw.lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                raise ValueError(raw)
            return raw.lower() in ("1", "true", "yes", "on")
        if type_name.startswith("int"):
            return int(raw)
        if type_name.startswith("float"):
            return float(raw)
        if type_name.startswith("Path"):
            return Path(raw).expanduser()
        if type_name.startswith("dt.date"):
            return dt.date.fromisoformat(raw)
        return raw
    except ValueError as exc:
        raise ConfigError(f"VERIFY_{name.upper()}={raw!r} is not a valid {type_name.split(' ')[0]}") from exc


def setting_file_lines(path: str | Path, setting: str) -> list[tuple[int, str]]:
    """The (line number, stripped text) of each line of a file a setting names (VERIFY_API_KEYS_FILE,
    VERIFY_WEBHOOKS_FILE) that is neither blank nor a # comment; a file that cannot be read is a ConfigError."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{setting} {path}: {exc.strerror}") from None
    return [(number, line.strip()) for number, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")]
