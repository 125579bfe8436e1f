"""Finding a red round company seal (公章) on a document page: red colour segmentation, then a ring test."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Seal:
    """A round red seal: its box in page pixels and how much of its rim is red (0..1)."""

    bbox: list[int]
    ring: float
    page: int = 1

    def to_dict(self) -> dict:
        """JSON form."""
        return {"bbox": self.bbox, "ring": round(self.ring, 3), "page": self.page}


def red_mask(hsv: np.ndarray) -> np.ndarray:
    """Pixels of seal red in an HSV image: hue near 0/180, saturated, not too dark (ink, not shadow)."""
    low = cv2.inRange(hsv, (0, 70, 70), (12, 255, 255))
    high = cv2.inRange(hsv, (165, 70, 70), (180, 255, 255))
    return cv2.bitwise_or(low, high)


def find_seals(image: np.ndarray, min_radius_share: float = 0.04, min_ring: float = 0.6) -> list[Seal]:
    """Round red seals: red blobs whose enclosing circle has red along most of its rim, largest first."""
    h, w = image.shape[:2]
    hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV)  # once: the red mask and the paper test both read it
    mask = red_mask(hsv)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    min_r = min_radius_share * min(h, w)
    seals = []
    for contour in contours:
        (cx, cy), r = cv2.minEnclosingCircle(contour)
        if r < min_r or r > 0.45 * min(h, w):
            continue
        ring = _rim_coverage(mask, cx, cy, r)
        if ring >= min_ring and _on_paper(hsv, mask, cx, cy, r):
            seals.append(Seal([int(cx - r), int(cy - r), int(cx + r), int(cy + r)], ring))
    return sorted(seals, key=lambda s: -(s.bbox[2] - s.bbox[0]))


# What is not red inside a seal is paper and black print: grey or white (saturation up to 60 of 255), or bright
# paper under warm light or cream paper (value from 170, saturation up to 110); wood, fur or skin around a page
# in a photo are darker and more saturated.
PAPER_MAX_SATURATION = 60
WARM_PAPER_MIN_VALUE, WARM_PAPER_MAX_SATURATION = 170, 110


def _on_paper(hsv: np.ndarray, mask: np.ndarray, cx: float, cy: float, r: float) -> bool:
    """Whether what lies inside the circle between the red ink is paper (grey or white, black print), as under a
    seal stamped on a page, rather than a reddish-brown surface around the page in a photo (wood, fur, skin)."""
    h, w = mask.shape
    x0, y0, x1, y1 = max(0, int(cx - r)), max(0, int(cy - r)), min(w, int(cx + r) + 1), min(h, int(cy + r) + 1)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    inside = ((xx - cx) ** 2 + (yy - cy) ** 2 <= (0.95 * r) ** 2) & (mask[y0:y1, x0:x1] == 0)
    if not inside.any():
        return False
    crop = hsv[y0:y1, x0:x1]
    saturation, value = float(np.median(crop[..., 1][inside])), float(np.median(crop[..., 2][inside]))
    return saturation <= PAPER_MAX_SATURATION or (value >= WARM_PAPER_MIN_VALUE
                                                  and saturation <= WARM_PAPER_MAX_SATURATION)


def _rim_coverage(mask: np.ndarray, cx: float, cy: float, r: float, samples: int = 90) -> float:
    """Share of directions from the centre in which the outer tenth of the circle holds red pixels."""
    h, w = mask.shape
    hits = 0
    for k in range(samples):
        a = 2 * math.pi * k / samples
        found = False
        for rr in np.linspace(0.82 * r, 1.0 * r, 6):
            x, y = round(cx + rr * math.cos(a)), round(cy + rr * math.sin(a))
            if 0 <= x < w and 0 <= y < h and mask[y, x]:
                found = True
                break
        hits += found
    return hits / samples
