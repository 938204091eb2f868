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
from ..layout import named_language
from .po import Catalog, read_catalog



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

    def scan(self, path: Path) -> Catalog | None:
        """Like :meth:`load_lenient`, but a file not read yet is parsed without being kept: memory
        that is only scanned for approved entries does not stay in the run's memory."""
        key = Path(os.path.abspath(path))
        if key in self._catalogs:
            return self._catalogs[key]
        try:
            return read_catalog(path)
        except PoFileError:
            return self.load_lenient(path)  # records the warning once, and the file as broken

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
    return named_language(path.name) if path.name.endswith(".po") else None


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


Tables = tuple[dict[str, Hit], dict[str, Hit]]  # (active, obsolete) approved entries by msgid


def approved_tables(catalog: Catalog, path: Path) -> Tables:
    """The approved entries of ``catalog``, active and obsolete, by msgid."""
    active: dict[str, Hit] = {}
    obsolete: dict[str, Hit] = {}
    for entry in catalog.entries:
        if entry.msgstr and not entry.fuzzy:
            (obsolete if entry.obsolete else active)[entry.msgid] = Hit(entry.msgstr, path, entry.line)
    return active, obsolete


class ApprovedStore:
    """The approved entries of the PO files a run reads as memory, kept across its batches.

    Only the approved entries are kept, not the parsed catalogs, and a file is parsed again only
    when its size or modification time changed. So a run over an archive, batch by batch, parses
    each memory file about once instead of once per batch, and holds the archive's approved
    sentences rather than every catalog.
    """

    def __init__(self) -> None:
        self._tables: dict[Path, tuple[tuple[int, int], Tables | None]] = {}

    def tables(self, path: Path, cache: CatalogCache) -> Tables | None:
        """``path``'s approved entries (None for a broken file, which ``cache`` warns about once)."""
        key = Path(os.path.abspath(path))
        try:
            info = key.stat()
        except OSError:
            return None
        stamp = (info.st_mtime_ns, info.st_size)
        known = self._tables.get(key)
        if known is not None and known[0] == stamp:
            return known[1]
        catalog = cache.scan(key)
        tables = approved_tables(catalog, key) if catalog is not None else None
        self._tables[key] = (stamp, tables)
        return tables


class MemoryIndex:
    """Source sentence → approved translation, over a set of PO files of one language.

    Active entries win over obsolete ones; among files, the last in sorted path order wins (in an
    archive of numbered issues, the newest). With a ``store``, files already read by an earlier
    batch of the run are not parsed again.
    """

    def __init__(self, files: Sequence[Path], cache: CatalogCache, store: ApprovedStore | None = None) -> None:
        self.files = tuple(sorted(dict.fromkeys(Path(os.path.abspath(f)) for f in files)))
        self._active: dict[str, Hit] = {}
        self._obsolete: dict[str, Hit] = {}
        for path in self.files:
            if store is not None:
                tables = store.tables(path, cache)
            else:
                catalog = cache.load_lenient(path)
                tables = approved_tables(catalog, path) if catalog is not None else None
            if tables is not None:
                self._active.update(tables[0])
                self._obsolete.update(tables[1])

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
