"""The v1 JSON API."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, g, jsonify, request

from verify_service.errors import InvalidParameter, VerifyError
from verify_service.http.uploads import document_pages, file_bytes, image_part, side_param, text_param
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.pipeline.verify import Application

bp = Blueprint("api_v1", __name__, url_prefix="/v1")


class NotFound(VerifyError):
    code = "NOT_FOUND"
    http_status = 404


def services():
    """The per-app services (settings, registry, pipeline stages), like flaskr's get_db()."""
    return current_app.extensions["verify"]


def respond(body: dict):
    """The JSON response of a result; its stage timings are left on `g` for the metrics."""
    g.timings_ms = body["timings_ms"]
    return jsonify(body)


@bp.post("/id-card")
def id_card():
    """Read and validate one side of a Chinese resident ID card."""
    t0 = time.perf_counter()
    side = side_param()
    image = image_part("image")
    decode_ms = (time.perf_counter() - t0) * 1000
    result = services().id_card.read(image, side)
    body = {"request_id": g.request_id, **result.to_dict()}
    body["timings_ms"] = {"decode": round(decode_ms, 1), **body["timings_ms"],
                          "total": round((time.perf_counter() - t0) * 1000, 1)}
    return respond(body)


@bp.post("/income-proof")
def income_proof():
    """Read and check an income proof (image or PDF), optionally against a given name and ID number."""
    t0 = time.perf_counter()
    name, number = text_param("name"), text_param("id_number", 18)
    if number is not None and not idnumber.ID_RE.match(number.upper()):
        raise InvalidParameter("id_number must be 17 digits followed by a digit or X")
    pages = document_pages("document")
    decode_ms = (time.perf_counter() - t0) * 1000
    result = services().income.read(pages, name, number)
    body = {"request_id": g.request_id, **result.to_dict()}
    body["timings_ms"] = {"decode": round(decode_ms, 1), **body["timings_ms"],
                          "total": round((time.perf_counter() - t0) * 1000, 1)}
    return respond(body)


@bp.post("/face/compare")
def face_compare():
    """Cosine similarity of the main faces of two photos, with the calibrated verdict."""
    t0 = time.perf_counter()
    a, b = image_part("image_a"), image_part("image_b")
    matcher = services().matcher
    comparison = matcher.compare(matcher.selfie_face(a)[0], matcher.selfie_face(b)[0])
    body = {"request_id": g.request_id, **comparison.to_dict(),
            "timings_ms": {"total": round((time.perf_counter() - t0) * 1000, 1)}}
    return respond(body)


@bp.post("/liveness")
def liveness():
    """Passive liveness of the main face in a photo."""
    t0 = time.perf_counter()
    image = image_part("image")
    _, face = services().matcher.selfie_face(image)
    result = services().liveness.check(image, face)
    body = {"request_id": g.request_id, **result.to_dict(),
            "timings_ms": {"total": round((time.perf_counter() - t0) * 1000, 1)}}
    return respond(body)


def run_verify() -> tuple[dict, dict[str, bytes]]:
    """The verification of the multipart request in hand, kept in the case store when it is switched on; the
    same code serves /v1/verify and the review page's upload form. Returns the body and the uploaded bytes."""
    t0 = time.perf_counter()
    application = Application.parse(request.form.get("application"))
    front, selfie = image_part("id_front"), image_part("selfie")
    back = image_part("id_back", required=False)
    income = document_pages("income_proof", required=False)
    decode_ms = (time.perf_counter() - t0) * 1000
    deadline = time.monotonic() + services().settings.request_timeout - (time.perf_counter() - t0)
    result = services().verifier.verify(front, selfie, back, application, income, deadline)
    g.decision = result.decision.value
    body = {"request_id": g.request_id, **result.to_dict()}
    body["timings_ms"] = {"decode": round(decode_ms, 1), **body["timings_ms"],
                          "total": round((time.perf_counter() - t0) * 1000, 1)}
    uploads = {part: file_bytes(part, required=False) for part in ("id_front", "id_back", "selfie", "income_proof")}
    images = {part: data for part, data in uploads.items() if data}
    store = current_app.extensions.get("verify_store")
    if store is not None:
        # What the review page draws: the OCR lines of each card side (kept encrypted with the result).
        lines = {part: [{"box": ln.box.round(1).tolist(), "text": ln.text} for ln in card.lines]
                 for part, card in (("id_front", result.front), ("id_back", result.back)) if card is not None}
        store.save(g.request_id, {**body, "_overlay": lines}, images)
    return body, images


@bp.post("/verify")
def verify():
    """The whole KYC verification of one application."""
    return respond(run_verify()[0])


@bp.delete("/cases/<request_id>")
def delete_case(request_id: str):
    """Delete a stored case and its images (a data subject's request under PIPL)."""
    store = current_app.extensions.get("verify_store")
    if store is None or not store.delete(request_id):
        raise NotFound(f"no stored case {request_id[:64]}")
    return "", 204
