"""The site folder ``publish`` writes: which folders it may use, and replacing one whole.

A site folder bilingual wrote holds a marker file (:data:`MARKER`). ``publish`` writes into a new
or empty folder, or replaces a marked one; it refuses a folder of someone else's files, ``/``, the
home folder, and any folder inside or around the issues it publishes. The new site is built
complete in a temporary sibling folder and then swapped in by two renames, so files of issues
since removed do not linger and an interrupted run leaves the old site as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import InputError

MARKER = ".bilingual-site"
MARKER_TEXT = "This folder was written by `bilingual publish`, which replaces it whole on each run.\n"
_HINT = "choose a folder of its own, e.g. --out site"


def check_site_folder(out: Path, issues: Sequence[Path]) -> None:
    """Raise a one-line :class:`InputError` when ``publish`` must not write into ``out``."""
    where = out.resolve()
    if where == Path(where.anchor):
        raise InputError(f"is the root folder; {_HINT}", out)
    home = Path.home().resolve()
    if where == home:
        raise InputError(f"is your home folder; {_HINT}", out)
    for issue in issues:
        folder = Path(issue).resolve()
        if where == folder or folder in where.parents:
            raise InputError(f"is inside the issues ({issue}); {_HINT}", out)
        if where in folder.parents:
            raise InputError(f"holds the issues ({issue}); {_HINT}", out)
    if where.exists() and not where.is_dir():
        raise InputError(f"is a file, not a folder; {_HINT}", out)
    if where.is_dir() and not (where / MARKER).is_file() and any(where.iterdir()):
        raise InputError(f"is not empty and was not written by bilingual publish (no {MARKER}); "
                         "choose a new or empty folder", out)


def replace_site(out: Path, files: Mapping[Path, str | bytes]) -> int:
    """Make ``out`` hold exactly ``files`` (paths relative to it) and the marker; the number of files
    that are new or changed. A site that already holds exactly these files is not touched."""
    from ..storage import create_new

    content = {Path(p): (c.encode("utf-8") if isinstance(c, str) else c) for p, c in files.items()}
    content[Path(MARKER)] = MARKER_TEXT.encode("utf-8")
    old = _tree(out)
    changed = sum(1 for path, data in content.items() if old.get(path) != data and path != Path(MARKER))
    if old == content:
        return 0
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable folder", out) from None
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        for path, data in content.items():
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            create_new(target, data)
        staging.chmod(0o755)
        if out.exists():
            os.replace(out, retired)
        os.replace(staging, out)
    except BaseException as exc:
        if retired.exists() and not out.exists():
            os.replace(retired, out)
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write here ({exc.strerror or exc}); choose a writable folder", out) from None
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(retired)
    return changed


def _tree(folder: Path) -> dict[Path, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
