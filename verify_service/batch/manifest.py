"""Batch manifests: JSON Lines or CSV with a header; `case_id` plus file paths per part (`reference_photo`
optional, like `id_back` and `income_proof`) and an optional `application` object. Relative paths are relative
to the manifest's folder."""

from __future__ import annotations

import csv
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

PARTS = ("id_front", "id_back", "selfie", "income_proof", "reference_photo")
REQUIRED_PARTS = ("id_front", "selfie")
# A record is flat and `application` is an object of scalars; anything nested deeper is not a case, and refusing
# it here keeps json, pickle and Ray's serialiser from ever recursing on it.
MAX_DEPTH = 8


class ManifestError(ValueError):
    """A manifest that cannot be run; the message names the line and what is wrong."""


class NotRegularFile(OSError):
    """A path naming a FIFO, a device, a socket or a directory: reading it may block forever or never end."""


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file, or NotRegularFile; never blocks on a FIFO."""
    # O_NONBLOCK because open() of a FIFO without a writer blocks before any stat could be made; the check is
    # fstat on the opened descriptor, so the file cannot be swapped between the check and the read.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile(f"not a regular file: {path}")
    with open(fd, "rb") as fh:
        return fh.read()


def _loads(text: str, where: str) -> object:
    """json.loads, with every way JSON text can fail (bad syntax, huge integers, deep nesting) as ManifestError."""
    try:
        value = json.loads(text)
    except RecursionError:  # not a ValueError: it would escape as a traceback with exit 1
        raise ManifestError(f"{where} nested too deep") from None
    except ValueError as exc:
        raise ManifestError(f"{where} not valid JSON ({exc.args[0]})") from None
    if _depth(value) > MAX_DEPTH:
        raise ManifestError(f"{where} nested deeper than {MAX_DEPTH} levels")
    return value


def _depth(value: object) -> int:
    """How deeply lists and objects nest in a decoded JSON value (iterative: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


@dataclass(frozen=True)
class Case:
    """One stored application to re-verify."""

    case_id: str
    files: dict[str, Path]
    application: dict | None = field(default=None)


def _case(record: dict, where: str, base: Path) -> Case:
    """A Case from one manifest record, or ManifestError naming `where`."""
    case_id = record.get("case_id")
    if not isinstance(case_id, str | int) or str(case_id).strip() == "":
        raise ManifestError(f"{where}: case_id is missing or empty")
    unknown = set(record) - {"case_id", "application", *PARTS}
    if unknown:
        raise ManifestError(f"{where}: unknown columns {', '.join(sorted(unknown))}")
    files = {}
    for part in PARTS:
        value = record.get(part)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            raise ManifestError(f"{where}: {part} must be a file path")
        path = Path(value)
        files[part] = path if path.is_absolute() else base / path
    application = record.get("application")
    if isinstance(application, str):
        if application.strip():
            application = _loads(application, f"{where}: application is")
        else:
            application = None
    if application is not None and not isinstance(application, dict):
        raise ManifestError(f"{where}: application must be a JSON object")
    return Case(str(case_id).strip(), files, application)


def read_manifest(path: Path) -> list[Case]:
    """Every case of a manifest, checked whole before anything runs (missing columns, bad lines, duplicates)."""
    path = Path(path)
    try:
        text = read_regular_file(path).decode("utf-8-sig")
    except NotRegularFile:
        raise ManifestError(f"cannot read manifest {path}: not a regular file (a FIFO, device or directory)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc}") from None
    base = path.resolve().parent
    cases: list[Case] = []
    suffix = path.suffix.lower()
    is_csv = suffix == ".csv" or (suffix not in (".jsonl", ".ndjson", ".json") and text.lstrip()[:1] not in "{[")
    if is_csv:
        reader = csv.DictReader(text.splitlines())
        header = reader.fieldnames or []
        missing = [c for c in ("case_id", *REQUIRED_PARTS) if c not in header]
        if missing:
            raise ManifestError(f"{path}: the CSV header lacks {', '.join(missing)} (has {', '.join(header)})")
        for number, row in enumerate(reader, start=2):
            if None in row:
                raise ManifestError(f"{path}:{number}: more values than header columns")
            cases.append(_case(dict(row), f"{path}:{number}", base))
    else:
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            record = _loads(raw, f"{path}:{number}:")
            if not isinstance(record, dict):
                raise ManifestError(f"{path}:{number}: each line must be a JSON object")
            cases.append(_case(record, f"{path}:{number}", base))
    seen: set[str] = set()
    for case in cases:
        if case.case_id in seen:
            raise ManifestError(f"{path}: case_id {case.case_id!r} appears more than once")
        seen.add(case.case_id)
    if not cases:
        raise ManifestError(f"{path}: no cases")
    return cases
