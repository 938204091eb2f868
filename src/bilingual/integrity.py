"""Markup placeholders must come back from an engine exactly once each, pairs in order.

Whatever an engine does to them, :func:`repair` returns text whose markup placeholders match
the source sentence's, and an :class:`Event` for every fix, so a reviewer sees each one.
"""

from __future__ import annotations

import re

from .models import Event
from .placeholders import TOKEN_RE, tokens_in

_MANGLED = re.compile(r"[{｛]\s*(/?)\s*(\d{1,4})\s*[}｝]")


def normalize(output: str, expected: set[str]) -> str:
    """Undo common mangling (``{ 3 }``, full-width braces) of tokens that were expected."""

    def fix(match: re.Match[str]) -> str:
        canonical = f"{{{match.group(1)}{match.group(2)}}}"
        return canonical if canonical in expected else match.group(0)

    return _MANGLED.sub(fix, output)


def repair(source: str, output: str, segment: str) -> tuple[str, tuple[Event, ...]]:
    """Make ``output`` carry exactly the placeholder tokens of ``source``, pairs in order."""
    expected = tokens_in(source)
    wanted = set(expected)
    if not wanted and not TOKEN_RE.search(output):
        return output, ()
    text = normalize(output, wanted)
    events: list[Event] = []
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        tok = match.group(0)
        if tok not in wanted:
            events.append(Event("placeholder-recovered", segment, f"removed {tok}, which the source does not have"))
            return ""
        if tok in seen:
            events.append(Event("placeholder-recovered", segment, f"removed a duplicate {tok}"))
            return ""
        seen.add(tok)
        return tok

    text = TOKEN_RE.sub(keep_first, text)
    for tok in expected:
        if tok in text:
            continue
        closing = tok.startswith("{/")
        text = text.rstrip() + tok if closing or _is_atomic(tok, expected) else tok + text.lstrip()
        events.append(Event("placeholder-recovered", segment, f"inserted missing {tok}"))
    for tok in expected:
        if tok.startswith("{/"):
            opener = "{" + tok[2:]
            if text.index(tok) < text.index(opener):
                text = opener + text.replace(opener, "").replace(tok, "") + tok
                events.append(Event("placeholder-recovered", segment, f"put {opener}…{tok} back in order"))
    return text, tuple(events)


def _is_atomic(tok: str, expected: list[str]) -> bool:
    return "{/" + tok[1:] not in expected
