"""Checking and unpacking ``.argosmodel`` files (zip archives with one root folder)."""

from __future__ import annotations

import lzma
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import ModelError
from .limits import Limits, megabytes
from .meta import PackageMeta, decode_metadata

_DRIVE_RE = re.compile(r"^[A-Za-z]:")
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
RATIO_FLOOR = 1 << 20  # members (and archives) smaller than this unpack to little whatever their ratio
COPY_CHUNK = 1 << 20
#: The compression methods a package may use: stored, deflate, bzip2, LZMA (not deflate64 or AES).
METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
#: What a corrupt member raises while it is decompressed, besides ``BadZipFile``.
CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, lzma.LZMAError, ValueError, RuntimeError, NotImplementedError)


@dataclass(frozen=True)
class ArchiveInfo:
    """A package file that passed :func:`validate_archive`."""

    path: Path
    root: str  # the single root folder inside the zip
    meta: PackageMeta
    size: int  # uncompressed bytes


def validate_archive(path: Path, limits: Limits = Limits()) -> ArchiveInfo:
    """Check that ``path`` is a usable Argos package, without unpacking it.

    Besides the layout, the zip directory is checked against ``limits``: the file's size, the
    total unpacked size, the compression ratio of each member and of the whole archive, the
    number of members; names must stay inside the root folder and every member must be a
    plain file or folder (no symbolic links, devices or pipes). Raises :class:`ModelError` with
    a one-line reason that names the file.
    """
    path = Path(path)
    try:
        with _open_regular(path) as file, zipfile.ZipFile(file) as archive:
            return _check(path, archive, limits)
    except zipfile.BadZipFile as exc:
        raise ModelError(f"not a valid Argos package: not a zip archive, or truncated ({exc})", path) from None
    except NotImplementedError as exc:  # a zip feature Python cannot read (a newer format version)
        raise ModelError(f"not a valid Argos package: {exc}", path) from None
    except (OSError, EOFError) as exc:
        raise ModelError(f"cannot be read as an Argos package ({exc})", path) from None


def _check(path: Path, archive: zipfile.ZipFile, limits: Limits) -> ArchiveInfo:
    entries = archive.infolist()
    if not entries:
        raise ModelError("not a valid Argos package: the zip archive is empty", path)
    check_directory(path, entries, limits)
    roots: list[str] = []
    files: dict[str, zipfile.ZipInfo] = {}
    for info in entries:
        parts = safe_parts(info.filename)
        if parts is None:
            raise ModelError(f"refused: unsafe entry {info.filename!r} (absolute path or '..')", path)
        if not parts:
            continue
        if parts[0] not in roots:
            roots.append(parts[0])
        if len(parts) == 1 and not info.is_dir():
            raise ModelError(
                f"not a valid Argos package: file {parts[0]!r} at the top level; "
                "a package holds exactly one root folder",
                path,
            )
        if not info.is_dir():
            files["/".join(parts[1:])] = info
    if len(roots) != 1:
        shown = ", ".join(roots[:4]) + (", …" if len(roots) > 4 else "")
        raise ModelError(
            f"not a valid Argos package: {len(roots)} root folders ({shown}); a package holds exactly one",
            path,
        )
    root = roots[0]
    if root.startswith("."):
        raise ModelError(f"not a valid Argos package: hidden root folder {root!r}", path)
    if "metadata.json" not in files:
        raise ModelError(f"not a valid Argos package: no {root}/metadata.json", path)
    if files["metadata.json"].file_size > limits.max_metadata_bytes:
        raise ModelError(
            f"not a valid Argos package: {root}/metadata.json is {files['metadata.json'].file_size} bytes "
            f"(at most {megabytes(limits.max_metadata_bytes)})",
            path,
        )
    try:
        raw = archive.read(files["metadata.json"])
    except CORRUPT as exc:
        raise ModelError(f"not a valid Argos package: metadata.json is corrupt ({exc})", path) from None
    try:
        meta = decode_metadata(raw)
    except ValueError as exc:
        raise ModelError(f"not a valid Argos package: {exc}", path) from None
    if "model/model.bin" not in files:
        raise ModelError(f"not a valid Argos package: no {root}/model/model.bin", path)
    if not any(name in files for name in TOKENIZER_FILES):
        raise ModelError(f"not a valid Argos package: no {root}/sentencepiece.model or {root}/bpe.model", path)
    size = sum(info.file_size for info in files.values())
    return ArchiveInfo(path=path, root=root, meta=meta, size=size)


def safe_parts(name: str) -> list[str] | None:
    """The path components of a zip entry name, or None when it is absolute or climbs with ``..``."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or _DRIVE_RE.match(normal):
        return None
    parts = [part for part in normal.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    return parts


def check_directory(path: Path, entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse an archive whose zip directory promises too much, before any byte is unpacked.

    Checked: the number of members, each member's kind (only plain files and folders; a
    symbolic link, device or pipe is refused), names that appear twice, the archive's own
    size, the total unpacked size, and the compression ratio of each member and overall.
    """
    if len(entries) > limits.max_members:
        raise ModelError(f"refused: {len(entries)} entries in the archive (at most {limits.max_members})", path)
    seen: set[str] = set()
    for info in entries:
        kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
        if kind == stat.S_IFLNK:
            raise ModelError(f"refused: entry {info.filename!r} is a symbolic link; a package holds files only", path)
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise ModelError(f"refused: entry {info.filename!r} is not a regular file (a device or pipe)", path)
        if not info.filename:  # found by the fuzzing harness (tests/fixtures/fuzz/zip/)
            raise ModelError("refused: an entry without a name", path)
        if info.flag_bits & 0x1:
            raise ModelError(f"refused: entry {info.filename!r} is encrypted; a package is not", path)
        if info.compress_type not in METHODS and not info.is_dir():
            raise ModelError(
                f"refused: entry {info.filename!r} uses compression method {info.compress_type}; "
                "re-pack it with deflate (python -m zipfile -c)", path)
        key = "/".join(safe_parts(info.filename) or [info.filename])
        if key in seen:
            raise ModelError(f"refused: entry {info.filename!r} appears twice in the archive", path)
        seen.add(key)
    size = path.stat().st_size
    if size > limits.max_package_bytes:
        raise ModelError(
            f"refused: the package file is {megabytes(size)}, larger than the {megabytes(limits.max_package_bytes)} "
            "limit; raise --max-package-mb or BILINGUAL_MAX_PACKAGE_MB if you trust it",
            path,
        )
    total = sum(info.file_size for info in entries)
    if total > limits.max_package_bytes:
        raise ModelError(
            f"refused: unpacked size {total} bytes is larger than the {megabytes(limits.max_package_bytes)} limit; "
            "raise --max-package-mb or BILINGUAL_MAX_PACKAGE_MB if you trust it",
            path,
        )
    for info in entries:
        if info.file_size > RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ModelError(
                f"refused: entry {info.filename!r} unpacks to {info.file_size} bytes from {info.compress_size} "
                f"(compression ratio {ratio:.0f}, at most {limits.max_ratio:g}): a zip bomb?",
                path,
            )
    if total > RATIO_FLOOR and total > limits.max_ratio * max(size, 1):
        raise ModelError(
            f"refused: the archive unpacks to {total} bytes from {size} (compression ratio {total / max(size, 1):.0f}, "
            f"at most {limits.max_ratio:g}): a zip bomb?",
            path,
        )


def extract_archive(info: ArchiveInfo, into: Path, limits: Limits = Limits()) -> Path:
    """Unpack the root folder of a validated archive into the empty folder ``into``; return ``into``.

    ``metadata.json`` comes first, so while the rest is unpacked the folder already looks like
    a package to Argos (whose package listing fails on a folder without one). Every entry is
    checked again and written only below ``into``, as a new file (never through a link); the
    bytes are counted as they are written, against each member's declared size and the
    package limit. CRC errors and short reads raise :class:`ModelError`. The caller removes
    ``into`` on failure.
    """
    written = 0
    try:
        with _open_regular(info.path) as file, zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            check_directory(info.path, entries, limits)
            first = [info.root, "metadata.json"]
            for entry in sorted(entries, key=lambda e: safe_parts(e.filename) != first):
                parts = safe_parts(entry.filename)
                if parts is None or (parts and parts[0] != info.root):
                    raise ModelError(f"refused: unsafe entry {entry.filename!r}", info.path)
                if len(parts) < 2:
                    continue
                target = into.joinpath(*parts[1:])
                if entry.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                written = _copy_member(archive, entry, target, written, limits, info.path)
    except CORRUPT as exc:
        raise ModelError(f"not a valid Argos package: corrupt data ({exc})", info.path) from None
    except OSError as exc:
        raise ModelError(f"cannot unpack into {into.parent} ({exc.strerror or exc})", info.path) from None
    if not (into / "metadata.json").is_file() or not (into / "model" / "model.bin").is_file():
        raise ModelError("not a valid Argos package: unpacked files are incomplete", info.path)
    return into


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, refusing (without blocking) anything but a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ModelError("no such package file; check the path", path) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ModelError("not a regular file (a folder, pipe or device); name a .argosmodel file", path)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _copy_member(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, target: Path, written: int, limits: Limits, path: Path
) -> int:
    """Write one member to the new file ``target``, counting bytes; the running total is returned."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    count = 0
    with archive.open(entry) as source, os.fdopen(os.open(target, flags, 0o644), "wb") as sink:
        while chunk := source.read(COPY_CHUNK):
            count += len(chunk)
            written += len(chunk)
            if count > entry.file_size:
                raise ModelError(f"refused: entry {entry.filename!r} unpacks to more than it declares", path)
            if written > limits.max_package_bytes:
                raise ModelError(
                    f"refused: unpacked size is larger than the {megabytes(limits.max_package_bytes)} limit", path
                )
            sink.write(chunk)
    return written
