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


MAX_INK = 0.45  # a seal holds thin strokes (its text and star; about 0.2 of its disc), not a solid red area


def find_seals(image: np.ndarray, min_radius_share: float = 0.04, min_ring: float = 0.6,
               hsv: np.ndarray | None = None) -> list[Seal]:
    """Round red seals: red blobs whose enclosing circle has red along most of its rim, largest first (`hsv`: the
    image in HSV, when the caller has it already)."""
    h, w = image.shape[:2]
    if hsv is None:  # once: the red mask and the paper test both read it
        hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV)
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
        if ring >= min_ring and _on_paper(hsv, mask, cx, cy, r) and _ink_share(mask, cx, cy, 0.85 * r) <= MAX_INK:
            seals.append(Seal([int(cx - r), int(cy - r), int(cx + r), int(cy + r)], ring))
    if not seals:  # a form printed in red (its rules, frame and title) joins the seal into one red shape
        seals = _circles(hsv, mask, min_r, 0.45 * min(h, w), min_ring)
    return sorted(seals, key=lambda s: -(s.bbox[2] - s.bbox[0]))


HOUGH_SIDE = 500  # px: the longer side of the mask's copy the circle transform runs on
HOUGH_CANDIDATES = 8  # circles tried, strongest first
HOUGH_MIN_RING = 0.85  # a circle among red print must be red nearly all round


def _circles(hsv: np.ndarray, mask: np.ndarray, min_r: float, max_r: float, min_ring: float) -> list[Seal]:
    """Seals among red circles found by the Hough transform, for a page whose red print touches the seal: each
    must still have red along most of its rim and paper inside."""
    if not mask.any():
        return []
    k = min(1.0, HOUGH_SIDE / max(mask.shape))  # on a small copy: the transform's time grows with the area
    small = cv2.resize(mask, None, fx=k, fy=k, interpolation=cv2.INTER_AREA) if k < 1 else mask
    found = cv2.HoughCircles(cv2.GaussianBlur(small, (5, 5), 0), cv2.HOUGH_GRADIENT, dp=1.5, minDist=2 * min_r * k,
                             param1=100, param2=30, minRadius=max(3, round(min_r * k)), maxRadius=round(max_r * k))
    seals: list[Seal] = []
    h, w = mask.shape
    for cx, cy, r in (found[0][:HOUGH_CANDIDATES] / k if found is not None else []):
        found_r, r = float(r), _outer_radius(mask, float(cx), float(cy), float(r))
        if cx - r < 0 or cy - r < 0 or cx + r > w or cy + r > h:
            continue  # on this path only a whole ring counts: red print cut by the page edge is no seal
        ring = _rim_coverage(mask, float(cx), float(cy), r)
        # paper inside the circle the transform found (not the widened one, which may take in a surface around it)
        if ring >= max(min_ring, HOUGH_MIN_RING) and _on_paper(hsv, mask, float(cx), float(cy), found_r) \
                and _ink_share(mask, float(cx), float(cy), 0.85 * r) <= MAX_INK \
                and not any(_overlap(seal, cx, cy) for seal in seals):
            seals.append(Seal([int(cx - r), int(cy - r), int(cx + r), int(cy + r)], ring))
    return seals


def _disc(shape: tuple[int, ...], cx: float, cy: float, r: float) -> tuple[tuple[slice, slice], np.ndarray]:
    """The window of an image that holds the disc of radius r about (cx, cy), clipped to the image, and which of
    the window's pixels lie in the disc."""
    h, w = shape[:2]
    x0, y0, x1, y1 = max(0, int(cx - r)), max(0, int(cy - r)), min(w, int(cx + r) + 1), min(h, int(cy + r) + 1)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    return (slice(y0, y1), slice(x0, x1)), (xx - cx) ** 2 + (yy - cy) ** 2 <= r ** 2


def _ink_share(mask: np.ndarray, cx: float, cy: float, r: float) -> float:
    """Share of the disc of radius r that is red."""
    window, disc = _disc(mask.shape, cx, cy, r)
    return float((mask[window][disc] > 0).mean()) if disc.any() else 0.0


def _outer_radius(mask: np.ndarray, cx: float, cy: float, r: float) -> float:
    """The radius of the ring's outer edge near the Hough radius (the transform may lock on its inner edge or the
    text band): the largest radius up to 15% further out that still holds red in most directions."""
    best = r
    for rr in np.linspace(r, 1.15 * r, 7):
        if _rim_coverage(mask, cx, cy, rr, samples=36) >= 0.6:
            best = float(rr)
    return best


def _overlap(seal: Seal, cx: float, cy: float) -> bool:
    x0, y0, x1, y1 = seal.bbox
    return x0 <= cx <= x1 and y0 <= cy <= y1


# What is not red inside a seal is paper and black print: grey or white (saturation up to 60 of 255), or bright
# paper under warm light or cream paper (value from 170, saturation up to 110); wood, fur or skin around a page
# in a photo are darker and more saturated.
PAPER_MAX_SATURATION = 60
WARM_PAPER_MIN_VALUE, WARM_PAPER_MAX_SATURATION = 170, 110


def _on_paper(hsv: np.ndarray, mask: np.ndarray, cx: float, cy: float, r: float) -> bool:
    """Whether what lies inside the circle between the red ink is paper (grey or white, black print), as under a
    seal stamped on a page, rather than a reddish-brown surface around the page in a photo (wood, fur, skin)."""
    window, disc = _disc(mask.shape, cx, cy, 0.95 * r)
    inside = disc & (mask[window] == 0)
    if not inside.any():
        return False
    crop = hsv[window]
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


# A company seal's name runs clockwise along its upper rim, from about 7 o'clock over 12 to 5 o'clock (at most
# 300 degrees), characters upright towards the rim; the centre holds a star and the bottom a 专用章-type word.
ARC_FROM_DEG, ARC_TO_DEG = 125.0, 415.0  # image angles (0 = 3 o'clock, clockwise since y points down)
BAND = (0.5, 0.97)  # the text band, in shares of the seal's radius
MIN_TEXT_RADIUS_PX = 90  # a seal smaller than this is upsampled before it is unrolled


def unroll(image: np.ndarray, seal: Seal) -> np.ndarray:
    """The seal's rim text as one straight line (grey, ink dark on white): the red ink is isolated as how much
    redder than green a pixel is, so black print under the seal drops out, then the ring is unrolled with a polar
    warp and turned so the rim is at the top."""
    x0, y0, x1, y1 = seal.bbox
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2
    redness = image[:, :, 2].astype(np.int16) - image[:, :, 1].astype(np.int16)
    ink = np.clip(255 - redness, 0, 255).astype(np.uint8)
    k = 2 * max(1.0, MIN_TEXT_RADIUS_PX / max(r, 1.0))
    n_angle, n_radius = round(2 * math.pi * 0.75 * r * k), round(r * k)
    polar = cv2.warpPolar(ink, (n_radius, n_angle), (cx, cy), r, cv2.WARP_POLAR_LINEAR + cv2.WARP_FILL_OUTLIERS)
    polar = np.vstack([polar, polar])  # the arc crosses 0 degrees
    a0, a1 = round(n_angle * ARC_FROM_DEG / 360), round(n_angle * ARC_TO_DEG / 360)
    band = polar[a0:a1, round(BAND[0] * n_radius):round(BAND[1] * n_radius)]
    return np.ascontiguousarray(cv2.flip(band.T, 0))
