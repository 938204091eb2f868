"""The placeholder tokens that stand for markup and glossary terms in text sent to an engine.

``{N}`` is an atomic placeholder (inline code, an image, a masked term…) or the opening half of a
pair, and ``{/N}`` closes pair ``N`` (the end of a link or of emphasis). Every module that
creates, checks or restores placeholders uses the helpers here, so there is one grammar.
"""

from __future__ import annotations

import re
from collections import Counter

TOKEN_RE = re.compile(r"\{(/?)(\d{1,4})\}")


def token(key: int, closing: bool = False) -> str:
    """The text of placeholder ``key``: ``{3}``, or ``{/3}`` for a closing half."""
    return f"{{/{key}}}" if closing else f"{{{key}}}"


def tokens_in(text: str) -> list[str]:
    """Every placeholder token in ``text``, in order."""
    return [m.group(0) for m in TOKEN_RE.finditer(text)]


def max_key(text: str) -> int:
    """The highest placeholder number in ``text``, 0 if it has none."""
    return max((int(m.group(2)) for m in TOKEN_RE.finditer(text)), default=0)


def strip_tokens(text: str) -> str:
    """``text`` without its placeholder tokens."""
    return TOKEN_RE.sub("", text)


def token_counts(text: str) -> Counter[str]:
    """How often each placeholder token occurs in ``text``."""
    return Counter(tokens_in(text))


def split_tokens(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into ``(is_token, piece)`` runs, tokens kept whole."""
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for match in TOKEN_RE.finditer(text):
        if match.start() > pos:
            pieces.append((False, text[pos : match.start()]))
        pieces.append((True, match.group(0)))
        pos = match.end()
    if pos < len(text):
        pieces.append((False, text[pos:]))
    return pieces
