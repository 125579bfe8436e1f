"""Structured logs: one JSON object per line with the request_id; never names, ID numbers or images.

The access log line of each request carries method, path, status, duration, the API key's name and, for
/v1/verify, the decision: nothing from the documents themselves."""

from __future__ import annotations

import json
import logging
import re
import time

# What a client chooses (its request id, the path) may hold an ID number: logged masked, and never unbounded.
_ID_NUMBER = re.compile(r"(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9])")
MAX_CLIENT_TEXT = 200


def scrub(value: str) -> str:
    """A client-chosen text as it may be logged: ID numbers masked (110105********002X), cut to 200 characters."""
    return _ID_NUMBER.sub(r"\1********\2", value[:MAX_CLIENT_TEXT])


class JsonFormatter(logging.Formatter):
    """A log record as one JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or _current_request_id()
        if request_id:
            entry["request_id"] = request_id
        for key in ("client_request_id", "method", "path", "status", "duration_ms", "api_key", "decision"):
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = scrub(value) if key in ("client_request_id", "path") else value
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _current_request_id() -> str | None:
    """The request_id of the Flask request being handled, if any."""
    try:
        from verify_service.http.context import request_id_or_none

        return request_id_or_none()
    except Exception:  # logging must never fail
        return None


def setup(json_logs: bool, level: int = logging.INFO) -> None:
    """Configure the root logger once, in an entry point."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if json_logs else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
