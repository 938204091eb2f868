"""Package metadata (``metadata.json``) as a typed value, and version ordering."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REQUIRED_KEYS = ("from_code", "to_code", "package_version")


@dataclass(frozen=True)
class PackageMeta:
    """What bilingual needs from a package's ``metadata.json``."""

    from_code: str
    to_code: str
    version: str
    type: str = "translate"
    target_prefix: str = ""

    @property
    def name(self) -> str:
        """The argospm name, e.g. ``translate-en_zh``."""
        return f"{self.type}-{self.from_code}_{self.to_code}"

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def label(self) -> str:
        """``translate-en_zh-1.9``: name and version, as used in engine signatures."""
        return f"{self.name}-{self.version}"

    def same_package(self, other: PackageMeta) -> bool:
        """True when ``other`` is a version of the same package (type and language pair)."""
        return (self.type, self.from_code, self.to_code) == (other.type, other.from_code, other.to_code)


def parse_metadata(data: Any) -> PackageMeta:
    """Check a decoded ``metadata.json`` (or index entry). Raises ``ValueError`` with the reason."""
    if not isinstance(data, dict):
        raise ValueError("metadata.json must hold a JSON object")
    missing = [key for key in REQUIRED_KEYS if not _text(data.get(key))]
    if missing:
        raise ValueError(f"metadata.json lacks {', '.join(missing)}")
    prefix = data.get("target_prefix") or ""
    return PackageMeta(
        from_code=_text(data["from_code"]),
        to_code=_text(data["to_code"]),
        version=_text(data["package_version"]),
        type=_text(data.get("type")) or "translate",
        target_prefix=prefix if isinstance(prefix, str) else "",
    )


def decode_metadata(raw: bytes) -> PackageMeta:
    """Parse the bytes of a ``metadata.json``. Raises ``ValueError`` with the reason."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"metadata.json is not valid JSON ({exc})") from None
    return parse_metadata(data)


def read_metadata(folder: Path) -> PackageMeta | None:
    """The metadata of an installed package folder, or None when it has none or it is unusable."""
    try:
        return decode_metadata((folder / "metadata.json").read_bytes())
    except (OSError, ValueError):
        return None


def version_key(version: str) -> tuple[int, Any]:
    """A sort key for package versions: PEP 440 where it parses, else numeric parts."""
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        parts = tuple(int(p) if p.isdigit() else -1 for p in version.replace("_", ".").split("."))
        return (0, parts)


def newer(a: str, b: str) -> bool:
    """True when version ``a`` is newer than version ``b``."""
    ka, kb = version_key(a), version_key(b)
    if ka[0] != kb[0]:
        return ka[0] > kb[0]
    return ka[1] > kb[1]


def _text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return value.strip() if isinstance(value, str) else ""
