"""The ID card stage: OCR, reading order, field parsing, validation and the portrait, for one card side."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from verify_service.pipeline.common.imaging import fit_within
from verify_service.pipeline.common.layout import PageOrientation, Row, read_rows, region_right_of
from verify_service.pipeline.documents.cn_id_card import checks, geometry
from verify_service.pipeline.documents.cn_id_card.parse import ParsedCard, parse_card
from verify_service.pipeline.signals import quality
from verify_service.pipeline.types import Check, FaceBox, FaceDetector, Field, OcrLine, Side, TextReader

# Labels whose value may be re-read: (printed label, fields its row holds, strip length in label widths).
REREAD = {
    Side.FRONT: [("姓名", ("name",), 4.5), ("性别", ("sex", "ethnicity"), 6.5), ("出生", ("birth_date",), 7.5)],
    Side.BACK: [("签发机关", ("issuing_authority",), 4.5), ("有效期限", ("valid_from", "valid_until"), 4.5)],
}


def _inside(point: np.ndarray, quad: np.ndarray) -> bool:
    """Whether a point lies inside a convex quadrilateral."""
    import cv2

    contour = quad.reshape(-1, 1, 2).astype(np.float32)
    return cv2.pointPolygonTest(contour, (float(point[0]), float(point[1])), False) >= 0


@dataclass
class Portrait:
    """The face printed on the card's front, if one was found."""

    found: bool
    bbox: list[int] | None = None
    det_score: float | None = None

    def to_dict(self) -> dict:
        """The contract's portrait object."""
        out: dict = {"found": self.found, "bbox": self.bbox}
        if self.det_score is not None:
            out["det_score"] = round(self.det_score, 4)
        return out


@dataclass
class IdCardResult:
    """Everything read from one side of an ID card."""

    side: Side | None
    fields: dict[str, Field]
    checks: list[Check]
    portrait: Portrait | None
    quality: dict
    orientation: PageOrientation
    lines: list[OcrLine] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    card: geometry.CardQuad | None = None  # the card's outline in the uploaded image, when found

    def to_dict(self) -> dict:
        """The contract's ID card result (request_id is added by the caller)."""
        out = {
            "document_type": "cn_id_card",
            "side": self.side.value if self.side else None,
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "checks": [c.to_dict() for c in self.checks],
            "quality": self.quality,
            "orientation": self.orientation.to_dict(),
            "card_quad": self.card.to_list() if self.card is not None else None,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
        if self.side is Side.FRONT:
            out["portrait"] = (self.portrait or Portrait(False)).to_dict()
        return out


class IdCardReader:
    """Reads one side of a card with injected OCR and face-detection engines."""

    document_type = "cn_id_card"

    def __init__(self, ocr: TextReader, faces: FaceDetector | None, today: Callable[[], dt.date],
                 max_side: int = 1600):
        if ocr is None:
            raise ValueError("IdCardReader needs an OCR engine")
        self.ocr = ocr
        self.faces = faces
        self.today = today
        self.max_side = max_side

    def read(self, image: np.ndarray, side: Side | None = None, birth: dt.date | None = None) -> IdCardResult:
        """Read and validate one side; `side` None means detect it; `birth` helps the back's validity rule."""
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        image, scale = fit_within(image, self.max_side)
        upload_height = image.shape[0]
        timings["resize"] = (time.perf_counter() - t0) * 1000
        ocr = self.ocr.read(image)
        timings.update(ocr.timings_ms)
        # A card shot with the phone held upright: its lines run top to bottom. Turn the photo a quarter and read
        # again; the line classifier's upside-down vote then tells 90 from 270.
        turned = geometry.vertical_share(ocr.lines) > 0.5
        if turned:
            image = geometry.turn_cw(image)
            ocr = self.ocr.read(image)
            for stage, ms in ocr.timings_ms.items():
                timings[stage] = timings.get(stage, 0.0) + ms
        t0 = time.perf_counter()
        rows, orientation = read_rows(ocr.lines)
        orientation = replace(orientation, rotation=geometry.quarter_turn(turned, orientation.upside_down))
        parsed = parse_card(rows, side)
        timings["parsing"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        reread = self._reread_missing(image, ocr.lines, rows, orientation, parsed)
        if reread is not None:
            parsed = reread
            timings["reread"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        found_checks: list[Check] = []
        if parsed.side is Side.FRONT:
            found_checks = checks.front_checks(parsed.fields)
        elif parsed.side is Side.BACK:
            found_checks = checks.back_checks(parsed.fields, self.today(), birth)
        timings["parsing"] += (time.perf_counter() - t0) * 1000
        portrait = None
        if parsed.side is Side.FRONT and self.faces is not None:
            t0 = time.perf_counter()
            portrait = self.find_portrait(image, orientation)
            if portrait.bbox is not None:
                box = geometry.box_before_turn(portrait.bbox, upload_height) if turned else portrait.bbox
                portrait.bbox = [round(v / scale) for v in box]
            timings["portrait"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        quad = geometry.find_card_quad(image, ocr.lines)
        timings["card"] = (time.perf_counter() - t0) * 1000

        def upload_pixels(points: np.ndarray) -> np.ndarray:
            """Working-image points in the uploaded image's pixels."""
            pts = geometry.points_before_turn(points, upload_height) if turned else points
            return (pts / scale).astype(np.float32)

        lines = [OcrLine(upload_pixels(ln.box), ln.text, ln.score, ln.upside_down) for ln in ocr.lines]
        card = geometry.CardQuad(upload_pixels(quad.corners), quad.aspect) if quad is not None else None
        return IdCardResult(parsed.side, parsed.fields, found_checks, portrait, quality.measure(image), orientation,
                            lines, timings, card)

    def _reread_missing(self, image: np.ndarray, lines: list[OcrLine], rows: list[Row],
                        orientation: PageOrientation, parsed: ParsedCard) -> ParsedCard | None:
        """Recognise, without detection, the strip right of each label whose value the detector missed (short
        values such as 女 or 汉 are the usual victims); None when nothing was missing or nothing was gained."""
        if parsed.side is None:
            return None
        wanted = []
        for label, names, widths in REREAD[parsed.side]:
            if all(parsed.fields[n].value is not None for n in names):
                continue
            label_line = next((ln for row in rows for ln in row.lines if ln.text == label), None)
            if label_line is not None:
                wanted.append((names, region_right_of(label_line, orientation, widths)))
        if not wanted:
            return None
        texts = self.ocr.recognize(image, [quad for _, quad in wanted])
        kept = [ln for ln in lines if not any(_inside(ln.box.mean(axis=0), quad) for _, quad in wanted)]
        kept += [OcrLine(quad, text, score, orientation.upside_down)
                 for (_, quad), (text, score) in zip(wanted, texts) if text]
        again = parse_card(read_rows(kept)[0], parsed.side)
        fields = dict(parsed.fields)
        gained = False
        for names, _ in wanted:
            for name in names:
                if fields[name].value is None and again.fields[name].value is not None:
                    fields[name] = again.fields[name]
                    gained = True
        return ParsedCard(parsed.side, fields) if gained else None

    def find_portrait(self, image: np.ndarray, orientation: PageOrientation) -> Portrait:
        """The largest face on the card; an upside-down card is turned first, since face detectors are not
        rotation-invariant."""
        assert self.faces is not None
        work = image[::-1, ::-1] if orientation.upside_down else image
        faces = list(self.faces.detect(np.ascontiguousarray(work)))
        if not faces:
            return Portrait(False)
        best: FaceBox = max(faces, key=lambda f: f.width * f.height)
        x1, y1, x2, y2 = best.bbox
        if orientation.upside_down:
            h, w = image.shape[:2]
            x1, y1, x2, y2 = w - x2, h - y2, w - x1, h - y1
        return Portrait(True, [round(v) for v in (x1, y1, x2, y2)], float(best.score))
