"""Checking and unpacking ``.argosmodel`` files (zip archives with one root folder)."""

from __future__ import annotations

import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from .meta import PackageMeta, decode_metadata

_DRIVE_RE = re.compile(r"^[A-Za-z]:")
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


@dataclass(frozen=True)
class ArchiveInfo:
    """A package file that passed :func:`validate_archive`."""

    path: Path
    root: str  # the single root folder inside the zip
    meta: PackageMeta
    size: int  # uncompressed bytes


def validate_archive(path: Path) -> ArchiveInfo:
    """Check that ``path`` is a usable Argos package, without unpacking it.

    Raises :class:`ModelError` with a one-line reason that names the file.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelError("no such package file; check the path", path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _check(path, archive)
    except zipfile.BadZipFile as exc:
        raise ModelError(f"not a valid Argos package: not a zip archive, or truncated ({exc})", path) from None
    except (OSError, EOFError) as exc:
        raise ModelError(f"cannot be read as an Argos package ({exc})", path) from None


def _check(path: Path, archive: zipfile.ZipFile) -> ArchiveInfo:
    entries = archive.infolist()
    if not entries:
        raise ModelError("not a valid Argos package: the zip archive is empty", path)
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
    try:
        meta = decode_metadata(archive.read(files["metadata.json"]))
    except ValueError as exc:
        raise ModelError(f"not a valid Argos package: {exc}", path) from None
    except (zipfile.BadZipFile, zlib.error) as exc:
        raise ModelError(f"not a valid Argos package: metadata.json is corrupt ({exc})", path) from None
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


def extract_archive(info: ArchiveInfo, into: Path) -> Path:
    """Unpack the root folder of a validated archive into the empty folder ``into``; return ``into``.

    ``metadata.json`` comes first, so while the rest is unpacked the folder already looks like
    a package to Argos (whose package listing fails on a folder without one). Every entry is
    checked again and written only below ``into``; CRC errors and short reads raise
    :class:`ModelError`. The caller removes ``into`` on failure.
    """
    try:
        with zipfile.ZipFile(info.path) as archive:
            first = [info.root, "metadata.json"]
            for entry in sorted(archive.infolist(), key=lambda e: safe_parts(e.filename) != first):
                parts = safe_parts(entry.filename)
                if parts is None:
                    raise ModelError(f"refused: unsafe entry {entry.filename!r}", info.path)
                if len(parts) < 2:
                    continue
                target = into.joinpath(*parts[1:])
                if entry.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(entry) as source, open(target, "wb") as sink:
                    shutil.copyfileobj(source, sink, 1 << 20)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ModelError(f"not a valid Argos package: corrupt data ({exc})", info.path) from None
    except OSError as exc:
        raise ModelError(f"cannot unpack into {into.parent} ({exc.strerror or exc})", info.path) from None
    if not (into / "metadata.json").is_file() or not (into / "model" / "model.bin").is_file():
        raise ModelError("not a valid Argos package: unpacked files are incomplete", info.path)
    return into
