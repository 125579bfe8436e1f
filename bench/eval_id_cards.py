"""Field-level exact-match accuracy of /v1/id-card on a freshly generated sample set.

    .venv/bin/python -m bench.eval_id_cards [--count 30] [--photos 2] [--seed 101]

Generates `count` invented people (front and back, one clean scan and `photos` phone photos per side) with
sample_docs/generate.py into a temporary folder, posts every image through the real app, and compares each field
with the expected JSON. Prints accuracy per field and per variant, and every miss.
"""

from __future__ import annotations

import argparse
import collections
import io
import tempfile
from pathlib import Path

from PIL import Image

from sample_docs import generate
from verify_service import create_app

ROOT = Path(__file__).resolve().parent.parent



def turned(path: Path, rotation: int) -> bytes:
    """The image's bytes with the picture turned `rotation` degrees clockwise (as a phone held upright stores a
    landscape card when it strips the EXIF orientation); the file as it is for 0."""
    if rotation == 0:
        return path.read_bytes()
    ops = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    buf = io.BytesIO()
    with Image.open(path) as image:
        image.transpose(ops[rotation]).save(buf, "JPEG", quality=92)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; exit 1 when accuracy on photos is under --min."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--photos", type=int, default=2)
    ap.add_argument("--seed", type=int, default=101)
    ap.add_argument("--min", type=float, default=0.97)
    ap.add_argument("--rotations", default="0", help="comma-separated clockwise quarter-turns applied to every "
                                                     "image (e.g. 0,90,180,270): a card shot with the phone upright")
    args = ap.parse_args(argv)
    rotations = [int(r) for r in args.rotations.split(",")]
    client = create_app({"reference_date": generate.TODAY.isoformat()}).test_client()
    per_field: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    per_variant: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    per_rotation: dict[int, list[int]] = collections.defaultdict(lambda: [0, 0])
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        images = generate.generate(Path(tmp), args.count, args.seed, args.photos)
        for image, rotation in ((i, r) for i in images for r in rotations):
            expected = generate.json.loads(image.with_suffix(".json").read_text(encoding="utf-8"))
            body = client.post("/v1/id-card", data={"image": (io.BytesIO(turned(image, rotation)), image.name)}).json
            got = {k: v["value"] for k, v in body.get("fields", {}).items()}
            variant = "scan" if expected["variant"] == "scan" else "photo"
            per_rotation[rotation][1] += 1
            turn = (rotation + expected.get("rotation", 0)) % 360  # some photos lie upside down already
            per_rotation[rotation][0] += body.get("orientation", {}).get("rotation") == turn
            for name, want in expected["fields"].items():
                hit = got.get(name) == want
                per_field[name][0] += hit
                per_field[name][1] += 1
                per_variant[variant][0] += hit
                per_variant[variant][1] += 1
                per_variant[f"turned {rotation}"][0] += hit
                per_variant[f"turned {rotation}"][1] += 1
                if not hit:
                    misses.append(f"{image.name} turned {rotation}: {name} expected {want!r} got {got.get(name)!r}")
    print(f"{len(images)} images, {args.count} people, seed {args.seed}")
    print(f"{'field':20s} {'exact':>7s} {'of':>5s} {'rate':>7s}")
    for name, (hit, total) in per_field.items():
        print(f"{name:20s} {hit:7d} {total:5d} {hit / total:7.2%}")
    for variant, (hit, total) in per_variant.items():
        print(f"{'all fields, ' + variant:20s} {hit:7d} {total:5d} {hit / total:7.2%}")
    for rotation, (hit, total) in sorted(per_rotation.items()):
        print(f"{'rotation reported ' + str(rotation):20s} {hit:7d} {total:5d} {hit / total:7.2%}")
    hit = per_variant["scan"][0] + per_variant["photo"][0]
    total = per_variant["scan"][1] + per_variant["photo"][1]
    print(f"{'all fields':20s} {hit:7d} {total:5d} {hit / total:7.2%}")
    for miss in misses:
        print("  miss:", miss)
    photo_hit, photo_total = per_variant["photo"]
    return 0 if photo_hit / photo_total >= args.min else 1


if __name__ == "__main__":
    raise SystemExit(main())
