"""Every error leaves the service as the contract's JSON: {"request_id", "error": {"code", "message"}}."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from verify_service.codes import ErrorCode
from verify_service.errors import PayloadTooLarge, VerifyError
from verify_service.http import context

log = logging.getLogger(__name__)

_HTTP_CODES = {400: ErrorCode.BAD_REQUEST, 401: ErrorCode.UNAUTHORIZED, 404: ErrorCode.NOT_FOUND,
               405: ErrorCode.METHOD_NOT_ALLOWED, 413: ErrorCode.PAYLOAD_TOO_LARGE, 415: ErrorCode.UNSUPPORTED_MEDIA,
               429: ErrorCode.RATE_LIMITED}


_TITLES = {400: "Bad request", 401: "Sign in needed", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
           409: "Conflict", 413: "Too large", 429: "Too many requests", 504: "Timed out"}


def wants_html() -> bool:
    """The reviewer page's routes answer errors as pages; every other route answers the JSON error shape."""
    on_review = request.path == "/review" or request.path.startswith("/review/")
    return on_review and "review" in current_app.blueprints


def error_response(err: VerifyError):
    """The JSON body and status for an error (an HTML page on the reviewer page's routes)."""
    if wants_html():
        html = render_template("review/error.html", status=err.http_status, message=err.message,
                               title=_TITLES.get(err.http_status, "Error"))
        return Response(html, status=err.http_status, mimetype="text/html")
    body = {**context.current().ids(), "error": err.to_dict()}
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
        return error_response(PayloadTooLarge(_limit_hit(app, err)))

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException):
        status = err.code or 500
        code = _HTTP_CODES.get(status, ErrorCode.HTTP_ERROR)
        return error_response(VerifyError(err.description or err.name, code=code, http_status=status))

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        log.exception("unexpected error")  # the traceback holds no request data: uploads are never logged
        return error_response(VerifyError("internal error; the request_id identifies it in the logs"))


# Werkzeug raises the same bare RequestEntityTooLarge for three limits; the function that raised it tells which.
_PARTS_RAISERS = {"next_event"}  # sansio/multipart.py: one part more than max_form_parts
_FIELD_RAISERS = {"receive_data", "parse"}  # sansio/multipart.py and formparser.py: a field over max_form_memory_size


def _limit_hit(app: Flask, err: RequestEntityTooLarge) -> str:
    """The message of a 413 that names the limit the request went over (upload size, form parts or field size)."""
    upload_limit = app.config.get("MAX_CONTENT_LENGTH")
    upload = f"the request is larger than the limit of {upload_limit} bytes"
    length = request.content_length
    if upload_limit is not None and length is not None and length > upload_limit:
        return upload
    tb, raiser = err.__traceback__, None
    while tb is not None:
        if "werkzeug" in tb.tb_frame.f_code.co_filename:
            raiser = tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    if raiser in _PARTS_RAISERS:
        return f"the form has more than the limit of {app.config.get('MAX_FORM_PARTS')} parts"
    if raiser in _FIELD_RAISERS:
        return (f"a form field (a part without a filename) is larger than the limit of "
                f"{app.config.get('MAX_FORM_MEMORY_SIZE')} bytes")
    if request.mimetype == "application/x-www-form-urlencoded":  # the whole form counts as fields
        return f"the form fields are larger than the limit of {app.config.get('MAX_FORM_MEMORY_SIZE')} bytes"
    return upload
