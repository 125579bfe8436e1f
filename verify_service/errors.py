"""One exception tree; the HTTP layer turns each into the contract's JSON error in one place."""

from __future__ import annotations


class VerifyError(Exception):
    """Base of every error the service reports; `code` is stable and part of the contract."""

    code = "INTERNAL_ERROR"
    http_status = 500

    def __init__(self, message: str, *, code: str | None = None, http_status: int | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if http_status:
            self.http_status = http_status

    def to_dict(self) -> dict:
        """The `error` object of the JSON error body."""
        return {"code": self.code, "message": self.message}


class InvalidInput(VerifyError):
    """The request is malformed: a part is missing, empty or a parameter is out of range."""

    code = "INVALID_INPUT"
    http_status = 400


class MissingFile(InvalidInput):
    code = "MISSING_FILE"


class EmptyFile(InvalidInput):
    code = "EMPTY_FILE"


class InvalidParameter(InvalidInput):
    code = "INVALID_PARAMETER"


class InvalidImage(InvalidInput):
    """The bytes claim to be an image but cannot be decoded (corrupt or truncated)."""

    code = "INVALID_IMAGE"
    http_status = 422


class UnsupportedMedia(VerifyError):
    """The bytes are not a format the endpoint accepts."""

    code = "UNSUPPORTED_MEDIA"
    http_status = 415


class PayloadTooLarge(VerifyError):
    code = "PAYLOAD_TOO_LARGE"
    http_status = 413


class ImageTooLarge(VerifyError):
    """More pixels than VERIFY_MAX_PIXELS: refused before decoding (decompression bombs)."""

    code = "IMAGE_TOO_LARGE"
    http_status = 413


class ModelUnavailable(VerifyError):
    """A model file is missing, corrupt, or its runtime provider cannot be had."""

    code = "MODEL_UNAVAILABLE"
    http_status = 503


class Timeout(VerifyError):
    """A verification ran past VERIFY_REQUEST_TIMEOUT."""

    code = "TIMEOUT"
    http_status = 504


class ConfigError(VerifyError):
    """A setting has an impossible value; raised at start-up, never per request."""

    code = "CONFIG_ERROR"
    http_status = 500
