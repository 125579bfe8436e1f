"""Typed results shared by the pipeline stages, and the protocols the runtime's model engines implement."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from verify_service.codes import CheckCode


class CheckStatus(enum.StrEnum):
    PASS = "pass"  # noqa: S105 (a check status, not a password)
    FAIL = "fail"
    UNKNOWN = "unknown"


class Side(enum.StrEnum):
    FRONT = "front"
    BACK = "back"


@dataclass(frozen=True)
class Field:
    """One read value; `value` is None when it could not be read, and then confidence is 0."""

    value: Any
    confidence: float = 0.0

    def to_dict(self) -> dict:
        """The contract's field object."""
        return {"value": self.value, "confidence": round(float(self.confidence), 4)}


MISSING = Field(None, 0.0)


@dataclass(frozen=True)
class Check:
    """One validation with its outcome; UNKNOWN means it could not be checked, never that it passed."""

    code: CheckCode
    status: CheckStatus
    message: str

    def to_dict(self) -> dict:
        """The contract's check object."""
        return {"code": str(self.code), "status": self.status.value, "message": self.message}


@dataclass(frozen=True)
class OcrLine:
    """A recognised text line: its quadrilateral in image pixels, text, score, and whether it was upside down."""

    box: np.ndarray  # 4x2 float32, clockwise from the top-left as detected
    text: str
    score: float
    upside_down: bool = False


@dataclass
class OcrResult:
    """All lines of one image and how long each model stage took."""

    lines: list[OcrLine]
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class FaceBox:
    """A detected face: box [x1, y1, x2, y2] in image pixels, detector score and 5 landmarks; `tight_crop` when it
    was found only on the photo padded with a border (the face fills the photo: there is no scene around it)."""

    bbox: tuple[float, float, float, float]
    score: float
    landmarks: np.ndarray | None = None
    tight_crop: bool = False

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


class TextReader(Protocol):
    """Detects and recognises text lines (the OCR models)."""

    def read(self, image: np.ndarray) -> OcrResult: ...

    def recognize(self, image: np.ndarray, quads: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Text of given regions (reading-order quadrilaterals), without detection."""
        ...


class FaceDetector(Protocol):
    """Finds faces in a BGR image, best first."""

    def detect(self, image: np.ndarray, size: int | None = None) -> Sequence[FaceBox]:
        """Faces, best first; `size` is the square detector input (None = the engine's default)."""
        ...


class FaceEmbedder(Protocol):
    """Turns an aligned face (given by its 5 landmarks) into a unit-length embedding."""

    def embed(self, image: np.ndarray, landmarks: np.ndarray) -> np.ndarray: ...
