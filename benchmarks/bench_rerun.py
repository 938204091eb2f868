"""How much faster is re-running an unchanged archive than translating it the first time?

Run:  python benchmarks/bench_rerun.py [--issues 100] [--ms-per-sentence 15] [--ms-per-batch 50]

A temporary archive of ``--issues`` issues is generated from issues/024/en.md: each issue gets
its own number and week, and nearly every sentence of running text gets issue-specific wording,
so the issues share their headings but few sentences, as in a real archive. The same engine then
translates the archive into zh and ja twice, in process, as ``bilingual translate`` does
(PO files read, pipeline, PO files and editions written):

* first run: nothing in memory; every distinct sentence goes to the engine once per language;
* re-run:    nothing changed: every document's stamp (source, PO files, editions, glossary and
             code unchanged) says so, and it is skipped without being parsed;
* re-run, new process: the same, as ``bilingual translate`` on the command line;
* re-run, no stamps (``BILINGUAL_CACHE_DIR=off``): every document is parsed, every sentence
             comes from the PO files, every file is compared, and none is written.

The engine is deterministic pseudo-translation that sleeps ``--ms-per-batch`` per call plus
``--ms-per-sentence`` per sentence, a stand-in for a CPU model: benchmarks/bench_translate.py
measured bilingual's ArgosEngine at 54 sentences/s (18.5 ms a sentence) with a model of real
Argos size on a 2-core machine, so the default of 15 ms is generous to the first run. The same
runs with the instant ``pseudo`` engine are printed as well: they show what the runs cost
without any engine time. The figure to look at is the first ratio (target ≥ 20×). With the
defaults the benchmark takes about four minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from bilingual.engines.pseudo import PseudoEngine, pseudo  # noqa: E402
from bilingual.memory.stamp import CACHE_ENV  # noqa: E402
from bilingual.run import RunOptions, translate_archive  # noqa: E402
from bilingual.layout import find_jobs  # noqa: E402

WORDS = tuple(
    "recent notable new surprising practical open large small careful early broad deep simple strong "
    "fresh bold quiet rapid steady clever modern classic robust subtle wide narrow rich lean dense sparse "
    "hidden public private formal informal local global prior latent joint".split()
)
LANGS = ("zh", "ja")


class SleepyEngine:
    """Pseudo-translation at the pace of a real model: a fixed cost per call and per sentence."""

    name = "sleepy"

    def __init__(self, per_sentence: float, per_batch: float) -> None:
        self.per_sentence = per_sentence
        self.per_batch = per_batch
        self.sentences = 0

    def signature(self, source: str, target: str) -> str:
        return "sleepy:1"

    def check_pair(self, source: str, target: str) -> None:
        return None

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.sentences += len(texts)
        time.sleep(self.per_batch + self.per_sentence * len(texts))
        return [pseudo(text) for text in texts]


def variant(source: str, number: int) -> str:
    """Issue ``number``: the sample issue renumbered, with issue-specific wording in nearly every
    sentence of running text, so that issues share their headings but hardly any sentences."""
    rng = random.Random(number)
    text = source.replace("#24", f"#{number}").replace("issue: 24", f"issue: {number}")
    text = text.replace("Week 31, 2021 (August 8 ~)", f"Week {number % 52 + 1}, {2019 + number // 52} (issue {number})")
    lines = []
    in_code = False
    for line in text.split("\n"):
        in_code ^= line.startswith("```")
        if not in_code and line.strip() and not line.startswith(("#", "|", "![", "<", "---", "```")):
            sentences = re.split(r"(?<=[.!?]) ", line)
            line = " ".join(_reword(sentence, rng) for sentence in sentences)
        lines.append(line)
    return "\n".join(lines)


def _reword(sentence: str, rng: random.Random) -> str:
    words = f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
    return re.sub(r" (the|a|of|and|to|in|with|for) ", lambda m: f" {m.group(1)} {words} ", sentence, count=1)


def make_archive(root: Path, count: int) -> Path:
    source = (ROOT / "issues" / "024" / "en.md").read_text(encoding="utf-8")
    archive = root / "issues"
    for number in range(1, count + 1):
        folder = archive / f"{number:03d}"
        folder.mkdir(parents=True)
        (folder / "en.md").write_text(variant(source, number), encoding="utf-8")
    return archive


def timed_run(archive: Path, engine) -> tuple[float, int, int]:
    """Seconds for one full ``translate`` of the archive; engine calls; files written."""
    start = time.perf_counter()
    summary = translate_archive(find_jobs([archive]), RunOptions(engine, tuple(LANGS)))
    return time.perf_counter() - start, summary.engine_calls, len(summary.written)


def cli_run(archive: Path) -> tuple[float, int, int]:
    """``bilingual translate`` in a new process, interpreter start and imports included."""
    start = time.perf_counter()
    result = subprocess.run(
        [str(Path(sys.executable).parent / "bilingual"), "translate", str(archive), "--engine", "pseudo", "--no-glossary"],
        capture_output=True, text=True, check=True, cwd=archive.parent,
    )
    seconds = time.perf_counter() - start
    found = re.search(r"(\d+) sentence\(s\) sent to pseudo; (\d+) file\(s\) written", result.stdout)
    return seconds, int(found.group(1)), int(found.group(2))


def measure(label: str, count: int, make_engine) -> float:
    """First run, re-run, and re-run without stamps (every document parsed and compared)."""
    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as tmp:
        os.environ[CACHE_ENV] = str(Path(tmp) / "cache")
        archive = make_archive(Path(tmp), count)
        rows = [("first run", *timed_run(archive, make_engine())), ("re-run", *timed_run(archive, make_engine()))]
        rows.append(("re-run, new process", *cli_run(archive)))
        os.environ[CACHE_ENV] = "off"
        rows.append(("re-run, no stamps", *timed_run(archive, make_engine())))
    print(label)
    for name, seconds, calls, written in rows:
        print(f"  {name:<20} {seconds:8.2f} s  {calls:6d} sentences to the engine  {written:4d} files written")
    first, again, process, unstamped = (row[1] for row in rows)
    print(
        f"  re-run is {first / again:.0f}× faster than the first run in process, {first / process:.0f}× as a new "
        f"process, {first / unstamped:.1f}× without stamps"
    )
    return first / process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--ms-per-sentence", type=float, default=15.0)
    parser.add_argument("--ms-per-batch", type=float, default=50.0)
    args = parser.parse_args()
    print(f"archive: {args.issues} issues generated from issues/024/en.md, translated into {', '.join(LANGS)}\n")
    per_sentence, per_batch = args.ms_per_sentence / 1000, args.ms_per_batch / 1000
    ratio = measure(
        f"engine: sleepy ({args.ms_per_sentence:g} ms a sentence + {args.ms_per_batch:g} ms a batch)",
        args.issues, lambda: SleepyEngine(per_sentence, per_batch),
    )
    measure("engine: pseudo (instant: what the runs cost besides the engine)", args.issues, PseudoEngine)
    print(f"\nre-run speed-up with a model-paced engine, as a new process: {ratio:.0f}× (target ≥ 20×): {'OK' if ratio >= 20 else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
