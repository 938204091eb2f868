"""Which files a run reads and writes: issue folders, plain Markdown files, folders of either."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

EDITION_RE = re.compile(r"\.(zh|ja|[a-z]{2}(?:-[A-Za-z]+)?)\.md$")
ISSUE_SOURCE = "en.md"


@dataclass(frozen=True)
class Job:
    """One source file and where its editions go."""

    source: Path
    issue: bool  # an issue folder: editions are zh.md / ja.md beside en.md
    rel: Path  # the source's path relative to the argument it came from (for --out)

    def edition(self, lang: str, out: Path | None = None) -> Path:
        return self._sibling(f"{lang}.md" if self.issue else f"{self.source.stem}.{lang}.md", out)

    def po(self, lang: str, out: Path | None = None) -> Path:
        return self._sibling(f"{lang}.po" if self.issue else f"{self.source.stem}.{lang}.po", out)

    def sibling(self, name: str, out: Path | None = None) -> Path:
        return self._sibling(name, out)

    def _sibling(self, name: str, out: Path | None) -> Path:
        base = (out / self.rel.parent) if out is not None else self.source.parent
        return base / name


def is_edition(path: Path) -> bool:
    return bool(EDITION_RE.search(path.name))


def find_jobs(paths: list[Path]) -> list[Job]:
    """Resolve command-line paths into jobs, in a stable order, without duplicates."""
    jobs: list[Job] = []
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder; check the path", path)
        if path.is_file():
            if path.suffix.lower() not in (".md", ".markdown"):
                raise InputError("is not a Markdown file (.md); pass an issue folder or a .md file", path)
            jobs.append(Job(path, path.name == ISSUE_SOURCE, Path(path.parent.name if path.name == ISSUE_SOURCE else "") / path.name))
        elif (path / ISSUE_SOURCE).is_file():
            jobs.append(Job(path / ISSUE_SOURCE, True, Path(path.resolve().name) / ISSUE_SOURCE))
        else:
            jobs.extend(_walk(path))
    seen: set[Path] = set()
    unique = []
    for job in jobs:
        key = job.source.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(job)
    if not unique:
        raise InputError("holds no Markdown sources (en.md or *.md); pass an issue folder or a .md file", paths[0])
    return unique


def _walk(folder: Path) -> list[Job]:
    jobs: list[Job] = []
    for path in sorted(folder.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        rel = path.relative_to(folder)
        if path.name == ISSUE_SOURCE:
            jobs.append(Job(path, True, rel))
        elif (path.parent / ISSUE_SOURCE).is_file() or is_edition(path):
            continue
        elif re.fullmatch(r"[a-z]{2}\.md", path.name) or path.name.endswith(("aligned.md", "report.md")):
            continue
        else:
            jobs.append(Job(path, False, rel))
    return jobs
