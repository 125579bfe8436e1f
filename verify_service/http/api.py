"""The v1 JSON API: small views that read the request, call the pipeline (or the shared case flow) and answer."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, jsonify, request

from verify_service.codes import ErrorCode
from verify_service.errors import InvalidParameter, NotFound, VerifyError
from verify_service.flow import keep, run_case
from verify_service.http import context
from verify_service.http.uploads import case_parts, document_pages, image_part, side_param, text_param
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.store.cases import LOCAL_OWNER, AlreadyReviewed, valid_id

bp = Blueprint("api_v1", __name__, url_prefix="/v1")


def services():
    """The per-app services (settings, registry, pipeline stages), like flaskr's get_db()."""
    return current_app.extensions["verify"]


def respond(body: dict):
    """The JSON response of a result, with the request's ids; its stage timings are left on the request context
    for the metrics."""
    ctx = context.current()
    ctx.timings_ms = body["timings_ms"]
    return jsonify({**ctx.ids(), **body})


def with_timings(body: dict, decode_ms: float, t0: float) -> dict:
    """A result's body with the request's decode time first and its total time last."""
    body["timings_ms"] = {"decode": round(decode_ms, 1), **body["timings_ms"],
                          "total": round((time.perf_counter() - t0) * 1000, 1)}
    return body


@bp.post("/id-card")
def id_card():
    """Read and validate one side of a Chinese resident ID card."""
    t0 = time.perf_counter()
    side = side_param()
    image = image_part("image")
    decode_ms = (time.perf_counter() - t0) * 1000
    result = services().id_card.read(image, side)
    return respond(with_timings({"request_id": context.current().request_id, **result.to_dict()}, decode_ms, t0))


@bp.post("/income-proof")
def income_proof():
    """Read and check an income proof (image or PDF), optionally against a given name and ID number."""
    t0 = time.perf_counter()
    # The same deadline as /v1/verify's: a PDF's render and every page's OCR stop with 504 TIMEOUT past it.
    deadline = time.monotonic() + services().settings.request_timeout - (t0 - context.current().started)
    name, number = text_param("name"), text_param("id_number", 18)
    if number is not None and not idnumber.ID_RE.match(number.upper()):
        raise InvalidParameter("id_number must be 17 digits followed by a digit or X")
    pages = document_pages("document", deadline=deadline)
    decode_ms = (time.perf_counter() - t0) * 1000
    result = services().income.read(pages, name, number, deadline)
    return respond(with_timings({"request_id": context.current().request_id, **result.to_dict()}, decode_ms, t0))


@bp.post("/face/compare")
def face_compare():
    """Cosine similarity of the main faces of two photos, with the calibrated verdict."""
    t0 = time.perf_counter()
    a, b = image_part("image_a"), image_part("image_b")
    matcher = services().matcher
    comparison = matcher.compare(matcher.selfie_face(a)[0], matcher.selfie_face(b)[0])
    body = {"request_id": context.current().request_id, **comparison.to_dict(),
            "timings_ms": {"total": round((time.perf_counter() - t0) * 1000, 1)}}
    return respond(body)


@bp.post("/liveness")
def liveness():
    """Passive liveness of the main face in a photo."""
    t0 = time.perf_counter()
    image = image_part("image")
    _, face = services().matcher.selfie_face(image)
    result = services().liveness.check(image, face)
    body = {"request_id": context.current().request_id, **result.to_dict(),
            "timings_ms": {"total": round((time.perf_counter() - t0) * 1000, 1)}}
    return respond(body)


@bp.post("/verify")
def verify():
    """The whole KYC verification of one application (kept in the case store when it is switched on)."""
    ctx = context.current()
    deadline = time.monotonic() + services().settings.request_timeout - (time.perf_counter() - ctx.started)
    outcome = run_case(services(), case_parts(), deadline)
    ctx.decision = outcome.result.decision.value
    body = {**ctx.ids(), **outcome.body}
    store = current_app.extensions.get("verify_store")
    if store is not None:
        keep(store, ctx.request_id, outcome, body, owner=ctx.api_key or LOCAL_OWNER)
    return respond(body)


def _scope() -> tuple[str | None, str]:
    """Whose cases this request may act on (None: every case, for an operator's key) and who it is (the audit
    trail's actor)."""
    ctx = context.current()
    return (None if ctx.operator else ctx.api_key or LOCAL_OWNER), ctx.api_key or LOCAL_OWNER


def _case_store(request_id: str):
    """The case store; NotFound when it is off (nothing is kept, so there is no case to find) or when the id
    cannot be a case's."""
    store = current_app.extensions.get("verify_store")
    if store is None:
        raise NotFound("no case store: this service keeps no cases (VERIFY_REVIEW_STORE is off)")
    if not valid_id(request_id):
        raise _not_found(request_id)
    return store


def _not_found(request_id: str) -> NotFound:
    """The 404 of a case that is not there, or not this key's."""
    # Another key's case answers exactly as a missing one: a key must not learn which case ids exist.
    return NotFound(f"no stored case {request_id[:64]}")


@bp.get("/cases/<request_id>")
def get_case(request_id: str):
    """A stored case: the machine decision and its reasons, the state, the final decision, the reviewer's decision
    (the note only with ?include=note) and an explanation of each reason an applicant may be shown."""
    include = [part for part in request.args.get("include", "").split(",") if part]
    if any(part != "note" for part in include):
        raise InvalidParameter("include may only name note")
    store = _case_store(request_id)
    owner, _ = _scope()
    found = store.document(request_id, owner, include_note="note" in include)
    if found is None:
        raise _not_found(request_id)
    return jsonify(_with_ids(found))


def _with_ids(document: dict) -> dict:
    """A case document as a response: this request's ids (client_request_id echoes this request's X-Request-ID,
    as every response does; the case's own is in its webhook events)."""
    document.pop("client_request_id", None)
    return {**context.current().ids(), **document}


@bp.post("/cases/<request_id>/review-request")
def review_request(request_id: str):
    """The applicant asks for a human to look at the machine's decision (PIPL Art. 24): the case joins the
    reviewers' queue (a case already waiting stays where it is); a case a human has approved or rejected is a 409
    (that decision is final)."""
    store = _case_store(request_id)
    owner, actor = _scope()
    try:
        found = store.request_review(request_id, owner, actor)
    except AlreadyReviewed as exc:
        raise VerifyError(str(exc), code=ErrorCode.CASE_REVIEWED, http_status=409) from None
    if not found:
        raise _not_found(request_id)
    response = jsonify(_with_ids(store.document(request_id, owner)))
    response.status_code = 202
    return response


@bp.delete("/cases/<request_id>")
def delete_case(request_id: str):
    """Delete a stored case and its images (a data subject's request under PIPL): one of this key's cases, or any
    case for an operator's key. Its audit entries stay (they hold no personal data)."""
    store = _case_store(request_id)
    owner, actor = _scope()
    if not store.delete(request_id, owner=owner, actor=actor):
        raise _not_found(request_id)
    return "", 204
