"""Reading multipart parts: a missing or empty part, or a bad parameter, is a clear 4xx naming the part."""

from __future__ import annotations

from flask import current_app, request

from verify_service.errors import EmptyFile, InvalidParameter, MissingFile, PayloadTooLarge
from verify_service.flow import PARTS, REQUIRED, CaseParts
from verify_service.http import context
from verify_service.pipeline.application import Application
from verify_service.pipeline.common.imaging import decode_image
from verify_service.pipeline.types import Side

MAX_APPLICATION_BYTES = 64 * 1024  # three short fields; anything near this is not an application


def file_bytes(name: str, required: bool = True) -> bytes | None:
    """The bytes of multipart part `name`; MissingFile names the expected part and what was sent instead."""
    cache = context.current().uploads
    if name in cache:
        return cache[name]
    upload = request.files.get(name)
    if upload is not None and not upload.filename and upload.content_length == 0:
        peek = upload.stream.read(1)
        if not peek:
            upload = None  # a browser's empty file input: the part was not chosen, not sent empty
        else:
            upload.stream.seek(0)
    if upload is None:
        if not required:
            return None
        sent = ", ".join(sorted(request.files)) or "no file parts"
        raise MissingFile(f"multipart/form-data part {name!r} is required (got {sent})")
    data = upload.read()
    if not data:
        raise EmptyFile(f"{name} is empty")
    cache[name] = data
    return data


def image_part(name: str, required: bool = True):
    """A decoded BGR image from multipart part `name`."""
    data = file_bytes(name, required)
    if data is None:
        return None
    settings = current_app.extensions["verify"].settings
    return decode_image(data, settings.max_pixels, what=name, max_side=settings.max_work_side)


def document_pages(name: str, required: bool = True, deadline: float | None = None):
    """Page images of an image or PDF part (None when optional and absent); a PDF's render stops at `deadline`."""
    from verify_service.pipeline.common.pages import load_pages

    data = file_bytes(name, required)
    if data is None:
        return None
    settings = current_app.extensions["verify"].settings
    return load_pages(data, settings.max_pdf_pages, settings.max_pixels, what=name, deadline=deadline)


def text_param(name: str, max_length: int = 64) -> str | None:
    """An optional short text form field, stripped; None when absent or empty."""
    raw = request.form.get(name)
    if raw is None or not raw.strip():
        return None
    if len(raw) > max_length:
        raise InvalidParameter(f"{name} is longer than {max_length} characters")
    return raw.strip()


def side_param() -> Side | None:
    """The optional `side` form field: front, back or auto (None)."""
    raw = (request.form.get("side") or "auto").strip().lower()
    if raw == "auto":
        return None
    try:
        return Side(raw)
    except ValueError:
        raise InvalidParameter(f"side must be front, back or auto, not {raw[:20]!r}") from None


def application_param() -> Application:
    """The declared `application`, sent as a form field or as a file part (`curl -F application=@app.json`)."""
    texts = request.form.getlist("application")
    uploads = [u for u in request.files.getlist("application") if u.filename or u.content_length]
    if len(texts) + len(uploads) > 1:
        raise InvalidParameter("application was sent more than once: send one JSON object, as a field or a file")
    if not uploads:
        return Application.parse(texts[0] if texts else None)
    data = uploads[0].stream.read(MAX_APPLICATION_BYTES + 1)
    if len(data) > MAX_APPLICATION_BYTES:
        raise PayloadTooLarge(f"application is larger than {MAX_APPLICATION_BYTES // 1024} KB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidParameter("application is not UTF-8 text") from None
    return Application.parse(text)


def case_parts() -> CaseParts:
    """The multipart request in hand as the case flow's parts (/v1/verify and the review page's upload form)."""
    application = application_param()
    files = {part: file_bytes(part, required=part in REQUIRED) for part in PARTS}
    return CaseParts({part: data for part, data in files.items() if data is not None}, application)
