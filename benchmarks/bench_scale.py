"""Does bilingual's cost grow linearly with its input? Time and peak memory at three sizes each.

Run:  python benchmarks/bench_scale.py [--quick] [--only issue,paragraph,archive] [--timeout 900]
      python benchmarks/bench_scale.py --before OLD/src [--only issue --sizes 0.2,2] [--rounds 5]

``--before`` compares this bilingual with another version's (its ``src/`` folder, from ``git archive``)
on the same generated inputs and glossary: interleaved runs, one process at a time, the median CPU time
of each and their ratio (issue #26: times no worse than before).

Three inputs, each at three sizes ten times apart, are generated in a temporary folder:

* issue:     one en.md of 0.2 / 2 / 20 MB: renumbered, reworded copies of issues/024/en.md one
             after another (headings, lists, tables, links, code, front matter), so hardly any
             two sentences are the same;
* paragraph: one paragraph (one line) of 300 / 3,000 / 30,000 short sentences, a pasted
             transcript, with a link, emphasis or code span in every tenth sentence;
* archive:   10 / 100 / 1,000 issues, each a reworded copy of issues/024/en.md.

Each case is one ``bilingual translate --engine pseudo`` into zh and ja (PO files, editions,
aligned views and reports written, glossary/ enforced) in a new process, and for the issue and
paragraph cases also ``bilingual check`` of the result (every rule, both languages). Each runs in
its own process, and ``wait4`` gives that process's CPU time (user + system) and peak RSS, so
each figure belongs to its case. Growth ratios use CPU time, which other work on a shared
machine disturbs far less than wall time (printed too). Skip-stamps are off, so every
document is really processed.

Goals: 10× the input costs at most 12× the time; the 20 MB issue translates in under 5 minutes;
peak RSS at 1,000 issues is within 1.5× of 10 issues; peak RSS of translate and of check under
300 MB for the 2 MB issue and under 1.5 GB for the 20 MB one (issue #26). ``--quick`` uses sizes ten times
smaller (inputs ten times apart still), for a run of a minute or two.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

SAMPLE = ROOT / "issues" / "024" / "en.md"
CLI = "import sys; sys.argv[0] = 'bilingual'; from bilingual.cli import main; main()"
GROWTH_LIMIT = 12.0
#: --before: this bilingual's median CPU time over the other's (issue #26: "times no worse than today"; a run on
#: a shared machine varies by about ±10%, so the median of interleaved runs is compared).
BEFORE_LIMIT = 1.05
ISSUE_LIMIT = 300.0
RSS_LIMIT = 1.5
#: The sizes of each case: an issue's MB, a paragraph's sentences, an archive's issues (--quick: ten times smaller).
SIZES: dict[str, tuple[float, ...]] = {"issue": (0.2, 2.0, 20.0), "paragraph": (300, 3000, 30000), "archive": (10, 100, 1000)}
QUICK_SIZES = {kind: tuple(size / 10 for size in sizes) for kind, sizes in SIZES.items()}
#: Peak RSS goals of one issue, translate and check alike: MB of source → MB of memory.
ISSUE_RSS_MB = {2.0: 300.0, 20.0: 1500.0}


@dataclass(frozen=True)
class Figure:
    seconds: float | None  # wall clock; None: did not finish within the timeout
    cpu: float  # user + system CPU seconds of the process (what the ratios use)
    rss_mb: float


def make_issue(folder: Path, megabytes: float) -> Path:
    """One issue of about ``megabytes`` MB: reworded copies of the sample issue, front matter once."""
    from bench_rerun import variant
    sample = SAMPLE.read_text(encoding="utf-8")
    parts: list[str] = []
    size = 0
    number = 1
    while size < megabytes * 1_000_000:
        text = variant(sample, number)
        if number > 1:
            text = text.split("\n---\n", 1)[1]  # drop the front matter of every copy but the first
        parts.append(text)
        size += len(text.encode("utf-8"))
        number += 1
    folder.mkdir(parents=True)
    (folder / "en.md").write_text("\n\n".join(parts), encoding="utf-8")
    return folder


def make_paragraph(folder: Path, sentences: int) -> Path:
    """An issue whose body is one paragraph (one line) of ``sentences`` short sentences."""
    from bench_rerun import WORDS
    rng = random.Random(sentences)
    out: list[str] = []
    for n in range(sentences):
        a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
        if n % 30 == 10:
            out.append(f"The {a} model {n} is [{b} and {c}](https://example.com/{n}?q=a.b).")
        elif n % 30 == 20:
            out.append(f"We saw *{a} {b}* results in run {n}.")
        elif n % 30 == 0:
            out.append(f"Call `f.{a}()` on item {n}, then stop.")
        else:
            out.append(f"The {a} {b} idea number {n} looks {c}.")
    folder.mkdir(parents=True)
    (folder / "en.md").write_text("# Transcript\n\n" + " ".join(out) + "\n", encoding="utf-8")
    return folder


def make_archive(root: Path, count: int) -> Path:
    from bench_rerun import variant
    sample = SAMPLE.read_text(encoding="utf-8")
    for number in range(1, count + 1):
        folder = root / f"{number:04d}"
        folder.mkdir(parents=True)
        (folder / "en.md").write_text(variant(sample, number), encoding="utf-8")
    return root


def run(args: list[str], cwd: Path, timeout: float, src: Path | None = None) -> Figure:
    """One ``bilingual`` command in a new process: wall time and that process's own peak RSS. With ``src``,
    the bilingual of that source folder (another version's ``src/``) runs instead of this one."""
    env = {**os.environ, "BILINGUAL_CACHE_DIR": "off"}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    errors = cwd / "stderr.txt"
    start = time.perf_counter()
    with errors.open("wb") as stderr:
        child = subprocess.Popen([sys.executable, "-c", CLI, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    if code not in (0, 1, -signal.SIGKILL):
        raise SystemExit(f"bilingual {' '.join(args)} failed ({code}):\n{errors.read_text()}")
    return Figure(seconds if code in (0, 1) else None, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def make(kind: str, size: float, folder: Path) -> Path:
    """Generate the input of one case in ``folder``; return what to translate."""
    if kind == "issue":
        return make_issue(folder / "issue", size)
    if kind == "paragraph":
        return make_paragraph(folder / "issue", int(size))
    return make_archive(folder / "issues", int(size))


def generate(kind: str, size: float, folder: Path) -> Path:
    """The input of one case, generated in a child process: a child's peak RSS starts at its parent's RSS
    when forked, so this process stays small (it imports neither bilingual nor the generators)."""
    made = subprocess.run([sys.executable, __file__, "--make", kind, f"{size:g}", str(folder)],
                          check=True, capture_output=True, text=True)
    return Path(made.stdout.strip())


def translate_and_check(kind: str, target: Path, folder: Path, timeout: float,
                        src: Path | None = None) -> tuple[Figure, Figure | None]:
    """``bilingual translate`` of ``target`` and then ``bilingual check`` of what it wrote (not for an archive)."""
    glossary = ["--glossary", str(ROOT / "glossary")]
    translated = run(["translate", str(target), "--engine", "pseudo", *glossary], folder, timeout, src)
    if kind == "archive" or translated.seconds is None:
        return translated, None
    return translated, run(["check", str(target), *glossary], folder, timeout, src)


def measure(kind: str, size: float, tmp: Path, timeout: float) -> tuple[Figure, Figure | None]:
    folder = tmp / f"{kind}-{size:g}"
    return translate_and_check(kind, generate(kind, size, folder), folder, timeout)


def compare(kind: str, size: float, before: Path, rounds: int, tmp: Path, timeout: float) -> list[str]:
    """This bilingual against the one of ``before`` (a ``src/`` folder) on one input: ``rounds`` interleaved
    runs of each, one process at a time, each translating a fresh copy of the same input with the same
    glossary and then checking it; the median CPU time of each and their ratio."""
    import shutil
    import statistics

    folder = tmp / f"{kind}-{size:g}"
    target = generate(kind, size, folder)
    cpu: dict[str, tuple[list[float], list[float]]] = {"before": ([], []), "after": ([], [])}
    for n in range(rounds):
        for way, src in (("before", before), ("after", None)):
            copy = tmp / f"{kind}-{size:g}-{way}-{n}"
            shutil.copytree(target, copy / target.name)
            translated, checked = translate_and_check(kind, copy / target.name, copy, timeout, src)
            cpu[way][0].append(translated.cpu)
            if checked is not None:
                cpu[way][1].append(checked.cpu)
            shutil.rmtree(copy)
    cells = [f"{kind} {size:,g}"]
    verdicts: list[str] = []
    for step, name in enumerate(("translate", "check")):
        was, now = cpu["before"][step], cpu["after"][step]
        if not was or not now:
            cells += ["—", "—"]
            continue
        ratio = statistics.median(now) / statistics.median(was)
        cells += [(f"{statistics.median(was):.1f} → {statistics.median(now):.1f} s, best {min(was):.1f} → {min(now):.1f} s "
                   f"(runs {', '.join(f'{x:.1f}' for x in was)} → {', '.join(f'{x:.1f}' for x in now)})"),
                  f"×{ratio:.2f} (best ×{min(now) / min(was):.2f})"]
        verdicts.append(f"{kind} {size:g} {name}: median CPU ×{ratio:.2f} of before (goal ≤ ×{BEFORE_LIMIT:g}): "
                        f"{'OK' if ratio <= BEFORE_LIMIT else 'BELOW TARGET'}")
    print("| " + " | ".join(cells) + " |", flush=True)
    return verdicts


def _time(figure: Figure | None, timeout: float) -> str:
    if figure is None:
        return "—"
    if figure.seconds is None:
        return f"stopped at {timeout:g} s wall ({figure.cpu:.0f} s CPU)"
    return f"{figure.cpu:.1f} s ({figure.seconds:.1f} wall)"


def _ratio(a: Figure | None, b: Figure | None) -> str:
    if a is None or b is None or a.seconds is None or b.seconds is None:
        return "—"
    return f"×{b.cpu / max(a.cpu, 1e-3):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes ten times smaller (still 10× apart)")
    parser.add_argument("--only", default="issue,paragraph,archive", help="comma-separated: issue, paragraph, archive")
    parser.add_argument("--timeout", type=float, default=900.0, help="wall seconds before a case counts as unfinished")
    parser.add_argument("--before", type=Path, metavar="SRC",
                        help="compare with the bilingual of this src/ folder (another version: git archive REV | tar -x)")
    parser.add_argument("--sizes", help="--before: comma-separated sizes of the one case --only names "
                        "(default: the middle size of --quick: 0.2 MB, 300 sentences, 10 issues)")
    parser.add_argument("--rounds", type=int, default=5, help="--before: interleaved runs of each (default 5)")
    parser.add_argument("--make", nargs=3, metavar=("KIND", "SIZE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        kind, size, folder = args.make
        print(make(kind, float(size), Path(folder)))
        return
    sizes = QUICK_SIZES if args.quick else SIZES
    if args.before is not None:
        compare_all(args)
        return
    units = {"issue": "MB", "paragraph": "sentences", "archive": "issues"}
    verdicts: list[str] = []
    print("| case | translate: CPU (wall) | ×CPU | peak RSS | check: CPU (wall) | ×CPU | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as name:
        tmp = Path(name)
        for kind in [k.strip() for k in args.only.split(",") if k.strip()]:
            previous: tuple[Figure, Figure | None] | None = None
            figures: list[Figure] = []
            checks: list[Figure] = []
            for size in sizes[kind]:
                translated, checked = measure(kind, size, tmp, args.timeout)
                figures.append(translated)
                if checked is not None:
                    checks.append(checked)
                cells = [
                    f"{kind} {size:,g} {units[kind]}", _time(translated, args.timeout),
                    _ratio(previous[0], translated) if previous else "", f"{translated.rss_mb:.0f} MB",
                    _time(checked, args.timeout), _ratio(previous[1], checked) if previous else "",
                    f"{checked.rss_mb:.0f} MB" if checked else "—",
                ]
                print("| " + " | ".join(cells) + " |", flush=True)
                previous = (translated, checked)
            verdicts.extend(_verdicts(kind, sizes[kind], figures, args.quick))
            if len(checks) == len(figures):  # check ran at every size: its growth is judged too
                verdicts.extend(_growth(f"{kind} check", sizes[kind], checks))
            if kind == "issue" and not args.quick:
                verdicts.extend(_rss(sizes[kind], figures, checks))
    print()
    print("\n".join(verdicts))


def compare_all(args: argparse.Namespace) -> None:
    """``--before``: each case at its sizes, this bilingual against the other, translate and check."""
    if args.sizes and "," in args.only:
        raise SystemExit("--sizes names the sizes of one case: pass --only with one of issue, paragraph, archive")
    if not (args.before / "bilingual" / "__init__.py").is_file():
        raise SystemExit(f"{args.before}: not a src/ folder holding bilingual/ (git archive REV | tar -x -C DIR; DIR/src)")
    verdicts: list[str] = []
    print(f"this bilingual against {args.before}: median and best CPU (user + system) of {args.rounds} interleaved "
          "runs each (a shared machine varies a run by ±10% and more: the median is judged)")
    print()
    print("| case | translate: before → after | × | check: before → after | × |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as name:
        for kind in [k.strip() for k in args.only.split(",") if k.strip()]:
            chosen = [float(x) for x in args.sizes.split(",")] if args.sizes else [QUICK_SIZES[kind][1]]
            for size in chosen:
                verdicts += compare(kind, size, args.before.resolve(), args.rounds, Path(name), args.timeout)
    print()
    print("\n".join(verdicts))


def _growth(name: str, sizes: tuple[float, ...], figures: list[Figure]) -> list[str]:
    """A verdict on the CPU-time growth between each size and the next."""
    out: list[str] = []
    for a, b, small, big in zip(figures, figures[1:], sizes, sizes[1:]):
        if a.seconds is None or b.seconds is None:
            out.append(f"{name} {small:g} → {big:g}: did not finish: BELOW TARGET")
            continue
        ratio = b.cpu / max(a.cpu, 1e-3)
        ok = ratio <= GROWTH_LIMIT
        out.append(f"{name} {small:g} → {big:g}: CPU time ×{ratio:.1f} (goal ≤ ×{GROWTH_LIMIT:g}): {'OK' if ok else 'BELOW TARGET'}")
    return out


def _rss(sizes: tuple[float, ...], translated: list[Figure], checked: list[Figure]) -> list[str]:
    """A verdict on the peak RSS of each issue size that has a goal, translate and check."""
    out = []
    for name, figures in (("translate", translated), ("check", checked)):
        for size, figure in zip(sizes, figures):
            goal = ISSUE_RSS_MB.get(size)
            if goal is not None:
                ok = figure.rss_mb < goal
                out.append(f"issue {size:g} MB {name}: peak RSS {figure.rss_mb:.0f} MB (goal < {goal:g} MB): "
                           f"{'OK' if ok else 'BELOW TARGET'}")
    return out


def _verdicts(kind: str, sizes: tuple[float, ...], figures: list[Figure], quick: bool) -> list[str]:
    out = _growth(kind, sizes, figures)
    if kind == "issue" and not quick:
        last = figures[-1]
        ok = last.seconds is not None and last.seconds < ISSUE_LIMIT
        shown = f"{last.seconds:.0f} s wall, {last.cpu:.0f} s CPU" if last.seconds is not None else "did not finish"
        out.append(f"issue {sizes[-1]:g} MB: {shown} (goal < {ISSUE_LIMIT:g} s): {'OK' if ok else 'BELOW TARGET'}")
    if kind == "archive":
        ratio = figures[-1].rss_mb / figures[0].rss_mb
        ok = ratio <= RSS_LIMIT
        out.append(f"archive peak RSS ×{ratio:.2f} from {sizes[0]:g} to {sizes[-1]:g} issues "
                   f"(goal ≤ ×{RSS_LIMIT:g}): {'OK' if ok else 'BELOW TARGET'}")
    return out


if __name__ == "__main__":
    main()
