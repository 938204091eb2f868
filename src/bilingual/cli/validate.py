"""Option values checked before a command does anything: output paths; what --approved-only left.

Each check raises a one-line :class:`bilingual.errors.BilingualError`; the command's
``domain_errors()`` prints it and exits 2. (Language options: :mod:`bilingual.languages`.)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError


def output_file(path: Path | None) -> None:
    """A file to write must go into a folder that exists: a typo must not create folders."""
    if path is None:
        return
    parent = path.parent
    if not parent.is_dir():
        raise InputError(f"its folder {parent} does not exist; create it first", path)


#: The first words of the file ``glossary suggest`` writes: a file that starts so may be written again.
SUGGEST_HEADER = "# Entries suggested by `bilingual glossary suggest"


def not_a_glossary_to_lose(path: Path | None, command: str, hint: str, replace: bool = False) -> None:
    """Refuse to write ``command``'s output over a file that holds a glossary (or, for ``glossary suggest``,
    anything but its own earlier output), unless ``replace``: a suggestion or an export must never
    take the place of terms a person wrote."""
    if path is None or replace or not path.is_file():
        return
    from ..storage import read_text
    from ..errors import BilingualError

    try:
        text = read_text(path)
    except BilingualError:
        return  # not text: writing it fails or succeeds on its own terms
    if not text.strip() or text.startswith(SUGGEST_HEADER):
        return
    if command == "suggest" or _is_yaml_glossary(path, text):
        lines = len(text.splitlines())
        raise InputError(f"already exists and holds a glossary or other work ({lines} lines), which {command} would "
                         f"replace; {hint}", path)


def _is_yaml_glossary(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".yaml", ".yml") or text.lstrip().startswith(("terms:", "---"))


def output_folder(path: Path | None, what: str) -> None:
    """An ``--out`` folder may be missing, but must not be a file."""
    if path is not None and path.exists() and not path.is_dir():
        raise InputError(f"is a file; --out names {what}", path)


def unapproved_lines(items: Iterable[object]) -> list[str]:
    """What ``--approved-only`` left in English: one line per segment, or one per language with no PO file yet."""
    lines: list[str] = []
    missing: dict[Path, int] = {}
    for item in items:
        po = Path(item.po)  # type: ignore[attr-defined]
        if not po.is_file():
            missing[po] = missing.get(po, 0) + 1
            continue
        lines.append(f"{po}: {item.segment} (line {item.line}) not approved, left in English")  # type: ignore[attr-defined]
    lines += [f"{po}: no PO file yet, so nothing is approved: all {count} segment(s) left in English; "
              "run bilingual translate without --approved-only first" for po, count in missing.items()]
    return lines
