"""The corpus harness: public documentation repositories (benchmarks/corpus.toml) at pinned
commits, their English documents run through identity, pseudo and the coverage ledger.

Documents are read from a local cache of the repositories (``--cache DIR``, default
``~/.cache/bilingual-corpus``): one git repository per entry, ``owner+name/`` (a bare clone or a
mirror holding the pinned commit; ``--fetch`` clones missing ones from GitHub, the only step that
needs the network). Nothing is written outside the cache; the table is the harness's
(benchmarks/markdown_harness.py), one row per repository::

    python benchmarks/corpus.py --fetch              # clone what is missing, then run
    python benchmarks/corpus.py --cache DIR --json corpus.json   # DIR: bare git mirrors named owner+name
"""

from __future__ import annotations

import argparse
import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import markdown_harness  # noqa: E402

RESERVED = ("huggingface/course", "rust-lang/book", "kubernetes/website")


def repos() -> list[dict]:
    entries = tomllib.loads((HERE / "corpus.toml").read_text(encoding="utf-8"))["repo"]
    for entry in entries:
        if any(entry["name"].lower().startswith(r) for r in RESERVED):
            raise SystemExit(f"corpus.toml: {entry['name']} is reserved and may not be used")
    return entries


def _git_dir(cache: Path, name: str) -> Path | None:
    base = cache / name.replace("/", "+")
    for candidate in (base / "repo", base, base.with_suffix(".git")):
        if (candidate / "HEAD").is_file() or (candidate / ".git").exists():
            return candidate
    return None


def fetch(cache: Path, entry: dict) -> Path:
    folder = cache / entry["name"].replace("/", "+")
    subprocess.run(["git", "clone", "--bare", "--filter=blob:limit=1m", f"https://github.com/{entry['name']}.git", str(folder)],
                   check=True)
    return folder


def documents(git: Path, entry: dict) -> list[tuple[str, str]]:
    """The English documents of ``entry`` at its pinned commit: ``(path, text)``, at most ``limit``."""
    listing = subprocess.run(["git", "-C", str(git), "ls-tree", "-r", "--name-only", entry["commit"]],
                             check=True, capture_output=True, text=True).stdout.split("\n")
    paths = sorted(p for p in listing if any(fnmatch.fnmatch(p, g) for g in entry["english"]))
    out: list[tuple[str, str]] = []
    for path in paths[: entry.get("limit", 100)]:
        blob = subprocess.run(["git", "-C", str(git), "show", f"{entry['commit']}:{path}"], capture_output=True)
        try:
            out.append((path, blob.stdout.decode("utf-8")))
        except UnicodeDecodeError:
            continue
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "bilingual-corpus")
    parser.add_argument("--fetch", action="store_true", help="clone the repositories missing from the cache")
    parser.add_argument("--json", type=Path, help="write every row with examples here")
    args = parser.parse_args(argv)
    rows: list[markdown_harness.Row] = []
    for entry in repos():
        git = _git_dir(args.cache, entry["name"])
        if git is None and args.fetch:
            git = fetch(args.cache, entry)
        if git is None:
            print(f"{entry['name']}: not in {args.cache} (run with --fetch)", file=sys.stderr)
            continue
        row = markdown_harness.Row(f"{entry['name']} ({entry['generator']})")
        for path, text in documents(git, entry):
            markdown_harness.judge(path, text, row)
        rows.append(row)
    markdown_harness.report(rows, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
