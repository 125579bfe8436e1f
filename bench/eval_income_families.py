"""Field accuracy of /v1/income-proof over many layout families of income proofs, with whole families held out.

    .venv/bin/python -m bench.eval_income_families [--per-kind 60] [--seed 20261101]
        [--split dev|held_out|unseen|unseen2|unseen3|unseen4|unseen5|unseen6|unseen7|both|all]
        [--quick] [--kind payslip] [--out summary.json] [--misses misses.log] [--min 0.8] [--save DIR]

For each split (dev = the families development may look at; held_out = families kept for the final figure only;
unseen, unseen2 … unseen7 = rounds of families from sample_docs/income_families_unseen*.py, each written by another
author who never read the parsers, committed before the parsers changed again; a round whose figure was taken and
whose misses were then looked at is development material from then on: unseen … unseen6 are, unseen7 is not),
generates `per-kind` documents of each kind (income_certificate, payslip, bank_statement) with
sample_docs/income_families.py, cycling through the split's families, a third each as a clean scan (PNG), a phone
photo (JPEG) and a PDF, about one in five tampered (certificates: 大写 disagreeing with the digits or no seal;
payslips and statements: no seal). Each is posted through the real app and compared field by field.

Scored: document_kind, plus each of name, id_number, employer, monthly_income (equal within 0.01), issue_date that
the document states (a field the document does not state is not scored; a value read for it anyway is counted as
"spurious" and logged). Names and employers are compared after removing whitespace and unifying （）/().
Misses go to the --misses log, never to stdout. Exit status 0, unless --min is given and the held-out figure is
below it (1).
"""

from __future__ import annotations

import argparse
import collections
import importlib
import importlib.util
import io
import json
import random
import sys
import time
from pathlib import Path

from sample_docs import generate
from sample_docs import income_families as fam
from verify_service import create_app

FIELDS = ("name", "id_number", "employer", "monthly_income", "issue_date")
SCORED = ("document_kind", *FIELDS)
# Rounds of unseen families, each a module written by an author who never read the parsers, committed before the
# parsers changed again; a round whose misses were looked at becomes development material for the next round.
UNSEEN = {split: importlib.import_module(f"sample_docs.income_families_{split}")
          for split in ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7")
          if importlib.util.find_spec(f"sample_docs.income_families_{split}")}
SPLITS = ("dev", "held_out", *UNSEEN)
ALL_FAMILIES = [*fam.FAMILIES, *(f for module in UNSEEN.values() for f in module.FAMILIES)]
BY_NAME = {f.name: f for f in ALL_FAMILIES}


def split_families(split: str, kind: str) -> list[fam.Family]:
    """The families of one split and kind."""
    if split in UNSEEN:
        return UNSEEN[split].families(kind)
    return fam.families(kind, held_out=(split == "held_out"))
TAMPER_RATE = 0.2


def plan(split: str, per_kind: int, seed: int, kinds: list[str]) -> list[dict]:
    """The documents of one split: per kind, `per_kind` documents cycling through the split's families; the variant
    turns with the round and the family so that each family gets scan, photo and PDF in turn."""
    jobs = []
    for kind in kinds:
        families = split_families(split, kind)
        nf = len(families)
        for i in range(per_kind):
            family = families[i % nf]
            variant = fam.VARIANTS[(i // nf + i % nf) % 3]
            pick = random.Random(f"{seed}:{split}:{kind}:{i}:tamper")
            tamper = None
            if family.tampers and pick.random() < TAMPER_RATE:
                tamper = pick.choice(family.tampers)
            jobs.append({"split": split, "kind": kind, "family": family.name, "variant": variant,
                         "seed": f"{seed}-{split}-{i}", "tamper": tamper})
    return jobs


def _norm(value: object) -> object:
    if isinstance(value, str):
        return "".join(value.split()).replace("（", "(").replace("）", ")")
    return value


def same(field: str, want: object, got: object) -> bool:
    """Whether the value read equals the expected one."""
    if got is None:
        return False
    if field == "monthly_income":
        try:
            return abs(float(got) - float(want)) <= 0.01  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
    if field == "id_number":
        return str(got).strip().upper() == str(want).upper()
    return _norm(got) == _norm(want)


class Tally:
    """correct / total counters keyed by (dimension, key, field)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, str], list[int]] = collections.defaultdict(lambda: [0, 0])

    def add(self, dims: dict[str, str], field: str, hit: bool) -> None:
        for dim, key in dims.items():
            cell = self.counts[(dim, key, field)]
            cell[0] += hit
            cell[1] += 1
            cell = self.counts[(dim, key, "all")]
            cell[0] += hit
            cell[1] += 1

    def get(self, dim: str, key: str, field: str) -> tuple[int, int]:
        hit, total = self.counts.get((dim, key, field), (0, 0))
        return hit, total

    def keys(self, dim: str) -> list[str]:
        return sorted({k for d, k, _ in self.counts if d == dim})


def _cell(hit: int, total: int) -> str:
    return f"{hit:>4d}/{total:<4d}{hit / total:>5.0%}" if total else f"{'-':>14s}"


def print_split(split: str, tally: Tally, checks: Tally, spurious: collections.Counter[str], n_docs: int,
                seconds: float) -> tuple[int, int]:
    """The tables of one split; returns (correct, total) over all scored fields."""
    hit, total = tally.get("split", split, "all")
    print(f"\n=== split {split}: {n_docs} documents, {seconds:.0f} s ===")
    short = {"document_kind": "kind", "monthly_income": "monthly"}
    header = f"{'':30s}" + "".join(f" {short.get(f, f):>14s}" for f in (*SCORED, "all"))
    order = {f.name: i for i, f in enumerate(ALL_FAMILIES)}
    for dim, title, keys in (
        ("kind", "per kind", [k for k in fam.KINDS if k in tally.keys("kind")]),
        ("family", "per family", sorted(tally.keys("family"), key=lambda name: order[name])),
        ("variant", "per variant", [v for v in fam.VARIANTS if v in tally.keys("variant")]),
        ("kind_variant", "per kind x variant", sorted(tally.keys("kind_variant"))),
    ):
        print(f"\n{title}")
        print(header)
        for key in keys:
            label = key
            if dim == "family":
                label = f"{key} [{BY_NAME[key].kind[:4]}]"
            print(f"{label[:30]:30s}" + "".join(f" {_cell(*tally.get(dim, key, f))}" for f in (*SCORED, "all")))
    print(f"{'per field (split)':30s}" + "".join(f" {_cell(*tally.get('split', split, f))}" for f in (*SCORED, "all")))
    print("\nchecks (expected pass/fail only)")
    for kind in fam.KINDS:
        cells = [f"{code} {_cell(*checks.get('kind', kind, code))}" for code in ("SEAL_PRESENT", "AMOUNT_WORDS_MATCH")]
        print(f"  {kind:22s} " + "   ".join(cells))
    print("spurious values (document states none, service returned one): "
          + (", ".join(f"{f} {spurious[f]}" for f in FIELDS if spurious[f]) or "none"))
    rate = hit / total if total else 0.0
    print(f"HEADLINE {split}: {rate:.1%} ({hit}/{total}) of document_kind + stated fields over {n_docs} documents;"
          f" document_kind {_cell(*tally.get('split', split, 'document_kind')).strip()}")
    return hit, total


def run(args: argparse.Namespace) -> int:
    splits = list(SPLITS) if args.split == "all" else ["dev", "held_out"] if args.split == "both" else [args.split]
    kinds = args.kind or list(fam.KINDS)
    client = create_app({"reference_date": generate.TODAY.isoformat()}).test_client()
    misses = open(args.misses, "w", encoding="utf-8")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    records, headlines = [], {}
    print(f"income-proof families: per kind {args.per_kind}, seed {args.seed}, reference date {generate.TODAY}")
    print("families: " + ", ".join(f"{f.name}{'*' if f.held_out else ''}" for f in ALL_FAMILIES) + "   (* held out)")
    for split in splits:
        jobs = plan(split, args.per_kind, args.seed, kinds)
        tally, checks = Tally(), Tally()
        spurious: collections.Counter[str] = collections.Counter()
        t0 = time.perf_counter()
        for n, job in enumerate(jobs, start=1):
            doc = fam.make(BY_NAME[job["family"]], job["seed"], job["tamper"])
            data, suffix = fam.render(doc, job["variant"])
            want = fam.expected_for(doc, job["variant"])
            if args.save:
                stem = f"{split}_{job['family']}_{job['seed']}_{job['variant']}"
                (args.save / (stem + suffix)).write_bytes(data)
                (args.save / (stem + suffix + ".json")).write_text(json.dumps(want, ensure_ascii=False, indent=1),
                                                                   encoding="utf-8")
            t1 = time.perf_counter()
            response = client.post("/v1/income-proof", data={"document": (io.BytesIO(data), "doc" + suffix)},
                                   content_type="multipart/form-data")
            ms = (time.perf_counter() - t1) * 1000
            body = response.get_json(silent=True) or {}
            if response.status_code != 200:
                misses.write(f"{split}\t{job['family']}\t{job['variant']}\t{job['seed']}\tHTTP {response.status_code}"
                             f"\t{json.dumps(body, ensure_ascii=False)[:300]}\n")
            got = {k: (v.get("value") if isinstance(v, dict) else None) for k, v in body.get("fields", {}).items()}
            got["document_kind"] = body.get("document_kind")
            dims = {"split": split, "kind": job["kind"], "family": job["family"], "variant": job["variant"],
                    "kind_variant": f"{job['kind']} {job['variant']}"}
            wanted = {"document_kind": want["document_kind"], **want["fields"]}
            result: dict[str, bool] = {}
            for field in SCORED:
                expected = wanted.get(field)
                if expected is None:
                    if got.get(field) is not None:
                        spurious[field] += 1
                        misses.write(f"{split}\t{job['family']}\t{job['variant']}\t{job['seed']}\t{field}\tspurious"
                                     f"\texpected None\tgot {got.get(field)!r}\n")
                    continue
                ok_field = same(field, expected, got.get(field))
                tally.add(dims, field, ok_field)
                result[field] = ok_field
                if not ok_field:
                    misses.write(f"{split}\t{job['family']}\t{job['variant']}\t{job['seed']}\t{field}\tmiss"
                                 f"\texpected {expected!r}\tgot {got.get(field)!r}\n")
            statuses = {c.get("code"): c.get("status") for c in body.get("checks", [])}
            for code, expected in want["checks"].items():
                if expected in ("pass", "fail"):
                    ok = statuses.get(code) == expected
                    checks.add({"kind": job["kind"]}, code, ok)
                    if not ok:
                        misses.write(f"{split}\t{job['family']}\t{job['variant']}\t{job['seed']}\tcheck {code}\tmiss"
                                     f"\texpected {expected}\tgot {statuses.get(code)}\n")
            records.append({**job, "status": response.status_code, "ms": round(ms), "expected": wanted,
                            "got": {k: got.get(k) for k in SCORED}, "hits": result, "checks": want["checks"],
                            "checks_got": {k: statuses.get(k) for k in want["checks"]}})
            if n % 10 == 0 or n == len(jobs):
                print(f"  {split}: {n}/{len(jobs)} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        hit, total = print_split(split, tally, checks, spurious, len(jobs), time.perf_counter() - t0)
        headlines[split] = {"correct": hit, "total": total, "rate": hit / total if total else 0.0,
                            "documents": len(jobs),
                            "table": {"|".join(k): v for k, v in tally.counts.items()},
                            "checks": {"|".join(k): v for k, v in checks.counts.items()},
                            "spurious": dict(spurious)}
    misses.close()
    print(f"\nmisses written to {args.misses}")
    if args.out:
        summary = {"per_kind": args.per_kind, "seed": args.seed, "reference_date": generate.TODAY.isoformat(),
                   "families": [{"name": f.name, "kind": f.kind, "held_out": f.held_out} for f in ALL_FAMILIES],
                   "splits": headlines, "documents": records}
        args.out.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"summary written to {args.out}")
    for split in SPLITS[1:]:
        if args.min is not None and split in headlines and headlines[split]["rate"] < args.min:
            print(f"{split} figure {headlines[split]['rate']:.1%} is below --min {args.min:.1%}")
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=60, help="documents per kind and split (default 60)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 6 documents per kind and split")
    ap.add_argument("--seed", type=int, default=20261101)
    ap.add_argument("--split", choices=[*SPLITS, "both", "all"], default="both",
                    help="both = dev and held_out; all = every split")
    ap.add_argument("--kind", action="append", choices=list(fam.KINDS), help="only these kinds (repeatable)")
    ap.add_argument("--out", type=Path, help="write a JSON summary (tables and every document's result) here")
    ap.add_argument("--misses", type=Path, default=Path("/tmp/eval_income_families_misses.log"),
                    help="log of every miss (default /tmp/eval_income_families_misses.log)")
    ap.add_argument("--save", type=Path, help="also write every upload and its expected JSON to this directory")
    ap.add_argument("--min", type=float, help="exit 1 when the held-out figure (0..1) is below this")
    args = ap.parse_args(argv)
    if args.quick:
        args.per_kind = 6
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
