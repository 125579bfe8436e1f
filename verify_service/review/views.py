"""The reviewer page's views: sign-in, the list of cases, an upload form, a case page showing what the machine
saw, decisions.

Sign-in is required when API keys are configured (production); reviewers are configured by the operator with
hashed passwords. Sessions are kept on the server and checked on every request (sessions.py), and sign-in is
throttled per user name and per address. Forms carry a per-session CSRF token; the session cookie is HttpOnly and
SameSite=Strict.
Pages with personal data are sent with Cache-Control: no-store. Errors on these routes answer as HTML pages
(http/errors.py), every API route keeps the JSON error shape."""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import time

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.security import check_password_hash

from verify_service.codes import REVIEW_REASONS_FOR, CaseState, ReasonCode, ReviewDecision, ReviewReasonCode
from verify_service.errors import RateLimited, VerifyError
from verify_service.flow import keep, run_case
from verify_service.http import context
from verify_service.http.errors import error_response
from verify_service.http.uploads import case_parts
from verify_service.review import overlay
from verify_service.review.sessions import SignIn
from verify_service.store.cases import REVIEW_DECISIONS, CaseStore, Filters, ReviewConflict, valid_id

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates", static_folder="static")
IMAGE_PARTS = ("id_front", "id_back", "selfie", "reference_photo", "income_proof")
# Where sign-in may send a reviewer back to: a plain path of this page, nothing a browser could read as another
# host (//, \\, a scheme), no dot segments, no control characters (CR/LF made a 500 in the Location header).
SAFE_NEXT = re.compile(r"/review(/[A-Za-z0-9_.~-]+)*/?", re.ASCII)


def store() -> CaseStore:
    """The case store (the review page exists only with VERIFY_REVIEW_STORE=1)."""
    found = current_app.extensions.get("verify_store")
    if found is None:
        abort(404)
    return found


def csrf_token() -> str:
    """This session's CSRF token, made on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    """Refuse a form post whose token is not this session's."""
    # Bytes, because compare_digest raises TypeError on a str with non-ASCII characters (a 500 before).
    sent = request.form.get("csrf_token", "").encode("utf-8", "replace")
    expected = str(session.get("csrf", "")).encode("utf-8", "replace")
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        abort(400, "the form has expired or did not come from this site; reload the page")


def sign_in() -> SignIn | None:
    """The reviewer sessions and throttling; None when sign-in is off (loopback development)."""
    return current_app.extensions.get("verify_sign_in")


def safe_next(target: str) -> str:
    """The page to open after sign-in: `target` when it is a safe path of the review page, else the list."""
    if SAFE_NEXT.fullmatch(target) and ".." not in target.split("/") and "." not in target.split("/"):
        return target
    return url_for("review.cases")


@bp.before_request
def _require_reviewer():
    """With API keys configured, every review page but sign-in needs a signed-in reviewer."""
    gate = sign_in()
    if gate is None:
        g.reviewer = "local"
        return None
    if request.endpoint in ("review.login", "review.static"):
        return None
    # Checked on every request against the shared sessions and the reviewers file as it is now: a logout, a
    # removed reviewer or a changed password ends access at once, in every worker.
    reviewer = gate.reviewer(session.get("sid"))
    if reviewer is None:
        session.clear()
        return redirect(url_for("review.login", next=request.path))
    g.reviewer = reviewer
    return None


@bp.url_value_preprocessor
def _case_ids(endpoint, values):
    """A case id that cannot be one is a 404 before any view runs (it never reaches the database)."""
    if values and "request_id" in values and not valid_id(values["request_id"]):
        abort(404)


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    return response


def age(since: str | None) -> str:
    """How long ago a stored time was, in words a reviewer scans (3 d 4 h, 2 h 5 min, 12 min)."""
    if not since:
        return "—"
    minutes = max(0, int((dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(since)).total_seconds() // 60))
    days, hours = minutes // 1440, minutes // 60 % 24
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {minutes % 60} min" if hours else f"{minutes} min"


@bp.app_context_processor
def _template_helpers():
    return {"csrf_token": csrf_token, "reviewer": lambda: g.get("reviewer"), "age": age}


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Reviewer sign-in, throttled per user name and per address before any password is checked."""
    gate = sign_in()
    if gate is None:
        return redirect(url_for("review.cases"))  # nobody signs in on loopback development
    error = None
    if request.method == "POST":
        check_csrf()
        name, password = request.form.get("username", ""), request.form.get("password", "")
        digest = gate.reviewers.current().get(name)  # first: an unreadable file (503) is no failed attempt
        attempt = gate.begin(name, request.remote_addr or "unknown")
        if not attempt.allowed:
            return too_many_sign_ins(attempt.retry_after)
        # Check a dummy hash for unknown names too, so timing does not tell which names exist.
        valid = check_password_hash(digest or gate.dummy_hash, password) and digest is not None
        if valid:
            gate.store.succeeded(attempt)
            session.clear()
            session["sid"] = gate.store.create(name, digest, gate.lifetime)
            csrf_token()
            return redirect(safe_next(request.args.get("next", "")))
        error = "wrong user name or password"
    return render_template("review/login.html", error=error), (401 if error else 200)


def too_many_sign_ins(retry_after: int) -> Response:
    """The 429 page for a throttled sign-in, with Retry-After."""
    minutes = max(1, -(-retry_after // 60))
    response = error_response(RateLimited(
        f"too many failed sign-ins for this user name or from this address; try again in {minutes} "
        f"minute{'s' if minutes > 1 else ''}", retry_after))
    response.headers["Retry-After"] = str(retry_after)  # the HTML error page does not set it itself
    return response


@bp.post("/logout")
def logout():
    """Sign out: the session id is deleted on the server, so a copy of the cookie stops working too."""
    check_csrf()
    gate = sign_in()
    if gate is not None:
        gate.store.end(session.get("sid"))
    session.clear()
    return redirect(url_for("review.login"))


def _date(name: str) -> dt.date | None:
    """A YYYY-MM-DD query parameter."""
    raw = request.args.get(name) or None
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        abort(400, f"{name} must be a date as YYYY-MM-DD")


def list_filters() -> Filters:
    """The queue's filters from the query string; the queue of cases awaiting review by default."""
    args = request.args
    state: str | None = args.get("state", str(CaseState.AWAITING_REVIEW))
    if state == "all":
        state = None
    elif state not in set(CaseState):
        abort(400, "unknown state")
    reason = args.get("reason") or None
    if reason is not None and reason not in set(ReasonCode):
        abort(400, "unknown reason code")
    decision = args.get("decision") or None
    if decision not in (None, "pass", "review", "reject"):
        abort(400, "decision must be pass, review or reject")
    search = (args.get("q") or "").strip()[:64] or None
    return Filters(state=state, reason_code=reason, decision=decision, created_from=_date("from"),
                   created_to=_date("to"), search=search)


@bp.get("")
def cases():
    """The work queue: counts per state, the reviewer's own claims, the cases of the chosen state (awaiting
    review by default, oldest first with their age), filters, search and cursor paging, and the upload form."""
    filters = list_filters()
    try:
        page = store().page(filters, request.args.get("cursor"))
    except ValueError as exc:
        abort(400, str(exc))
    mine = store().page(Filters(state=CaseState.IN_REVIEW, claimed_by=g.reviewer)).items
    args = {k: v for k, v in request.args.items() if k != "cursor"}
    return render_template("review/list.html", page=page, filters=filters, counts=store().counts(), mine=mine,
                           reason_codes=list(ReasonCode), states=list(CaseState), args=args)


@bp.post("/claim-next")
def claim_next():
    """Claim the oldest case awaiting review that nobody holds, and open it."""
    check_csrf()
    found = store().claim_next(g.reviewer)
    if found is None:
        flash("nothing to claim: no case is waiting")
        return redirect(url_for("review.cases"))
    return redirect(url_for("review.case", request_id=found))


@bp.post("/cases/<request_id>/claim")
def claim(request_id: str):
    """Claim one case (for VERIFY_CLAIM_MINUTES); another reviewer's live claim wins; a reviewed case is a 409
    (its decision is final)."""
    check_csrf()
    if store().get(request_id) is None:
        abort(404)
    try:
        claimed = store().claim(request_id, g.reviewer)
    except ReviewConflict as exc:  # reviewed: the decision is final
        abort(409, str(exc))
    if not claimed:
        flash("another reviewer has claimed this case")
    return redirect(url_for("review.case", request_id=request_id))


@bp.post("/cases/<request_id>/release")
def release(request_id: str):
    """Give a claimed case back to the queue."""
    check_csrf()
    if store().release(request_id, g.reviewer):
        flash("case released")
    return redirect(url_for("review.cases"))


@bp.post("/upload")
def upload():
    """Run an uploaded case through the same pipeline as /v1/verify and open its page."""
    check_csrf()
    services = current_app.extensions["verify"]
    ctx = context.current()
    try:
        deadline = time.monotonic() + services.settings.request_timeout
        outcome = run_case(services, case_parts(), deadline, ctx.started)
    except VerifyError as exc:
        flash(f"{exc.code}: {exc.message}")
        return redirect(url_for("review.cases"))
    ctx.decision = outcome.result.decision.value
    keep(store(), ctx.request_id, outcome, {**ctx.ids(), **outcome.body}, owner="review-page")
    return redirect(url_for("review.case", request_id=ctx.request_id))


@bp.get("/cases/<request_id>")
def case(request_id: str):
    """Everything about one case: images with overlays, faces side by side, checks, reasons, timings."""
    found = store().get(request_id)
    if found is None:
        abort(404)
    reasons = {str(d): [str(c) for c in ReviewReasonCode if d in REVIEW_REASONS_FOR[c]] for d in ReviewDecision}
    return render_template("review/case.html", case=found, result=found["result"], decisions=REVIEW_DECISIONS,
                           review_reasons=reasons, events=store().events(request_id),
                           mine=bool(found["claim"] and found["claim"]["reviewer"] == g.reviewer))


@bp.get("/cases/<request_id>/image/<part>")
def image(request_id: str, part: str):
    """An input image with what the machine found drawn on it."""
    if part not in IMAGE_PARTS:
        abort(404)
    found = store().get(request_id)
    data = store().image(request_id, part)
    if found is None or data is None:
        abort(404)
    result = found["result"]
    try:
        if part in ("id_front", "id_back"):
            card = result["id_card"]["front" if part == "id_front" else "back"] or {}
            lines = result.get("_overlay", {}).get(part, [])
            portrait = (card.get("portrait") or {}).get("bbox")
            png = overlay.card_overlay(data, lines, card.get("fields", {}), portrait)
        elif part == "selfie":
            png = overlay.face_overlay(data, result["face_match"]["faces"][0]["bbox"])
        elif part == "reference_photo" and result.get("reference_match"):
            png = overlay.face_overlay(data, result["reference_match"]["faces"][1]["bbox"])
        else:
            png = overlay.face_overlay(data, None)
    except OSError:
        abort(404)  # a PDF income proof: no picture of it here
    return Response(png, mimetype="image/png")


@bp.get("/cases/<request_id>/face/<which>")
def face(request_id: str, which: str):
    """The selfie's face or the card portrait's face, cropped."""
    found = store().get(request_id)
    if found is None or which not in ("selfie", "portrait"):
        abort(404)
    faces = found["result"]["face_match"]["faces"]
    part, bbox = ("selfie", faces[0]["bbox"]) if which == "selfie" else ("id_front", faces[1]["bbox"])
    data = store().image(request_id, part)
    png = overlay.face_crop(data, bbox) if data else None
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png")


@bp.post("/cases/<request_id>/decision")
def decide(request_id: str):
    """Record the decision of the reviewer who holds the case, with its reason code and an optional note."""
    check_csrf()
    decision = request.form.get("decision", "")
    reason_code = request.form.get("reason_code", "")
    note = request.form.get("note", "")[:2000]
    if decision not in REVIEW_DECISIONS:
        abort(400, "choose a decision")
    try:
        if not store().record_review(request_id, decision, reason_code, note, g.reviewer):
            abort(404)
    except ReviewConflict as exc:
        abort(409, f"the decision was not recorded: {exc}")
    flash("decision recorded")
    return redirect(url_for("review.case", request_id=request_id))


@bp.post("/cases/<request_id>/delete")
def delete(request_id: str):
    """Delete a case and its images."""
    check_csrf()
    if not store().delete(request_id, actor=g.reviewer):
        abort(404)
    flash("case deleted")
    return redirect(url_for("review.cases"))
