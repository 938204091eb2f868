"""Where translation memory is found: the PO files of a run, and the approved work of an archive.

:class:`CatalogCache` parses each PO file once per run. :class:`MemoryIndex` maps source
sentences (msgid) to approved translations across every PO file of the issue archives a run
touches (the sibling issue folders of each issue) and any ``--memory`` path, so a sentence a
translator approved in issue 23 is offered, as fuzzy, when it reappears in issue 24.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, PoFileError
from .po import Catalog, read_catalog

_LANG_PART = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]+)?")


@dataclass(frozen=True)
class Hit:
    """An approved translation found in another PO file."""

    msgstr: str
    path: Path  # the PO file it is in
    line: int


class CatalogCache:
    """Parsed PO files by resolved path, each read at most once per run."""

    def __init__(self) -> None:
        self._catalogs: dict[Path, Catalog | None] = {}
        self.versions: dict[Path, str] = {}  # the version of each file read (see bilingual.storage.version)
        self.warnings: list[str] = []

    def load(self, path: Path) -> Catalog | None:
        """The catalog at ``path`` (None if there is none); a broken file raises :class:`PoFileError`."""
        from ..storage import version

        key = Path(os.path.abspath(path))
        if key not in self._catalogs:
            self.versions[key] = version(path)  # taken before reading: a change in between is caught, not lost
            self._catalogs[key] = read_catalog(path)
        return self._catalogs[key]

    def version(self, path: Path) -> str | None:
        """The version of ``path`` when it was read, or None if it was not read."""
        return self.versions.get(Path(os.path.abspath(path)))

    def load_lenient(self, path: Path) -> Catalog | None:
        """Like :meth:`load`, but a broken file is skipped with a warning (memory that is only read)."""
        try:
            return self.load(path)
        except PoFileError as exc:
            message = f"{exc} (skipped as translation memory)"
            if message not in self.warnings:
                self.warnings.append(message)
            self._catalogs[Path(os.path.abspath(path))] = None
            return None


def po_language(path: Path) -> str | None:
    """The language a PO file's name gives: ``zh.po`` and ``intro.zh.po`` → ``zh``, ``zh_CN.po`` → ``zh``."""
    if not path.name.endswith(".po"):
        return None
    last = path.name[: -len(".po")].rsplit(".", 1)[-1]
    if not _LANG_PART.fullmatch(last):
        return None
    return re.split(r"[_-]", last)[0]


def sibling_files(po_path: Path, lang: str, issue: bool) -> list[Path]:
    """The PO files of ``lang`` in the same archive: ``../*/zh.po`` for an issue, ``*.zh.po`` beside a file."""
    folder = po_path.parent
    if issue:
        archive = folder.parent
        if not archive.is_dir():
            return []
        return sorted(p for p in archive.glob(f"*/{po_path.name}") if p.is_file())
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"*.{lang}.po") if p.is_file())


def memory_files(paths: Iterable[Path], lang: str, cache: CatalogCache) -> list[Path]:
    """The PO files of ``lang`` under ``--memory`` paths (files, or folders searched recursively)."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            candidates = [path]
        elif path.is_dir():
            candidates = sorted(p for p in path.rglob("*.po") if p.is_file())
        else:
            raise InputError("no such translation memory file or folder; check --memory", path)
        for candidate in candidates:
            named = po_language(candidate)
            if named is None:
                catalog = cache.load_lenient(candidate)
                named = re.split(r"[_-]", catalog.meta.get("Language", ""))[0] if catalog is not None else None
            if named == lang:
                found.append(candidate)
    return found


class MemoryIndex:
    """Source sentence → approved translation, over a set of PO files of one language.

    Active entries win over obsolete ones; among files, the last in sorted path order wins (in an
    archive of numbered issues, the newest).
    """

    def __init__(self, files: Sequence[Path], cache: CatalogCache) -> None:
        self.files = tuple(sorted(dict.fromkeys(Path(os.path.abspath(f)) for f in files)))
        self._active: dict[str, Hit] = {}
        self._obsolete: dict[str, Hit] = {}
        for path in self.files:
            catalog = cache.load_lenient(path)
            if catalog is None:
                continue
            for entry in catalog.entries:
                if entry.msgstr and not entry.fuzzy:
                    table = self._obsolete if entry.obsolete else self._active
                    table[entry.msgid] = Hit(entry.msgstr, path, entry.line)

    def __len__(self) -> int:
        return len(self._active.keys() | self._obsolete.keys())

    def get(self, msgid: str) -> Hit | None:
        return self._active.get(msgid) or self._obsolete.get(msgid)


def origin_label(origin: Path, po_path: Path, issue: bool) -> str:
    """How a PO file names another one in a comment: relative to the archive's parent folder
    for an issue (``issues/023/zh.po``), relative to its own folder otherwise."""
    own = Path(os.path.abspath(po_path))
    base = own.parent.parent.parent if issue else own.parent
    return Path(os.path.relpath(os.path.abspath(origin), base)).as_posix()
