"""Make ``src/bilingual/data/calibration.json`` from the committed labels, and estimate how it generalises.

``bilingual check`` grades a kind of finding (``checks.calibration.kind_of``: rule, sides, table
cell or not) as info when reviewers labelled at least ``--minimum`` of its errors and warnings
and fewer than ``--threshold`` of them were real. This script counts those labels: it checks
every labelled corpus of ``bench_precision.py`` named in ``POOLED`` (development and test sets 1
to 8; set 9 is held out: it measures this calibration), takes each
error and warning at the severity its rule gave it (before any grading), and pools its label
per kind.

``--cross-validate`` says how well such pooling generalises, without a new test set: for each
project in turn, the calibration is made from every *other* project's labels and that project's
precision (errors and warnings, labelled) is measured with it, before and after.

    .venv/bin/python benchmarks/calibrate.py [--write] [--cross-validate]

Without ``--write`` it prints the table and exits 1 when the committed file differs from it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "bilingual" / "data" / "calibration.json"
THRESHOLD = 0.85  # the goal for errors and warnings on every project
MINIMUM = 5  # fewer labels than this say too little about a kind
#: The labelled corpora pooled (test9 measured round 10, which this calibration is: it is held out).
POOLED = ("development", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")


def labelled_findings() -> list[tuple[str, str, str]]:
    """(project, kind, label) of every labelled error and warning, at its rule's own severity."""
    import bench_precision as bp

    from bilingual.checks.calibration import calibrated

    out = []
    for corpus in POOLED:
        base, labels_path, _goal = bp.CORPORA[corpus]
        labels = json.loads(labels_path.read_text(encoding="utf-8"))["labels"]
        for v in bp.run(True, base):
            if (v.graded_from or v.severity) == "info" or v.kind is None or not calibrated(v.kind):
                continue
            k = bp.key(v.file, v.line, v.rule, v.found, v.expected, base)
            label = labels.get(k) or bp.same_problem(labels, k)
            if label is not None:
                out.append((f"{corpus}/{k.split('/', 1)[0]}", v.kind, "real" if label["label"] == "real" else "false"))
    return out


def pool(rows: list[tuple[str, str, str]]) -> dict[str, dict[str, int]]:
    kinds: dict[str, Counter] = {}
    for _project, kind, label in rows:
        c = kinds.setdefault(kind, Counter())
        c["labelled"] += 1
        c["real"] += label == "real"
    return {k: {"labelled": c["labelled"], "real": c["real"]} for k, c in sorted(kinds.items())}


def document(rows: list[tuple[str, str, str]], threshold: float, minimum: int) -> dict:
    import bench_precision as bp

    digest = hashlib.sha256()
    for corpus in POOLED:
        digest.update(bp.CORPORA[corpus][1].read_bytes())
    return {"about": "Made by benchmarks/calibrate.py from the labels named below; do not edit by hand "
                     "(see bilingual.checks.calibration).",
            "labels": [str(bp.CORPORA[c][1].relative_to(ROOT)) for c in POOLED],
            "labels_sha256": digest.hexdigest(), "threshold": threshold, "minimum": minimum,
            "projects": len({p for p, _k, _l in rows}), "kinds": pool(rows)}


def demoted(kinds: dict[str, dict[str, int]], threshold: float, minimum: int) -> set[str]:
    return {k for k, c in kinds.items() if c["labelled"] >= minimum and c["real"] / c["labelled"] < threshold}


def cross_validate(rows: list[tuple[str, str, str]], threshold: float, minimum: int) -> None:
    projects = sorted({p for p, _k, _l in rows})
    print(f"leave-one-project-out: {len(projects)} projects, threshold {threshold:.0%}, minimum {minimum} labels")
    print(f"{'project':34}{'before':>16}{'after':>16}")
    met = Counter()
    total = Counter()
    for project in projects:
        others = [r for r in rows if r[0] != project]
        down = demoted(pool(others), threshold, minimum)
        mine = [r for r in rows if r[0] == project]
        kept = [r for r in mine if r[1] not in down]
        before = sum(r[2] == "real" for r in mine), len(mine)
        after = sum(r[2] == "real" for r in kept), len(kept)
        for name, (real, n) in (("before", before), ("after", after)):
            met[name] += n == 0 or real / n >= threshold
            total[name + " real"] += real
            total[name + " n"] += n
        print(f"{project:34}{before[0]:>6}/{before[1]:<4}{before[0] / before[1] if before[1] else 1:>5.0%}"
              f"{after[0]:>6}/{after[1]:<4}{after[0] / after[1] if after[1] else 1:>5.0%}")
    for name in ("before", "after"):
        print(f"{name}: {met[name]} of {len(projects)} projects at >= {threshold:.0%}; pooled "
              f"{total[name + ' real']}/{total[name + ' n']} = {total[name + ' real'] / total[name + ' n']:.0%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write the calibration file")
    parser.add_argument("--cross-validate", action="store_true", help="leave-one-project-out estimate")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--minimum", type=int, default=MINIMUM)
    args = parser.parse_args()
    rows = labelled_findings()
    doc = document(rows, args.threshold, args.minimum)
    down = demoted(doc["kinds"], args.threshold, args.minimum)
    for kind, c in doc["kinds"].items():
        print(f"{kind:40}{c['real']:>5}/{c['labelled']:<5}{c['real'] / c['labelled']:>5.0%}"
              f"{'  -> info' if kind in down else ''}")
    if args.cross_validate:
        cross_validate(rows, args.threshold, args.minimum)
    text = json.dumps(doc, indent=1, sort_keys=True) + "\n"
    if args.write:
        from bilingual.storage import atomic_write_text

        atomic_write_text(OUT, text)
        print(f"wrote {OUT.relative_to(ROOT)}")
        return 0
    same = OUT.read_text(encoding="utf-8") == text
    print(f"{OUT.relative_to(ROOT)}: {'up to date' if same else 'OUT OF DATE: run with --write'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.exit(main())
