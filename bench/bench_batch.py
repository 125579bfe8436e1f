"""Batch throughput: cases per minute with the local engine (1 and 2 workers) and the Ray engine (2 actors).

    .venv/bin/python -m bench.bench_batch [--cases 24]

Each configuration runs `python -m verify_service batch` in a fresh process on the same manifest (the sample ID
card photos, front and back, with a live selfie from ../shared/testdata/liveness), so the figures include
start-up and model loading, as an operator would see them. The command's own summary line is quoted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SELFIE = ROOT.parent / "shared" / "testdata" / "liveness" / "image_T1.jpg"


def main(argv: list[str] | None = None) -> int:
    """Run the three configurations and print their throughput."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=24)
    args = ap.parse_args(argv)
    cards = ROOT / "sample_docs" / "id_cards"
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "manifest.jsonl"
        with manifest.open("w") as fh:
            for i in range(args.cases):
                fh.write(json.dumps({"case_id": f"c{i}", "id_front": str(cards / f"card{i % 12:03d}_front_photo.jpg"),
                                     "id_back": str(cards / f"card{i % 12:03d}_back_photo.jpg"),
                                     "selfie": str(SELFIE)}) + "\n")
        env = dict(os.environ, VERIFY_REFERENCE_DATE="2026-11-01")
        print(f"{args.cases} cases (front + back photo 1280x960, selfie 480x640), {os.cpu_count()} cores")
        for engine, workers in (("local", 1), ("local", 2), ("ray", 2)):
            out = Path(tmp) / f"{engine}{workers}.jsonl"
            t0 = time.perf_counter()
            run = subprocess.run([sys.executable, "-m", "verify_service", "batch", str(manifest), "--out", str(out),
                                  "--workers", str(workers), "--engine", engine],
                                 cwd=ROOT, env=env, capture_output=True, text=True)
            wall = time.perf_counter() - t0
            summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-300:]
            print(f"{engine:5s} {workers} worker(s): {args.cases / wall * 60:6.1f} cases/min over {wall:5.1f} s wall "
                  f"(exit {run.returncode}); the command said: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
