"""The per-request context, owned here: one object on `flask.g`, made by the first hook of every request.

Who writes what, in request order:
  1. `begin` (first before_request): request_id (always the server's own uuid4 hex: it is the case id),
     client_request_id (the client's X-Request-ID when it is sane: echoed and logged, nothing more), started;
  2. http/auth.py (before_request): api_key, operator;
  3. the views: timings_ms (stage timings for the metrics), decision (for the access log and the metrics),
     and http/uploads.py caches the parts it has read in `uploads`;
  4. http/metrics.py and `finish` (after_request) read them; error handlers read request_id.
Every JSON body with a request_id is built through `RequestContext.ids()` so client_request_id goes with it.
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
    client_request_id: str | None = None
    api_key: str | None = None
    operator: bool = False  # may act on every stored case (an operator's key, or no keys on loopback)
    decision: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
    uploads: dict[str, bytes] = field(default_factory=dict)

    def ids(self) -> dict[str, str]:
        """The ids every JSON body starts with: request_id, and client_request_id when the client sent one."""
        if self.client_request_id is None:
            return {"request_id": self.request_id}
        return {"request_id": self.request_id, "client_request_id": self.client_request_id}


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
    """A context with the server's own request id; the client's id is kept apart, only when it is sane."""
    # A client's id is never the case id: two requests with the same one would collide in the store.
    incoming = request.headers.get("X-Request-ID", "")
    client_request_id = incoming if _REQUEST_ID_RE.fullmatch(incoming) else None
    return RequestContext(uuid.uuid4().hex, time.perf_counter(), client_request_id)


def install(app: Flask) -> None:
    """Make the context first thing in every request; answer with its request id and log the access line."""

    def begin() -> None:
        """Make the request's context before any other hook runs."""
        g.verify_context = _new()

    app.before_request_funcs.setdefault(None, []).insert(0, begin)

    @app.after_request
    def finish(response: Response) -> Response:
        """Answer with the server's request id and write the access line."""
        ctx = current()
        response.headers["X-Request-ID"] = ctx.request_id
        access.info("request", extra={
            "request_id": ctx.request_id, "client_request_id": ctx.client_request_id,
            "method": request.method, "path": request.path,
            "status": response.status_code, "duration_ms": round((time.perf_counter() - ctx.started) * 1000, 1),
            "api_key": ctx.api_key, "decision": ctx.decision})
        return response
