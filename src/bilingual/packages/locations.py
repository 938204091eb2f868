"""Where Argos Translate keeps its packages and where its package index lives.

Both are read at call time, never cached at import, so a test (or a user) can point
``ARGOS_PACKAGES_DIR`` / ``ARGOS_PACKAGE_INDEX`` elsewhere between calls. The rules are
Argos's own (``argostranslate/settings.py``): the environment variable wins, then
``settings.json`` in Argos's config folder, then Argos's default. The packages folder is found
without importing ``argostranslate.settings``, because importing it creates Argos's data,
config and cache folders (``models list`` must not create anything).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
PACKAGES_ENV = "ARGOS_PACKAGES_DIR"
INDEX_ENV = "ARGOS_PACKAGE_INDEX"


def packages_dir() -> Path:
    """The folder packages are installed into: ``ARGOS_PACKAGES_DIR``, as Argos resolves it."""
    value = os.environ.get(PACKAGES_ENV)
    if value:
        return Path(value).expanduser()
    home = Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA") else Path.home()
    configured = _argos_setting(Path(os.getenv("XDG_CONFIG_HOME", home / ".config")), PACKAGES_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(os.getenv("XDG_DATA_HOME", home / ".local" / "share")) / "argos-translate" / "packages"


def _argos_setting(config_home: Path, key: str) -> str | None:
    """``key`` from Argos's ``settings.json`` (as ``argostranslate.settings.get_setting`` reads it), or None."""
    from ..errors import InputError
    from ..safe_json import loads
    from ..storage import read_bytes

    try:
        settings = loads(read_bytes(config_home / "argos-translate" / "settings.json", 1 << 20))
    except (InputError, ValueError):
        return None
    value = settings.get(key) if isinstance(settings, dict) else None
    return str(value) if value else None


def package_dirs() -> list[Path]:
    """Every folder Argos searches for installed packages, the writable one first.

    Besides :func:`packages_dir`, Argos also searches folders bundled with its snap.
    """
    dirs = [packages_dir()]
    if "SNAP" in os.environ:
        from argostranslate import settings

        dirs.extend(Path(d) for d in settings.package_dirs[1:] if Path(d) not in dirs)
    return dirs


def index_base() -> str:
    """``ARGOS_PACKAGE_INDEX`` as Argos resolves it (environment, settings.json, default)."""
    value = os.environ.get(INDEX_ENV)
    if value:
        return value
    from argostranslate import settings

    return str(settings.get_setting(INDEX_ENV, default=DEFAULT_INDEX))


def index_url(base: str | None = None) -> str:
    """The URL of the index JSON for an index base (default: :func:`index_base`).

    Argos appends ``index.json`` to the base; a base that already names a ``.json`` file is
    used as it is, and a local path becomes a ``file://`` URL.
    """
    base = index_base() if base is None else base
    if not urlsplit(base).scheme or (len(base) > 1 and base[1] == ":"):
        path = Path(base).expanduser().resolve()
        return path.as_uri() if path.suffix == ".json" else (path / "index.json").as_uri()
    if urlsplit(base).path.endswith(".json"):
        return base
    return base.rstrip("/") + "/index.json"
