"""Reading order for OCR lines of a photographed document: undo the page's skew and upside-down turn, then
group lines into rows, top to bottom and left to right."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from verify_service.pipeline.types import OcrLine


@dataclass(frozen=True)
class PlacedLine:
    """A line in page coordinates (deskewed, upright): centre, height and horizontal extent."""

    text: str
    score: float
    cx: float
    cy: float
    height: float
    left: float
    right: float
    source: OcrLine


@dataclass(frozen=True)
class Row:
    """Lines that share a baseline, left to right."""

    lines: tuple[PlacedLine, ...]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @property
    def cy(self) -> float:
        return float(np.mean([line.cy for line in self.lines]))

    @property
    def height(self) -> float:
        return float(np.median([line.height for line in self.lines]))

    @property
    def score(self) -> float:
        return float(min(line.score for line in self.lines))


@dataclass(frozen=True)
class PageOrientation:
    """The page's skew in degrees (clockwise as seen in the image), whether it lies upside down, and its
    quarter-turn in the uploaded image (0, 90, 180 or 270 degrees clockwise; set by readers that turn pages)."""

    angle: float
    upside_down: bool
    rotation: int = 0

    def to_dict(self) -> dict:
        """JSON form for results."""
        return {"angle": round(self.angle, 1), "upside_down": self.upside_down, "rotation": self.rotation}


def page_orientation(lines: Sequence[OcrLine]) -> PageOrientation:
    """Skew from the long edges of the line boxes (length-weighted median); upside-down by the line classifier's
    majority, weighted by line length."""
    angles, weights, flipped = [], [], 0.0
    for line in lines:
        p0, p1 = line.box[0], line.box[1]
        dx, dy = float(p1[0] - p0[0]), float(p1[1] - p0[1])
        length = math.hypot(dx, dy)
        height = float(np.linalg.norm(line.box[3] - line.box[0]))
        if length < 1.5 * height:  # near-square boxes say little about direction
            continue
        angle = math.degrees(math.atan2(dy, dx))
        angle = (angle + 90) % 180 - 90  # a line and its upside-down twin give the same skew
        angles.append(angle)
        weights.append(length)
        flipped += length if line.upside_down else -length
    if not angles:
        return PageOrientation(0.0, flipped > 0)
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])
    return PageOrientation(median, flipped > 0)


def place(lines: Sequence[OcrLine], orientation: PageOrientation) -> list[PlacedLine]:
    """Each line's geometry in page coordinates."""
    rot = _rotation(orientation)
    placed = []
    for line in lines:
        pts = line.box.astype(np.float64) @ rot.T
        xs, ys = pts[:, 0], pts[:, 1]
        placed.append(PlacedLine(line.text, line.score, float(xs.mean()), float(ys.mean()),
                                 float(ys.max() - ys.min()), float(xs.min()), float(xs.max()), line))
    return placed


def _rotation(orientation: PageOrientation) -> np.ndarray:
    """The matrix that takes image coordinates to page coordinates."""
    theta = math.radians(orientation.angle + (180 if orientation.upside_down else 0))
    return np.array([[math.cos(theta), math.sin(theta)], [-math.sin(theta), math.cos(theta)]])


def region_right_of(line: PlacedLine, orientation: PageOrientation, widths: float, tall: float = 1.8) -> np.ndarray:
    """The image-space quadrilateral (reading order: top-left, top-right, bottom-right, bottom-left) of the strip
    that starts at a label's right edge and runs `widths` label-widths further along the text line."""
    width = line.right - line.left
    x0, x1 = line.right + 0.1 * width, line.right + widths * width
    y0, y1 = line.cy - tall * line.height / 2, line.cy + tall * line.height / 2
    page = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    return (page @ _rotation(orientation)).astype(np.float32)


def rows_of(placed: Sequence[PlacedLine]) -> list[Row]:
    """Lines grouped into rows: a line joins a row when its centre lies within half a line height of it."""
    if not placed:
        return []
    ordered = sorted(placed, key=lambda p: p.cy)
    rows: list[list[PlacedLine]] = []
    for line in ordered:
        if rows:
            current = rows[-1]
            ref_cy = float(np.mean([p.cy for p in current]))
            ref_h = float(np.median([p.height for p in current] + [line.height]))
            if abs(line.cy - ref_cy) < 0.5 * ref_h:
                current.append(line)
                continue
        rows.append([line])
    return [Row(tuple(sorted(r, key=lambda p: p.left))) for r in rows]


def read_rows(lines: Sequence[OcrLine]) -> tuple[list[Row], PageOrientation]:
    """OCR lines in reading order, with the page orientation they imply."""
    orientation = page_orientation(lines)
    return rows_of(place(lines, orientation)), orientation
