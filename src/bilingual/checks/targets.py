"""Which files ``bilingual check`` checks: editions, PO files, issue folders and folders of them, each
with its language and the English source it translates. Nothing here reads a file's text
(only an ``en.md`` named as a target, to report an unreadable source as what it is).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..languages import TARGETS
from ..layout import ISSUE_SOURCE, named_language


@dataclass(frozen=True)
class Target:
    """One file to check, its language, and the English source it translates (None: target-only)."""

    path: Path
    lang: str | None  # None for a PO file whose language comes from its header
    source: Path | None = None

    @property
    def is_po(self) -> bool:
        return self.path.suffix.lower() == ".po"


def edition_lang(path: Path) -> str | None:
    """The language a file name says: ``zh.md``, ``ja.po``, ``news-24.zh.md`` → zh / ja."""
    lang = named_language(path.name)
    return lang if lang in TARGETS else None


def find_targets(paths: Sequence[Path], lang: str | None = None, source: Path | None = None) -> list[Target]:
    """Resolve command-line paths into targets, in a stable order, without duplicates."""
    if source is not None and not source.is_file():
        raise InputError("no such source file; check --source", source)
    found: list[Target] = []
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder; check the path", path)
        if path.is_dir():
            found.extend(_walk(path, lang, source))
        elif path.name == ISSUE_SOURCE:
            found.extend(_source_named(path, lang, source))
        elif path.suffix.lower() in (".md", ".markdown", ".po"):
            own = lang or edition_lang(path)
            if own is None and path.suffix.lower() != ".po":
                raise InputError("cannot tell the language of this edition; name it *.zh.md or *.ja.md, or pass --lang", path)
            found.append(Target(path, own, _source_for(path, source)))
        else:
            raise InputError("is not a Markdown edition (.md) or a PO file (.po)", path)
    unique: dict[tuple[Path, str | None], Target] = {}
    for target in found:
        unique.setdefault((target.path.resolve(), target.lang), target)
    if not unique:
        raise InputError("holds no editions to check (zh.md, ja.md, *.zh.md, *.ja.md or .po files)", paths[0])
    return list(unique.values())


def _source_named(path: Path, lang: str | None, source: Path | None) -> list[Target]:
    """An issue's en.md named as a target stands for its translations; an unreadable one is named as such."""
    from ..storage import read_text

    read_text(path)  # a binary or non-UTF-8 source is reported as what it is
    targets = _issue(path.parent, lang, source)
    if not targets:
        names = ", ".join(f"{code}.{ext}" for ext in ("md", "po") for code in ((lang,) if lang else TARGETS))
        raise InputError(f"is the English source, and its folder holds no translation to check ({names}); "
                         "translate it first", path)
    return targets


def source_notes(paths: Sequence[Path], targets: Sequence[Target]) -> tuple[str, ...]:
    """A note for each en.md named as a target: which translations were checked in its place."""
    notes = []
    for path in paths:
        if path.name == ISSUE_SOURCE and path.is_file():
            mine = [str(t.path) for t in targets if t.path.parent == path.parent]
            notes.append(f"{path} is the English source; checked its translations {', '.join(mine)}")
    return tuple(notes)


def _issue(folder: Path, lang: str | None, source: Path | None) -> list[Target]:
    out = []
    for code in (lang,) if lang else TARGETS:
        for name in (f"{code}.md", f"{code}.po"):
            if (folder / name).is_file():
                src = (source or folder / ISSUE_SOURCE) if name.endswith(".md") else None
                out.append(Target(folder / name, code, src))
    return out


def _walk(folder: Path, lang: str | None, source: Path | None) -> list[Target]:
    if (folder / ISSUE_SOURCE).is_file():
        return _issue(folder, lang, source)
    out: list[Target] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        own = edition_lang(path)
        if (path.parent / ISSUE_SOURCE).is_file():
            if path.name in {f"{code}.{ext}" for code in ((lang,) if lang else TARGETS) for ext in ("md", "po")}:
                out.extend(t for t in _issue(path.parent, lang, source) if t.path.name == path.name)
        elif own is not None and (lang is None or own == lang):
            out.append(Target(path, own, _source_for(path, source)))
        elif own is None and lang is not None and _plain_translation(path):
            out.append(Target(path, lang, source))  # a folder of plain *.md translations, with --lang
    return out


_NOT_TRANSLATIONS = re.compile(r"^(?:en|aligned|report|readme)(?:\..*)?\.md$|\.(?:en|aligned|report)\.md$", re.IGNORECASE)


def _plain_translation(path: Path) -> bool:
    """A ``*.md`` file that is not an English source, an aligned view or a report."""
    return path.suffix.lower() in (".md", ".markdown") and not _NOT_TRANSLATIONS.search(path.name)


def _source_for(path: Path, source: Path | None) -> Path | None:
    """``--source``, else the English file beside an edition: ``en.md`` for ``zh.md``, ``x.md`` for ``x.zh.md``."""
    if path.suffix.lower() == ".po":
        return None  # the msgid is the source
    if source is not None:
        return source
    lang = edition_lang(path)
    if lang is None:
        return None
    stem = path.name[: path.name.index(lang)].rstrip(".")
    candidates = [path.parent / ISSUE_SOURCE] if not stem else [path.parent / f"{stem}.md", path.parent / f"{stem}.en.md"]
    return next((c for c in candidates if c.is_file()), None)
