"""Calibrate face-match thresholds on the labelled pairs in ../shared/testdata/faces/deepface.

    .venv/bin/python -m bench.calibrate_faces [--out models/face_calibration.json]

Embeds the main face of every photo with the manifest's detector and recogniser, scores all 528 labelled pairs
(140 same person, 388 different), and writes: the ROC (as FAR/TAR at every distinct threshold), ROC AUC, the best
accuracy and its threshold, and for each operating point the match threshold (the lowest similarity whose false
accepts on this data stay within the FAR) and the reject threshold (the match threshold of a FAR ten times
higher): a similarity between the two carries up to ten times the accepted false-accept risk, so a person looks
at it (the review band); below it the faces are called a mismatch.

With 388 impostor pairs the data can state a FAR down to about 1/388 = 2.6e-3; the 1e-3 point is set at the
highest impostor score seen, which is the most this data can say, and the output says so.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

import cv2
import numpy as np

from verify_service.config import Settings
from verify_service.pipeline.faces.matching import FaceMatcher, FaceThresholds
from verify_service.runtime.registry import ModelRegistry

ROOT = Path(__file__).resolve().parent.parent

DATA = ROOT.parent / "shared" / "testdata" / "faces" / "deepface"


def roc_auc(genuine: np.ndarray, impostor: np.ndarray) -> float:
    """Probability that a random genuine pair scores above a random impostor pair (ties count half)."""
    g, i = genuine[:, None], impostor[None, :]
    return float(((g > i).sum() + 0.5 * (g == i).sum()) / (len(genuine) * len(impostor)))


def main(argv: list[str] | None = None) -> int:
    """Run the calibration and write the JSON file the service reads."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "face_calibration.json")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"no test data at {DATA}", file=sys.stderr)
        return 2
    registry = ModelRegistry.load(Settings.load({"warmup": False}))
    models = registry.models
    matcher = FaceMatcher(registry.faces, registry.embedder, FaceThresholds("none", 1.0, -1.0))
    embeddings, no_face = {}, []
    for path in sorted(DATA.glob("*.jpg")):
        found, _ = matcher.selfie_face(cv2.imread(str(path)))
        if found.embedding is None:
            no_face.append(path.name)
        else:
            embeddings[path.name] = found.embedding
    pairs = list(csv.DictReader((DATA / "pairs.csv").read_text(encoding="utf-8").splitlines()))
    genuine, impostor, skipped = [], [], 0
    for row in pairs:
        a, b = embeddings.get(row["img1"]), embeddings.get(row["img2"])
        if a is None or b is None:
            skipped += 1
            continue
        (genuine if row["same_person"] == "1" else impostor).append(float(np.dot(a, b)))
    g, i = np.array(genuine), np.array(impostor)
    thresholds = np.unique(np.concatenate([g, i]))
    roc = [(float(t), float((i >= t).mean()), float((g >= t).mean())) for t in thresholds]
    accs = [((g >= t).sum() + (i < t).sum()) / (len(g) + len(i)) for t in thresholds]
    best = int(np.argmax(accs))
    p01 = float(np.quantile(g, 0.01))

    def match_at(far: float) -> float:
        allowed = int(np.floor(far * len(i)))  # impostor pairs allowed at or above the threshold
        above = np.sort(i)[::-1]
        return float(above[allowed] + 1e-4) if allowed < len(above) else float(above[-1])

    points = {}
    for name, far in (("far_1e-2", 1e-2), ("far_1e-3", 1e-3)):
        t = match_at(far)
        reject = match_at(10 * far)
        points[name] = {
            "match": round(t, 4),
            "reject": round(reject, 4),
            "frr_at_reject_on_data": round(float((g < reject).mean()), 4),
            "far_on_data": round(float((i >= t).mean()), 5),
            "tar_on_data": round(float((g >= t).mean()), 4),
            "note": "" if far * len(i) >= 1 else
                    f"{len(i)} impostor pairs cannot show a FAR of {far:g}: set just above the highest impostor score",
        }
    result = {
        "model": f"{models['face_det'].name} + {models['face_rec'].name}",
        "face_det_sha256": models["face_det"].sha256,
        "face_rec_sha256": models["face_rec"].sha256,
        "data": "deepface tests/unit/dataset pairs (../shared/testdata/faces/deepface/pairs.csv)",
        "made": dt.date.today().isoformat(),
        "images": len(embeddings), "images_without_face": no_face, "pairs_skipped": skipped,
        "genuine_pairs": len(g), "impostor_pairs": len(i),
        "roc_auc": round(roc_auc(g, i), 5),
        "best_accuracy": round(float(accs[best]), 4), "best_accuracy_threshold": round(float(thresholds[best]), 4),
        "genuine_similarity": {"min": round(float(g.min()), 4), "p01": round(p01, 4),
                               "median": round(float(np.median(g)), 4)},
        "impostor_similarity": {"max": round(float(i.max()), 4), "p99": round(float(np.quantile(i, 0.99)), 4),
                                "median": round(float(np.median(i)), 4)},
        "reject_rule": "an operating point at FAR f rejects below the match threshold of FAR 10f; between is review",
        "operating_points": points,
        "roc": [{"threshold": round(t, 4), "far": round(f, 5), "tar": round(r, 4)}
                for t, f, r in roc[:: max(1, len(roc) // 60)]],
    }
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    summary = {k: v for k, v in result.items() if k != "roc"}
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
