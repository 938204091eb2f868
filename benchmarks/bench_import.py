"""How much of a team's human translation ``bilingual import`` adopts, on real projects.

For every page of the real corpora in tests/fixtures (real, real_test, real_test2: each page an
``en.md`` with the project's own human ``zh.md``/``ja.md``), in a temporary copy:

1. ``bilingual import`` (the library call the command makes), then
2. ``bilingual translate --engine pseudo --no-glossary`` (so every sentence the import did not
   adopt visibly becomes pseudo text), and
3. the rebuilt edition is compared with the human file.

Per project (and language) it prints the share of the English sentences (those with words, the
ones a PO file holds) imported **approved**, imported **fuzzy**, **left in English** (the edition has
the English sentence as it is: not imported, so the engine gets it) and **not aligned**, and the share
of the human file's characters (white space aside) that reach the rebuilt edition unchanged
(difflib: lines first, then characters inside the lines that differ).

    .venv/bin/python benchmarks/bench_import.py [--json] [--corpus real|real_test|real_test2 ...]
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPORA = ("real", "real_test", "real_test2")
#: How each project publishes its translations (for the table), from the corpora's READMEs.
KINDS = {"diffusers": "doc-builder", "vue": "VitePress", "opentelemetry": "Hugo", "chaos-mesh": "Docusaurus",
         "pinia": "VitePress", "comprehensive-rust": "mdBook + PO", "cloudwego": "Hugo (zh first)",
         "volcano": "Docusaurus", "vue-router": "VitePress", "rust-by-example": "mdBook + PO"}


def kept_characters(human: str, rebuilt: str) -> tuple[int, int]:
    """(characters of ``human`` that reach ``rebuilt`` unchanged, all its characters), white space aside."""
    def solid(text: str) -> int:
        return sum(1 for c in text if not c.isspace())

    mine, theirs = human.splitlines(), rebuilt.splitlines()
    kept = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_opcodes():
        if tag == "equal":
            kept += sum(solid(line) for line in mine[i1:i2])
        elif tag == "replace":
            a, b = "\n".join(mine[i1:i2]), "\n".join(theirs[j1:j2])
            blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
            kept += sum(solid(a[m.a : m.a + m.size]) for m in blocks)
    return kept, solid(human)


def measure(page: Path, lang: str, work: Path) -> dict[str, int]:
    """Import one page's human edition, translate it with pseudo, and count."""
    from bilingual.adopt.adoption import adopt
    from bilingual.engines.registry import make_engine
    from bilingual.layout import find_jobs
    from bilingual.run import translate_archive

    folder = work / f"{page.parent.name}-{page.name}-{lang}"
    folder.mkdir()
    shutil.copy(page / "en.md", folder / "en.md")
    shutil.copy(page / f"{lang}.md", folder / f"{lang}.md")
    human = (folder / f"{lang}.md").read_text(encoding="utf-8")
    adoption = adopt([folder], [lang])
    translate_archive(find_jobs([folder]), [lang], make_engine("pseudo", None), None, None, (), False, False)
    kept, total = kept_characters(human, (folder / f"{lang}.md").read_text(encoding="utf-8"))
    counts = {key: adoption.total(key) for key in ("approved", "fuzzy", "english", "unaligned", "sentences")}
    return {**counts, "kept": kept, "characters": total, "messages": sum(len(i.messages) for i in adoption.imported)}


def run(corpora: list[str]) -> dict[str, dict[str, int]]:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in corpora:
            for project in sorted(p for p in (FIXTURES / corpus).iterdir() if p.is_dir()):
                for page in sorted(p for p in project.iterdir() if (p / "en.md").is_file()):
                    for lang in ("zh", "ja"):
                        if (page / f"{lang}.md").is_file():
                            for key, value in measure(page, lang, Path(tmp)).items():
                                totals[f"{project.name} {lang}"][key] += value
                                totals[f"{project.name} {lang}"]["pages"] += key == "sentences"
    return {name: dict(values) for name, values in totals.items()}


def table(results: dict[str, dict[str, int]]) -> str:
    def pct(part: int, whole: int) -> str:
        return f"{100 * part / whole:.0f}%" if whole else "–"

    rows = ["| project (kind) | lang | pages | sentences | approved | fuzzy | left in English | not aligned | human characters kept |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    every: dict[str, int] = defaultdict(int)
    for name, r in sorted(results.items()):
        project, lang = name.rsplit(" ", 1)
        rows.append(f"| {project} ({KINDS.get(project, '?')}) | {lang} | {r['pages']} | {r['sentences']} | "
                    f"{pct(r['approved'], r['sentences'])} | {pct(r['fuzzy'], r['sentences'])} | "
                    f"{pct(r['english'], r['sentences'])} | {pct(r['unaligned'], r['sentences'])} | {pct(r['kept'], r['characters'])} |")
        for key, value in r.items():
            every[key] += value
    rows.append(f"| all | | {every['pages']} | {every['sentences']} | {pct(every['approved'], every['sentences'])} | "
                f"{pct(every['fuzzy'], every['sentences'])} | {pct(every['english'], every['sentences'])} | "
                f"{pct(every['unaligned'], every['sentences'])} | {pct(every['kept'], every['characters'])} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="corpora to run (default: all)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    results = run(args.corpus or list(CORPORA))
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
