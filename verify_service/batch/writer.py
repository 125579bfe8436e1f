"""The results file: one JSON object per line, each written whole, flushed and fsync'd, so that a kill at any
moment leaves at most one torn last line, which the next run cuts off before it resumes."""

from __future__ import annotations

import json
import os
from pathlib import Path


class ResultWriter:
    """Appends result lines; knows which case_ids are already done."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.done: set[str] = set()
        self._recover()
        self._fh = open(self.path, "ab")  # noqa: SIM115 (kept open for the run; closed in close())

    def _recover(self) -> None:
        """Read the finished lines and cut a torn last line (no newline, or not JSON) off the file."""
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return
        data = self.path.read_bytes()
        good = 0
        for raw in data.splitlines(keepends=True):
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                break
            if isinstance(record, dict) and "case_id" in record:
                self.done.add(str(record["case_id"]))
            good += len(raw)
        if good < len(data):
            with open(self.path, "r+b") as fh:
                fh.truncate(good)
                fh.flush()
                os.fsync(fh.fileno())

    def write(self, record: dict) -> None:
        """Append one result as a whole line, durably."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        self._fh.write(line)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.done.add(str(record["case_id"]))

    def close(self) -> None:
        """Close the file."""
        self._fh.close()

    def __enter__(self) -> ResultWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
