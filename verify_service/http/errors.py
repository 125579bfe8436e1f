"""Every error leaves the service as the contract's JSON: {"request_id", "error": {"code", "message"}}."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from verify_service.errors import PayloadTooLarge, VerifyError

log = logging.getLogger(__name__)

_HTTP_CODES = {400: "BAD_REQUEST", 401: "UNAUTHORIZED", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED",
               413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA", 429: "RATE_LIMITED"}


def error_response(err: VerifyError):
    """The JSON body and status for an error."""
    body = {"request_id": g.get("request_id"), "error": err.to_dict()}
    response = jsonify(body)
    response.status_code = err.http_status
    retry_after = getattr(err, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def register(app: Flask) -> None:
    """Install the handlers that turn exceptions into JSON errors."""

    @app.errorhandler(VerifyError)
    def _verify_error(err: VerifyError):
        if err.http_status >= 500:
            log.error("request failed: %s: %s", err.code, err.message)
        return error_response(err)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(err: RequestEntityTooLarge):
        limit = app.config.get("MAX_CONTENT_LENGTH")
        return error_response(PayloadTooLarge(f"the request is larger than the limit of {limit} bytes"))

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException):
        status = err.code or 500
        code = _HTTP_CODES.get(status, "HTTP_ERROR")
        return error_response(VerifyError(err.description or err.name, code=code, http_status=status))

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        log.exception("unexpected error")  # the traceback holds no request data: uploads are never logged
        return error_response(VerifyError("internal error; the request_id identifies it in the logs"))
