"""Face detection with InsightFace's SCRFD (model_zoo) on a session this package built."""

from __future__ import annotations

import numpy as np
from insightface.model_zoo.scrfd import SCRFD

from ..pipeline.types import FaceBox


class ScrfdDetector:
    """Implements pipeline.types.FaceDetector; returns faces best score first."""

    def __init__(self, model_path: str, session, input_size: int = 640, threshold: float = 0.5):
        self.model = SCRFD(model_file=model_path, session=session)
        self.model.prepare(ctx_id=0, input_size=(input_size, input_size), det_thresh=threshold)
        self.input_size = (input_size, input_size)

    def detect(self, image: np.ndarray) -> list[FaceBox]:
        """Faces in a BGR image."""
        boxes, kps = self.model.detect(image, input_size=self.input_size)
        faces = [
            FaceBox((float(boxes[i, 0]), float(boxes[i, 1]), float(boxes[i, 2]), float(boxes[i, 3])),
                    float(boxes[i, 4]), None if kps is None else kps[i])
            for i in range(boxes.shape[0])
        ]
        return sorted(faces, key=lambda f: -f.score)
