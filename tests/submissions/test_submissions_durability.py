"""Durability against a live server (gunicorn, 2 workers): parallel uploads, kill -9, a full disk.

Each test runs Campus in processes of its own, as production does, and checks afterwards what the
database and the file store hold against what the clients were told.
"""

from __future__ import annotations

import http.client
import resource
import signal
import socket
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy
import submission_files as files

from support import database_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from rushlib import ASSIGNMENT, Server, Site, Student, children, sha256

pytestmark = [pytest.mark.live, pytest.mark.db]


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path, database_url(tmp_path))


def stored(site: Site) -> dict[str, str]:
    """SHA-256 of every stored version (from the database) -> its file's actual SHA-256 (or "missing")."""
    engine = sqlalchemy.create_engine(site.database_url)
    with engine.connect() as connection:
        rows = [r[0] for r in connection.execute(sqlalchemy.text("SELECT sha256 FROM submission_version"))]
    engine.dispose()
    found = {}
    for digest in rows:
        path = site.folder / "uploads" / digest[:2] / digest
        found[digest] = sha256(path.read_bytes()) if path.exists() else "missing"
    return found


def run_parallel(
    site: Site, emails: list[str], papers: list[bytes], first_done: threading.Event | None = None
):  # type: ignore[no-untyped-def]
    results: list[tuple[int, str | None]] = [(0, None)] * len(emails)

    def work(index: int) -> None:
        student = Student(site, emails[index])
        try:
            student.login()
            status, digest, _ms, _page = student.upload(papers[index])
            results[index] = (status, digest)
        except (OSError, http.client.HTTPException):
            results[index] = (-1, None)  # the connection broke (the server was killed)
        if first_done is not None and results[index][1]:
            first_done.set()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(emails))]
    for thread in threads:
        thread.start()
    return threads, results


def test_fifty_parallel_uploads_all_land(site: Site) -> None:
    emails = site.prepare(50)
    papers = [files.pdf([files.PAPER * 3], padding=200_000) for _ in emails]
    server = Server(site, workers=2, consumer=False).start()
    try:
        threads, results = run_parallel(site, emails, papers)
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    assert [status for status, _ in results] == [303] * 50
    assert [digest for _, digest in results] == [sha256(p) for p in papers]  # every receipt is its own file's
    on_disk = stored(site)
    assert len(on_disk) == 50 and all(on_disk[d] == d for d in on_disk)


def test_kill_9_mid_upload_leaves_no_row_without_its_file(site: Site) -> None:
    emails = site.prepare(20)
    papers = [files.pdf([files.PAPER * 3], padding=1_500_000) for _ in emails]
    server = Server(site, workers=2, consumer=False).start()
    first = threading.Event()
    threads, results = run_parallel(site, emails, papers, first)
    assert first.wait(timeout=120), "no upload finished"
    server.kill()  # while the other uploads are on their way, in every stage
    for thread in threads:
        thread.join()
    on_disk = stored(site)
    assert all(actual == digest for digest, actual in on_disk.items()), "a row lost its file"
    receipts = [digest for status, digest in results if digest]
    assert receipts and all(digest in on_disk for digest in receipts), "a receipt without a stored file"
    assert len(receipts) < len(emails), "the kill came too late to interrupt anything"
    Server(site, workers=1, consumer=False).start().stop()  # the site starts again after the crash


def _small_disk() -> None:
    # Files the server writes may not exceed 1.5 MB: the kernel answers EFBIG, as a full disk would.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_500_000, resource.RLIM_INFINITY))


def test_a_full_disk_gives_a_clear_message_and_keeps_earlier_versions(site: Site) -> None:
    (email,) = site.prepare(1)
    server = Server(site, workers=1, consumer=False, preexec=_small_disk).start()
    try:
        student = Student(site, email)
        student.login()
        first = files.pdf([files.PAPER])
        assert student.upload(first)[0] == 303
        status, digest, _ms, page = student.upload(files.pdf([files.PAPER * 2], padding=2_000_000))
    finally:
        server.stop()
    assert status == 507 and digest is None
    assert "Speicher voll ist" in page and "früheren Versionen sind sicher" in page
    assert stored(site) == {sha256(first): sha256(first)}


def _worker_memory_kb(server: Server) -> int:
    """The resident memory of the server's processes (master and workers), in KB."""
    pids = [p.pid for p in server.processes] + children(server.processes[0].pid)
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def test_a_200_mb_upload_is_refused_before_its_body_arrives(site: Site) -> None:
    (email,) = site.prepare(1)
    server = Server(site, workers=1, consumer=False).start()
    try:
        student = Student(site, email)
        student.login()
        before = _worker_memory_kb(server)
        cookie = "; ".join(f"{k}={v.value}" for k, v in student.cookies.items())
        with socket.create_connection(("127.0.0.1", site.port), timeout=30) as connection:
            connection.sendall(
                f"POST {ASSIGNMENT}upload HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {200 * 1024 * 1024}\r\n\r\n".encode()
                + b"--x\r\n" + b"0" * 65536
            )  # fmt: skip
            answer = connection.recv(65536).decode("utf-8", "replace")  # answered with 199.9 MB unsent
        assert answer.startswith("HTTP/1.1 413")
        assert _worker_memory_kb(server) - before < 20_000  # no 200 MB buffer anywhere
    finally:
        server.stop()
