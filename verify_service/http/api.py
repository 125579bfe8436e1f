"""The v1 JSON API."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, g, jsonify

from .uploads import image_part, side_param

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
