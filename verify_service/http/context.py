"""The per-request context, owned here: one object on `flask.g`, made by the first hook of every request.

Who writes what, in request order:
  1. `begin` (first before_request): request_id, started;
  2. http/auth.py (before_request): api_key;
  3. the views: timings_ms (stage timings for the metrics), decision (for the access log and the metrics),
     and http/uploads.py caches the parts it has read in `uploads`;
  4. http/metrics.py and `finish` (after_request) read them; error handlers read request_id.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from dataclasses import dataclass, field

from flask import Flask, Response, g, has_request_context, request

access = logging.getLogger("verify_service.access")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@dataclass
class RequestContext:
    """What hooks and views share about the request being handled."""

    request_id: str
    started: float
    api_key: str | None = None
    decision: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
    uploads: dict[str, bytes] = field(default_factory=dict)


def current() -> RequestContext:
    """The context of the request being handled (made on first use, e.g. by an error before any hook ran)."""
    ctx = g.get("verify_context")
    if ctx is None:
        ctx = g.verify_context = _new()
    return ctx


def request_id_or_none() -> str | None:
    """The request_id when inside a request (for log records), else None."""
    if not has_request_context():
        return None
    ctx = g.get("verify_context")
    return ctx.request_id if ctx is not None else None


def _new() -> RequestContext:
    incoming = request.headers.get("X-Request-ID", "")
    request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
    return RequestContext(request_id, time.perf_counter())


def install(app: Flask) -> None:
    """Make the context first thing in every request; answer with its request id and log the access line."""

    def begin() -> None:
        g.verify_context = _new()

    app.before_request_funcs.setdefault(None, []).insert(0, begin)

    @app.after_request
    def finish(response: Response) -> Response:
        ctx = current()
        response.headers["X-Request-ID"] = ctx.request_id
        access.info("request", extra={
            "request_id": ctx.request_id, "method": request.method, "path": request.path,
            "status": response.status_code, "duration_ms": round((time.perf_counter() - ctx.started) * 1000, 1),
            "api_key": ctx.api_key, "decision": ctx.decision})
        return response
