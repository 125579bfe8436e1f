"""Golden /v1/verify results on the committed sample cases, to show that a change leaves the contract's JSON
byte-identical (request ids and timings aside).

    .venv/bin/python -m bench.golden_verify --write   # record tests/golden/verify_cases.json
    .venv/bin/python -m bench.golden_verify           # compare with it; exit 1 on any difference

tests/integration/test_golden.py runs the comparison in `make test`.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CARDS = ROOT / "sample_docs" / "id_cards"
INCOME = ROOT / "sample_docs" / "income"
FACES = ROOT.parent / "shared" / "testdata" / "faces" / "deepface"
GOLDEN = ROOT / "tests" / "golden" / "verify_cases.json"
VOLATILE = {"request_id", "timings_ms"}

# (case name, front, back or None, selfie, income proof or None, application JSON or None)
CASES = [
    ("card000_photo", "card000_front_photo.jpg", "card000_back_photo.jpg", "img1.jpg", None, None),
    ("card001_scan", "card001_front_scan.jpg", "card001_back_scan.jpg", "img5.jpg", None,
     '{"name": "张三", "monthly_income": 12000}'),
    ("card002_front_only", "card002_front_photo.jpg", None, "img8.jpg", None, None),
    ("card003_with_letter", "card003_front_scan.jpg", "card003_back_scan.jpg", "img2.jpg",
     "certificate00_scan.png", '{"monthly_income": 9000}'),
    ("card004_with_statement_pdf", "card004_front_photo.jpg", "card004_back_photo.jpg", "img6.jpg",
     "statement01_pdf.pdf", None),
    ("card005_swapped_sides", "card005_back_scan.jpg", "card005_front_scan.jpg", "img9.jpg", None, None),
]


def strip(value):
    """The JSON without the fields that differ from run to run."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def run_cases(client) -> dict[str, dict]:
    """Every case's /v1/verify JSON, stripped."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    out = {}
    for name, front, back, selfie, income, application in CASES:
        parts: dict = {"id_front": CARDS / front, "selfie": FACES / selfie}
        if back:
            parts["id_back"] = CARDS / back
        if income:
            parts["income_proof"] = INCOME / income
        values: dict = {k: FileStorage(io.BytesIO(p.read_bytes()), filename=p.name, name=k) for k, p in parts.items()}
        if application:
            values["application"] = application
        boundary, body = encode_multipart(values)
        response = client.post("/v1/verify", data=body, content_type=f'multipart/form-data; boundary="{boundary}"')
        out[name] = {"status": response.status_code, "body": strip(response.get_json())}
    return out


def canonical(results: dict) -> str:
    """The byte form compared: sorted keys, Chinese kept as is."""
    return json.dumps(results, ensure_ascii=False, sort_keys=True, indent=1)


def main(argv: list[str] | None = None) -> int:
    """Record or compare the golden results."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="record the golden file instead of comparing")
    args = ap.parse_args(argv)
    from verify_service import create_app

    client = create_app({"reference_date": "2026-11-01"}).test_client()
    got = canonical(run_cases(client))
    if args.write:
        GOLDEN.write_text(got + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)} ({len(CASES)} cases)")
        return 0
    want = GOLDEN.read_text(encoding="utf-8").rstrip("\n")
    if got == want:
        print(f"{len(CASES)} cases byte-identical to {GOLDEN.relative_to(ROOT)}")
        return 0
    import difflib

    sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "now", n=2))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
