"""Precision of ``bilingual check`` in source-aware mode on real community translations.

Checks every translation in tests/fixtures/real (diffusers docs zh/ja, Vue guide zh/ja) against its
en.md with glossary/ml.yaml, and compares the findings with the hand labels in
benchmarks/labels/precision.json: each label says whether a finding is a real problem a reviewer
would act on, or a false positive, and why. Labels are keyed by ``file:line:rule:found`` so they
survive changes elsewhere; they cover findings of the reviewer before issue #13 and after it.

Prints, per rule and overall: findings (error and warning; info separately), labelled, real,
false positives, precision = real / labelled; findings not labelled yet; and every labelled real
problem the run no longer reports (a real problem is still reported when a finding points the
reviewer at the same file and line, or when the file gets the one "translates another version"
finding that replaces all its pair findings). Exit status 1 when overall precision is below 90% or a real problem is lost.
With ``--no-glossary`` the run has no glossary (the glossary term rules do not run, consistency
aligns terms with the source); labels are shared, and only the findings of that run are counted
(so no real problem counts as lost).

    .venv/bin/python benchmarks/bench_precision.py [--labels FILE] [--show-unlabelled] [--no-glossary]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real"
LABELS = ROOT / "benchmarks" / "labels" / "precision.json"
GOAL = 0.9


def key(file: str, line: int, rule: str, found: str | None, expected: str | None = None) -> str:
    """The stable key of a finding: its file relative to the corpus, line, rule and text found.

    A finding of something missing has no text found: its key ends with ``-`` and what was expected.
    """
    rel = Path(file).resolve().relative_to(REAL.resolve()).as_posix()
    return f"{rel}:{line}:{rule}:{found if found is not None else '-' + (expected or '')}"


def run(glossary: bool = True) -> list:
    from bilingual.checks import check_paths
    from bilingual.glossary.load import load_glossary

    terms = load_glossary([ROOT / "glossary" / "ml.yaml"]) if glossary else None
    return list(check_paths([REAL], None, None, terms).violations)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--show-unlabelled", action="store_true")
    parser.add_argument("--no-glossary", action="store_true", help="check without a glossary")
    args = parser.parse_args()
    labels: dict[str, dict] = json.loads(args.labels.read_text(encoding="utf-8"))["labels"]
    findings = run(not args.no_glossary)
    acted = [v for v in findings if v.severity != "info"]
    keys = {key(v.file, v.line, v.rule, v.found, v.expected): v for v in findings}
    by_rule: dict[str, Counter] = {}
    unlabelled = []
    for v in acted:
        k = key(v.file, v.line, v.rule, v.found, v.expected)
        c = by_rule.setdefault(v.rule, Counter())
        c["findings"] += 1
        label = labels.get(k)
        if label is None:
            unlabelled.append(k)
            continue
        c["labelled"] += 1
        c["real" if label["label"] == "real" else "false positive"] += 1
    infos = Counter(v.rule for v in findings if v.severity == "info")
    print(f"{len(findings)} findings on {len({v.file for v in findings})} real translations: "
          f"{sum(v.severity == 'error' for v in findings)} errors, {sum(v.severity == 'warning' for v in findings)} "
          f"warnings, {sum(infos.values())} info ({', '.join(f'{r} {n}' for r, n in sorted(infos.items()))})")
    print(f"{'rule':16}{'findings':>10}{'labelled':>10}{'real':>7}{'false+':>8}{'precision':>11}")
    total = Counter()
    for rule, c in sorted(by_rule.items()):
        total.update(c)
        precision = f"{c['real'] / c['labelled']:.0%}" if c["labelled"] else "-"
        print(f"{rule:16}{c['findings']:>10}{c['labelled']:>10}{c['real']:>7}{c['false positive']:>8}{precision:>11}")
    overall = total["real"] / total["labelled"] if total["labelled"] else 0.0
    print(f"{'overall':16}{total['findings']:>10}{total['labelled']:>10}{total['real']:>7}"
          f"{total['false positive']:>8}{overall:>11.0%}")
    whole = {Path(v.file).resolve() for v in findings if v.rule == "structure" and "another version" in v.message}
    reported = {(Path(v.file).resolve(), v.line) for v in findings}
    lost = []
    for k, label in labels.items():
        if label["label"] != "real" or k in keys or args.no_glossary:
            continue
        rel, line, _rule, _ = k.split(":", 3)
        path = (REAL / rel).resolve()
        if (path, int(line)) not in reported and path not in whole:
            lost.append(k)
    print(f"{len(labels)} labels ({sum(1 for x in labels.values() if x['label'] == 'real')} real, "
          f"{sum(1 for x in labels.values() if x['label'] != 'real')} false positive); "
          f"{len(unlabelled)} findings not labelled; {len(lost)} labelled real problems no longer reported")
    for k in lost:
        print(f"  lost: {k} ({labels[k]['reason']})")
    if args.show_unlabelled:
        for k in unlabelled:
            print(f"  unlabelled: {k}")
    met = overall >= GOAL and not lost
    print(f"goal (precision >= {GOAL:.0%}, no real problem lost): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
