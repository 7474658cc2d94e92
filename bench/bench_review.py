"""Benchmark of the review's analysis job: a 10,000-word final paper scored, its passages chosen and
the report stored (the job's whole unit of work, committed), on SQLite in a temporary folder.

Run: python bench/bench_review.py [--runs 7]
Prints the median and the slowest wall-clock time of the job, and its CPU time (target <= 1 s).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from assignments.review.demo_texts import CHATBOT  # noqa: E402
from assignments.review.jobs import analyse_submission  # noqa: E402
from assignments.review.models import Report  # noqa: E402
from assignments.submissions.models import EXTRACTED, FINAL, Submission, Version  # noqa: E402
from campus import create_app, storage  # noqa: E402
from campus.accounts.models import Role  # noqa: E402
from campus.accounts.service import create_user  # noqa: E402
from campus.extensions import db  # noqa: E402
from support import campus_config  # noqa: E402

TARGET = 1.0


def final_paper(text: str) -> int:
    """A final submission whose extracted text is ``text``; returns its id."""
    student, _link = create_user("bench@test.example", "Bench", (Role.STUDENT,), password="x" * 12)
    stored = storage.save(io.BytesIO(text.encode()))
    submission = Submission(user=student, candidate_number="10001", state=FINAL, module_id="m", edition_id="e",
                            assignment_id="a", retain_until=date(2030, 1, 1))  # fmt: skip
    db.session.add(submission)
    db.session.flush()
    db.session.add(Version(submission=submission, number=1, sha256=stored.sha256, size=len(text), stored_name="p.txt",
                           format="txt", uploaded_at=submission.created_at, receipt_code="BENC-0001", declaration={},
                           extraction=EXTRACTED, text=text, words=len(text.split()), language="de"))  # fmt: skip
    db.session.commit()
    return submission.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="campus-bench-review-") as folder:
        app = create_app(campus_config(Path(folder), JOBS_IMMEDIATE=False))
        with app.app_context():
            db.create_all()
            # The chatbot-style demo paper, repeated: flagged, so the passages that drove it are stored too.
            submission_id = final_paper("\n\n".join([CHATBOT] * 18))
            analyse_submission.run_now(submission_id, True)  # warm the model and the word lists
            db.session.commit()
            walls, cpus = [], []
            for _ in range(args.runs):
                wall, cpu = time.perf_counter(), time.process_time()
                analyse_submission.run_now(submission_id, True)  # force: a new report each time
                db.session.commit()
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            report = db.session.query(Report).order_by(Report.id.desc()).first()
            assert report is not None and report.words >= 10_000
            median = statistics.median(walls)
            print(f"analysis job, 10,000-word paper ({report.words} words, {len(report.passages)} passages stored): "
                  f"median {median:.3f} s, slowest {max(walls):.3f} s, CPU median {statistics.median(cpus):.3f} s "
                  f"over {args.runs} runs (target <= {TARGET:.1f} s: {'met' if median <= TARGET else 'NOT met'})")  # fmt: skip
            db.engine.dispose()


if __name__ == "__main__":
    main()
