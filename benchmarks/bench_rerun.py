"""How much faster is re-running an unchanged archive than translating it the first time?

Run:  python benchmarks/bench_rerun.py [--issues 100] [--ms-per-sentence 15] [--ms-per-batch 50]

A temporary archive of ``--issues`` issues is generated from issues/024/en.md: each issue gets
its own number and week, and nearly every sentence of running text gets issue-specific wording,
so the issues share their headings but few sentences, as in a real archive. The same engine then
translates the archive into zh and ja twice, in process, as ``bilingual translate`` does
(PO files read, pipeline, PO files and editions written):

* first run: nothing in memory; every distinct sentence goes to the engine once per language;
* re-run:    nothing changed; every sentence comes from the PO files and no file is written.

The engine is deterministic pseudo-translation that sleeps ``--ms-per-batch`` per call plus
``--ms-per-sentence`` per sentence, a stand-in for a CPU model: benchmarks/bench_translate.py
measured bilingual's ArgosEngine at 54 sentences/s (18.5 ms a sentence) with a model of real
Argos size on a 2-core machine, so the default of 15 ms is generous to the first run. The same
two runs with the instant ``pseudo`` engine are printed as well: they show what the re-run costs
without any engine time. The figure to look at is the first ratio (target ≥ 20×). With the
defaults the benchmark takes about four minutes.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from bilingual.engines.pseudo import PseudoEngine, pseudo  # noqa: E402
from bilingual.markdown import parse  # noqa: E402
from bilingual.memory.workflow import translate_with_memory, write  # noqa: E402
from bilingual.sources import find_jobs  # noqa: E402
from bilingual.storage import read_text  # noqa: E402

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
    jobs = find_jobs([archive])
    documents = [parse(read_text(job.source), str(job.source)) for job in jobs]
    outcome = translate_with_memory(jobs, documents, LANGS, engine)
    written = write(outcome)
    return time.perf_counter() - start, outcome.engine_calls, len(written)


def measure(label: str, count: int, make_engine) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-rerun-") as tmp:
        archive = make_archive(Path(tmp), count)
        first, first_calls, first_written = timed_run(archive, make_engine())
        again, again_calls, again_written = timed_run(archive, make_engine())
    ratio = first / again
    print(f"{label}")
    print(f"  first run  {first:8.2f} s  {first_calls:6d} sentences to the engine  {first_written:4d} files written")
    print(f"  re-run     {again:8.2f} s  {again_calls:6d} sentences to the engine  {again_written:4d} files written")
    print(f"  re-run is {ratio:.1f}× faster")
    return ratio


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
    measure("engine: pseudo (instant; the difference is reading, writing and skipping writes)", args.issues, PseudoEngine)
    print(f"\nre-run speed-up with a model-paced engine: {ratio:.1f}× (target ≥ 20×): {'OK' if ratio >= 20 else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
