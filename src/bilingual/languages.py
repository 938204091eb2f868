"""The languages bilingual translates into, and the one validator every language option uses.

A language option's value becomes file names (``zh.po``, ``ja.md``), so only the codes bilingual
supports pass: ``--to ko``, ``--to ZH`` or ``--to ../evil`` would write files nothing else reads
(or outside the issue folder), and ``--to en`` would write over the English source.
"""

from __future__ import annotations

from .errors import BilingualError

SOURCE = "en"
TARGETS: tuple[str, ...] = ("zh", "ja")


def target_languages(value: str, option: str = "--to") -> list[str]:
    """The comma-separated languages in ``value``, each once, in the order given.

    Raises a one-line :class:`BilingualError` for an empty list, the source language or a code
    bilingual does not support.
    """
    langs: list[str] = []
    for part in value.split(","):
        code = part.strip()
        if code and code not in langs:
            langs.append(target_language(code, option))
    if not langs:
        raise BilingualError(f"{option} names no language; use {', '.join(TARGETS)}")
    return langs


def target_language(value: str, option: str = "--lang") -> str:
    """``value`` when it is one of :data:`TARGETS`; else a one-line :class:`BilingualError`."""
    code = value.strip()
    if not code:
        raise BilingualError(f"{option} names no language; use {', '.join(TARGETS)}")
    if code == SOURCE:
        raise BilingualError(f"{SOURCE} is the source language; {option} takes a language to translate into: "
                             f"{', '.join(TARGETS)}")
    if code not in TARGETS:
        raise BilingualError(f"unknown language {code!r} for {option}; use {', '.join(TARGETS)}")
    return code
