"""The v1 JSON API."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, g, jsonify, request

from ..errors import InvalidParameter
from ..pipeline import idnumber
from ..pipeline.verify import Application
from .uploads import document_pages, image_part, side_param, text_param

bp = Blueprint("api_v1", __name__, url_prefix="/v1")


def services():
    """The per-app services (settings, registry, pipeline stages), like flaskr's get_db()."""
    return current_app.extensions["verify"]


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
    return jsonify(body)


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
    return jsonify(body)


@bp.post("/face/compare")
def face_compare():
    """Cosine similarity of the main faces of two photos, with the calibrated verdict."""
    t0 = time.perf_counter()
    a, b = image_part("image_a"), image_part("image_b")
    matcher = services().matcher
    comparison = matcher.compare(matcher.selfie_face(a)[0], matcher.selfie_face(b)[0])
    body = {"request_id": g.request_id, **comparison.to_dict(),
            "timings_ms": {"total": round((time.perf_counter() - t0) * 1000, 1)}}
    return jsonify(body)


@bp.post("/liveness")
def liveness():
    """Passive liveness of the main face in a photo."""
    t0 = time.perf_counter()
    image = image_part("image")
    _, face = services().matcher.selfie_face(image)
    result = services().liveness.check(image, face)
    body = {"request_id": g.request_id, **result.to_dict(),
            "timings_ms": {"total": round((time.perf_counter() - t0) * 1000, 1)}}
    return jsonify(body)


@bp.post("/verify")
def verify():
    """The whole KYC verification of one application."""
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
    return jsonify(body)
