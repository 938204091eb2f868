"""How fast does `bilingual --help` answer? Ratio against bare `python -c pass` and `import typer`.

Run: .venv/bin/python benchmarks/bench_help.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "bilingual"
RUNS = 10


def timed(cmd: list[str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    baseline = timed([sys.executable, "-c", "pass"])
    typer_only = timed([sys.executable, "-c", "import typer"])
    help_time = timed([str(BIN), "--help"])
    heavy = timed([sys.executable, "-c", "import ctranslate2, markdown_it, pysbd, polib, yaml"])
    print(f"python -c pass          {baseline * 1000:7.1f} ms  (baseline)")
    print(f"python -c 'import typer' {typer_only * 1000:7.1f} ms  ×{typer_only / baseline:.2f}")
    print(f"bilingual --help        {help_time * 1000:7.1f} ms  ×{help_time / baseline:.2f} baseline, ×{help_time / typer_only:.2f} typer")
    print(f"import of heavy modules {heavy * 1000:7.1f} ms  (what lazy imports keep out of --help)")


if __name__ == "__main__":
    main()
