"""Package metadata (``metadata.json``) as a typed value, and version ordering."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REQUIRED_KEYS = ("from_code", "to_code", "package_version")
OPTIONAL_KEYS = ("type", "target_prefix")
CODE_RE = re.compile(r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")
VERSION_RE = re.compile(r"^[0-9][0-9A-Za-z.+_-]{0,31}$")
TYPE_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
METADATA_MAX_BYTES = 1 << 20


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
    """Check a decoded ``metadata.json`` (or index entry). Raises ``ValueError`` with the reason.

    Language codes must look like ``en``, ``zh`` or ``pt_BR``; the version like ``1.9``;
    optional fields, when present, must be strings. Other keys are Argos's business.
    """
    if not isinstance(data, dict):
        raise ValueError("metadata.json must hold a JSON object")
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise ValueError(f"metadata.json lacks {', '.join(missing)}")
    for key in (*REQUIRED_KEYS, *OPTIONAL_KEYS):
        if key in data and not isinstance(data[key], str):
            if key in OPTIONAL_KEYS and data[key] is None:
                continue
            raise ValueError(f"{key} must be a string, not {_json_type(data[key])} {_shown(data[key])}")
    for key in ("from_code", "to_code"):
        if not CODE_RE.match(data[key]):
            raise ValueError(f"{key} {data[key]!r} is not a language code (like en, zh or pt_BR)")
    if not VERSION_RE.match(data["package_version"]):
        raise ValueError(f"package_version {data['package_version']!r} is not a version (like 1.9)")
    kind = data.get("type") or "translate"
    if not TYPE_RE.match(kind):
        raise ValueError(f"type {kind!r} is not a package type (like translate)")
    return PackageMeta(
        from_code=data["from_code"],
        to_code=data["to_code"],
        version=data["package_version"],
        type=kind,
        target_prefix=data.get("target_prefix") or "",
    )


def differences(package: PackageMeta, promised: PackageMeta) -> list[str]:
    """How a package's metadata differs from what its index entry promised: ``key is A …, B …``."""
    fields = (("type", "type"), ("from_code", "from_code"), ("to_code", "to_code"), ("version", "package_version"))
    return [
        f"{key} is {getattr(package, attr)} in the package, {getattr(promised, attr)} in the index"
        for attr, key in fields
        if getattr(package, attr) != getattr(promised, attr)
    ]


def decode_metadata(raw: bytes) -> PackageMeta:
    """Parse the bytes of a ``metadata.json``. Raises ``ValueError`` with the reason."""
    from ..safe_json import JSONError, loads

    try:
        data = loads(raw)
    except JSONError as exc:
        raise ValueError(f"metadata.json is not valid JSON ({exc})") from None
    return parse_metadata(data)


def read_metadata(folder: Path) -> PackageMeta | None:
    """The metadata of an installed package folder, or None when it has none or it is unusable."""
    try:
        with open(folder / "metadata.json", "rb") as file:
            raw = file.read(METADATA_MAX_BYTES + 1)
        if len(raw) > METADATA_MAX_BYTES:
            return None
        return decode_metadata(raw)
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


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


def _shown(value: Any) -> str:
    text = json.dumps(value)
    return f"({text})" if len(text) <= 40 else f"({text[:37]}...)"
