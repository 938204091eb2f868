"""The Argos package index: fetch it (time-bounded), pick packages, download and install them."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ModelError, NetworkError
from .archive import validate_archive
from .limits import Limits
from .locations import index_url, packages_dir
from .meta import PackageMeta, differences, parse_metadata, version_key
from .network import FetchError, download, fetch_bytes, index_kind, package_kind
from .store import InstallResult, clean_stale, install_archive, newest_installed

PIVOT = "en"
_CODE_RE = re.compile(r"^[a-z]{2,3}([-_][a-z0-9]+)?$")
INDEX_HINT = "fix the index, or point ARGOS_PACKAGE_INDEX at another one"
DownloadProgress = Callable[[str, int, int | None], None]  # (package label, bytes so far, total)
FILE_HINT = "install from a file with `bilingual models install FILE`"


@dataclass(frozen=True)
class IndexEntry:
    """One package the index offers."""

    meta: PackageMeta
    links: tuple[str, ...]


def fetch_index(url: str | None = None, limits: Limits = Limits()) -> list[IndexEntry]:
    """The packages the index at ``url`` (default: :func:`index_url`) offers.

    Every entry is checked (see :func:`parse_index`). Raises :class:`NetworkError` with one
    line when the index cannot be fetched within the limits or is not a valid index.
    """
    url = index_url() if url is None else url
    try:
        raw = fetch_bytes(url, limits, index_kind(limits))
    except FetchError as exc:
        verb = "refused" if exc.refused else "cannot reach"
        raise NetworkError(f"{verb} the Argos package index at {url}: {exc.reason}; {FILE_HINT}") from None
    from ..safe_json import JSONError, loads

    try:
        data = loads(raw)
    except JSONError as exc:
        raise NetworkError(f"the Argos package index at {url} is not valid JSON ({exc}); {FILE_HINT}") from None
    return parse_index(data, url)


def parse_index(data: object, url: str) -> list[IndexEntry]:
    """Check every entry of a decoded index: metadata as in ``metadata.json``, and ``links``
    a non-empty list of URLs. A remote index may only link http(s) URLs; ``file:`` links are
    followed only from a local index file. Raises :class:`NetworkError` naming the entry."""
    if not isinstance(data, list):
        raise NetworkError(f"the Argos package index at {url} is not a list of packages; {FILE_HINT}")
    local = urlsplit(url).scheme.lower() == "file"
    entries = []
    for number, item in enumerate(data, start=1):
        try:
            meta = parse_metadata(item)
            links = _links(item.get("links"), local)
        except ValueError as exc:
            what = f"entry {number}" + (f" ({_label(item)})" if isinstance(item, dict) else "")
            raise NetworkError(f"the Argos package index at {url}: {what}: {exc}; {INDEX_HINT}") from None
        entries.append(IndexEntry(meta, links))
    return entries


def _links(value: object, local: bool) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(link, str) and link for link in value):
        raise ValueError(f"links must be a list of URLs, not {type(value).__name__} {str(value)[:40]!r}")
    allowed = ("http", "https", "file") if local else ("http", "https")
    for link in value:
        parts = urlsplit(link)
        if parts.scheme.lower() not in allowed or (parts.scheme.lower() != "file" and not parts.netloc):
            if parts.scheme.lower() == "file":
                raise ValueError(f"link {link} refused: a remote index may only link http(s) URLs")
            raise ValueError(f"link {link!r} is not an http(s){' or file' if local else ''} URL")
    return tuple(value)


def _label(item: dict) -> str:
    return f"{item.get('type') or 'translate'}-{item.get('from_code')}_{item.get('to_code')}"[:60]


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
    limits: Limits = Limits(),
    dest: Path | None = None,
    progress: DownloadProgress | None = None,
) -> list[InstallResult]:
    """Install en→X (and X→en with ``both_ways``) for each code from the Argos package index.

    Everything is checked before anything is downloaded: the codes, the index, and that it
    offers every pair. A package whose version is already installed is not downloaded.
    """
    pairs = index_pairs(codes, both_ways)
    url = index_url() if url is None else url
    chosen = select(fetch_index(url, limits), pairs, url)
    dest = packages_dir() if dest is None else Path(dest)
    return [install_entry(entry, limits, dest, progress) for entry in chosen]


def install_entry(
    entry: IndexEntry, limits: Limits, dest: Path, progress: DownloadProgress | None = None
) -> InstallResult:
    """Download one index entry to a hidden file in ``dest``, verify it and install it.

    The package's metadata must agree with the index entry (type, codes, version), or nothing
    is installed and the error says which differs.
    """
    current = newest_installed(entry.meta, dest)
    if current is not None and current.meta.version == entry.meta.version:
        return InstallResult("unchanged", current, entry.links[0])
    if current is not None and version_key(current.meta.version) > version_key(entry.meta.version):
        return InstallResult("kept-newer", current, entry.links[0], previous=entry.meta.version)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create the packages dir ({exc.strerror or exc})", dest) from None
    clean_stale(dest)
    file, link = _download(entry, limits, dest, progress)
    try:
        try:
            info = validate_archive(file, limits)
        except ModelError as exc:
            raise ModelError(f"downloaded file is unusable: {exc.message}", link) from None
        differ = differences(info.meta, entry.meta)
        if differ:
            raise ModelError(
                f"the downloaded package does not match its index entry: {'; '.join(differ)}; nothing installed",
                link,
            )
        return install_archive(info, dest, source=link, limits=limits)
    finally:
        with contextlib.suppress(OSError):
            file.unlink()


def _download(
    entry: IndexEntry, limits: Limits, dest: Path, progress: DownloadProgress | None
) -> tuple[Path, str]:
    label = entry.meta.label
    report = (lambda done, total: progress(label, done, total)) if progress else None
    what = f"{entry.meta.pair} {entry.meta.version}"
    try:
        return download(entry.links, dest, limits, package_kind(limits), report)
    except FetchError as exc:
        verb = f"refused the {what} package from" if exc.refused else f"cannot download {what} from"
        raise NetworkError(f"{verb} {exc.reason}; {FILE_HINT}") from None
    except OSError as exc:
        raise ModelError(f"cannot write a temporary file ({exc.strerror or exc})", dest) from None
