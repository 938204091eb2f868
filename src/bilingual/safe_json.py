"""JSON read within bounds: deep nesting or a huge number is a :class:`JSONError`, never a traceback.

``json.loads`` decodes nested arrays recursively (100,000 ``[`` end in a ``RecursionError``) and
turns a 100,000-digit number into an ``int`` (Python refuses past 4,300 digits with a bare
``ValueError``). :func:`loads` first counts the nesting in one linear pass that skips strings, and
reads numbers with a bounded length; every failure is a :class:`JSONError` (a ``ValueError``)
whose message says what to fix, and ``lineno`` where it is known.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64  # an Argos index or metadata.json needs 3
MAX_NUMBER_CHARS = 100
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.S)


class JSONError(ValueError):
    """JSON that cannot be used: not JSON at all, or beyond a limit."""

    def __init__(self, message: str, lineno: int | None = None):
        super().__init__(message)
        self.lineno = lineno


def loads(data: str | bytes) -> Any:
    """Decode ``data`` (bytes are UTF-8, a BOM is allowed) as JSON, within the limits."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JSONError(f"not UTF-8 (byte 0x{data[exc.start]:02x})", data[: exc.start].count(b"\n") + 1) from None
    text = data.removeprefix("\ufeff")
    _check_depth(text)
    try:
        return json.loads(text, parse_int=_number(int), parse_float=_number(float), parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise JSONError(f"not valid JSON ({exc.msg})", exc.lineno) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise JSONError(str(exc)) from None


def _check_depth(text: str) -> None:
    depth = 0
    for m in _BRACKETS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                raise JSONError(f"nested deeper than {MAX_DEPTH} levels", line)
        elif token in "]}":
            depth -= 1


def _number(kind):
    def convert(text: str) -> int | float:
        if len(text) > MAX_NUMBER_CHARS:
            raise JSONError(f"a number of {len(text):,} characters (at most {MAX_NUMBER_CHARS})")
        return kind(text)

    return convert


def _constant(name: str) -> float:
    raise JSONError(f"{name} is not JSON")
