"""Latency of /v1/id-card per stage on 1280x960 card photos, beside rapidocr used with its defaults.

    .venv/bin/python -m bench.bench_id_card [--rounds 3]

Both run in this process on the same images (the committed photographed samples), one request at a time, after
a warm-up. Reports p50/p95 per stage and end to end, and the ratio of rapidocr's default pipeline (RapidOCR() on
the same decoded image: PP-OCRv6 small det at its default size, cls, rec) to the service's whole request.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

import cv2
import numpy as np

from verify_service import create_app

ROOT = Path(__file__).resolve().parent.parent



def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100)."""
    return float(np.percentile(values, q))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    images = sorted((ROOT / "sample_docs" / "id_cards").glob("*_photo.jpg"))
    payloads = [p.read_bytes() for p in images]
    sizes = {cv2.imdecode(np.frombuffer(b, np.uint8), cv2.IMREAD_COLOR).shape[:2] for b in payloads}
    client = create_app({"reference_date": "2026-11-01"}).test_client()

    stages: dict[str, list[float]] = {}
    wall: list[float] = []
    for data in payloads[:2]:
        client.post("/v1/id-card", data={"image": (io.BytesIO(data), "w.jpg")})
    for _ in range(args.rounds):
        for data in payloads:
            t0 = time.perf_counter()
            body = client.post("/v1/id-card", data={"image": (io.BytesIO(data), "c.jpg")}).json
            wall.append((time.perf_counter() - t0) * 1000)
            for k, v in body["timings_ms"].items():
                stages.setdefault(k, []).append(v)

    from rapidocr import RapidOCR

    baseline = RapidOCR(params={"Global.log_level": "error"})
    decoded = [cv2.imdecode(np.frombuffer(b, np.uint8), cv2.IMREAD_COLOR) for b in payloads]
    baseline(decoded[0])
    base: list[float] = []
    for _ in range(args.rounds):
        for img in decoded:
            t0 = time.perf_counter()
            baseline(img)
            base.append((time.perf_counter() - t0) * 1000)

    print(f"{len(images)} photos {sorted(sizes)} x {args.rounds} rounds, one request at a time")
    print(f"{'stage':22s} {'p50 ms':>8s} {'p95 ms':>8s}")
    order = ["decode", "resize", "detection", "classification", "recognition", "reread", "parsing", "portrait", "total"]
    for k in order + sorted(set(stages) - set(order)):
        if k in stages:
            note = f"  (in {len(stages[k])} of {len(wall)} requests)" if len(stages[k]) < len(wall) else ""
            print(f"{k:22s} {pct(stages[k], 50):8.0f} {pct(stages[k], 95):8.0f}{note}")
    print(f"{'request (client wall)':22s} {pct(wall, 50):8.0f} {pct(wall, 95):8.0f}")
    print(f"{'rapidocr defaults':22s} {pct(base, 50):8.0f} {pct(base, 95):8.0f}   (OCR only, no parsing)")
    print(f"ratio rapidocr defaults / service request, p50: {statistics.median(base) / statistics.median(wall):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
