"""Argos Translate model packages: validate, install (from files or the Argos index), list, remove.

Packages live where Argos keeps them (``ARGOS_PACKAGES_DIR``), one folder per package with a
``metadata.json``, so packages installed with argospm are seen here and the other way round.
Nothing here imports ``argostranslate.translate`` (it pulls in stanza and torch), and nothing
calls Argos's index helpers, which retry without bound when offline.

Everything that comes from outside runs under :class:`Limits`: one deadline per network
operation, size caps for the index and for packages (downloaded and unpacked), zip directory
checks before unpacking, and strict checks of the index and of every ``metadata.json``.
"""

from __future__ import annotations

from .archive import ArchiveInfo, validate_archive
from .index import IndexEntry, fetch_index, index_pairs, install_from_index, parse_index
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
