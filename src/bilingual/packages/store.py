"""Installed packages: list, install from a file, remove. A package is a folder with metadata.json.

The layout is Argos's own (``argostranslate.package.get_installed_packages``): every folder
in a packages dir that holds a ``metadata.json`` is a package, so argospm sees what bilingual
installs and the other way round. Installs unpack into a hidden temporary folder inside the
packages dir and then rename into place, so a failure never leaves half a package behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import ModelError
from .archive import ArchiveInfo, extract_archive, validate_archive
from .limits import Limits
from .locations import package_dirs, packages_dir
from .meta import PackageMeta, newer, read_metadata, version_key

TEMP_PREFIX = ".bilingual-"
# .bilingual-<what>-<pid>-<random>: the process that made it; stale once that process is gone
_TEMP_RE = re.compile(r"^\.bilingual-(install|old|removed|download)-(\d+)-")
Outcome = Literal["installed", "upgraded", "unchanged", "kept-newer"]


@dataclass(frozen=True)
class InstalledPackage:
    """A package folder found in a packages dir."""

    meta: PackageMeta
    path: Path
    size: int  # bytes on disk


@dataclass(frozen=True)
class InstallResult:
    """What an install did. ``package`` is the package in place afterwards."""

    outcome: Outcome
    package: InstalledPackage
    source: str  # the file (or URL) the package came from
    previous: str | None = None  # the version replaced, for "upgraded"; the newer one kept, for "kept-newer"

    @property
    def message(self) -> str:
        meta, where = self.package.meta, self.package.path.parent
        if self.outcome == "installed":
            return f"installed {meta.pair} {meta.version} ({meta.name}) into {where}"
        if self.outcome == "upgraded":
            return f"upgraded {meta.pair} {self.previous} → {meta.version} in {where}"
        if self.outcome == "unchanged":
            return f"{meta.pair} {meta.version} is already installed in {where}; nothing to do"
        return (
            f"{meta.pair} {meta.version} is installed, newer than {self.previous} in {self.source}; "
            f"kept it (run `bilingual models remove {meta.from_code} {meta.to_code}` first to downgrade)"
        )


def list_installed(dirs: Sequence[Path] | None = None) -> list[InstalledPackage]:
    """Every installed package in ``dirs`` (default: Argos's package dirs), sorted by pair and version."""
    found: list[InstalledPackage] = []
    for folder in package_dirs() if dirs is None else dirs:
        found.extend(_scan(Path(folder)))
    found.sort(key=lambda p: (p.meta.from_code, p.meta.to_code, version_key(p.meta.version), str(p.path)))
    return found


def find_installed(from_code: str, to_code: str, dirs: Sequence[Path] | None = None) -> InstalledPackage | None:
    """The newest installed translate package for ``from_code``→``to_code``, or None."""
    matches = [
        p
        for p in list_installed(dirs)
        if p.meta.type == "translate" and p.meta.from_code == from_code and p.meta.to_code == to_code
    ]
    return matches[-1] if matches else None


def install_file(path: Path, dest: Path | None = None, limits: Limits = Limits()) -> InstallResult:
    """Validate and install one ``.argosmodel`` file into ``dest`` (default: :func:`packages_dir`)."""
    return install_archive(validate_archive(Path(path), limits), dest, limits=limits)


def install_archive(
    info: ArchiveInfo, dest: Path | None = None, source: str | None = None, limits: Limits = Limits()
) -> InstallResult:
    """Install an archive that passed :func:`validate_archive`.

    The same version again is a no-op; a newer version replaces the old one atomically (the
    old folder is renamed aside, the new one renamed in, then the old one deleted); an older
    version than the one installed is not installed.
    """
    dest = packages_dir() if dest is None else Path(dest)
    source = source or str(info.path)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create the packages dir {dest} ({exc.strerror or exc})", info.path) from None
    clean_stale(dest)
    olds = [p for p in _scan(dest) if p.meta.same_package(info.meta)]
    for old in olds:
        if old.meta.version == info.meta.version:
            return InstallResult("unchanged", old, source)
    newest = max(olds, key=lambda p: version_key(p.meta.version), default=None)
    if newest is not None and newer(newest.meta.version, info.meta.version):
        return InstallResult("kept-newer", newest, source, previous=info.meta.version)
    final = dest / info.root
    if final.exists() and all(old.path != final for old in olds):
        raise ModelError(
            f"cannot install: {final} already exists and is not an older {info.meta.pair} package; remove it first",
            info.path,
        )
    try:
        staging = Path(tempfile.mkdtemp(prefix=_temp_name("install"), dir=dest))
        staging.chmod(0o755)  # mkdtemp makes it private; a package folder is readable like argospm's
    except OSError as exc:
        raise ModelError(f"cannot write into the packages dir {dest} ({exc.strerror or exc})", info.path) from None
    try:
        extract_archive(info, staging, limits)
        _swap_in(staging, final, [old.path for old in olds], info.path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    package = InstalledPackage(info.meta, final, _size(final))
    if olds:
        return InstallResult("upgraded", package, source, previous=newest.meta.version if newest else None)
    return InstallResult("installed", package, source)


def newest_installed(meta: PackageMeta, dest: Path | None = None) -> InstalledPackage | None:
    """The newest installed version of the package ``meta`` describes, in ``dest``."""
    dest = packages_dir() if dest is None else Path(dest)
    same = [p for p in _scan(dest) if p.meta.same_package(meta)]
    return max(same, key=lambda p: version_key(p.meta.version), default=None)


def remove_package(from_code: str, to_code: str, dest: Path | None = None) -> list[InstalledPackage]:
    """Remove every ``from_code``→``to_code`` package from ``dest``; return what was removed.

    Each folder is renamed aside first, so Argos never sees half a package.
    """
    dest = packages_dir() if dest is None else Path(dest)
    doomed = [p for p in _scan(dest) if p.meta.from_code == from_code and p.meta.to_code == to_code]
    if not doomed:
        raise ModelError(
            f"no {from_code}→{to_code} package installed in {dest}; `bilingual models list` shows what is installed"
        )
    for package in doomed:
        aside = dest / f"{_temp_name('removed')}{uuid.uuid4().hex[:12]}"
        try:
            os.rename(package.path, aside)
        except OSError as exc:
            raise ModelError(f"cannot remove ({exc.strerror or exc})", package.path) from None
        shutil.rmtree(aside, ignore_errors=True)
    return doomed


def _swap_in(root: Path, final: Path, olds: list[Path], source: Path) -> None:
    aside: list[tuple[Path, Path]] = []
    try:
        for old in olds:
            moved = old.parent / f"{_temp_name('old')}{uuid.uuid4().hex[:12]}"
            os.rename(old, moved)
            aside.append((old, moved))
        os.rename(root, final)
    except OSError as exc:
        for old, moved in reversed(aside):
            with contextlib.suppress(OSError):
                os.rename(moved, old)
        raise ModelError(f"cannot move the package into {final.parent} ({exc.strerror or exc})", source) from None
    for _, moved in aside:
        shutil.rmtree(moved, ignore_errors=True)


def _scan(folder: Path) -> list[InstalledPackage]:
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return []
    found = []
    for child in children:
        if child.name.startswith(".") or not child.is_dir():
            continue
        meta = read_metadata(child)
        if meta is not None:
            found.append(InstalledPackage(meta, child, _size(child)))
    return found


def _size(folder: Path) -> int:
    total = 0
    for base, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(base, name)).st_size
    return total


def clean_stale(dest: Path | None = None) -> list[Path]:
    """Remove what killed installs left in ``dest``: staging folders, downloads, folders set aside.

    Each such name carries the id of the process that made it; it is stale when that process
    no longer runs (however recent it is), and left alone while it does. Names without an id
    (bilingual 0.1.0 made those) are stale. Returns what was removed.
    """
    dest = packages_dir() if dest is None else Path(dest)
    removed = []
    try:
        children = list(dest.glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return []
    for child in children:
        match = _TEMP_RE.match(child.name)
        if match and _running(int(match.group(2))):
            continue
        with contextlib.suppress(OSError):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
            removed.append(child)
    return removed


def _temp_name(what: str) -> str:
    return f"{TEMP_PREFIX}{what}-{os.getpid()}-"


def _running(pid: int) -> bool:
    """True while a process with this id exists (ours included)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    except OSError:
        return False
    return True
