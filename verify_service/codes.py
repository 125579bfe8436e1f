"""The contract's closed vocabularies, defined once: error codes, reason codes and check codes.

The policy, the checks, the exception tree and the OpenAPI document are all built from these enums; a test
fails when code raises or returns a code that is not here (tests/unit/test_vocabulary.py). Codes are part of
the HTTP contract: add new ones, never rename or remove one."""

from __future__ import annotations

import enum


class ErrorCode(enum.StrEnum):
    """`error.code` of a 4xx/5xx answer (and of a batch result line that could not be processed)."""

    BAD_REQUEST = "BAD_REQUEST"
    INVALID_INPUT = "INVALID_INPUT"
    MISSING_FILE = "MISSING_FILE"
    EMPTY_FILE = "EMPTY_FILE"
    INVALID_PARAMETER = "INVALID_PARAMETER"
    INVALID_IMAGE = "INVALID_IMAGE"
    INVALID_PDF = "INVALID_PDF"
    PDF_ENCRYPTED = "PDF_ENCRYPTED"
    UNSUPPORTED_MEDIA = "UNSUPPORTED_MEDIA"
    IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    TOO_MANY_PAGES = "TOO_MANY_PAGES"
    UNAUTHORIZED = "UNAUTHORIZED"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_FOUND = "NOT_FOUND"
    CASE_REVIEWED = "CASE_REVIEWED"  # a review request for a case a reviewer has decided: its decision is final
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    TIMEOUT = "TIMEOUT"
    MODEL_UNAVAILABLE = "MODEL_UNAVAILABLE"
    CONFIG_ERROR = "CONFIG_ERROR"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    HTTP_ERROR = "HTTP_ERROR"
    # batch only: a manifest line whose files cannot be had
    MISSING_PART = "MISSING_PART"
    UNREADABLE_FILE = "UNREADABLE_FILE"
    # answered by the HTTP server before the app sees the request
    HEADER_TOO_LARGE = "HEADER_TOO_LARGE"
    URI_TOO_LONG = "URI_TOO_LONG"
    # a PDF whose pages or content streams are beyond a document's, or that its renderer's limits stopped
    PDF_TOO_COMPLEX = "PDF_TOO_COMPLEX"


class ReasonCode(enum.StrEnum):
    """`reasons[].code` of a verification: why a case is not a plain pass."""

    FACE_MISMATCH = "FACE_MISMATCH"
    FACE_UNCERTAIN = "FACE_UNCERTAIN"
    NO_FACE_SELFIE = "NO_FACE_SELFIE"
    NO_FACE_ID = "NO_FACE_ID"
    NO_FACE_REFERENCE = "NO_FACE_REFERENCE"
    MULTIPLE_FACES = "MULTIPLE_FACES"
    SPOOF_SUSPECTED = "SPOOF_SUSPECTED"
    LIVENESS_UNKNOWN = "LIVENESS_UNKNOWN"
    ID_NUMBER_INVALID = "ID_NUMBER_INVALID"
    ID_EXPIRED = "ID_EXPIRED"
    ID_DATA_INCONSISTENT = "ID_DATA_INCONSISTENT"
    ID_SIDE_MISMATCH = "ID_SIDE_MISMATCH"
    FIELD_UNREADABLE = "FIELD_UNREADABLE"
    CHECK_UNKNOWN = "CHECK_UNKNOWN"
    LOW_QUALITY = "LOW_QUALITY"
    APPLICATION_MISMATCH = "APPLICATION_MISMATCH"
    INCOME_INCONSISTENT = "INCOME_INCONSISTENT"
    INCOME_PROOF_UNSEALED = "INCOME_PROOF_UNSEALED"
    INCOME_PROOF_STALE = "INCOME_PROOF_STALE"


class CheckCode(enum.StrEnum):
    """`checks[].code` of a document result."""

    ID_NUMBER_FORMAT = "ID_NUMBER_FORMAT"
    ID_NUMBER_CHECKSUM = "ID_NUMBER_CHECKSUM"
    ID_REGION_CODE = "ID_REGION_CODE"
    BIRTH_DATE_MATCHES_ID = "BIRTH_DATE_MATCHES_ID"
    SEX_MATCHES_ID = "SEX_MATCHES_ID"
    VALIDITY_PERIOD_RULE = "VALIDITY_PERIOD_RULE"
    NOT_EXPIRED = "NOT_EXPIRED"
    AMOUNT_WORDS_MATCH = "AMOUNT_WORDS_MATCH"
    SEAL_PRESENT = "SEAL_PRESENT"
    NAME_MATCHES = "NAME_MATCHES"
    ID_NUMBER_MATCHES = "ID_NUMBER_MATCHES"
    ISSUE_DATE_RECENT = "ISSUE_DATE_RECENT"


class CaseState(enum.StrEnum):
    """`state` of a stored case (GET /v1/cases/<request_id>, webhook events, the reviewer queue)."""

    DECIDED = "decided"  # a machine pass or reject; nobody has asked for a human
    AWAITING_REVIEW = "awaiting_review"  # in the reviewers' queue
    IN_REVIEW = "in_review"  # claimed by a reviewer (until the claim is released, decided or expires)
    NEEDS_MORE = "needs_more"  # a reviewer asked for more from the applicant
    REVIEWED = "reviewed"  # a reviewer approved or rejected it


class ReviewDecision(enum.StrEnum):
    """What a reviewer records, and the final decision it makes in the API's vocabulary."""

    APPROVE = "approve"  # final decision pass
    REJECT = "reject"  # final decision reject
    REQUEST_MORE = "request_more"  # final decision stays review


class ReviewReasonCode(enum.StrEnum):
    """`review.reason_code`: why a reviewer decided as they did. Each code goes with the decisions in
    REVIEW_REASONS_FOR; OTHER goes with any, and needs a note."""

    IDENTITY_CONFIRMED = "IDENTITY_CONFIRMED"
    DOCUMENTS_CONFIRMED = "DOCUMENTS_CONFIRMED"
    FACE_NOT_SAME_PERSON = "FACE_NOT_SAME_PERSON"
    SELFIE_NOT_LIVE = "SELFIE_NOT_LIVE"
    DOCUMENT_NOT_GENUINE = "DOCUMENT_NOT_GENUINE"
    DOCUMENT_EXPIRED = "DOCUMENT_EXPIRED"
    DATA_MISMATCH = "DATA_MISMATCH"
    INCOME_NOT_SUPPORTED = "INCOME_NOT_SUPPORTED"
    DOCUMENT_UNREADABLE = "DOCUMENT_UNREADABLE"
    DOCUMENT_MISSING = "DOCUMENT_MISSING"
    NEW_SELFIE_NEEDED = "NEW_SELFIE_NEEDED"
    INCOME_PROOF_NEEDED = "INCOME_PROOF_NEEDED"
    OTHER = "OTHER"


_D = ReviewDecision
REVIEW_REASONS_FOR: dict[ReviewReasonCode, frozenset[ReviewDecision]] = {
    ReviewReasonCode.IDENTITY_CONFIRMED: frozenset({_D.APPROVE}),
    ReviewReasonCode.DOCUMENTS_CONFIRMED: frozenset({_D.APPROVE}),
    ReviewReasonCode.FACE_NOT_SAME_PERSON: frozenset({_D.REJECT}),
    ReviewReasonCode.SELFIE_NOT_LIVE: frozenset({_D.REJECT}),
    ReviewReasonCode.DOCUMENT_NOT_GENUINE: frozenset({_D.REJECT}),
    ReviewReasonCode.DOCUMENT_EXPIRED: frozenset({_D.REJECT}),
    ReviewReasonCode.DATA_MISMATCH: frozenset({_D.REJECT}),
    ReviewReasonCode.INCOME_NOT_SUPPORTED: frozenset({_D.REJECT}),
    ReviewReasonCode.DOCUMENT_UNREADABLE: frozenset({_D.REQUEST_MORE}),
    ReviewReasonCode.DOCUMENT_MISSING: frozenset({_D.REQUEST_MORE}),
    ReviewReasonCode.NEW_SELFIE_NEEDED: frozenset({_D.REQUEST_MORE}),
    ReviewReasonCode.INCOME_PROOF_NEEDED: frozenset({_D.REQUEST_MORE}),
    ReviewReasonCode.OTHER: frozenset(_D),
}
