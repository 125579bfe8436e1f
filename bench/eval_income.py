"""Field-level exact-match accuracy of /v1/income-proof on a freshly generated set.

    .venv/bin/python -m bench.eval_income [--count 6] [--seed 23]

Generates `count` rounds of documents with sample_docs/generate_income.py (per round a 收入证明 letter, a payslip
and a bank statement, plus two tampered letters every other round), each as a clean PNG, a phone photo and a
PDF (statements over two pages), posts them through the real app and compares every expected field and check.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import tempfile
from pathlib import Path

from sample_docs import generate, generate_income
from verify_service import create_app

ROOT = Path(__file__).resolve().parent.parent



def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; exit 1 when field accuracy is under --min."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=6)
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--min", type=float, default=0.95)
    args = ap.parse_args(argv)
    client = create_app({"reference_date": generate.TODAY.isoformat()}).test_client()
    by_kind: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    by_variant: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    by_field: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    checks = [0, 0]
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        docs = generate_income.generate_all(Path(tmp), args.count, args.seed)
        for doc in docs:
            expected = json.loads(doc.with_suffix(doc.suffix + ".json").read_text(encoding="utf-8"))
            body = client.post("/v1/income-proof", data={"document": (io.BytesIO(doc.read_bytes()), doc.name)}).json
            got = {k: v["value"] for k, v in body.get("fields", {}).items()}
            kind = expected["fields"]["document_kind"]
            for name, want in expected["fields"].items():
                hit = got.get(name) == want
                for table, key in ((by_kind, kind), (by_variant, expected["variant"]), (by_field, name)):
                    table[key][0] += hit
                    table[key][1] += 1
                if not hit:
                    misses.append(f"{doc.name}: {name} expected {want!r} got {got.get(name)!r}")
            statuses = {c["code"]: c["status"] for c in body.get("checks", [])}
            for code, want in expected["checks"].items():
                checks[0] += statuses.get(code) == want
                checks[1] += 1
                if statuses.get(code) != want:
                    misses.append(f"{doc.name}: check {code} expected {want} got {statuses.get(code)}")
    print(f"{len(docs)} documents, {args.count} rounds, seed {args.seed}")
    for title, table in (("kind", by_kind), ("variant", by_variant), ("field", by_field)):
        for key, (hit, total) in table.items():
            print(f"{title + ' ' + key:32s} {hit:5d} / {total:5d}  {hit / total:7.2%}")
    hit = sum(h for h, _ in by_kind.values())
    total = sum(t for _, t in by_kind.values())
    print(f"{'all fields':32s} {hit:5d} / {total:5d}  {hit / total:7.2%}")
    print(f"{'checks (words, seal)':32s} {checks[0]:5d} / {checks[1]:5d}  {checks[0] / checks[1]:7.2%}")
    for miss in misses:
        print("  miss:", miss)
    return 0 if hit / total >= args.min else 1


if __name__ == "__main__":
    raise SystemExit(main())
