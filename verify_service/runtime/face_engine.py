"""Face detection with InsightFace's SCRFD (model_zoo) on a session this package built."""

from __future__ import annotations

import warnings

import numpy as np
from insightface.model_zoo.scrfd import SCRFD

from verify_service.pipeline.types import FaceBox

# insightface 2.1 calls scikit-image's deprecated SimilarityTransform.estimate on every alignment.
warnings.filterwarnings("ignore", category=FutureWarning, module="insightface.utils.face_align")


class ScrfdDetector:
    """Implements pipeline.types.FaceDetector; returns faces best score first."""

    def __init__(self, model_path: str, session, input_size: int = 640, threshold: float = 0.5):
        self.model = SCRFD(model_file=model_path, session=session)
        self.model.prepare(ctx_id=0, input_size=(input_size, input_size), det_thresh=threshold)
        self.input_size = (input_size, input_size)

    def detect(self, image: np.ndarray, size: int | None = None) -> list[FaceBox]:
        """Faces in a BGR image; `size` overrides the square network input (smaller is faster for close-ups)."""
        boxes, kps = self.model.detect(image, input_size=(size, size) if size else self.input_size)
        faces = [
            FaceBox((float(boxes[i, 0]), float(boxes[i, 1]), float(boxes[i, 2]), float(boxes[i, 3])),
                    float(boxes[i, 4]), None if kps is None else kps[i])
            for i in range(boxes.shape[0])
        ]
        return sorted(faces, key=lambda f: -f.score)


class ArcFaceEmbedder:
    """Implements pipeline.types.FaceEmbedder: 5-landmark alignment to 112x112 and an L2-normalised embedding.

    The input normalisation comes from the manifest, not from InsightFace's guess from graph node names.
    """

    def __init__(self, model_path: str, session, mean: float = 127.5, std: float = 127.5):
        from insightface.model_zoo.arcface_onnx import ArcFaceONNX

        self.model = ArcFaceONNX(model_file=model_path, session=session)
        self.model.input_mean, self.model.input_std = mean, std

    def embed(self, image: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
        """The unit-length embedding of the face with these 5 landmarks in a BGR image."""
        from insightface.utils import face_align

        aligned = face_align.norm_crop(image, landmark=np.asarray(landmarks, np.float32), image_size=112)
        feat = self.model.get_feat(aligned).ravel().astype(np.float32)
        return feat / max(float(np.linalg.norm(feat)), 1e-12)


class OnnxRunner:
    """A session with one input and one output, callable on a batch: the liveness models' runtime."""

    def __init__(self, session):
        self.session = session
        self.input_name = session.get_inputs()[0].name
        self.output_name = session.get_outputs()[0].name

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        """The model's output for an NCHW float32 batch."""
        return self.session.run([self.output_name], {self.input_name: batch})[0]
