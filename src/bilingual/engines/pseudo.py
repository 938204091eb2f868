"""Pseudo-localisation, as localisation QA uses it.

Deterministic; every Latin letter becomes an accented look-alike and each segment is wrapped
in ``⟦ ⟧``, so anything still plain in the output was never sent for translation. Placeholder
tokens are left exactly as they are. The brackets are not Markdown syntax.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..version import __version__
from ..document.placeholders import split_tokens

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "àƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
_TABLE = str.maketrans(_PLAIN, _ACCENTED)
OPEN, CLOSE = "⟦", "⟧"


def pseudo(text: str) -> str:
    """Accent every letter outside placeholder tokens and bracket the whole text."""
    body = "".join(piece if is_token else piece.translate(_TABLE) for is_token, piece in split_tokens(text))
    return f"{OPEN}{body}{CLOSE}"


class PseudoEngine:
    """Pseudo-translation into any language: shows exactly what would be translated."""

    name = "pseudo"
    #: With ``translate --out``, start from no memory: every sentence is pseudo-localised, none
    #: copied from the source issue's approved PO entries (which stay as they are in any case).
    starts_fresh = True

    def signature(self, source: str, target: str) -> str:
        return f"pseudo:{__version__}"

    def check_pair(self, source: str, target: str) -> None:
        return None

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [pseudo(text) for text in texts]
