"""Face compare on tight face crops: how /v1/face/compare answers aligned, cropped and ID-chip-sized faces.

    cd /work/main && .venv/bin/python -m bench.eval_face_crops [--conditions full,aligned112,crop160,chip102x126,mixed]
        [--limit 60] [--out /tmp/face_crops.json] [--min-answered 0.95] [--save-crops /tmp/crops]
        [--chip-face-width 0.58]

Reference photos often arrive as tight crops that fill the frame (../shared/docs/DOMAIN.md, "Face matching"): a
112x112 ArcFace-aligned face from another system, a 160x160 face crop, the ID card chip's 102x126 photo. This
script makes such crops of the 61 labelled photos in ../shared/testdata/faces/deepface (pairs.csv: 528 pairs,
140 same person, 388 different) independently of the service's own detector, with OpenCV's YuNet
(../shared/models/face_detection_yunet_2023mar.onnx): the main face of each photo is the detection with the
largest area x score, and its box and 5 landmarks give

  aligned112   the ArcFace 112x112 similarity-aligned crop on the 5 landmarks (cv2.estimateAffinePartial2D)
  crop160      a square box 1.3x the face box's longer side around its centre, resized to 160x160
  chip102x126  an ID-photo head-and-shoulders box laid out as GA 461-2004 asks (the face box 207/358 of the
               width and horizontally centred, the eye line at 48% of the height, 102:126), resized to
               102x126 (the chip photo's size)

Every pair is then posted through the real app in-process (create_app().test_client(), POST /v1/face/compare,
crops as PNG) in each condition: `full` (the original photos), `aligned112`, `crop160`, `chip102x126` (both sides
cropped alike) and `mixed` (the full photo of image 1 against the chip crop of image 2: a selfie against a
reference photo). Reported per condition: pairs answered with a similarity, found rates per side, the share of
faces found only by the service's padded retry for tight crops (`tight_crop` in the answer), the service's
bands, accuracy at the service's own decision (match == true is "same", anything else - false, null, an error -
is "different", so a condition that answers nothing still scores the share of different-person pairs), ROC AUC,
the best-accuracy threshold, and the genuine and impostor similarity distributions (the last three over answered
pairs). --chip-face-width makes the chip tighter than the standard's layout (e.g. 0.7).

The service's thresholds were calibrated on these same pairs (bench/calibrate_faces.py, full photos): numbers for
`full` are in-sample; the crop conditions are what this script is for. Nothing is written into the repo.
Exit status: 0, or 1 with --min-answered when a crop condition (any but `full`) answers a smaller share of pairs;
2 when the test data or the YuNet model is missing.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent

SHARED = ROOT.parent / "shared"
PAIRS = Path("testdata/faces/deepface/pairs.csv")  # columns img1,img2,same_person (1/0); images beside it
YUNET = Path("models/face_detection_yunet_2023mar.onnx")

VARIANTS = ("full", "aligned112", "crop160", "chip102x126")
CONDITIONS = {  # condition -> (variant sent as image_a, variant sent as image_b)
    "full": ("full", "full"),
    "aligned112": ("aligned112", "aligned112"),
    "crop160": ("crop160", "crop160"),
    "chip102x126": ("chip102x126", "chip102x126"),
    "mixed": ("full", "chip102x126"),
}

ARCFACE_DST = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366],
                        [41.5493, 92.3655], [70.7299, 92.2041]], np.float32)
DET_MAX_SIDE = 1024  # YuNet sees the photo scaled down to this longer side (faces here are 100-1600 px tall)
DET_SCORE = 0.6  # YuNet score threshold (OpenCV's default is 0.9; the main face here scores 0.86-0.96)
CROP160_SCALE = 1.3  # square side / the face box's longer side
# The chip photo follows the ID photo standard GA 461-2004 (358x441 px): face 207 +- 14 px wide, horizontally
# centred, the eyes at least 207 px above the bottom edge (at most 53% of the height from the top), hair 7-21 px
# below the top edge, the bottom edge at the collarbones; the chip holds it at 102x126.
CHIP_FACE_WIDTH = 207 / 358  # YuNet's face box width / the chip's width
CHIP_EYES_AT = 0.48  # the eye line's share of the chip's height from the top
CHIP_W, CHIP_H = 102, 126


@dataclass(frozen=True)
class YuNetFace:
    """The main face of one photo in its own pixel coordinates."""

    box: tuple[float, float, float, float]  # x, y, w, h
    landmarks: np.ndarray  # 5x2: eye, eye, nose, mouth corner, mouth corner (image-left first, as ArcFace's)
    score: float
    faces: int  # how many faces YuNet found in the photo


def detect_main_face(detector, image: np.ndarray) -> YuNetFace | None:
    """YuNet's main face: the largest area x score; tries the full size too if the scaled photo shows none."""
    h, w = image.shape[:2]
    for max_side in (DET_MAX_SIDE, max(h, w)):
        scale = min(1.0, max_side / max(h, w))
        small = image if scale == 1.0 else cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        detector.setInputSize((small.shape[1], small.shape[0]))
        _, faces = detector.detect(small)
        if faces is not None and len(faces):
            best = max(faces, key=lambda f: float(f[2] * f[3] * f[14]))
            return YuNetFace(tuple(float(v) / scale for v in best[:4]),  # type: ignore[arg-type]
                             (best[4:14].reshape(5, 2) / scale).astype(np.float32), float(best[14]), len(faces))
        if scale == 1.0:
            break
    return None


def aligned112(image: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """The ArcFace-style 112x112 crop: the least-squares similarity transform of the 5 landmarks onto ArcFace's
    points (RANSAC with a threshold no point can miss, so every point is an inlier and the LM refinement fits
    all five, as insightface's norm_crop does); a large face is first scaled down with area averaging."""
    m, _ = cv2.estimateAffinePartial2D(landmarks, ARCFACE_DST, method=cv2.RANSAC, ransacReprojThreshold=1e4)
    if m is None:
        raise ValueError("no similarity transform for these landmarks")
    scale = float(np.sqrt(abs(np.linalg.det(m[:, :2]))))
    if scale < 0.5:  # shrink to twice the output size first: warpAffine alone would alias
        pre = 2 * scale
        image = cv2.resize(image, None, fx=pre, fy=pre, interpolation=cv2.INTER_AREA)
        m = np.hstack([m[:, :2] / pre, m[:, 2:]])
    return cv2.warpAffine(image, m, (112, 112), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))


def box_crop(image: np.ndarray, cx: float, cy: float, bw: float, bh: float, out_w: int, out_h: int
             ) -> tuple[np.ndarray, bool]:
    """The bw x bh box centred on (cx, cy), black where it leaves the photo, resized to out_w x out_h; and whether
    it left the photo."""
    h, w = image.shape[:2]
    x1, y1 = round(cx - bw / 2), round(cy - bh / 2)
    x2, y2 = x1 + max(1, round(bw)), y1 + max(1, round(bh))
    canvas = np.zeros((y2 - y1, x2 - x1, 3), np.uint8)
    sx1, sy1, sx2, sy2 = max(0, x1), max(0, y1), min(w, x2), min(h, y2)
    if sx2 > sx1 and sy2 > sy1:
        canvas[sy1 - y1:sy2 - y1, sx1 - x1:sx2 - x1] = image[sy1:sy2, sx1:sx2]
    padded = (sx1, sy1, sx2, sy2) != (x1, y1, x2, y2)
    interp = cv2.INTER_AREA if canvas.shape[1] > out_w else cv2.INTER_CUBIC
    return cv2.resize(canvas, (out_w, out_h), interpolation=interp), padded


def make_crops(image: np.ndarray, face: YuNetFace, chip_face_width: float = CHIP_FACE_WIDTH
               ) -> tuple[dict[str, np.ndarray], list[str]]:
    """The three crops of one photo, and the names of those whose box left the photo (padded black)."""
    x, y, fw, fh = face.box
    cx, cy = x + fw / 2, y + fh / 2
    side = CROP160_SCALE * max(fw, fh)
    c160, pad160 = box_crop(image, cx, cy, side, side, 160, 160)
    cw = fw / chip_face_width
    ch = cw * CHIP_H / CHIP_W
    eyes_y = float(face.landmarks[:2, 1].mean())
    chip, padchip = box_crop(image, cx, eyes_y - CHIP_EYES_AT * ch + ch / 2, cw, ch, CHIP_W, CHIP_H)
    crops = {"aligned112": aligned112(image, face.landmarks), "crop160": c160, "chip102x126": chip}
    return crops, [n for n, p in (("crop160", pad160), ("chip102x126", padchip)) if p]


def png(image: np.ndarray) -> bytes:
    """PNG bytes of a BGR image."""
    ok, buf = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("PNG encoding failed")
    return buf.tobytes()


def auc_by_rank(genuine: np.ndarray, impostor: np.ndarray) -> float | None:
    """ROC AUC as the Mann-Whitney U from average ranks (ties share their rank, i.e. count half)."""
    if not len(genuine) or not len(impostor):
        return None
    scores = np.concatenate([genuine, impostor])
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    avg_rank = np.cumsum(counts) - (counts - 1) / 2  # 1-based average rank of each distinct value
    rank_sum = avg_rank[inverse[: len(genuine)]].sum()
    n_g, n_i = len(genuine), len(impostor)
    return float((rank_sum - n_g * (n_g + 1) / 2) / (n_g * n_i))


def best_accuracy(genuine: np.ndarray, impostor: np.ndarray) -> tuple[float | None, float | None]:
    """The threshold t (similarity >= t is "same") with the best accuracy on these pairs, and that accuracy."""
    if not len(genuine) and not len(impostor):
        return None, None
    thresholds = np.unique(np.concatenate([genuine, impostor, [np.inf]]))
    accs = [((genuine >= t).sum() + (impostor < t).sum()) / (len(genuine) + len(impostor)) for t in thresholds]
    best = int(np.argmax(accs))
    return float(thresholds[best]), float(accs[best])


def distribution(scores: np.ndarray) -> dict | None:
    """min, p5, median, p95, max."""
    if not len(scores):
        return None
    q = np.quantile(scores, [0.0, 0.05, 0.5, 0.95, 1.0])
    return dict(zip(("min", "p5", "median", "p95", "max"), (round(float(v), 4) for v in q)))


def summarise(name: str, records: list[dict]) -> dict:
    """The figures of one condition."""
    n = len(records)
    answered = [r for r in records if r["similarity"] is not None]
    genuine = np.array([r["similarity"] for r in answered if r["same"]], float)
    impostor = np.array([r["similarity"] for r in answered if not r["same"]], float)
    said_same = [r["match"] is True for r in records]
    correct = sum(s == r["same"] for s, r in zip(said_same, records))
    correct_answered = sum(s == r["same"] for s, r in zip(said_same, records) if r["similarity"] is not None)
    n_same = sum(r["same"] for r in records)
    bands = {b: sum(r["band"] == b for r in records) for b in ("match", "review", "no_match")}
    bands["null"] = sum(r["band"] is None for r in records)
    threshold, best_acc = best_accuracy(genuine, impostor)
    return {
        "condition": name, "sent": "{} vs {}".format(*CONDITIONS[name]),
        "pairs": n, "same_pairs": n_same, "different_pairs": n - n_same,
        "http_errors": sum(r["status"] != 200 for r in records),
        "answered": len(answered), "genuine_answered": len(genuine), "impostor_answered": len(impostor),
        "answered_share": round(len(answered) / n, 4) if n else None,
        "found_a": round(sum(r["found_a"] for r in records) / n, 4) if n else None,
        "found_b": round(sum(r["found_b"] for r in records) / n, 4) if n else None,
        "tight_a": round(sum(r["tight_a"] for r in records) / n, 4) if n else None,
        "tight_b": round(sum(r["tight_b"] for r in records) / n, 4) if n else None,
        "bands": bands,
        "accuracy_default": round(correct / n, 4) if n else None,
        "accuracy_default_answered": round(correct_answered / len(answered), 4) if answered else None,
        "tar_default": round(sum(s for s, r in zip(said_same, records) if r["same"]) / n_same, 4) if n_same else None,
        "far_default": (round(sum(s for s, r in zip(said_same, records) if not r["same"]) / (n - n_same), 4)
                        if n - n_same else None),
        "roc_auc": None if (a := auc_by_rank(genuine, impostor)) is None else round(a, 4),
        "best_threshold": None if threshold is None else round(threshold, 4),
        "best_accuracy": None if best_acc is None else round(best_acc, 4),
        "genuine": distribution(genuine), "impostor": distribution(impostor),
        "ms_per_request": round(float(np.mean([r["ms"] for r in records])), 1) if n else None,
    }


def pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


def num(v: float | None, digits: int = 3) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def print_report(summaries: list[dict], images: dict, service: dict) -> None:
    """The tables."""
    print(f"\nservice: threshold {service.get('threshold')}, review band {service.get('review_band')}, "
          f"operating point {service.get('operating_point')}")
    print("\nimages: the service's `found` per image and variant (from its answers)")
    print(f"{'variant':12s} {'images':>6s} {'found':>6s} {'rate':>7s}  not found")
    for variant, found in images.items():
        missing = sorted((k for k, v in found.items() if not v), key=lambda s: (len(s), s))
        shown = ", ".join(missing[:8]) + (f", ... (+{len(missing) - 8})" if len(missing) > 8 else "")
        print(f"{variant:12s} {len(found):6d} {sum(found.values()):6d} {pct(sum(found.values()) / len(found)):>7s}"
              f"  {shown}")
    print("\nconditions (accuracy at default: match == true is `same`; null, review, no_match are `different`)")
    head = (f"{'condition':12s} {'pairs':>5s} {'answered':>14s} {'found a':>7s} {'found b':>7s} {'tight a':>7s} "
            f"{'tight b':>7s} "
            f"{'match/review/no/null':>20s} {'acc@def':>7s} {'acc|ans':>7s} {'TAR':>6s} {'FAR':>6s} "
            f"{'AUC':>6s} {'best t':>6s} {'best acc':>8s} {'ms':>5s}")
    print(head)
    print("-" * len(head))
    for s in summaries:
        b = s["bands"]
        print(f"{s['condition']:12s} {s['pairs']:5d} {s['answered']:5d} ({pct(s['answered_share']):>6s}) "
              f"{pct(s['found_a']):>7s} {pct(s['found_b']):>7s} {pct(s['tight_a']):>7s} {pct(s['tight_b']):>7s} "
              f"{'/'.join(str(b[k]) for k in ('match', 'review', 'no_match', 'null')):>20s} "
              f"{pct(s['accuracy_default']):>7s} {pct(s['accuracy_default_answered']):>7s} "
              f"{pct(s['tar_default']):>6s} {pct(s['far_default']):>6s} {num(s['roc_auc']):>6s} "
              f"{num(s['best_threshold']):>6s} {pct(s['best_accuracy']):>8s} {num(s['ms_per_request'], 0):>5s}")
    print("\nsimilarity of answered pairs: min / p5 / median / p95 / max")
    print(f"{'condition':12s} {'n':>4s} {'genuine':>34s}   {'n':>4s} {'impostor':>34s}")
    for s in summaries:
        cells = ["-" if s[k] is None else " ".join(f"{s[k][q]:6.3f}" for q in ("min", "p5", "median", "p95", "max"))
                 for k in ("genuine", "impostor")]
        print(f"{s['condition']:12s} {s['genuine_answered']:4d} {cells[0]:>34s}   {s['impostor_answered']:4d} "
              f"{cells[1]:>34s}")
    for s in summaries:
        if s["http_errors"]:
            print(f"\n{s['condition']}: {s['http_errors']} requests answered with an HTTP error (see --out)")


def main(argv: list[str] | None = None) -> int:
    """Make the crops, post every pair in every condition, print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conditions", default=",".join(CONDITIONS),
                    help=f"comma-separated, from {', '.join(CONDITIONS)} (default: all)")
    ap.add_argument("--limit", type=int, default=0,
                    help="use this many pairs, evenly spaced through pairs.csv (keeps the same/different mix)")
    ap.add_argument("--out", type=Path, help="write the summaries and every pair's answer as JSON here")
    ap.add_argument("--min-answered", type=float, default=None,
                    help="exit 1 when a crop condition answers a smaller share of pairs (0..1)")
    ap.add_argument("--save-crops", type=Path, help="also write the crops as PNG into this folder (outside the repo)")
    ap.add_argument("--chip-face-width", type=float, default=CHIP_FACE_WIDTH,
                    help=f"face box width / chip width (default {CHIP_FACE_WIDTH:.3f}, GA 461-2004; larger is tighter)")
    ap.add_argument("--shared", type=Path, default=SHARED, help=f"the shared folder (default {SHARED})")
    args = ap.parse_args(argv)
    conditions = [c.strip() for c in args.conditions.split(",") if c.strip()]
    unknown = [c for c in conditions if c not in CONDITIONS]
    if unknown or not conditions:
        ap.error(f"unknown condition(s) {', '.join(unknown) or '(none given)'}; choose from {', '.join(CONDITIONS)}")
    if not 0.2 <= args.chip_face_width <= 1.5:
        ap.error("--chip-face-width is the face box's share of the chip's width, e.g. 0.58")
    if args.min_answered is not None and not 0 <= args.min_answered <= 1:
        ap.error("--min-answered is a share between 0 and 1")
    for path in (args.out, args.save_crops):
        if path is not None and path.resolve().is_relative_to(ROOT):
            ap.error(f"{path} is inside the repo: write results elsewhere (e.g. /tmp)")
    pairs_csv, yunet = args.shared / PAIRS, args.shared / YUNET
    for what, path in (("labelled face pairs", pairs_csv), ("YuNet face detector", yunet)):
        if not path.is_file():
            print(f"eval_face_crops: no {what} at {path}; this evaluation needs the shared test data and models "
                  f"beside the repo (../shared)", file=sys.stderr)
            return 2
    data = pairs_csv.parent
    with pairs_csv.open(encoding="utf-8", newline="") as fh:
        pairs = [(r["img1"], r["img2"], r["same_person"].strip() == "1") for r in csv.DictReader(fh)]
    if args.limit and args.limit < len(pairs):
        pairs = [pairs[int(i)] for i in np.linspace(0, len(pairs) - 1, args.limit).round()]
    names = sorted({n for a, b, _ in pairs for n in (a, b)}, key=lambda s: (len(s), s))
    variants = sorted({v for c in conditions for v in CONDITIONS[c]}, key=VARIANTS.index)
    print(f"{len(pairs)} pairs ({sum(s for *_, s in pairs)} same, {sum(not s for *_, s in pairs)} different), "
          f"{len(names)} photos, conditions {', '.join(conditions)}", file=sys.stderr)

    # The crops: YuNet once per photo, every crop once per photo, kept in memory as the bytes to post.
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)  # not OpenCV DNN's warning about targets
    detector = cv2.FaceDetectorYN.create(str(yunet), "", (320, 320), DET_SCORE, 0.3, 5000)
    sent: dict[tuple[str, str], bytes] = {}
    yunet_faces: dict[str, dict] = {}
    no_yunet_face, padded = [], {"crop160": [], "chip102x126": []}
    if args.save_crops:
        args.save_crops.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    for name in names:
        raw = (data / name).read_bytes()
        sent["full", name] = raw
        if variants == ["full"] and not args.save_crops:
            continue
        image = cv2.imdecode(np.frombuffer(raw, np.uint8), cv2.IMREAD_COLOR)  # applies EXIF orientation
        face = detect_main_face(detector, image) if image is not None else None
        if face is None:
            no_yunet_face.append(name)
            continue
        yunet_faces[name] = {"box": [round(v) for v in face.box], "score": round(face.score, 3), "faces": face.faces}
        crops, left_photo = make_crops(image, face, args.chip_face_width)
        for variant in left_photo:
            padded[variant].append(name)
        for variant, crop in crops.items():
            sent[variant, name] = png(crop)
            if args.save_crops:
                (args.save_crops / f"{Path(name).stem}_{variant}.png").write_bytes(sent[variant, name])
    if yunet_faces or no_yunet_face:
        several = ", ".join(n for n, f in yunet_faces.items() if f["faces"] > 1) or "none"
        print(f"YuNet: {len(yunet_faces)} of {len(names)} photos with a face, crops in "
              f"{time.perf_counter() - t0:.1f} s; no face: {', '.join(no_yunet_face) or 'none'}; several faces "
              f"(largest area x score taken): {several}", file=sys.stderr)

    from verify_service import create_app

    # No rate limit and no API keys in-process: this is a measurement, not a client of a deployed service.
    client = create_app({"rate_limit": 0, "api_keys": "", "api_keys_file": None}).test_client()
    records: dict[str, list[dict]] = {}
    skipped: dict[str, int] = {}
    found_by_image: dict[str, dict[str, bool]] = {v: {} for v in variants}
    service: dict = {}
    for condition in conditions:
        va, vb = CONDITIONS[condition]
        records[condition], skipped[condition] = [], 0
        t0 = time.perf_counter()
        for a, b, same in pairs:
            if (va, a) not in sent or (vb, b) not in sent:
                skipped[condition] += 1  # YuNet found no face to crop
                continue
            ext_a, ext_b = ("jpg" if va == "full" else "png"), ("jpg" if vb == "full" else "png")
            t = time.perf_counter()
            resp = client.post("/v1/face/compare", content_type="multipart/form-data", data={
                "image_a": (io.BytesIO(sent[va, a]), f"{Path(a).stem}.{ext_a}"),
                "image_b": (io.BytesIO(sent[vb, b]), f"{Path(b).stem}.{ext_b}")})
            ms = (time.perf_counter() - t) * 1000
            body = resp.get_json(silent=True) or {}
            faces = body.get("faces") or [{}, {}]
            found = [bool(f.get("found")) for f in faces[:2]] + [False] * (2 - len(faces[:2]))
            tight = [bool(f.get("tight_crop")) for f in faces[:2]] + [False] * (2 - len(faces[:2]))
            if resp.status_code == 200:
                found_by_image[va].setdefault(a, found[0])
                found_by_image[vb].setdefault(b, found[1])
                if not service:
                    service = {k: body.get(k) for k in ("threshold", "review_band", "operating_point")}
            records[condition].append({
                "img1": a, "img2": b, "same": same, "status": resp.status_code,
                "similarity": body.get("similarity") if resp.status_code == 200 else None,
                "match": body.get("match") if resp.status_code == 200 else None,
                "band": body.get("band") if resp.status_code == 200 else None,
                "found_a": found[0], "found_b": found[1], "tight_a": tight[0], "tight_b": tight[1],
                "ms": round(ms, 1),
                **({"error": body.get("error", body)} if resp.status_code != 200 else {}),
            })
        print(f"{condition}: {len(records[condition])} pairs in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    summaries = []
    for condition in conditions:
        s = summarise(condition, records[condition])
        s["skipped_no_yunet_face"] = skipped[condition]
        summaries.append(s)
    print_report(summaries, {v: f for v, f in found_by_image.items() if f}, service)
    if any(skipped.values()):
        print(f"\npairs skipped because YuNet found no face to crop: {skipped}")

    if args.out:
        args.out.write_text(json.dumps({
            "data": str(pairs_csv), "pairs": len(pairs), "limit": args.limit or None, "service": service,
            "crops": {"detector": f"YuNet {YUNET.name}, score >= {DET_SCORE}, main face = largest area x score",
                      "aligned112": "ArcFace 5-point similarity alignment, 112x112",
                      "crop160": f"square {CROP160_SCALE}x the face box's longer side, 160x160",
                      "chip102x126": f"face box {args.chip_face_width:.3f} of the width, eye line at "
                                     f"{CHIP_EYES_AT:.0%} of the height (GA 461-2004 layout), 102x126",
                      "padded_black": padded, "yunet_no_face": no_yunet_face, "yunet_faces": yunet_faces},
            "found_by_image": found_by_image, "summaries": summaries, "records": records,
        }, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out}")

    if args.min_answered is not None:
        low = [s for s in summaries if s["condition"] != "full" and (s["answered_share"] or 0) < args.min_answered]
        for s in low:
            print(f"FAIL {s['condition']}: {pct(s['answered_share'])} of pairs answered, under "
                  f"{pct(args.min_answered)}", file=sys.stderr)
        if low:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
