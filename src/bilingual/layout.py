"""Which files a run reads and writes: issue folders, plain Markdown files, folders of either, and the
names of the views a document gets beside its editions (:class:`OutputPaths`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

ISSUE_SOURCE = "en.md"
#: A file named for a language: ``zh.md``, ``ja.po``, ``news-24.zh.md``, ``zh_CN.po``, ``x.zh-Hans.md``.
_NAMED = re.compile(r"^(?:(?P<stem>.+)\.)?(?P<tag>(?P<lang>[a-z]{2,3})(?:[-_][A-Za-z0-9]+)?)\.(?P<ext>md|po)$")


@dataclass(frozen=True)
class LanguageFile:
    """What a Markdown or PO file's name says: ``news-24.zh-Hans.md`` → stem ``news-24``, tag
    ``zh-Hans``, language ``zh``, extension ``md``; ``zh.po`` has no stem."""

    stem: str | None
    tag: str
    lang: str
    ext: str


def language_file(name: str) -> LanguageFile | None:
    """The parts of a file name that names a language (two or three letters, a region or script
    after ``-`` or ``_``), or None."""
    match = _NAMED.match(name)
    return LanguageFile(match["stem"], match["tag"], match["lang"], match["ext"]) if match else None


def named_language(name: str) -> str | None:
    """The two-letter language code a Markdown or PO file's name gives, or None:
    ``zh.md``, ``ja.po``, ``news-24.zh.md``, ``zh_CN.po`` → zh, ja, zh, zh."""
    named = language_file(name)
    return named.lang if named is not None and len(named.lang) == 2 else None


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


@dataclass(frozen=True)
class OutputPaths:
    """Where the aligned views and the report of one document go."""

    aligned_md: Path
    aligned_html: Path
    tmx: Path
    report_md: Path
    report_html: Path

    @classmethod
    def beside(cls, source: Path, folder: Path | None = None, tmx: Path | None = None) -> OutputPaths:
        """The paths for ``source`` (``en.md`` of an issue folder, or ``name.md``), in ``folder`` if given."""
        source = Path(source)
        folder = Path(folder) if folder is not None else source.parent
        if source.name == "en.md":
            name = source.resolve().parent.name
            names = ("aligned.md", "aligned.html", f"{name}.tmx", "report.md", "report.html")
        else:
            stem = source.stem
            names = (f"{stem}.aligned.md", f"{stem}.aligned.html", f"{stem}.tmx", f"{stem}.report.md", f"{stem}.report.html")
        paths = [folder / n for n in names]
        if tmx is not None:
            paths[2] = Path(tmx)
        return cls(*paths)


def is_edition(path: Path) -> bool:
    """A Markdown file named as another file's translation: ``news-24.zh.md``."""
    named = language_file(path.name)
    return bool(named is not None and len(named.lang) == 2 and named.stem and named.ext == "md")


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
        elif (path.suffix == ".md" and named_language(path.name)) or path.name.endswith(("aligned.md", "report.md")):
            continue
        else:
            jobs.append(Job(path, False, rel))
    return jobs
