"""Precision by kind of finding, pooled over labelled projects: would grading by pooled evidence generalise?

A finding's kind (``bilingual.checks.kinds.kind_of``) is its rule, which sides it names, where it
sits (table cell, heading, list item, other text) and its rule's severity. This benchmark checks
every labelled corpus of ``bench_precision.py`` named in ``--pooled``, pools the hand labels of
each error and warning by kind, and asks whether grading a kind as info when its pooled precision
is under ``--threshold`` (with at least ``--minimum`` labels) would meet the goal of issue #23
(errors and warnings at >= 85% precision on every project):

* leave-one-project-out: each project measured with the kinds demoted by every *other* project's labels;
* held out: each project of ``--held-out`` (test sets labelled after the pooled ones) measured with
  the kinds demoted by all the pooled labels.

Round 10 of issue #23 shipped this grading, measured it on test set 9 (held out) and took it back:
see README, "Reviewer precision".

    .venv/bin/python benchmarks/bench_kinds.py [--held-out test9 test10] [--threshold 0.85] [--minimum 5]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOLED = ("development", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")

Row = tuple[str, str, bool]  # (corpus/project, kind, real)


def labelled(corpus: str) -> list[Row]:
    """(project, kind, real) of every labelled error and warning of ``corpus`` (consistency findings have no kind)."""
    import bench_precision as bp

    base, labels_path, _goal = bp.CORPORA[corpus]
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["labels"]
    out = []
    for v in bp.run(True, base):
        if v.severity == "info" or v.kind is None:
            continue
        k = bp.key(v.file, v.line, v.rule, v.found, v.expected, base)
        label = labels.get(k) or bp.same_problem(labels, k)
        if label is not None:
            out.append((f"{corpus}/{k.split('/', 1)[0]}", v.kind, label["label"] == "real"))
    return out


def pool(rows: list[Row]) -> dict[str, tuple[int, int]]:
    """Per kind: (labelled, real)."""
    n: Counter = Counter()
    real: Counter = Counter()
    for _project, kind, is_real in rows:
        n[kind] += 1
        real[kind] += is_real
    return {k: (n[k], real[k]) for k in sorted(n)}


def demoted(kinds: dict[str, tuple[int, int]], threshold: float, minimum: int) -> frozenset[str]:
    """The kinds with at least ``minimum`` labels whose pooled precision is under ``threshold``."""
    return frozenset(k for k, (n, real) in kinds.items() if n >= minimum and real / n < threshold)


def precision(rows: list[Row], down: frozenset[str] = frozenset()) -> tuple[int, int]:
    """(real, labelled) of the rows whose kind stays an error or warning."""
    kept = [r for r in rows if r[1] not in down]
    return sum(r[2] for r in kept), len(kept)


def compare(title: str, groups: dict[str, tuple[list[Row], frozenset[str]]], threshold: float) -> None:
    """Print each project's precision before and after its demotions, and how many meet the goal."""
    print(title)
    print(f"{'project':34}{'before':>16}{'after':>16}")
    met: Counter = Counter()
    totals: Counter = Counter()
    for project, (rows, down) in sorted(groups.items()):
        cells = []
        for name, (real, n) in (("before", precision(rows)), ("after", precision(rows, down))):
            met[name] += n == 0 or real / n >= threshold
            totals[name, "real"] += real
            totals[name, "n"] += n
            cells.append(f"{real:>6}/{n:<4}{real / n if n else 1:>5.0%}")
        print(f"{project:34}{''.join(cells)}")
    for name in ("before", "after"):
        real, n = totals[name, "real"], totals[name, "n"]
        print(f"{name}: {met[name]} of {len(groups)} projects at >= {threshold:.0%}; pooled {real}/{n} = "
              f"{real / n if n else 1:.0%}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held-out", nargs="*", default=["test9"], help="corpora measured with the pooled grading")
    parser.add_argument("--threshold", type=float, default=0.85)
    parser.add_argument("--minimum", type=int, default=5)
    args = parser.parse_args()
    rows = [r for corpus in POOLED for r in labelled(corpus)]
    kinds = pool(rows)
    down = demoted(kinds, args.threshold, args.minimum)
    print(f"pooled over {len({r[0] for r in rows})} projects ({', '.join(POOLED)}): {len(rows)} labelled findings")
    for kind, (n, real) in kinds.items():
        print(f"{kind:44}{real:>5}/{n:<5}{real / n:>5.0%}{'  -> info' if kind in down else ''}")
    print()
    projects = sorted({r[0] for r in rows})
    compare("leave-one-project-out", {
        p: ([r for r in rows if r[0] == p],
            demoted(pool([r for r in rows if r[0] != p]), args.threshold, args.minimum)) for p in projects},
        args.threshold)
    held = [r for corpus in args.held_out for r in labelled(corpus)]
    if held:
        compare(f"held out ({', '.join(args.held_out)}), graded by all the pooled labels",
                {p: ([r for r in held if r[0] == p], down) for p in sorted({r[0] for r in held})}, args.threshold)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.exit(main())
