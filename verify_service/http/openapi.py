"""The OpenAPI 3.1 document of the HTTP contract, served at /openapi.json. Its schemas are JSON Schema 2020-12,
and tests validate real responses against them, so the document cannot drift from the code silently."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from verify_service import __version__
from verify_service.codes import CaseState, CheckCode, ErrorCode, ReasonCode, ReviewDecision, ReviewReasonCode

bp = Blueprint("openapi", __name__)

# The contract's vocabularies come from verify_service.codes: the document cannot list a code the code lacks.
ERROR_CODES = [str(c) for c in ErrorCode]
CHECK_CODES = [str(c) for c in CheckCode]
REASON_CODES = [str(c) for c in ReasonCode]
REVIEW_REASON_CODES = [str(c) for c in ReviewReasonCode]
CASE_STATES = [str(s) for s in CaseState]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


NUM = {"type": "number"}
STR = {"type": "string"}
BBOX = {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4}
TIMINGS = {"type": "object", "additionalProperties": NUM}

SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["request_id", "error"], "additionalProperties": False, "properties": {
        "request_id": STR, "client_request_id": STR,
        "error": {"type": "object", "required": ["code", "message"], "additionalProperties": False,
                  "properties": {"code": {"enum": ERROR_CODES}, "message": STR}}}},
    "Field": {"type": "object", "required": ["value", "confidence"], "additionalProperties": False, "properties": {
        "value": {}, "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "page": {"type": "integer", "minimum": 1}}},
    "Check": {"type": "object", "required": ["code", "status", "message"], "additionalProperties": False,
              "properties": {"code": {"enum": CHECK_CODES}, "status": {"enum": ["pass", "fail", "unknown"]},
                             "message": STR}},
    "Reason": {"type": "object", "required": ["code", "message"], "additionalProperties": False,
               "properties": {"code": {"enum": REASON_CODES}, "message": STR}},
    "IdCard": {"type": "object", "additionalProperties": False,
               "required": ["document_type", "side", "fields", "checks", "quality", "orientation", "timings_ms"],
               "properties": {
                   "request_id": STR, "client_request_id": STR,
                   "document_type": {"const": "cn_id_card"},
                   "side": {"enum": ["front", "back", None]},
                   "fields": {"type": "object", "additionalProperties": _ref("Field"), "propertyNames": {"enum": [
                       "name", "sex", "ethnicity", "birth_date", "address", "id_number", "issuing_authority",
                       "valid_from", "valid_until"]}},
                   "checks": {"type": "array", "items": _ref("Check")},
                   "portrait": {"type": "object", "required": ["found", "bbox"], "additionalProperties": False,
                                "properties": {"found": {"type": "boolean"}, "bbox": _nullable(BBOX),
                                               "det_score": NUM}},
                   "quality": {"type": "object", "properties": {
                       "sharpness": NUM, "brightness": NUM, "glare_ratio": NUM, "blurry": {"type": "boolean"},
                       "too_dark": {"type": "boolean"}, "glare": {"type": "boolean"}}},
                   "orientation": {"type": "object", "required": ["angle", "upside_down", "rotation"], "properties": {
                       "angle": NUM, "upside_down": {"type": "boolean"}, "rotation": {"enum": [0, 90, 180, 270]}}},
                   "card_quad": _nullable({"type": "array", "minItems": 4, "maxItems": 4, "items": {
                       "type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}}),
                   "timings_ms": TIMINGS}},
    "Face": {"type": "object", "required": ["found", "bbox", "det_score"], "additionalProperties": False,
             "properties": {"found": {"type": "boolean"}, "bbox": _nullable(BBOX), "det_score": _nullable(NUM),
                            "faces": {"type": "integer"}, "tight_crop": {"type": "boolean"}}},
    "FaceMatch": {"type": "object", "additionalProperties": False,
                  "required": ["similarity", "match", "band", "threshold", "review_band", "operating_point", "faces"],
                  "properties": {
                      "request_id": STR, "client_request_id": STR,
                      "similarity": _nullable({"type": "number", "minimum": -1.0001, "maximum": 1.0001}),
                      "match": {"type": ["boolean", "null"]},
                      "band": {"enum": ["match", "review", "no_match", None]},
                      "threshold": NUM, "review_band": {"type": "array", "items": NUM, "minItems": 2, "maxItems": 2},
                      "operating_point": STR,
                      "faces": {"type": "array", "items": _ref("Face"), "minItems": 2, "maxItems": 2},
                      "timings_ms": TIMINGS}},
    "Liveness": {"type": "object", "required": ["face_found", "score", "is_live", "threshold"],
                 "additionalProperties": False, "properties": {
                     "request_id": STR, "client_request_id": STR, "face_found": {"type": "boolean"},
                     "score": _nullable({"type": "number", "minimum": 0, "maximum": 1}),
                     "is_live": {"type": ["boolean", "null"]}, "threshold": NUM, "reason": STR, "bbox": BBOX,
                     "timings_ms": TIMINGS}},
    "IncomeProof": {"type": "object", "additionalProperties": False,
                    "required": ["document_type", "document_kind", "fields", "checks", "seal", "salary_credits",
                                 "pages", "timings_ms"],
                    "properties": {
                        "request_id": STR, "client_request_id": STR, "document_type": {"const": "income_proof"},
                        "document_kind": {"enum": ["income_certificate", "payslip", "bank_statement", "unknown"]},
                        "fields": {"type": "object", "additionalProperties": _ref("Field")},
                        "checks": {"type": "array", "items": _ref("Check")},
                        "seal": {"type": "object", "required": ["found"], "properties": {
                            "found": {"type": "boolean"}, "bbox": BBOX, "ring": NUM, "page": {"type": "integer"}}},
                        "salary_credits": {"type": "array", "items": {"type": "object", "required": [
                            "date", "amount", "page"]}},
                        "pages": {"type": "integer", "minimum": 1}, "timings_ms": TIMINGS}},
    "Verify": {"type": "object", "additionalProperties": False,
               "required": ["decision", "reasons", "id_card", "face_match", "reference_match", "liveness",
                            "income_proof", "timings_ms", "runtime"],
               "properties": {
                   "request_id": STR, "client_request_id": STR, "case_id": STR,
                   "decision": {"enum": ["pass", "review", "reject"]},
                   "reasons": {"type": "array", "items": _ref("Reason")},
                   "id_card": {"type": "object", "required": ["front", "back"], "properties": {
                       "front": _ref("IdCard"), "back": _nullable(_ref("IdCard"))}},
                   "face_match": _ref("FaceMatch"), "reference_match": _nullable(_ref("FaceMatch")),
                   "liveness": _ref("Liveness"),
                   "income_proof": _nullable(_ref("IncomeProof")), "timings_ms": TIMINGS,
                   "runtime": {"type": "object", "required": ["provider", "models"], "properties": {
                       "provider": {"enum": ["cpu", "cuda"]}, "models": {"type": "object"}}}}},
    "Explanation": {"type": "object", "required": ["zh", "en"], "additionalProperties": False,
                    "description": "plain language an applicant may be shown: no threshold, nobody's data",
                    "properties": {"zh": STR, "en": STR}},
    "CaseReason": {"type": "object", "required": ["code", "explanation"], "additionalProperties": False,
                   "description": "a reason's code and its plain-language explanation; never the free-text message "
                                  "of /v1/verify (it can quote the documents: dates, amounts), which only the "
                                  "review page shows",
                   "properties": {"code": {"enum": REASON_CODES},
                                  "explanation": {"$ref": "#/components/schemas/Explanation"}}},
    "Review": {"type": "object", "additionalProperties": False,
               "required": ["decision", "reason_code", "explanation", "reviewer", "reviewed_at"],
               "properties": {
                   "decision": {"enum": [str(d) for d in ReviewDecision]},
                   "reason_code": {"enum": [*REVIEW_REASON_CODES, None],
                                   "description": "null only for reviews recorded before reason codes existed"},
                   "explanation": _nullable({"$ref": "#/components/schemas/Explanation"}),
                   "reviewer": STR, "reviewed_at": STR,
                   "note": _nullable({"type": "string", "description": "only with ?include=note"})}},
    "Case": {"type": "object", "additionalProperties": False,
             "required": ["case_id", "created_at", "state", "decision", "machine_decision", "review",
                          "review_requested_at", "version"],
             "properties": {
                 "request_id": {"type": "string", "description": "this request's own id (the case's is case_id)"},
                 "client_request_id": STR,
                 "case_id": {"type": "string", "description": "the request_id /v1/verify answered with"},
                 "created_at": STR,
                 "state": {"enum": CASE_STATES, "description":
                           "decided: a machine pass or reject; awaiting_review: in the reviewers' queue; "
                           "in_review: a reviewer has claimed it; needs_more: a reviewer asked for more; "
                           "reviewed: a reviewer approved or rejected it"},
                 "decision": {"enum": ["pass", "review", "reject"], "description":
                              "the final decision: the machine's while decided, review while a human is asked or "
                              "more is asked for, the reviewer's once reviewed (approve: pass, reject: reject)"},
                 "machine_decision": {"type": "object", "required": ["decision", "decided_at", "reasons"],
                                      "additionalProperties": False, "properties": {
                                          "decision": {"enum": ["pass", "review", "reject"]}, "decided_at": STR,
                                          "reasons": {"type": "array", "items": _ref("CaseReason")}}},
                 "review": _nullable(_ref("Review")),
                 "review_requested_at": _nullable(STR),
                 "version": {"type": "integer", "minimum": 1, "description":
                             "grows with every recorded change of the case (its machine decision, claims, releases, "
                             "reviewer decisions, review requests): apply an event or a poll's answer only if its "
                             "version is newer than the one you hold (events can arrive late or out of order)"}}},
    "WebhookEvent": {"type": "object", "required": ["id", "type", "created_at", "key", "case"],
                     "additionalProperties": False,
                     "properties": {
                         "id": {"type": "string", "description": "the idempotency id (also X-Verify-Event-Id): "
                                                                 "the same on every retry; drop repeats"},
                         "type": {"enum": ["case.decided", "case.reviewed"]},
                         "created_at": STR,
                         "key": _nullable({"type": "string", "description":
                                           "the name (never the secret) of the API key that owns the case; null for "
                                           "cases of the review page and of loopback development"}),
                         "case": {"allOf": [_ref("Case")], "description": "the case as GET /v1/cases answers it "
                                  "(never the note); client_request_id here is the X-Request-ID the case was sent "
                                  "with, where a response echoes the request's own"}}},
    "Health": {"type": "object", "required": ["request_id", "status"], "properties": {
        "request_id": STR, "client_request_id": STR, "status": {"const": "ok"}}},
    "Ready": {"type": "object", "required": ["request_id", "ready", "provider", "models"], "properties": {
        "request_id": STR, "client_request_id": STR, "ready": {"type": "boolean"},
        "provider": {"enum": ["cpu", "cuda"]}, "models": {"type": "object"}}},
}


def _file(description: str) -> dict:
    return {"type": "string", "format": "binary", "description": description}


def _errors(*codes: int) -> dict:
    return {str(code): {"description": "error", "content": {"application/json": {"schema": _ref("Error")}}}
            for code in codes}


def _post(summary: str, parts: dict, required: list[str], result: str, extra_errors: tuple[int, ...] = ()) -> dict:
    errors = {str(code): {"description": "error", "content": {"application/json": {"schema": _ref("Error")}}}
              for code in sorted({400, 401, 413, 414, 415, 422, 429, 431, 500, 503, *extra_errors})}
    return {"post": {
        "summary": summary,
        "security": [{"ApiKey": []}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": required, "properties": parts}}}},
        "responses": {"200": {"description": "the result", "content": {"application/json": {"schema": _ref(result)}}},
                      **errors}}}


def document() -> dict:
    """The whole OpenAPI document."""
    image = "JPEG, PNG, WebP or BMP"
    return {
        "openapi": "3.1.0",
        "info": {"title": "verify_service", "version": __version__,
                 "description": "KYC verification: Chinese ID cards, face match, liveness, income proofs."},
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        },
        "paths": {
            "/v1/id-card": _post("Read one side of a Chinese resident ID card",
                                 {"image": _file(image), "side": {"enum": ["front", "back", "auto"]}},
                                 ["image"], "IdCard"),
            "/v1/income-proof": _post("Read an income proof", {"document": _file(image + " or PDF"), "name": STR,
                                                               "id_number": STR}, ["document"], "IncomeProof"),
            "/v1/face/compare": _post("Compare the main faces of two photos",
                                      {"image_a": _file(image), "image_b": _file(image)},
                                      ["image_a", "image_b"], "FaceMatch"),
            "/v1/liveness": _post("Passive liveness of the main face", {"image": _file(image)}, ["image"],
                                  "Liveness"),
            "/v1/verify": _post("The whole KYC verification",
                                {"id_front": _file(image), "id_back": _file(image), "selfie": _file(image),
                                 "reference_photo": _file(image + ": the chip's photo or an identity database's, "
                                                          "matched against the selfie as well"),
                                 "income_proof": _file(image + " or PDF"),
                                 "application": {"type": "string", "description":
                                                 'JSON text: {"name", "id_number", "monthly_income"}'}},
                                ["id_front", "selfie"], "Verify", (504,)),
            "/v1/cases/{request_id}": {"get": {
                "summary": "A stored case (review store on): the machine decision and its reasons, the state, the "
                           "final decision, the reviewer's decision, explanations an applicant may be shown",
                "security": [{"ApiKey": []}],
                "parameters": [{"name": "request_id", "in": "path", "required": True, "schema": STR},
                               {"name": "include", "in": "query", "required": False,
                                "schema": {"enum": ["note"]}, "description": "note: the reviewer's note too"}],
                "responses": {"200": {"description": "the case",
                                      "content": {"application/json": {"schema": _ref("Case")}}},
                              **_errors(400, 401, 404, 429)}}, "delete": {
                "summary": "Delete a stored case and its images (review store on): one of this API key's cases, "
                           "any case for an operator's key",
                "security": [{"ApiKey": []}],
                "parameters": [{"name": "request_id", "in": "path", "required": True, "schema": STR}],
                "responses": {"204": {"description": "deleted"},
                              "404": {"description": "no such case, or another key's (never told apart)",
                                      "content": {"application/json": {"schema": _ref("Error")}}}}}},
            "/v1/cases/{request_id}/review-request": {"post": {
                "summary": "The applicant asks for a human to look at the decision (PIPL Art. 24): the case joins "
                           "the reviewers' queue (state awaiting_review; unchanged while it waits or is claimed). "
                           "A reviewed case is a 409: a reviewer's approve or reject is final",
                "security": [{"ApiKey": []}],
                "parameters": [{"name": "request_id", "in": "path", "required": True, "schema": STR}],
                "responses": {"202": {"description": "the case, now in the queue",
                                      "content": {"application/json": {"schema": _ref("Case")}}},
                              **_errors(401, 404, 409, 429)}}},
            "/healthz": {"get": {"summary": "The process answers", "responses": {"200": {
                "description": "ok", "content": {"application/json": {"schema": _ref("Health")}}}}}},
            "/readyz": {"get": {"summary": "Models loaded and warmed", "responses": {
                "200": {"description": "ready", "content": {"application/json": {"schema": _ref("Ready")}}},
                "503": {"description": "not ready", "content": {"application/json": {"schema": _ref("Ready")}}}}}},
            "/metrics": {"get": {"summary": "Prometheus metrics", "security": [{"ApiKey": []}], "responses": {
                "200": {"description": "text format", "content": {"text/plain": {}}}}}},
        },
        "webhooks": {"caseDecision": {"post": {
            "summary": "A case reached a final decision (a machine pass or reject, or a reviewer's decision)",
            "description": "Sent to the API key's webhook (VERIFY_WEBHOOKS_FILE) or the default "
                           "(VERIFY_WEBHOOK_URL). X-Verify-Signature is sha256=HEX, HEX = HMAC-SHA256(secret, "
                           "X-Verify-Timestamp + '.' + body). Retried with exponential backoff until a 2xx; "
                           "at least once, so drop repeats by id.",
            "parameters": [
                {"name": "X-Verify-Event-Id", "in": "header", "required": True, "schema": STR},
                {"name": "X-Verify-Timestamp", "in": "header", "required": True,
                 "schema": {"type": "string", "description": "Unix seconds when this attempt was signed"}},
                {"name": "X-Verify-Signature", "in": "header", "required": True,
                 "schema": {"type": "string", "pattern": "^sha256=[0-9a-f]{64}$"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("WebhookEvent")}}},
            "responses": {"2XX": {"description": "received; anything else is retried"}}}}},
    }


@bp.get("/openapi.json")
def openapi_json():
    """The OpenAPI document."""
    return jsonify(document())
