"""Skip documents a run would leave exactly as they are, without parsing them (as make does).

After a run, each document whose every sentence has a translation gets a stamp: a hash over the
content of its source *as the run read it* (a save during the run makes the stamp miss, so the
next run translates the new text), its PO file and its edition in each language as written, and
the run's key (:func:`run_key`): the glossary, the protected patterns of ``bilingual.toml``, the
engine and its model for each language, the options that change what is written (``--memory``,
``--no-align``), and the code that produced them (bilingual's own source files, its version, and
the versions of the parser, segmenter and PO library). If all of them are the same next time,
running again would write nothing and ask the engine for nothing, so the document is skipped. Any
difference (an edited source, a translator's change in Poedit, a deleted edition, a new glossary
or pattern, another engine or model, an upgrade) means a full run for that document. Stamps live
outside the project, in ``$BILINGUAL_CACHE_DIR`` (default ``~/.cache/bilingual``); deleting them
is always safe. ``BILINGUAL_CACHE_DIR=off`` disables them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..layout import Job

CACHE_ENV = "BILINGUAL_CACHE_DIR"
_PACKAGES = ("polib", "pysbd", "markdown-it-py", "mdit-py-plugins")


def cache_dir() -> Path | None:
    """Where stamps live, or None when they are switched off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "no") else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilingual"


@functools.cache
def code_fingerprint() -> str:
    """bilingual's own source files and the versions of the libraries that shape its output."""
    from importlib import metadata

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?\0".encode())
    return digest.hexdigest()


def run_key(glossary_hash: str, engine: str, options: Sequence[str] = ()) -> str:
    """What besides a document's files shapes its output: the glossary (its hash), the protected
    patterns in force, the engine and model for each language (``engine``: their signatures),
    ``options`` (--memory paths, --no-align), and bilingual's code and version."""
    from ..version import __version__
    from ..document.protect import active

    patterns = [(p.name, p.regex) for p in active().patterns]
    parts = [__version__, code_fingerprint(), glossary_hash, engine, json.dumps(patterns), *options]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def stamp(job: Job, lang: str, out: Path | None, key: str, versions: Mapping[Path, str] | None = None) -> str | None:
    """The stamp of ``job`` in ``lang`` under the run's ``key`` (:func:`run_key`), from the content
    versions (:func:`bilingual.storage.version`) of its files: ``versions`` gives the source as the
    run read it and the files about to be written; the rest are read from disk. None if one of them
    is missing or cannot be read."""
    from ..storage import ABSENT, UNREADABLE, version

    digest = hashlib.sha256(f"{key}\0{lang}\0".encode())
    # with --out, the source issue's PO file is read too: a translator's approval there means a new run
    paths = [job.source, job.po(lang, out), job.edition(lang, out)] + ([job.po(lang)] if out is not None else [])
    for n, path in enumerate(paths):
        value = (versions or {}).get(path) or version(path)
        if value == UNREADABLE or (value == ABSENT and n < 3):
            return None
        digest.update(value.encode() + b"\0")
    return digest.hexdigest()


def _stamp_file(folder: Path, job: Job, out: Path | None) -> Path:
    key = f"{Path(os.path.abspath(job.source))}\0{Path(os.path.abspath(out)) if out else ''}"
    return folder / "stamps" / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".json")


def unchanged(jobs: Sequence[Job], langs: Sequence[str], out: Path | None, key: str) -> set[Path]:
    """The sources of ``jobs`` whose stamps say a run would change nothing in any of ``langs``."""
    folder = cache_dir()
    if folder is None:
        return set()
    skipped: set[Path] = set()
    for job in jobs:
        try:
            recorded = json.loads(_stamp_file(folder, job, out).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(recorded, dict) and all(
            recorded.get(lang) is not None and recorded.get(lang) == stamp(job, lang, out, key) for lang in langs
        ):
            skipped.add(job.source)
    return skipped


def record(entries: Iterable[tuple[Job, str, str]], out: Path | None) -> None:
    """Remember ``(job, lang, stamp)`` for next time. Best effort: a cache that cannot be written
    only means the next run does the full work."""
    from ..errors import BilingualError
    from ..storage import atomic_write_text

    folder = cache_dir()
    if folder is None:
        return
    by_job: dict[Path, tuple[Job, dict[str, str]]] = {}
    for job, lang, value in entries:
        by_job.setdefault(job.source, (job, {}))[1][lang] = value
    for job, stamps in by_job.values():
        path = _stamp_file(folder, job, out)
        try:
            previous = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        merged = {**(previous if isinstance(previous, dict) else {}), **stamps}
        try:
            atomic_write_text(path, json.dumps(merged, sort_keys=True) + "\n")
        except (BilingualError, OSError):
            return
