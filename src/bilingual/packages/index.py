"""The Argos package index: fetch it (time-bounded), pick packages, download and install them."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError, NetworkError
from .archive import validate_archive
from .locations import index_url, packages_dir
from .meta import PackageMeta, parse_metadata, version_key
from .network import FetchError, NetworkOptions, download, fetch_bytes
from .store import InstallResult, install_archive, newest_installed

PIVOT = "en"
_CODE_RE = re.compile(r"^[a-z]{2,3}([-_][a-z0-9]+)?$")
DownloadProgress = Callable[[str, int, int | None], None]  # (package label, bytes so far, total)
FILE_HINT = "install from a file with `bilingual models install FILE`"


@dataclass(frozen=True)
class IndexEntry:
    """One package the index offers."""

    meta: PackageMeta
    links: tuple[str, ...]


def fetch_index(url: str | None = None, options: NetworkOptions = NetworkOptions()) -> list[IndexEntry]:
    """The packages the index at ``url`` (default: :func:`index_url`) offers.

    Raises :class:`NetworkError` with one line when it cannot be fetched in time or parsed.
    """
    url = index_url() if url is None else url
    try:
        raw = fetch_bytes(url, options)
    except FetchError as exc:
        raise NetworkError(f"cannot reach the Argos package index at {url}: {exc.reason}; {FILE_HINT}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NetworkError(f"the Argos package index at {url} is not valid JSON ({exc}); {FILE_HINT}") from None
    if not isinstance(data, list):
        raise NetworkError(f"the Argos package index at {url} is not a list of packages; {FILE_HINT}")
    entries = []
    for item in data:
        with contextlib.suppress(ValueError):
            meta = parse_metadata(item)
            links = tuple(link for link in item.get("links") or () if isinstance(link, str) and link)
            if links:
                entries.append(IndexEntry(meta, links))
    return entries


def index_pairs(codes: Sequence[str], both_ways: bool = False) -> list[tuple[str, str]]:
    """The language pairs ``models install --index CODES`` installs: en→X, and X→en with ``both_ways``."""
    pairs: list[tuple[str, str]] = []
    for raw in codes:
        code = raw.strip().lower()
        if not _CODE_RE.match(code):
            raise ModelError(f"{raw!r} is not a language code; name target languages, e.g. zh ja")
        if code == PIVOT:
            raise ModelError("en is the source language; name target languages, e.g. zh ja")
        wanted = [(PIVOT, code)] + ([(code, PIVOT)] if both_ways else [])
        pairs.extend(pair for pair in wanted if pair not in pairs)
    if not pairs:
        raise ModelError("name at least one target language, e.g. `bilingual models install --index zh ja`")
    return pairs


def select(entries: Sequence[IndexEntry], pairs: Sequence[tuple[str, str]], url: str) -> list[IndexEntry]:
    """The newest translate package for each pair; :class:`ModelError` naming every pair the index lacks."""
    chosen, missing = [], []
    for source, target in pairs:
        offers = [
            e for e in entries if e.meta.type == "translate" and (e.meta.from_code, e.meta.to_code) == (source, target)
        ]
        if offers:
            chosen.append(max(offers, key=lambda e: version_key(e.meta.version)))
        else:
            missing.append(f"{source}→{target}")
    if missing:
        raise ModelError(f"the Argos package index at {url} has no {', '.join(missing)} package; {FILE_HINT}")
    return chosen


def install_from_index(
    codes: Sequence[str],
    both_ways: bool = False,
    url: str | None = None,
    options: NetworkOptions = NetworkOptions(),
    dest: Path | None = None,
    progress: DownloadProgress | None = None,
) -> list[InstallResult]:
    """Install en→X (and X→en with ``both_ways``) for each code from the Argos package index.

    Everything is checked before anything is downloaded: the codes, the index, and that it
    offers every pair. A package whose version is already installed is not downloaded.
    """
    pairs = index_pairs(codes, both_ways)
    url = index_url() if url is None else url
    chosen = select(fetch_index(url, options), pairs, url)
    dest = packages_dir() if dest is None else Path(dest)
    return [install_entry(entry, options, dest, progress) for entry in chosen]


def install_entry(
    entry: IndexEntry, options: NetworkOptions, dest: Path, progress: DownloadProgress | None = None
) -> InstallResult:
    """Download one index entry to a temporary file, verify it and install it."""
    current = newest_installed(entry.meta, dest)
    if current is not None and current.meta.version == entry.meta.version:
        return InstallResult("unchanged", current, entry.links[0])
    if current is not None and version_key(current.meta.version) > version_key(entry.meta.version):
        return InstallResult("kept-newer", current, entry.links[0], previous=entry.meta.version)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create the packages dir ({exc.strerror or exc})", dest) from None
    file, link = _download_any(entry, options, dest, progress)
    try:
        try:
            info = validate_archive(file)
        except ModelError as exc:
            raise ModelError(f"downloaded file is unusable: {exc.message}", link) from None
        if not info.meta.same_package(entry.meta):
            raise ModelError(
                f"downloaded package is {info.meta.pair} {info.meta.version}, the index promised {entry.meta.pair}",
                link,
            )
        return install_archive(info, dest, source=link)
    finally:
        with contextlib.suppress(OSError):
            file.unlink()


def _download_any(
    entry: IndexEntry, options: NetworkOptions, dest: Path, progress: DownloadProgress | None
) -> tuple[Path, str]:
    label = entry.meta.label
    report = (lambda done, total: progress(label, done, total)) if progress else None
    failures = []
    for link in entry.links:
        try:
            return download(link, dest, options, report), link
        except FetchError as exc:
            failures.append(f"{link}: {exc.reason}")
        except OSError as exc:
            raise ModelError(f"cannot write a temporary file ({exc.strerror or exc})", dest) from None
    what = f"{entry.meta.pair} {entry.meta.version}"
    raise NetworkError(f"cannot download {what} from {'; '.join(failures)}; {FILE_HINT}")
