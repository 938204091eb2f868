"""Argos Translate model packages: validate, install (from files or the Argos index), list, remove.

Packages live where Argos keeps them (``ARGOS_PACKAGES_DIR``), one folder per package with a
``metadata.json``, so packages installed with argospm are seen here and the other way round.
Nothing here imports ``argostranslate.translate`` (it pulls in stanza and torch), and nothing
calls Argos's index helpers, which retry without bound when offline.

Everything that comes from outside runs under :class:`Limits`: one deadline per network
operation, size caps for the index and for packages (downloaded and unpacked), zip directory
checks before unpacking, and strict checks of the index and of every ``metadata.json``.

The index and the downloader (:mod:`.index`, :mod:`.network`, :mod:`.transport`, with the
standard library's HTTP, TLS and URL modules) load when one of their names is first used, so a
run that only reads installed packages never imports them (#26: everything a ``translate``
process imports before its engine starts is on its critical path).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .archive import ArchiveInfo, validate_archive
from .limits import Limits, limits_from_env
from .locations import index_url, package_dirs, packages_dir
from .meta import PackageMeta
from .store import (
    InstalledPackage,
    InstallResult,
    clean_stale,
    find_installed,
    install_archive,
    install_file,
    list_installed,
    remove_package,
)

if TYPE_CHECKING:
    from .index import IndexEntry, fetch_index, index_pairs, install_from_index, parse_index

#: The names that load :mod:`.index` (and the downloader with it) when first used.
_FROM_INDEX = frozenset({"IndexEntry", "fetch_index", "index_pairs", "install_from_index", "parse_index"})


def __getattr__(name: str) -> object:
    if name in _FROM_INDEX:
        from . import index

        return getattr(index, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "ArchiveInfo",
    "IndexEntry",
    "InstallResult",
    "InstalledPackage",
    "Limits",
    "PackageMeta",
    "clean_stale",
    "fetch_index",
    "find_installed",
    "index_pairs",
    "index_url",
    "install_archive",
    "install_file",
    "install_from_index",
    "limits_from_env",
    "list_installed",
    "package_dirs",
    "packages_dir",
    "parse_index",
    "remove_package",
    "validate_archive",
]
