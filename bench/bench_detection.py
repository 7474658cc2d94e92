"""Benchmark of the AI-text signal: speed on a 10,000-word paper, memory, and streaming a large JSONL.

Run: python bench/bench_detection.py [--mb 100]
Prints words per second, the time for one 10,000-word paper with passage scores (target <= 0.5 s;
wall clock and this process's CPU time, which stays meaningful on a shared machine),
the peak resident memory (target < 500 MB), and the memory while `flask detector score` streams a
generated JSONL file of about --mb megabytes (it must stay flat).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assignments.detection import analyse, load_model  # noqa: E402

SENTENCES = [
    "Die Digitalisierung verändert die Soziale Arbeit in vielen Handlungsfeldern grundlegend.",
    "In der Praxis zeigt sich, dass Fachkräfte oft ohne klare Vorgaben mit Daten umgehen.",
    "Ich habe im Praktikum beobachtet, wie Akten doppelt geführt wurden, auf Papier und digital.",
    "Zudem fehlen häufig Schulungen, die den Datenschutz verständlich erklären.",
    "Die befragten Personen (n = 12) nannten vor allem Zeitdruck als Grund.",
    "Ob sich das ändert, hängt auch von der Finanzierung der Träger ab.",
]


def paper(words: int, seed: int) -> str:
    """A synthetic German paper of about `words` words."""
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES)
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


def rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_paper() -> None:
    model = load_model()
    text = paper(10_000, 1)
    words = len(text.split())
    analyse(text, model)  # warm the wordfreq cache and the model
    runs, cpu = [], []
    for seed in range(2, 7):
        other = paper(10_000, seed)
        start, start_cpu = time.perf_counter(), time.process_time()
        result = analyse(other, model)
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    best, median = min(runs), sorted(runs)[len(runs) // 2]
    print(f"10k-word paper: {median:.3f} s median, {best:.3f} s best ({len(result.passages)} passages)")
    # CPU time of this process: what one core spends, even when other jobs share the machine.
    print(f"10k-word paper CPU time: {sorted(cpu)[len(cpu) // 2]:.3f} s median")
    print(f"throughput: {words / median:,.0f} words/s")
    print(f"peak RSS after scoring: {rss_mb():.0f} MB")


def bench_stream(megabytes: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            # Every 20th line is a scored 300-word paper; the others are short texts (they abstain
            # as too short) carrying a 2 KB metadata field that must be written back unchanged.
            scored_line = json.dumps({"text": paper(300, 9), "kind": "paper"}, ensure_ascii=False)
            short_line = json.dumps({"text": paper(100, 8), "notes": "x" * 2000}, ensure_ascii=False)
            written, i = 0, 0
            while written < megabytes * 1_000_000:
                line = scored_line if i % 20 == 0 else short_line
                handle.write(line + "\n")
                written += len(line.encode()) + 1
                i += 1
        app = Path(tmp) / "benchapp.py"
        app.write_text(
            "from flask import Flask\nimport assignments.detection as d\n"
            f"app = Flask(__name__, instance_path={tmp!r})\nd.init_app(app)\n"
        )
        env = {**os.environ, "PYTHONPATH": f"{tmp}:{ROOT}"}
        cmd = [sys.executable, "-m", "flask", "--app", "benchapp", "detector", "score", "--jsonl", str(source),
               "--out", str(Path(tmp) / "out.jsonl")]  # fmt: skip
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=tmp)
        samples: list[float] = []
        while proc.poll() is None:
            try:
                status = Path(f"/proc/{proc.pid}/status").read_text()
                samples.append(int(status.split("VmRSS:")[1].split()[0]) / 1024)
            except (OSError, IndexError):
                pass
            time.sleep(0.5)
            if time.perf_counter() - start > 110:
                proc.kill()
                print("stream: stopped after 110 s (bounded run)")
                break
        elapsed = time.perf_counter() - start
        proc.wait()
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        lines = sum(1 for _ in (Path(tmp) / "out.jsonl").open(encoding="utf-8"))
        quarter = max(1, len(samples) // 4)
        print(f"stream: {written / 1e6:.0f} MB, {lines} of {i} lines scored in {elapsed:.1f} s "
              f"({child.ru_utime + child.ru_stime:.1f} s CPU time)")  # fmt: skip
        if samples:
            print(f"stream RSS: first quarter max {max(samples[:quarter]):.0f} MB, "
                  f"last quarter max {max(samples[-quarter:]):.0f} MB, peak {max(samples):.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=100, help="size of the generated JSONL file")
    args = parser.parse_args()
    bench_paper()
    bench_stream(args.mb)


if __name__ == "__main__":
    main()
