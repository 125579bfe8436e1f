"""Load test: a real gunicorn on loopback, N concurrent clients for a fixed time on /v1/id-card and /v1/verify.

    .venv/bin/python -m bench.load_test [--clients 8] [--seconds 60] [--workers 2] [--threads 4] [--slow 16]

Every answer is compared with the answer the same request got alone before the load (fields and decision), so
"zero wrong answers" is measured, not assumed. Reports status counts, p50/p95/p99 latency per endpoint,
throughput, and the resident memory of the gunicorn workers before and after. `--slow N` keeps N slow clients
connected throughout (half trickle header lines, half trickle a body, each replaced when the server closes it).
Traffic goes to 127.0.0.1 only, and the run stops by itself.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SELFIE = ROOT.parent / "shared" / "testdata" / "liveness" / "image_T1.jpg"


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m verify_service serve` (gunicorn) in its own process group, on loopback."""

    def __init__(self, workers: int = 2, threads: int = 4, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "verify_service", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--workers", str(workers), "--threads", str(threads)]
        self.log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the server's logging
        self.proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, start_new_session=True,
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        """What the server printed so far (its JSON logs)."""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def wait_ready(self, timeout: float = 180) -> None:
        """Block until /readyz answers 200 from the workers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.output()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise TimeoutError("server not ready")

    def worker_pids(self) -> list[int]:
        """The gunicorn workers (children of the master)."""
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def rss_mb(self) -> dict[int, float]:
        """Resident memory of each worker, MB."""
        sizes = {}
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes[pid] = kb / 1024
        return sizes

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM (graceful shutdown) and wait; returns the exit code."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            return self.proc.wait()

    def close(self) -> None:
        """Stop the server and drop its log."""
        self.stop()
        self.log.close()


class SlowClients:
    """Connections that trickle header lines or a request body, one piece every `interval` seconds.

    Half send a request line and then one header line per interval; half send complete headers announcing a
    body, then a few bytes of it per interval. A connection the server closes is opened again, so `count` stay
    connected until `close()`. One thread drives them all; it stops by itself after `limit` seconds."""

    def __init__(self, url: str, count: int, interval: float = 2.0, limit: float = 600.0):
        """Open the connections and start trickling."""
        self.host, self.port = url.rsplit("/", 1)[-1].split(":")
        self.count, self.interval = count, interval
        self.socks: list[socket.socket | None] = [None] * count
        self.reopened = 0
        self._stop = threading.Event()
        self._deadline = time.monotonic() + limit
        for i in range(count):
            self._open(i)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _open(self, i: int) -> None:
        """(Re)open connection i and send its first piece."""
        sock = socket.create_connection((self.host, int(self.port)), timeout=5)
        if i % 2 == 0:
            head = "POST /v1/id-card HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        else:
            head = ("POST /v1/id-card HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                    "boundary=slowslowslow\r\nContent-Length: 1000000\r\n\r\n--slowslowslow\r\n")
        sock.sendall(head.encode())
        self.socks[i] = sock

    def _run(self) -> None:
        """Send one more piece on every connection each interval; reopen the ones the server closed."""
        n = 0
        while not self._stop.wait(self.interval) and time.monotonic() < self._deadline:
            n += 1
            for i, sock in enumerate(self.socks):
                piece = f"X-Slow-{n}: {n}\r\n" if i % 2 == 0 else "a" * 10
                try:
                    assert sock is not None
                    sock.sendall(piece.encode())
                except OSError:
                    self._close(i)
                    try:
                        self._open(i)
                        self.reopened += 1
                    except OSError:
                        pass

    def _close(self, i: int) -> None:
        """Close connection i (if open)."""
        sock, self.socks[i] = self.socks[i], None
        if sock is not None:
            sock.close()

    def close(self) -> None:
        """Stop trickling and close every connection."""
        self._stop.set()
        self._thread.join(self.interval + 10)
        for i in range(self.count):
            self._close(i)


def post(url: str, parts: dict[str, bytes | str], timeout: float = 120) -> tuple[int, dict]:
    """POST multipart/form-data; returns status and JSON body."""
    import io

    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    values = {k: FileStorage(io.BytesIO(v), filename=k, name=k) if isinstance(v, bytes) else v
              for k, v in parts.items()}
    boundary, body = encode_multipart(values)
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": f'multipart/form-data; boundary="{boundary}"'})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def answer_key(endpoint: str, body: dict) -> str:
    """What must not change under load: the fields read, the checks, the decision and reasons."""
    if endpoint == "id-card":
        return json.dumps([body.get("side"), body.get("fields"), body.get("checks")], sort_keys=True)
    front = body["id_card"]["front"]
    return json.dumps([body["decision"], body["reasons"], front["fields"], body["face_match"]["similarity"],
                       body["liveness"]["score"]], sort_keys=True)


def requests_set() -> list[tuple[str, dict[str, bytes | str]]]:
    """The requests the clients cycle through."""
    cards = ROOT / "sample_docs" / "id_cards"
    reqs: list[tuple[str, dict[str, bytes | str]]] = []
    for i in range(4):
        reqs.append(("id-card", {"image": (cards / f"card{i:03d}_front_photo.jpg").read_bytes()}))
        reqs.append(("verify", {"id_front": (cards / f"card{i + 4:03d}_front_photo.jpg").read_bytes(),
                                "id_back": (cards / f"card{i + 4:03d}_back_photo.jpg").read_bytes(),
                                "selfie": SELFIE.read_bytes(),
                                "application": json.dumps({"monthly_income": 10000})}))
    return reqs


def main(argv: list[str] | None = None) -> int:
    """Run the load and print the report; exit 1 on any 5xx or wrong answer."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--slow", type=int, default=0, help="slow clients kept connected throughout")
    args = ap.parse_args(argv)
    slow = None
    server = Server(args.workers, args.threads, {"VERIFY_REFERENCE_DATE": "2026-11-01", "VERIFY_RATE_LIMIT": "0"})
    try:
        server.wait_ready()
        reqs = requests_set()
        reference = []
        for endpoint, parts in reqs:
            status, body = post(f"{server.url}/v1/{endpoint}", parts)
            assert status == 200, body
            reference.append(answer_key(endpoint, body))
        rss_before = server.rss_mb()
        if args.slow:
            slow = SlowClients(server.url, args.slow, limit=args.seconds + 30)
        latencies: dict[str, list[float]] = collections.defaultdict(list)
        statuses: collections.Counter = collections.Counter()
        wrong = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds

        def client(index: int) -> None:
            k = index
            while time.monotonic() < stop_at:
                endpoint, parts = reqs[k % len(reqs)]
                t0 = time.perf_counter()
                status, body = post(f"{server.url}/v1/{endpoint}", parts)
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    statuses[status] += 1
                    latencies[endpoint].append(elapsed)
                    if status == 200 and answer_key(endpoint, body) != reference[k % len(reqs)]:
                        wrong.append((endpoint, k % len(reqs)))
                k += 1

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        samples = []  # total worker RSS every tenth of the run: growth shows as a rising tail
        while any(t.is_alive() for t in threads):
            time.sleep(args.seconds / 10)
            samples.append(round(sum(server.rss_mb().values())))
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        rss_after = server.rss_mb()
    finally:
        if slow is not None:
            slow.close()
        code = server.stop()
        server.close()
    total = sum(statuses.values())
    print(f"{args.clients} clients x {args.seconds:.0f} s against gunicorn ({args.workers} workers x "
          f"{args.threads} threads) on 127.0.0.1; {os.cpu_count()} cores; {args.slow} slow clients"
          + (f" (reconnected {slow.reopened} times after the server closed them)" if slow is not None else ""))
    print(f"requests {total}, throughput {total / wall:.2f} req/s, statuses {dict(statuses)}, "
          f"wrong answers {len(wrong)}")
    for endpoint, values in latencies.items():
        p50, p95, p99 = np.percentile(values, [50, 95, 99])
        print(f"  /v1/{endpoint:8s} n={len(values):4d}  p50 {p50:6.0f} ms  p95 {p95:6.0f} ms  p99 {p99:6.0f} ms")
    print(f"worker RSS MB before {sorted(round(v) for v in rss_before.values())} "
          f"after {sorted(round(v) for v in rss_after.values())}; graceful stop exit code {code}")
    print(f"total worker RSS MB every {args.seconds / 10:.0f} s: {samples}")
    fivexx = sum(n for s, n in statuses.items() if s >= 500)
    return 1 if fivexx or wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
