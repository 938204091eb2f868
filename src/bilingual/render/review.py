"""How much of each translated page a person has reviewed, and marking what they have not.

A sentence is reviewed when its PO entry is approved (not fuzzy). A page in a language is
*complete* when every sentence with words is; ``publish --require approved`` publishes only
complete languages and shows the English, with a notice, in place of the others.

:func:`marked_html` renders an edition with each unreviewed sentence's text in
``<span class="unreviewed">``. It rebuilds the edition from the PO file with two rare punctuation
characters around each unreviewed sentence, renders it, and turns every run of text between
them into a span (one per run between tags, so spans never cross elements); inside tags
(attribute values: alt texts, link addresses) the marks are dropped. The result is used only
when, without its spans, it is exactly the page the edition itself renders to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..values import Document, Segment
    from .inputs import Version

OPEN, CLOSE = "\u2e4e", "\u2e4f"  # PUNCTUS ELEVATUS MARK, CORNISH VERSE DIVIDER: Po, so Markdown reads them as punctuation
_ENCODED = {OPEN: "%E2%B9%8E", CLOSE: "%E2%B9%8F"}
_TAG = re.compile(r"(<[^>]*>)")
SPAN = '<span class="unreviewed">'


@dataclass(frozen=True)
class Review:
    """A language's review state on one issue: sentences approved of sentences with words."""

    lang: str
    reviewed: int
    total: int
    withheld: bool = False  # --require approved: the English is shown in its place

    @property
    def complete(self) -> bool:
        return self.reviewed == self.total

    def fields(self) -> dict[str, int]:
        return {"reviewed": self.reviewed, "total": self.total}


def review_of(version: Version) -> Review:
    """Count ``version``'s sentences: approved ones are reviewed; source-only ones (no words) do not count."""
    states = [state for state in version.status.values() if state != "source"]
    return Review(version.lang, sum(1 for s in states if s == "approved"), len(states))


def marked_html(
    doc: Document, segments: Sequence[Segment], version: Version, edition: str, allowed: frozenset[str] | None
) -> str | None:
    """The page HTML of ``edition`` with ``version``'s unreviewed sentences in spans; ``None`` when
    the PO file does not build ``edition`` (a hand-edited or older edition) or the marks would
    change the page."""
    from ..document.rebuild import rebuild
    from ..document.segment import unit_texts
    from .html import markdown_html

    if OPEN in doc.source or CLOSE in doc.source or OPEN in edition or CLOSE in edition:
        return None
    if rebuild(doc, unit_texts(doc, segments, version.texts)) != edition:
        return None
    marked = {
        sid: f"{OPEN}{text}{CLOSE}" if version.status.get(sid) not in ("approved", "source") else text
        for sid, text in version.texts.items()
    }
    html = _spans(markdown_html(rebuild(doc, unit_texts(doc, segments, marked)), allowed))
    plain = markdown_html(edition, allowed)
    return html if html.replace(SPAN, "").replace("</span>", "") == plain.replace("</span>", "") else None


def _spans(html: str) -> str:
    out: list[str] = []
    inside = False
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            for mark, encoded in _ENCODED.items():
                piece = piece.replace(mark, "").replace(encoded, "").replace(encoded.lower(), "")
            out.append(piece)
            continue
        for k, run in enumerate(re.split(f"([{OPEN}{CLOSE}])", piece)):
            if k % 2:
                inside = run == OPEN
            elif run:
                out.append(f"{SPAN}{run}</span>" if inside and run.strip() else run)
    return "".join(out)


def notice(review: Review, lang: str, notes: Mapping[str, Mapping[str, str]]) -> str:
    """The note at the top of a page in ``lang``: the newsletter's own wording if it has one."""
    from .messages import messages

    key = "withheld" if review.withheld else ("reviewed" if review.complete else "unreviewed")
    own = notes.get(key, {})
    wording = own.get(lang) or own.get("en")
    return wording.format(**review.fields()) if wording else messages(lang)(key, **review.fields())
