"""One exception tree; the HTTP layer turns each into the contract's JSON error in one place."""

from __future__ import annotations

from verify_service.codes import ErrorCode


class VerifyError(Exception):
    """Base of every error the service reports; `code` is stable and part of the contract."""

    code = ErrorCode.INTERNAL_ERROR
    http_status = 500

    def __init__(self, message: str, *, code: ErrorCode | None = None, http_status: int | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if http_status:
            self.http_status = http_status

    def to_dict(self) -> dict:
        """The `error` object of the JSON error body."""
        return {"code": str(self.code), "message": self.message}


class InvalidInput(VerifyError):
    """The request is malformed: a part is missing, empty or a parameter is out of range."""

    code = ErrorCode.INVALID_INPUT
    http_status = 400


class MissingFile(InvalidInput):
    code = ErrorCode.MISSING_FILE


class EmptyFile(InvalidInput):
    code = ErrorCode.EMPTY_FILE


class InvalidParameter(InvalidInput):
    code = ErrorCode.INVALID_PARAMETER


class InvalidImage(InvalidInput):
    """The bytes claim to be an image but cannot be decoded (corrupt or truncated)."""

    code = ErrorCode.INVALID_IMAGE
    http_status = 422


class UnsupportedMedia(VerifyError):
    """The bytes are not a format the endpoint accepts."""

    code = ErrorCode.UNSUPPORTED_MEDIA
    http_status = 415


class PayloadTooLarge(VerifyError):
    code = ErrorCode.PAYLOAD_TOO_LARGE
    http_status = 413


class InvalidPdf(InvalidImage):
    """The bytes claim to be a PDF but cannot be read, or hold no page."""

    code = ErrorCode.INVALID_PDF


class EncryptedPdf(InvalidInput):
    """A password-protected PDF: the service cannot read it and will not guess passwords."""

    code = ErrorCode.PDF_ENCRYPTED
    http_status = 422


class TooManyPages(PayloadTooLarge):
    code = ErrorCode.TOO_MANY_PAGES


class ImageTooLarge(VerifyError):
    """More pixels than VERIFY_MAX_PIXELS: refused before decoding (decompression bombs)."""

    code = ErrorCode.IMAGE_TOO_LARGE
    http_status = 413


class ModelUnavailable(VerifyError):
    """A model file is missing, corrupt, or its runtime provider cannot be had."""

    code = ErrorCode.MODEL_UNAVAILABLE
    http_status = 503


class Timeout(VerifyError):
    """A verification ran past VERIFY_REQUEST_TIMEOUT."""

    code = ErrorCode.TIMEOUT
    http_status = 504


class ConfigError(VerifyError):
    """A setting has an impossible value; raised at start-up, never per request."""

    code = ErrorCode.CONFIG_ERROR
    http_status = 500


class Unauthorized(VerifyError):
    """No API key, or one the key ring does not know."""

    code = ErrorCode.UNAUTHORIZED
    http_status = 401


class NotFound(VerifyError):
    """A case (or other resource) that does not exist or is not the caller's."""

    code = ErrorCode.NOT_FOUND
    http_status = 404


class RateLimited(VerifyError):
    """Too many requests for this key or address; `retry_after` seconds until the next one is allowed."""

    code = ErrorCode.RATE_LIMITED
    http_status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class PdfTooComplex(InvalidPdf):
    """A PDF beyond a document's size: pages larger than A3, content that inflates past the budget, or a render
    that its sandbox's CPU, memory or time limits stopped (a PDF bomb)."""

    code = ErrorCode.PDF_TOO_COMPLEX
