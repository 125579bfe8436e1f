"""Passive anti-spoofing with MiniFASNet (Silent-Face-Anti-Spoofing), exactly as upstream pre-processes it.

Two models look at the face with different context (2.7x and 4.0x the face box), each crop centred on the face
and shifted back inside the image rather than padded, resized to 80x80, BGR, raw 0..255 values, NCHW. Each model's
logits are soft-maxed, the two probability vectors added, and the live score is the summed probability of class 1
divided by 2. A face the models cannot judge (too small, cut by the image edge, turned too far, or filling the
whole photo so that there is no context for the 2.7x and 4.0x crops) is `unknown` with a reason, never a score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from verify_service.pipeline.types import FaceBox

Runner = Callable[[np.ndarray], np.ndarray]
TIGHT_CROP = "the face fills the photo: no background for the liveness model"


@dataclass(frozen=True)
class LivenessResult:
    """The contract's liveness object; score and is_live are None when the face could not be judged."""

    face_found: bool
    score: float | None
    is_live: bool | None
    threshold: float
    reason: str | None = None
    bbox: list[int] | None = None

    def to_dict(self) -> dict:
        """JSON form."""
        out: dict = {"face_found": self.face_found, "score": None if self.score is None else round(self.score, 4),
                     "is_live": self.is_live, "threshold": self.threshold}
        if self.reason:
            out["reason"] = self.reason
        if self.bbox is not None:
            out["bbox"] = self.bbox
        return out


def crop_box(image_w: int, image_h: int, box: tuple[float, float, float, float], scale: float) -> tuple[int, ...]:
    """Upstream's crop: `scale` times the face box [x, y, w, h], centred on it, shifted back inside the image."""
    x, y, w, h = box
    scale = min((image_h - 1) / h, (image_w - 1) / w, scale)
    new_w, new_h = w * scale, h * scale
    cx, cy = x + w / 2, y + h / 2
    x1, y1, x2, y2 = cx - new_w / 2, cy - new_h / 2, cx + new_w / 2, cy + new_h / 2
    if x1 < 0:
        x2 -= x1
        x1 = 0
    if y1 < 0:
        y2 -= y1
        y1 = 0
    if x2 > image_w - 1:
        x1 -= x2 - image_w + 1
        x2 = image_w - 1
    if y2 > image_h - 1:
        y1 -= y2 - image_h + 1
        y2 = image_h - 1
    return int(x1), int(y1), int(x2), int(y2)


def model_input(image: np.ndarray, face: FaceBox, scale: float, size: int = 80) -> np.ndarray:
    """The 1x3xSxS float32 input for one model: BGR, raw 0..255 (dividing by 255 makes every face an attack)."""
    h, w = image.shape[:2]
    x1, y1, x2, y2 = face.bbox
    cx1, cy1, cx2, cy2 = crop_box(w, h, (x1, y1, x2 - x1, y2 - y1), scale)
    crop = cv2.resize(image[cy1:cy2 + 1, cx1:cx2 + 1], (size, size))
    return np.ascontiguousarray(crop.transpose(2, 0, 1)[None].astype(np.float32))


def _softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def head_pose(landmarks: np.ndarray) -> tuple[float, float]:
    """Rough yaw (nose offset from the eyes' midpoint, in inter-eye distances) and roll (degrees) from 5 points."""
    left_eye, right_eye, nose = landmarks[0], landmarks[1], landmarks[2]
    eye_vec = right_eye - left_eye
    eye_dist = float(np.linalg.norm(eye_vec)) or 1.0
    roll = math.degrees(math.atan2(float(eye_vec[1]), float(eye_vec[0])))
    mid = (left_eye + right_eye) / 2
    # Project the nose offset onto the eye line: a frontal face has the nose under the eyes' midpoint.
    yaw = float(np.dot(nose - mid, eye_vec / eye_dist)) / eye_dist
    return yaw, roll


class LivenessChecker:
    """Scores the main face of a selfie with the MiniFASNet pair."""

    def __init__(self, models: Sequence[tuple[float, Runner]], threshold: float = 0.5, min_face: int = 64,
                 max_yaw: float = 0.45, max_roll: float = 30.0, edge_margin: float = 0.01):
        if not models:
            raise ValueError("LivenessChecker needs at least one (crop scale, model) pair")
        self.models = list(models)
        self.threshold = threshold
        self.min_face = min_face
        self.max_yaw = max_yaw
        self.max_roll = max_roll
        self.edge_margin = edge_margin

    def unjudgeable(self, image: np.ndarray, face: FaceBox) -> str | None:
        """Why this face cannot be judged, or None."""
        # A tight crop (found only on a padded copy) has no scene around the face: the crops would be mostly the
        # face itself, shifted inside the photo, and the models were never shown such an input.
        if face.tight_crop:
            return TIGHT_CROP
        h, w = image.shape[:2]
        if min(face.width, face.height) < self.min_face:
            return f"face too small ({face.width:.0f}x{face.height:.0f} px, need {self.min_face})"
        mx, my = self.edge_margin * w, self.edge_margin * h
        x1, y1, x2, y2 = face.bbox
        if x1 < mx or y1 < my or x2 > w - mx or y2 > h - my:
            return "face touches the image edge"
        if face.landmarks is not None:
            yaw, roll = head_pose(np.asarray(face.landmarks))
            if abs(yaw) > self.max_yaw:
                return "face turned too far to the side"
            if abs(roll) > self.max_roll:
                return "head tilted too far"
        return None

    def check(self, image: np.ndarray, face: FaceBox | None) -> LivenessResult:
        """Live score of a face, or an unknown with its reason."""
        if face is None:
            return LivenessResult(False, None, None, self.threshold, "no face found")
        bbox = [round(v) for v in face.bbox]
        reason = self.unjudgeable(image, face)
        if reason:
            return LivenessResult(True, None, None, self.threshold, reason, bbox)
        total = np.zeros(3, np.float64)
        for scale, run in self.models:
            total += _softmax(np.asarray(run(model_input(image, face, scale)), np.float64).reshape(-1))
        score = float(total[1] / len(self.models))
        return LivenessResult(True, score, score >= self.threshold, self.threshold, None, bbox)
