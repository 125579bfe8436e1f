"""PP-OCR through rapidocr's detector, classifier and recogniser objects, on sessions this package built.

rapidocr's RapidOCR class writes per-call options onto itself, and its detector keeps its pre-processing op as
per-call state, so each model object here is used under its own lock: two requests can still overlap (one in
detection while another is in recognition), and ONNX Runtime's own `run()` is thread-safe.
"""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
from rapidocr.ch_ppocr_cls import TextClassifier
from rapidocr.ch_ppocr_det import TextDetector
from rapidocr.ch_ppocr_rec import TextRecInput, TextRecognizer
from rapidocr.main import DEFAULT_CFG_PATH
from rapidocr.utils.parse_parameters import ParseParams
from rapidocr.utils.process_img import get_rotate_crop_image

from verify_service.pipeline.types import OcrLine, OcrResult

logging.getLogger("RapidOCR").setLevel(logging.WARNING)  # it logs its engine choice at INFO on every construction
CLS_THRESHOLD = 0.9  # rapidocr's default: a line is turned only when the classifier is this sure


class RapidOcrReader:
    """Implements pipeline.types.TextReader with PP-OCR det, cls and rec sessions."""

    def __init__(self, det_session, cls_session, rec_session, det_limit: int = 960, min_score: float = 0.5):
        cfg = ParseParams.load(DEFAULT_CFG_PATH)
        for section, session in (("Det", det_session), ("Cls", cls_session), ("Rec", rec_session)):
            sub = cfg[section]
            sub.engine_cfg = cfg.EngineConfig.onnxruntime
            sub.model_root_dir = None
            sub._set_flag("allow_objects", True)
            sub.session = session
        cfg.Rec.font_path = None  # only used by rapidocr's drawing helpers
        cfg.Det.limit_type = "max"
        cfg.Det.limit_side_len = det_limit
        self.det = TextDetector(cfg.Det)
        self.cls = TextClassifier(cfg.Cls)
        self.rec = TextRecognizer(cfg.Rec)
        self.min_score = min_score
        self._det_lock, self._cls_lock, self._rec_lock = threading.Lock(), threading.Lock(), threading.Lock()

    def read(self, image: np.ndarray) -> OcrResult:
        """Text lines of a BGR image, with per-stage timings (detection, classification, recognition)."""
        timings = {}
        t0 = time.perf_counter()
        with self._det_lock:
            det = self.det(image)
        timings["detection"] = (time.perf_counter() - t0) * 1000
        if det.boxes is None or len(det.boxes) == 0:
            return OcrResult([], timings | {"classification": 0.0, "recognition": 0.0})
        boxes = [np.asarray(b, dtype=np.float32) for b in det.boxes]
        crops = [get_rotate_crop_image(image, b.copy()) for b in boxes]
        t0 = time.perf_counter()
        with self._cls_lock:
            cls = self.cls(crops)
        timings["classification"] = (time.perf_counter() - t0) * 1000
        turned = [("180" in label and score >= CLS_THRESHOLD) for label, score in cls.cls_res or []]
        # The classifier misjudges the odd line (a very long one squashed into its small input): on a page whose
        # lines are mostly upright, a line it turned is recognised both ways and keeps the better reading.
        doubt = [i for i, t in enumerate(turned) if t] if 2 * sum(turned) < len(turned) else []
        t0 = time.perf_counter()
        with self._rec_lock:
            rec = self.rec(TextRecInput(img=[*(cls.img_list or []), *(crops[i] for i in doubt)]))
        timings["recognition"] = (time.perf_counter() - t0) * 1000
        texts, scores = list(rec.txts or ()), list(rec.scores)
        for k, i in enumerate(doubt):
            if scores[len(boxes) + k] > scores[i]:
                texts[i], scores[i], turned[i] = texts[len(boxes) + k], scores[len(boxes) + k], False
        lines = []
        for box, flipped, text, score in zip(boxes, turned, texts, scores):
            text = text.strip()
            if text and score >= self.min_score:
                lines.append(OcrLine(box, text, float(score), flipped))
        return OcrResult(lines, timings)

    def recognize(self, image: np.ndarray, quads) -> list[tuple[str, float]]:
        """Text and score of each reading-order quadrilateral, recognised without detection."""
        if not len(quads):
            return []
        crops = [get_rotate_crop_image(image, np.asarray(q, dtype=np.float32).copy()) for q in quads]
        with self._rec_lock:
            rec = self.rec(TextRecInput(img=crops))
        return [(text.strip(), float(score)) for text, score in zip(rec.txts or (), rec.scores)]
