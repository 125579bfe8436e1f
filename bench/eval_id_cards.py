"""Field-level exact-match accuracy of /v1/id-card on a freshly generated sample set.

    .venv/bin/python -m bench.eval_id_cards [--count 30] [--photos 2] [--seed 101]

Generates `count` invented people (front and back, one clean scan and `photos` phone photos per side) with
sample_docs/generate.py into a temporary folder, posts every image through the real app, and compares each field
with the expected JSON. Prints accuracy per field and per variant, and every miss.
"""

from __future__ import annotations

import argparse
import collections
import tempfile
from pathlib import Path

from sample_docs import generate
from verify_service import create_app

ROOT = Path(__file__).resolve().parent.parent



def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; exit 1 when accuracy on photos is under --min."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--photos", type=int, default=2)
    ap.add_argument("--seed", type=int, default=101)
    ap.add_argument("--min", type=float, default=0.97)
    args = ap.parse_args(argv)
    client = create_app({"reference_date": generate.TODAY.isoformat()}).test_client()
    per_field: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    per_variant: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        images = generate.generate(Path(tmp), args.count, args.seed, args.photos)
        for image in images:
            expected = generate.json.loads(image.with_suffix(".json").read_text(encoding="utf-8"))
            body = client.post("/v1/id-card", data={"image": (image.open("rb"), image.name)}).json
            got = {k: v["value"] for k, v in body.get("fields", {}).items()}
            variant = "scan" if expected["variant"] == "scan" else "photo"
            for name, want in expected["fields"].items():
                hit = got.get(name) == want
                per_field[name][0] += hit
                per_field[name][1] += 1
                per_variant[variant][0] += hit
                per_variant[variant][1] += 1
                if not hit:
                    misses.append(f"{image.name}: {name} expected {want!r} got {got.get(name)!r}")
    print(f"{len(images)} images, {args.count} people, seed {args.seed}")
    print(f"{'field':20s} {'exact':>7s} {'of':>5s} {'rate':>7s}")
    for name, (hit, total) in per_field.items():
        print(f"{name:20s} {hit:7d} {total:5d} {hit / total:7.2%}")
    for variant, (hit, total) in per_variant.items():
        print(f"{'all fields, ' + variant:20s} {hit:7d} {total:5d} {hit / total:7.2%}")
    hit = sum(h for h, _ in per_variant.values())
    total = sum(t for _, t in per_variant.values())
    print(f"{'all fields':20s} {hit:7d} {total:5d} {hit / total:7.2%}")
    for miss in misses:
        print("  miss:", miss)
    photo_hit, photo_total = per_variant["photo"]
    return 0 if photo_hit / photo_total >= args.min else 1


if __name__ == "__main__":
    raise SystemExit(main())
