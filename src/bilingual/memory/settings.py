"""The memory's settings in ``bilingual.toml`` (``[memory]``), and the checks of the options that set them.

```toml
[memory]
changed = "previous"   # what the edition shows for a changed sentence with a human translation: previous or machine
```

The CLI reads the file (:func:`memory_settings`) and passes the values on; a flag overrides the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .merge import CHANGED, RETRANSLATE

SECTION = "memory"


@dataclass(frozen=True)
class MemorySettings:
    changed: str = "previous"  # one of merge.CHANGED


def memory_settings(folder: Path) -> MemorySettings:
    """The ``[memory]`` settings of ``folder``'s ``bilingual.toml``; the defaults without one.

    Raises :class:`InputError` naming ``bilingual.toml:LINE`` for an unknown setting or value.
    """
    import tomllib

    from ..document.protect import _find, find_config
    from ..storage import read_text

    path = find_config(folder)
    if path is None:
        return MemorySettings()
    text = read_text(path, expected="a TOML file")
    try:
        section = tomllib.loads(text).get(SECTION, {})
    except tomllib.TOMLDecodeError:
        return MemorySettings()  # the Markdown layer's reading of the same file reports it, with its line
    if not isinstance(section, dict):
        raise InputError(f"[{SECTION}] must be a table (changed = ...)", path, _find(text, SECTION))
    unknown = sorted(set(section) - {"changed"})
    if unknown:
        raise InputError(f"unknown [{SECTION}] setting {unknown[0]!r}; known: changed", path, _find(text, unknown[0]))
    changed = section.get("changed", MemorySettings.changed)
    if changed not in CHANGED:
        raise InputError(f"changed must be {' or '.join(CHANGED)}, not {changed!r}", path, _find(text, "changed"))
    return MemorySettings(changed)


def checked_choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    """``value`` when it is one of ``allowed`` (or None); else one line naming the option and the values."""
    if value is None or value in allowed:
        return value
    names = ", ".join(allowed[:-1]) + f" or {allowed[-1]}"
    raise InputError(f"{option} must be {names}, not {value!r}")


__all__ = ["CHANGED", "RETRANSLATE", "MemorySettings", "checked_choice", "memory_settings"]
