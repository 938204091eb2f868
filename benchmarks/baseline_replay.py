"""Replay ``check --baseline`` over a year of a real project's history (#23: a CI gate people keep on).

A team adopts the gate at an older commit: it checks its translated pages, reviews the findings once and
accepts them (``--write-baseline``). A year of edits later, the same pages are checked against that
baseline, as CI would check them. This reports, per project, what the gate says then: errors and
warnings without the baseline and with it (only the new ones), how many pages fail either way, how
many accepted findings are no longer found, and, with labels, how many of the new findings are real.

The pages are committed as fixtures (tests/fixtures/baseline_replay/<project>/<page>/{before,after}/),
each copied byte for byte from the project's repository at the two commits (see the folder's README).
``--extract`` made them from a local clone, choosing pages by a rule fixed before any was read:

* C1 is the repository's newest commit, C0 its last commit at least ``--days`` (365) days older;
* a page counts when it exists in English and Chinese at both commits and its Chinese file changed
  between them (a translation someone edited: what a CI gate checks);
* the shortest (English lines at C1) first, pages under 20 lines skipped, up to ``--pages`` (6).

    .venv/bin/python benchmarks/baseline_replay.py                 # the replay on the committed fixtures
    .venv/bin/python benchmarks/baseline_replay.py --extract REPO --name NAME --en docs/ --zh i18n/zh/.../current/
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "baseline_replay"
LABELS = ROOT / "benchmarks" / "labels" / "baseline_replay.json"
BILINGUAL = Path(sys.executable).parent / "bilingual"
GLOSSARY = ROOT / "glossary"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def blob(repo: Path, commit: str, path: str) -> bytes | None:
    done = subprocess.run(["git", "-C", str(repo), "cat-file", "blob", f"{commit}:{path}"], capture_output=True)
    return done.stdout if done.returncode == 0 else None


def extract(repo: Path, name: str, en: str, zh: str, days: int, pages: int) -> None:
    """Copy the chosen pages of ``repo`` at C0 and C1 into the fixtures (see the module's docstring)."""
    c1 = git(repo, "rev-parse", "HEAD").strip()
    newest = int(git(repo, "log", "-1", "--format=%ct", c1))
    c0 = git(repo, "rev-list", "-1", f"--before={newest - days * 86400}", c1).strip()
    changed = set(git(repo, "diff", "--name-only", c0, c1, "--", zh).split())
    chosen = []
    for zh_path in sorted(changed):
        if not zh_path.endswith((".md", ".mdx")):
            continue
        en_path = en + zh_path[len(zh):]
        files = {(side, commit): blob(repo, commit, path) for side, path in (("en", en_path), ("zh", zh_path)) for commit in (c0, c1)}
        if any(data is None for data in files.values()):
            continue
        lines = files[("en", c1)].count(b"\n")
        if lines >= 20:
            chosen.append((lines, en_path, zh_path, files))
    chosen.sort(key=lambda c: (c[0], c[1]))
    target = FIXTURES / name
    shutil.rmtree(target, ignore_errors=True)
    for _, en_path, _, files in chosen[:pages]:
        page = en_path[len(en):].rsplit(".", 1)[0].replace("/", "-")
        for commit, when in ((c0, "before"), (c1, "after")):
            folder = target / page / when
            folder.mkdir(parents=True)
            (folder / "en.md").write_bytes(files[("en", commit)])
            (folder / "zh.md").write_bytes(files[("zh", commit)])
    print(f"{name}: C0 {c0} ({git(repo, 'log', '-1', '--format=%cs', c0).strip()}), C1 {c1} "
          f"({git(repo, 'log', '-1', '--format=%cs', c1).strip()}); {len(changed)} Chinese files changed, "
          f"{len(chosen)} pages qualify, {min(len(chosen), pages)} taken: "
          + ", ".join(en_path[len(en):] for _, en_path, _, _ in chosen[:pages]))


def check(folder: Path, *extra: str) -> dict:
    done = subprocess.run([str(BILINGUAL), "check", ".", "-g", str(GLOSSARY), "--format", "json", *extra],
                          cwd=folder, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"check failed in {folder}: {done.stderr}")
    return json.loads(done.stdout)


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["severity"] in ("error", "warning")]


def replay(labels: dict[str, str]) -> None:
    """Each project: the pages at C0, accepted; the same pages at C1, checked against that baseline."""
    totals = [0] * 9
    print(f"{'project':<18}{'pages':>6}{'C0 found':>10}{'C1 without':>12}{'failing':>9}{'C1 new':>8}{'failing':>9}"
          f"{'gone':>6}{'labelled':>10}{'real':>6}{'precision':>11}")
    for project in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        pages = sorted(p for p in project.iterdir() if p.is_dir())
        with tempfile.TemporaryDirectory(prefix="replay-") as tmp:
            work = Path(tmp) / project.name
            for page in pages:
                shutil.copytree(page / "before", work / page.name)
            first = check(work, "--write-baseline", str(Path(tmp) / "baseline.json"))
            for page in pages:
                shutil.rmtree(work / page.name)
                shutil.copytree(page / "after", work / page.name)
            plain = serious(check(work)["violations"])
            gated = check(work, "--baseline", str(Path(tmp) / "baseline.json"))
        new = serious(gated["violations"])
        accepted = len(serious(gated["baseline"]["accepted"]))
        found_before = len(serious(first["violations"]))
        keys = [f"{project.name}/{v['file']}:{v['line']}:{v['rule']}:{v['found']}" for v in new]
        labelled = [labels[k] for k in keys if k in labels]
        real = sum(1 for label in labelled if label == "real")
        failing = len({v["file"] for v in plain})
        failing_new = len({v["file"] for v in new})
        precision = f"{real / len(labelled):.0%}" if labelled else "-"
        print(f"{project.name:<18}{len(pages):>6}{found_before:>10}{len(plain):>12}{failing:>9}{len(new):>8}{failing_new:>9}"
              f"{found_before - accepted:>6}{len(labelled):>10}{real:>6}{precision:>11}")
        for n, value in enumerate((len(pages), found_before, len(plain), failing, len(new), failing_new,
                                   found_before - accepted, len(labelled), real)):
            totals[n] += value
        for v, key in zip(new, keys):
            if key not in labels:
                print(f"    unlabelled: {key}  {v['severity']} {v['rule']}: found {v['found']!r} expected {v['expected']!r}")
    precision = f"{totals[8] / totals[7]:.0%}" if totals[7] else "-"
    print(f"{'all':<18}" + "".join(f"{value:>{width}}" for value, width in zip(totals, (6, 10, 12, 9, 8, 9, 6, 10, 6)))
          + f"{precision:>11}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extract", type=Path, metavar="REPO", help="a local clone to take pages from")
    parser.add_argument("--name", help="--extract: the project's folder name")
    parser.add_argument("--en", help="--extract: the English pages' folder in the repository (with a trailing /)")
    parser.add_argument("--zh", help="--extract: the Chinese pages' folder (with a trailing /)")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--pages", type=int, default=6)
    args = parser.parse_args()
    if args.extract:
        extract(args.extract, args.name, args.en, args.zh, args.days, args.pages)
        return
    labels = json.loads(LABELS.read_text(encoding="utf-8")) if LABELS.is_file() else {}
    replay({k: v["label"] for k, v in labels.items()})


if __name__ == "__main__":
    main()
