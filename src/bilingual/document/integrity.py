"""Markup placeholders must come back from an engine exactly once each, well nested.

Whatever an engine (or a translator's msgstr) does to them, :func:`repair` returns text whose
markup placeholders are exactly the source sentence's, each once, every pair opened before it
closes and pairs nested only as the source nests them, so the rebuilt Markdown cannot cross
markup (``*[**…](url)***``). An :class:`Event` records every fix, so a reviewer sees each one.

A translation may move markup (word order differs between languages): pairs that are present
and well nested stay where the translation put them. When that cannot be kept, every pair is
laid out again in the source's order, at the places in the translation that correspond to its
places in the source, in proportion.
"""

from __future__ import annotations

import re

from ..values import Event
from .placeholders import TOKEN_RE, tokens_in

_MANGLED = re.compile(r"[{｛]\s*(/?)\s*(\d{1,4})\s*[}｝]")


def normalize(output: str, expected: set[str]) -> str:
    """Undo common mangling (``{ 3 }``, full-width braces) of tokens that were expected."""

    def fix(match: re.Match[str]) -> str:
        canonical = f"{{{match.group(1)}{match.group(2)}}}"
        return canonical if canonical in expected else match.group(0)

    return _MANGLED.sub(fix, output)


def pair_parents(tokens: list[str]) -> dict[str, str | None]:
    """For each pair (by its opening token) in well-nested ``tokens``, the pair directly around it."""
    pairs = _pairs(tokens)
    parents: dict[str, str | None] = {}
    stack: list[str] = []
    for tok in tokens:
        if tok in pairs:
            parents[tok] = stack[-1] if stack else None
            stack.append(tok)
        elif tok.startswith("{/") and stack and stack[-1] == _opener(tok):
            stack.pop()
    return parents


def well_nested(source: str, output: str) -> bool:
    """True when ``output`` has each token of ``source`` once and nests pairs only as the source does."""
    expected = tokens_in(source)
    found = tokens_in(output)
    if sorted(found) != sorted(expected):
        return False
    pairs = _pairs(expected)
    parents = pair_parents(expected)
    stack: list[str] = []
    for tok in found:
        if tok in pairs:
            if stack and not _encloses(stack[-1], tok, parents):
                return False
            stack.append(tok)
        elif tok.startswith("{/"):
            if not stack or stack[-1] != _opener(tok):
                return False
            stack.pop()
    return not stack


def repair(source: str, output: str, segment: str) -> tuple[str, tuple[Event, ...]]:
    """Make ``output`` carry exactly the placeholder tokens of ``source``, each once, well nested."""
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
    pairs = _pairs(expected)
    for tok in expected:
        if tok in text or tok in pairs or tok.startswith("{/"):
            continue
        text = text.rstrip() + tok  # a lost atomic placeholder (code, an image…) goes at the end
        events.append(Event("placeholder-recovered", segment, f"inserted missing {tok}"))
    candidate = _complete_pairs(text, expected, pairs, segment)
    if candidate is not None and well_nested(source, candidate[0]):
        return candidate[0], (*events, *candidate[1])
    laid_out = _lay_out(source, text, expected, pairs)
    events.append(Event("placeholder-recovered", segment,
                        "put the markup back in the source's order: " + "".join(t for t in tokens_in(laid_out) if t in pairs or t.startswith("{/"))))
    return laid_out, tuple(events)


def _complete_pairs(text: str, expected: list[str], pairs: set[str], segment: str) -> tuple[str, list[Event]] | None:
    """The small fix: a pair missing one half gets it at the sentence's start or end; a pair lost
    whole wraps the sentence when it is the only one lost. ``None`` when that is not enough."""
    events: list[Event] = []
    lost = [o for o in expected if o in pairs and o not in text and _closer(o) not in text]
    if len(lost) > 1:
        return None
    for opener in (o for o in expected if o in pairs):
        closer = _closer(opener)
        has_open, has_close = opener in text, closer in text
        if has_open and not has_close:
            text = text.rstrip() + closer
            events.append(Event("placeholder-recovered", segment, f"inserted missing {closer}"))
        elif has_close and not has_open:
            text = opener + text.lstrip()
            events.append(Event("placeholder-recovered", segment, f"inserted missing {opener}"))
        elif not has_open and not has_close:
            text = opener + text.strip() + closer
            events.append(Event("placeholder-recovered", segment, f"inserted missing {opener}…{closer} around the sentence"))
    return text, events


def _lay_out(source: str, text: str, expected: list[str], pairs: set[str]) -> str:
    """Remove every pair token from ``text`` and insert them again in the source's order.

    Positions are counted in cells (a character, or an atomic placeholder). Each pair token goes to
    the word boundary of ``text`` nearest the place that corresponds, in proportion, to its place
    in ``source`` (in text without spaces, to that place itself); ties keep the source order, so
    the tokens come out exactly in source order and nest as the source nests. A pair keeps at
    least one cell inside it where the text has enough, and never starts or ends on white space.
    """
    pair_tokens = pairs | {_closer(o) for o in pairs}
    source_cells, source_at = _cells(source, pair_tokens)
    stripped = TOKEN_RE.sub(lambda m: "" if m.group(0) in pair_tokens else m.group(0), text)
    cells, _ = _cells(stripped, pair_tokens)
    total, length = len(source_cells), len(cells)
    places: list[tuple[int, str]] = []
    opened: dict[str, int] = {}
    last = 0
    order = [tok for tok in expected if tok in pair_tokens]
    starts = [b for b in range(length) if not cells[b].isspace() and (b == 0 or cells[b - 1].isspace())]
    ends = [b for b in range(1, length + 1) if not cells[b - 1].isspace() and (b == length or cells[b].isspace())]
    if len(starts) < 2:
        starts = ends = []  # no word boundaries inside (Chinese, Japanese): places in proportion
    for tok in order:
        target = round(source_at[tok] * length / total) if total else 0
        if tok.startswith("{/"):
            start = opened.get(_opener(tok), last)
            at = _nearest([b for b in ends if b >= last and b > start], target)
            if at is None:
                at = max(target, last)
                if at <= start < length:
                    at = start + 1  # keep something inside the pair
                while at - 1 > max(start, last - 1) and cells[at - 1].isspace():
                    at -= 1  # end the pair before white space, or it cannot close
        else:
            at = _nearest([b for b in starts if b >= last], target)
            if at is None:
                at = max(target, last)
                while at < length and cells[at].isspace():
                    at += 1  # start the pair after white space, or it cannot open
            opened[tok] = at
        places.append((at, tok))
        last = at
    out: list[str] = []
    i = 0
    for index, cell in enumerate([*cells, ""]):
        while i < len(places) and places[i][0] == index:
            out.append(places[i][1])
            i += 1
        out.append(cell)
    return "".join(out)


def _nearest(candidates: list[int], target: int) -> int | None:
    """The candidate closest to ``target`` (the earlier one on a tie), if any."""
    return min(candidates, key=lambda b: (abs(b - target), b), default=None)


def _cells(text: str, pair_tokens: set[str]) -> tuple[list[str], dict[str, int]]:
    """``text`` without its pair tokens, cut into cells; and the cell index before each pair token."""
    cells: list[str] = []
    at: dict[str, int] = {}
    pos = 0
    for m in TOKEN_RE.finditer(text):
        cells.extend(text[pos : m.start()])
        if m.group(0) in pair_tokens:
            at[m.group(0)] = len(cells)
        else:
            cells.append(m.group(0))
        pos = m.end()
    cells.extend(text[pos:])
    return cells, at


def _pairs(expected: list[str]) -> set[str]:
    """The opening tokens of ``expected`` that have a closing token."""
    closers = {t for t in expected if t.startswith("{/")}
    return {t for t in expected if not t.startswith("{/") and _closer(t) in closers}


def _encloses(outer: str, inner: str, parents: dict[str, str | None]) -> bool:
    """True when pair ``outer`` is around pair ``inner`` in the source (at any depth)."""
    parent = parents.get(inner)
    while parent is not None:
        if parent == outer:
            return True
        parent = parents.get(parent)
    return False


def _closer(opener: str) -> str:
    return "{/" + opener[1:]


def _opener(closer: str) -> str:
    return "{" + closer[2:]
