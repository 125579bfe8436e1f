"""Face matching: the selfie's main face, the ID card's portrait, their cosine similarity and a banded verdict."""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from verify_service.pipeline.types import FaceBox, FaceDetector, FaceEmbedder

PORTRAIT_MIN_FACE = 160  # the ID portrait is small: crops are upscaled until the face is about this wide
PORTRAIT_DET_SIZE = 320  # the portrait crop is a close-up: a small detector input finds it, four times faster
# A photo that is nothing but a face (an aligned 112x112 crop, a 160x160 face crop, a chip or database photo cut
# tighter than the ID-photo standard) gives SCRFD no face at its 640 input: scaled up, the face is larger than
# anything it was trained to find. Padded with half the photo's longer side on every side, the face fills about
# half the frame and a 320 input (four times faster than 640) finds it. Edge pixels are repeated: a black border
# leaks into the ArcFace alignment and costs similarity; a mean-colour one measured the same as repeated edges.
TIGHT_PAD = 0.5
TIGHT_DET_SIZE = 320
# The padded retry is for faces that fill the photo; one covering less of it is a face the first pass missed for
# another reason, and calling it a tight crop would make liveness unknown for a false reason. On the crops of
# bench/eval_face_crops.py the retry's face covers at least 50% of both the photo's width and height.
TIGHT_MIN_SHARE = 0.4


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
    recogniser_sha256: str | None = None  # the face_rec model the calibration was made with

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
        return cls(operating_point, float(point["match"]), float(point["reject"]), data.get("model", ""),
                   data.get("face_rec_sha256"))


@dataclass(frozen=True)
class FoundFace:
    """One image's face as the contract reports it, with what matching needs kept aside."""

    found: bool
    bbox: list[int] | None = None
    det_score: float | None = None
    faces: int = 0
    embedding: np.ndarray | None = None
    tight_crop: bool = False

    def to_dict(self) -> dict:
        """The contract's face object (`tight_crop` only when true, so ordinary photos' JSON is unchanged)."""
        out: dict = {"found": self.found, "bbox": self.bbox,
                     "det_score": None if self.det_score is None else round(self.det_score, 4)}
        if self.faces > 1:
            out["faces"] = self.faces
        if self.tight_crop:
            out["tight_crop"] = True
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


def unturn_box(box: Sequence[float], turns: int, width: int, height: int) -> list[float]:
    """A box found on an image turned `turns` quarter-turns counter-clockwise (np.rot90), in the pixels of the
    image before the turns (`width` x `height`)."""
    corners = np.array(box, np.float64).reshape(2, 2)
    for k in range(turns, 0, -1):  # undo the last turn first
        before = width if k % 2 else height  # the image's width before turn k
        corners = np.stack([before - corners[:, 1], corners[:, 0]], axis=1)
    (x1, y1), (x2, y2) = corners.min(axis=0), corners.max(axis=0)
    return [float(x1), float(y1), float(x2), float(y2)]


class FaceMatcher:
    """Detects, embeds and compares faces with injected detector and embedder."""

    def __init__(self, detector: FaceDetector, embedder: FaceEmbedder, thresholds: FaceThresholds):
        self.detector = detector
        self.embedder = embedder
        self.thresholds = thresholds

    def selfie_face(self, image: np.ndarray, size: int | None = None) -> tuple[FoundFace, FaceBox | None]:
        """The main face of a photo with its embedding, and the raw detection (for liveness); a photo that is
        nothing but a face is found on a padded copy (`tight_crop`)."""
        faces = list(self.detector.detect(image, size))
        face = main_face(faces, image.shape)
        if face is None or face.landmarks is None:
            return self.tight_face(image, len(faces))
        found = FoundFace(True, [round(v) for v in face.bbox], face.score, len(faces),
                          self.embedder.embed(image, face.landmarks))
        return found, face

    def tight_face(self, image: np.ndarray, first_faces: int = 0) -> tuple[FoundFace, FaceBox | None]:
        """The face of a photo that the face fills: detected and embedded on the photo padded with a border, its
        box clipped to the photo and its landmarks mapped back unclipped; not found when it does not fill it."""
        h, w = image.shape[:2]
        pad = max(1, round(TIGHT_PAD * max(h, w)))
        padded = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
        faces = list(self.detector.detect(padded, TIGHT_DET_SIZE))
        face = main_face(faces, padded.shape)
        if face is None or face.landmarks is None:
            return FoundFace(False, faces=first_faces), None
        x1, y1, x2, y2 = (v - pad for v in face.bbox)
        box = (max(0.0, x1), max(0.0, y1), min(float(w), x2), min(float(h), y2))
        if max((box[2] - box[0]) / w, (box[3] - box[1]) / h) < TIGHT_MIN_SHARE:
            return FoundFace(False, faces=first_faces), None
        # Landmarks may lie just outside the photo (a chin cut by the crop): the alignment needs them where they are.
        landmarks = np.asarray(face.landmarks, np.float32)
        found = FoundFace(True, [round(v) for v in box], face.score, len(faces),
                          self.embedder.embed(padded, landmarks), tight_crop=True)
        return found, FaceBox(box, face.score, landmarks - pad, tight_crop=True)

    def portrait_face(self, card: np.ndarray, hint: list[int] | None, rotation: int = 0) -> FoundFace:
        """The ID card's portrait: the region around the face the card reader found, turned upright (the card lies
        `rotation` degrees clockwise in the photo: 0, 90, 180 or 270) and upscaled so the small printed face gives
        the detector and the landmarks enough pixels."""
        if hint is None:
            return FoundFace(False)
        x1, y1, x2, y2 = hint
        w, h = x2 - x1, y2 - y1
        H, W = card.shape[:2]
        cx1, cy1 = max(0, int(x1 - 0.6 * w)), max(0, int(y1 - 0.6 * h))
        cx2, cy2 = min(W, int(x2 + 0.6 * w)), min(H, int(y2 + 0.6 * h))
        crop = card[cy1:cy2, cx1:cx2]
        turns = (rotation // 90) % 4
        if turns:
            crop = np.ascontiguousarray(np.rot90(crop, k=turns))  # counter-clockwise: the card upright
        scale = max(1.0, PORTRAIT_MIN_FACE / max(w, 1))
        if scale > 1.0:
            crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        found, face = self.selfie_face(crop, PORTRAIT_DET_SIZE)
        if not found.found or face is None:
            return FoundFace(False, faces=found.faces)
        bx1, by1, bx2, by2 = unturn_box([v / scale for v in face.bbox], turns, cx2 - cx1, cy2 - cy1)
        bbox = [round(v) for v in (bx1 + cx1, by1 + cy1, bx2 + cx1, by2 + cy1)]
        return replace(found, bbox=bbox, faces=1)

    def compare(self, a: FoundFace, b: FoundFace) -> FaceComparison:
        """Cosine similarity and band of two found faces; None for both when either face is missing."""
        if a.embedding is None or b.embedding is None:
            return FaceComparison(None, None, self.thresholds, (a, b))
        similarity = float(np.dot(a.embedding, b.embedding))
        return FaceComparison(similarity, self.thresholds.band(similarity), self.thresholds, (a, b))
