"""Argos Translate model packages: validate, install (from files or the Argos index), list, remove.

Packages live where Argos keeps them (``ARGOS_PACKAGES_DIR``), one folder per package with a
``metadata.json``, so packages installed with argospm are seen here and the other way round.
Nothing here imports ``argostranslate.translate`` (it pulls in stanza and torch), and nothing
calls Argos's index helpers, which retry without bound when offline.
"""

from __future__ import annotations

from .archive import ArchiveInfo, validate_archive
from .index import IndexEntry, fetch_index, index_pairs, install_from_index
from .locations import index_url, package_dirs, packages_dir
from .meta import PackageMeta
from .network import NetworkOptions
from .store import (
    InstalledPackage,
    InstallResult,
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
    "NetworkOptions",
    "PackageMeta",
    "fetch_index",
    "find_installed",
    "index_pairs",
    "index_url",
    "install_archive",
    "install_file",
    "install_from_index",
    "list_installed",
    "package_dirs",
    "packages_dir",
    "remove_package",
    "validate_archive",
]
