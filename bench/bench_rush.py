"""Deadline rush: N students each upload a 1 MB PDF within 60 s, against gunicorn (2 workers) and a
job consumer, on SQLite or PostgreSQL; afterwards every receipt is checked against the stored files.

    python bench/bench_rush.py --students 500 --database sqlite --json
    python bench/bench_rush.py                     # both databases, 500 students each

Prints one JSON object per database: uploads, errors, lost (files or rows missing when checked against
what the clients sent), p50_ms, p95_ms, uploads_per_s. Targets: 0 errors, 0 lost, p95 <= 1000 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy
from rushlib import ROOT, Server, Site, Student, free_port, sha256

sys.path.insert(0, str(ROOT / "tests" / "submissions"))
import submission_files

PAPER_BYTES = 1024 * 1024
WINDOW_SECONDS = 60.0
CLIENT_THREADS = 64


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a free port (initdb runs as the postgres user); its URL."""
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    folder = Path(tempfile.mkdtemp(prefix="campus-bench-pg-"))
    port = free_port()
    shutil.chown(folder, "postgres")
    run = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*run, str(binaries / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200"
    subprocess.run([*run, str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-w",
                    "-o", options, "start"], check=True, capture_output=True)  # fmt: skip
    try:
        subprocess.run([*run, str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "rush"],
                       check=True, capture_output=True)  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/rush"
    finally:
        subprocess.run([*run, str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "stop"],
                       capture_output=True)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def paper() -> bytes:
    """A distinct PDF of 1 MB with a real text layer."""
    base = submission_files.pdf([submission_files.PAPER * 3] * 3)
    return submission_files.pdf([submission_files.PAPER * 3] * 3, padding=PAPER_BYTES - len(base) - 64)


def rush(site: Site, students: int) -> dict[str, float | int]:
    emails = site.prepare(students)
    papers = [paper() for _ in emails]
    clients = [Student(site, email) for email in emails]
    server = Server(site, workers=2, consumer=True).start()
    try:
        for client in clients:  # signing in is not part of the rush
            client.login()
        starts = sorted(random.uniform(0, WINDOW_SECONDS) for _ in clients)
        order = list(range(students))
        random.shuffle(order)
        results: dict[int, tuple[int, str | None, float]] = {}
        lock = threading.Lock()
        began = time.monotonic()

        def work() -> None:
            while True:
                with lock:
                    if not order:
                        return
                    index, start = order.pop(), starts.pop(0)
                delay = began + start - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                try:
                    status, digest, ms, _page = clients[index].upload(papers[index])
                except OSError:
                    status, digest, ms = -1, None, 0.0
                with lock:
                    results[index] = (status, digest, ms)

        threads = [threading.Thread(target=work) for _ in range(min(CLIENT_THREADS, students))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
    finally:
        server.stop()
    return evaluate(site, papers, results, elapsed)


def evaluate(site: Site, papers: list[bytes], results: dict[int, tuple[int, str | None, float]],
             elapsed: float) -> dict[str, float | int]:  # fmt: skip
    engine = sqlalchemy.create_engine(site.database_url)
    with engine.connect() as connection:
        rows = {r[0] for r in connection.execute(sqlalchemy.text("SELECT sha256 FROM submission_version"))}
    engine.dispose()
    ok = [i for i, (status, _d, _ms) in results.items() if status == 303]
    lost = 0
    for index in ok:
        expected = sha256(papers[index])
        stored = site.folder / "uploads" / expected[:2] / expected
        receipt = results[index][1]
        if (
            receipt != expected
            or expected not in rows
            or not stored.exists()
            or sha256(stored.read_bytes()) != expected
        ):
            lost += 1
    latencies = sorted(results[i][2] for i in ok) or [0.0]
    return {
        "uploads": len(ok),
        "errors": len(results) - len(ok),
        "lost": lost,
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[max(0, int(len(latencies) * 0.95) - 1)], 1),
        "uploads_per_s": round(len(ok) / elapsed, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--json", action="store_true", help="print only the JSON object(s)")
    args = parser.parse_args()
    for database in args.database or ["sqlite", "postgresql"]:
        with tempfile.TemporaryDirectory(prefix="campus-rush-") as folder:
            if database == "sqlite":
                figures = rush(Site(Path(folder), f"sqlite:///{Path(folder) / 'rush.db'}"), args.students)
            else:
                with postgres() as url:
                    figures = rush(Site(Path(folder), url), args.students)
        if not args.json:
            print(
                f"{database}: {args.students} students, one 1 MB PDF each within {WINDOW_SECONDS:.0f} s",
                file=sys.stderr,
            )
        print(json.dumps({"database": database, **figures} if not args.json else figures), flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
