"""Latency of /v1/verify (front + back + selfie) per stage on CPU, stages concurrent vs one after another.

    .venv/bin/python -m bench.bench_verify [--rounds 3]

Cases are built in memory: ID cards (phone photos, 1280x960) whose portrait is cut from the selfies in
../shared/testdata/liveness (live camera selfies, 480x640 and 1617x2160), verified against those selfies.
Both modes run in this process, alternating case by case so that machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from sample_docs import generate
from verify_service import create_app

ROOT = Path(__file__).resolve().parent.parent


LIVENESS = ROOT.parent / "shared" / "testdata" / "liveness"


def jpeg(img: Image.Image) -> bytes:
    """JPEG bytes of an image."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def build_cases(app, count: int) -> list[dict[str, bytes]]:
    """Front, back and selfie bytes for `count` cases."""
    import cv2

    faces = app.extensions["verify"].registry.faces
    selfies = [LIVENESS / "image_T1.jpg", LIVENESS / "image_T2.jpg"]
    cases = []
    rng = random.Random(5)
    for i in range(count):
        path = selfies[i % len(selfies)]
        with Image.open(path) as img:
            photo = ImageOps.exif_transpose(img).convert("RGB")
        bgr = cv2.cvtColor(np.asarray(photo), cv2.COLOR_RGB2BGR)
        face = max(faces.detect(bgr), key=lambda f: f.width * f.height)
        person = generate.make_person(rng)
        front, back = generate.card_photos(person, generate.portrait_crop(photo, face.bbox), rng)
        cases.append({"id_front": jpeg(front), "id_back": jpeg(back), "selfie": path.read_bytes()})
    return cases


def main(argv: list[str] | None = None) -> int:
    """Run both modes and print p50/p95 per stage."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cases", type=int, default=8)
    args = ap.parse_args(argv)
    settings = {"reference_date": generate.TODAY.isoformat()}
    apps = {"concurrent": create_app(dict(settings, stage_workers=2)),
            "sequential": create_app(dict(settings, stage_workers=0))}
    cases = build_cases(apps["concurrent"], args.cases)
    stats: dict[str, dict[str, list[float]]] = {mode: {} for mode in apps}
    decisions: dict[str, list[str]] = {mode: [] for mode in apps}
    for app in apps.values():  # warm-up
        app.test_client().post("/v1/verify", data={k: (io.BytesIO(v), k) for k, v in cases[0].items()})
    for _ in range(args.rounds):
        for case in cases:
            for mode, app in apps.items():
                data = {k: (io.BytesIO(v), k) for k, v in case.items()}
                body = app.test_client().post("/v1/verify", data=data).json
                decisions[mode].append(body["decision"])
                for k, v in body["timings_ms"].items():
                    stats[mode].setdefault(k, []).append(v)
    print(f"{len(cases)} cases x {args.rounds} rounds; front + back photos 1280x960, selfies 480x640 / 1617x2160")
    print(f"{'stage':16s}" + "".join(f"{mode + ' p50':>16s}{'p95':>8s}" for mode in apps))
    for stage in ["decode", "id_front", "portrait_face", "id_back", "selfie_face", "liveness", "total"]:
        row = f"{stage:16s}"
        for mode in apps:
            values = stats[mode].get(stage, [0.0])
            row += f"{np.percentile(values, 50):16.0f}{np.percentile(values, 95):8.0f}"
        print(row)
    for mode in apps:
        counts = ", ".join(f"{d} {decisions[mode].count(d)}" for d in sorted(set(decisions[mode])))
        print(f"decisions {mode}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
