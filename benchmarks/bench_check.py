"""Benchmark ``bilingual check`` over a generated archive of issues, both languages.

Builds a temporary archive of N issue folders from the fixture pair in tests/fixtures/check
(each issue's en.md, zh.md and ja.md are the fixture's body repeated --repeat times, about the
size of a real issue; every other issue gets the bad editions), then times:

- baseline: parsing every source and edition with bilingual.document.markdown.parse (the floor);
- check:    check_paths over the archive with the glossary (glossary/ml.yaml if present), in one
            process and then with the default one process per CPU.

Prints the times, per-file figures and the ratios to the baseline. Run:

    .venv/bin/python benchmarks/bench_check.py [--issues 100] [--repeat 4]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "check"


def _body(text: str, repeat: int) -> str:
    """The file with its body (everything after the front matter) repeated ``repeat`` times."""
    _, front, body = text.split("---\n", 2)
    return "---\n" + front + "---\n" + ("\n".join([body] * repeat))


def build(folder: Path, issues: int, repeat: int) -> None:
    texts = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in
             ("en.md", "good.zh.md", "good.ja.md", "bad.zh.md", "bad.ja.md")}
    for n in range(1, issues + 1):
        issue = folder / f"{n:03d}"
        issue.mkdir(parents=True)
        kind = "bad" if n % 2 == 0 else "good"
        (issue / "en.md").write_text(_body(texts["en.md"], repeat), encoding="utf-8")
        for lang in ("zh", "ja"):
            (issue / f"{lang}.md").write_text(_body(texts[f"{kind}.{lang}.md"], repeat), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()

    from bilingual.checks import check_paths
    from bilingual.glossary.load import load_glossary
    from bilingual.document.markdown import parse

    ml = ROOT / "glossary" / "ml.yaml"
    glossary_path = ml if ml.is_file() else FIXTURES / "glossary.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "issues"
        build(archive, args.issues, args.repeat)
        files = sorted(archive.rglob("*.md"))
        lines = sum(f.read_text(encoding="utf-8").count("\n") + 1 for f in files)

        start = time.perf_counter()
        for f in files:
            parse(f.read_text(encoding="utf-8"), str(f))
        baseline = time.perf_counter() - start

        start = time.perf_counter()
        glossary = load_glossary([glossary_path])
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        single = check_paths([archive], None, None, glossary, jobs=1)
        one = time.perf_counter() - start
        start = time.perf_counter()
        result = check_paths([archive], None, None, glossary)
        checked = time.perf_counter() - start
        assert result == single

    editions = len(result.files)
    print(f"archive: {args.issues} issues, {editions} editions + {args.issues} sources, {lines} lines; "
          f"glossary {glossary_path.relative_to(ROOT)} ({len(glossary)} terms)")
    print(f"baseline (parse every file):  {baseline:6.2f} s  {1000 * baseline / len(files):6.1f} ms/file")
    print(f"glossary load + matcher:      {loaded:6.2f} s")
    print(f"check, one process:           {one:6.2f} s  {1000 * one / editions:6.1f} ms/edition  "
          f"ratio to baseline {one / baseline:5.2f}")
    print(f"check, {os.cpu_count()} processes (default): {checked:6.2f} s  {1000 * checked / editions:6.1f} ms/edition  "
          f"ratio to baseline {checked / baseline:5.2f}")
    print(f"found: {result.errors} errors, {result.warnings} warnings")


if __name__ == "__main__":
    main()
