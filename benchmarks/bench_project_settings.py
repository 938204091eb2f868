"""Would a per-project settings file that ``check`` suggests from a first run raise its precision? (issue #23)

The idea: what a project does on most of its pages is its convention (kept-English table labels, a shell
prompt added to commands, localised hosts), so a first run could suggest turning the project's most frequent
kinds of finding down to info, and a reviewer would confirm it once. This benchmark simulates accepting every
such suggestion, on the labelled test sets, with two ways of choosing what to suggest:

* ``frequent``:  a kind of finding (``checks.kinds``: rule, sides, place; ``--level`` of those parts) that comes
                 at least ``--minimum`` times, on at least ``--share`` of the project's pages with findings (two
                 pages at least);
* ``recurring``: the same finding (rule and the text found or expected: ``--same found|expected|both``) on at
                 least ``--pages`` pages of the project.

Reports per way the pooled precision of errors and warnings before and after, the projects at 85% or more
before and after, and the labelled real problems the suggestions would hide. A project is one language of
one project of a test set.

    .venv/bin/python benchmarks/bench_project_settings.py [--corpora test5 test6 ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_precision import CORPORA, key, run, same_problem

Row = dict[str, str]


def labelled_findings(corpus: str) -> dict[str, list[Row]]:
    """The errors and warnings of one test set, by project and language, each with its label (or none)."""
    base, labels_path, _ = CORPORA[corpus]
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["labels"]
    out: dict[str, list[Row]] = defaultdict(list)
    for v in run(True, base):
        if v.severity == "info":
            continue
        k = key(v.file, v.line, v.rule, v.found, v.expected, base)
        label = (labels.get(k) or same_problem(labels, k) or {}).get("label", "")
        rel = Path(v.file).resolve().relative_to(base.resolve())
        project = f"{corpus}/{rel.parts[0]}/{rel.name[:2]}"
        out[project].append({"file": str(rel), "kind": v.kind or v.rule, "rule": v.rule, "label": label,
                             "found": v.found or "", "expected": v.expected or ""})
    return out


def frequent(rows: list[Row], level: int, minimum: int, share: float) -> set[int]:
    """Indexes of the findings whose kind comes often and on many of the project's pages."""
    kinds: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        kinds["/".join(row["kind"].split("/")[:level])].append(i)
    pages = len({row["file"] for row in rows})
    return {i for found in kinds.values()
            if len(found) >= minimum and len({rows[i]["file"] for i in found}) >= max(2, share * pages) for i in found}


def recurring(rows: list[Row], same: str, pages: int) -> set[int]:
    """Indexes of the findings repeated, by rule and text, on at least ``pages`` of the project's pages."""
    def text(row: Row) -> tuple[str, ...]:
        return (row["rule"], *((row["found"],) if same in ("found", "both") else ()),
                *((row["expected"],) if same in ("expected", "both") else ()))

    where: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in rows:
        where[text(row)].add(row["file"])
    return {i for i, row in enumerate(rows) if len(where[text(row)]) >= pages}


def precision(rows: list[Row]) -> tuple[int, int]:
    c = Counter(row["label"] for row in rows)
    return c["real"], c["real"] + c["false positive"]


def simulate(projects: dict[str, list[Row]], name: str, hide) -> str:
    before, after, lost, at_before, at_after = [0, 0], [0, 0], 0, 0, 0
    for rows in projects.values():
        hidden = hide(rows)
        kept = [row for i, row in enumerate(rows) if i not in hidden]
        (rb, nb), (ra, na) = precision(rows), precision(kept)
        before, after = [before[0] + rb, before[1] + nb], [after[0] + ra, after[1] + na]
        lost += rb - ra
        at_before += bool(nb) and rb / nb >= 0.85
        at_after += bool(na) and ra / na >= 0.85
    pct = lambda real, total: f"{real / total:.0%}" if total else "-"
    return (f"{name:40} {pct(*before):>6} -> {pct(*after):>6}   projects at 85%: {at_before:>2} -> {at_after:>2} "
            f"of {sum(1 for rows in projects.values() if precision(rows)[1])}   real problems hidden: {lost} of {before[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="*", default=[f"test{n}" for n in range(5, 14)])
    args = parser.parse_args()
    projects: dict[str, list[Row]] = {}
    for corpus in args.corpora:
        projects.update(labelled_findings(corpus))
    print(f"{len(projects)} projects (one language each) of {', '.join(args.corpora)}; errors and warnings, pooled precision")
    for level in (1, 2, 3):
        for share in (0.3, 0.5, 0.7):
            for minimum in (3, 5):
                print(simulate(projects, f"frequent: level {level}, {share:.0%} of pages, {minimum}+",
                               lambda rows, l=level, s=share, m=minimum: frequent(rows, l, m, s)))
    for same in ("both", "found", "expected"):
        for pages in (2, 3):
            print(simulate(projects, f"recurring: same {same}, {pages}+ pages",
                           lambda rows, s=same, p=pages: recurring(rows, s, p)))


if __name__ == "__main__":
    main()
