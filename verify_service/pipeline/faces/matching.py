"""Face matching: the selfie's main face, the ID card's portrait, their cosine similarity and a banded verdict."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from verify_service.pipeline.types import FaceBox, FaceDetector, FaceEmbedder

PORTRAIT_MIN_FACE = 160  # the ID portrait is small: crops are upscaled until the face is about this wide
PORTRAIT_DET_SIZE = 320  # the portrait crop is a close-up: a small detector input finds it, four times faster


class MatchBand(enum.StrEnum):
    """Where a similarity falls: a match, the review band, or a clear mismatch."""

    MATCH = "match"
    REVIEW = "review"
    NO_MATCH = "no_match"


@dataclass(frozen=True)
class FaceThresholds:
    """The operating point in use: `match` at or above which faces match, `reject` below which they clearly don't;
    between them is the review band. Comes from the committed calibration (bench/calibrate_faces.py)."""

    operating_point: str
    match: float
    reject: float
    source: str = ""

    def band(self, similarity: float) -> MatchBand:
        """The band of a similarity."""
        if similarity >= self.match:
            return MatchBand.MATCH
        if similarity < self.reject:
            return MatchBand.NO_MATCH
        return MatchBand.REVIEW

    @classmethod
    def from_calibration(cls, path: Path, operating_point: str) -> FaceThresholds:
        """Thresholds for a named operating point (e.g. far_1e-3) from the calibration file."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        points = data["operating_points"]
        if operating_point not in points:
            raise ValueError(f"operating point {operating_point!r} not in {path} (has {', '.join(points)})")
        point = points[operating_point]
        return cls(operating_point, float(point["match"]), float(point["reject"]), data.get("model", ""))


@dataclass(frozen=True)
class FoundFace:
    """One image's face as the contract reports it, with what matching needs kept aside."""

    found: bool
    bbox: list[int] | None = None
    det_score: float | None = None
    faces: int = 0
    embedding: np.ndarray | None = None

    def to_dict(self) -> dict:
        """The contract's face object."""
        out: dict = {"found": self.found, "bbox": self.bbox,
                     "det_score": None if self.det_score is None else round(self.det_score, 4)}
        if self.faces > 1:
            out["faces"] = self.faces
        return out


@dataclass(frozen=True)
class FaceComparison:
    """The contract's face-compare result, plus the band and operating point."""

    similarity: float | None
    band: MatchBand | None
    thresholds: FaceThresholds
    faces: tuple[FoundFace, FoundFace]

    @property
    def match(self) -> bool | None:
        """True at or above the match threshold, False below it, None when a face is missing."""
        return None if self.band is None else self.band is MatchBand.MATCH

    def to_dict(self) -> dict:
        """JSON form."""
        t = self.thresholds
        return {
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "match": self.match,
            "band": None if self.band is None else self.band.value,
            "threshold": t.match,
            "review_band": [t.reject, t.match],
            "operating_point": t.operating_point,
            "faces": [f.to_dict() for f in self.faces],
        }


def main_face(faces: list[FaceBox], image_shape: tuple[int, ...]) -> FaceBox | None:
    """The applicant's face: the largest, with a small preference for the centre (as InsightFace does)."""
    if not faces:
        return None
    h, w = image_shape[:2]

    def weight(f: FaceBox) -> float:
        cx, cy = (f.bbox[0] + f.bbox[2]) / 2, (f.bbox[1] + f.bbox[3]) / 2
        return f.width * f.height - 0.5 * ((cx - w / 2) ** 2 + (cy - h / 2) ** 2)

    return max(faces, key=weight)


class FaceMatcher:
    """Detects, embeds and compares faces with injected detector and embedder."""

    def __init__(self, detector: FaceDetector, embedder: FaceEmbedder, thresholds: FaceThresholds):
        self.detector = detector
        self.embedder = embedder
        self.thresholds = thresholds

    def selfie_face(self, image: np.ndarray, size: int | None = None) -> tuple[FoundFace, FaceBox | None]:
        """The main face of a photo with its embedding, and the raw detection (for liveness)."""
        faces = list(self.detector.detect(image, size))
        face = main_face(faces, image.shape)
        if face is None or face.landmarks is None:
            return FoundFace(False, faces=len(faces)), None
        found = FoundFace(True, [round(v) for v in face.bbox], face.score, len(faces),
                          self.embedder.embed(image, face.landmarks))
        return found, face

    def portrait_face(self, card: np.ndarray, hint: list[int] | None, upside_down: bool = False) -> FoundFace:
        """The ID card's portrait: the region around the face the card reader found, turned upright and upscaled
        so the small printed face gives the detector and the landmarks enough pixels."""
        if hint is None:
            return FoundFace(False)
        x1, y1, x2, y2 = hint
        w, h = x2 - x1, y2 - y1
        H, W = card.shape[:2]
        cx1, cy1 = max(0, int(x1 - 0.6 * w)), max(0, int(y1 - 0.6 * h))
        cx2, cy2 = min(W, int(x2 + 0.6 * w)), min(H, int(y2 + 0.6 * h))
        crop = card[cy1:cy2, cx1:cx2]
        if upside_down:
            crop = np.ascontiguousarray(crop[::-1, ::-1])
        scale = max(1.0, PORTRAIT_MIN_FACE / max(w, 1))
        if scale > 1.0:
            crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        found, face = self.selfie_face(crop, PORTRAIT_DET_SIZE)
        if not found.found or face is None:
            return FoundFace(False, faces=found.faces)
        bx1, by1, bx2, by2 = (v / scale for v in face.bbox)
        if upside_down:
            cw, ch = (cx2 - cx1), (cy2 - cy1)
            bx1, by1, bx2, by2 = cw - bx2, ch - by2, cw - bx1, ch - by1
        bbox = [round(v) for v in (bx1 + cx1, by1 + cy1, bx2 + cx1, by2 + cy1)]
        return replace(found, bbox=bbox, faces=1)

    def compare(self, a: FoundFace, b: FoundFace) -> FaceComparison:
        """Cosine similarity and band of two found faces; None for both when either face is missing."""
        if a.embedding is None or b.embedding is None:
            return FaceComparison(None, None, self.thresholds, (a, b))
        similarity = float(np.dot(a.embedding, b.embedding))
        return FaceComparison(similarity, self.thresholds.band(similarity), self.thresholds, (a, b))
