"""Inline Markdown → text with numbered placeholders, using markdown-it-py's own inline rules.

markdown-it-py's inline tokens carry no source offsets, so each inline rule is wrapped to record
the span of source it consumed. Markup spans (emphasis runs, link brackets and destinations,
code spans, images, autolinks, HTML, entities, escapes, hard breaks) become placeholders; the
text between them is what gets translated. Because every placeholder holds the exact source
bytes of its markup, putting a unit back together can never break emphasis or drop a link.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..values import Placeholder, Role
from .dialect import gfm_dialect
from .placeholders import TOKEN_RE

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from .protect import Protection

#: Link text that names the link's target rather than describing it: a URL with a scheme, a
#: ``www.`` address, an e-mail address, a code span.
LITERAL_LABEL = re.compile(r"\s*(?:[A-Za-z][\w+.-]*:[^\s\]]+|www\.[^\s\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(`+)[^`]+\1)\s*")
#: Raw inline HTML elements whose content is code: ``<code>``, ``<kbd>``, ``<samp>``, ``<var>``, ``<pre>``.
CODE_ELEMENT = re.compile(r"<(code|kbd|samp|var|pre)(?:\s[^<>]*)?>", re.I)
#: A link destination in text that markdown-it did not read as a link (``[x](javascript:…)``):
#: kept as it is, so a translation can neither change it nor make it a link.
REJECTED_DESTINATION = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*\)")
#: Attributes of HTML tags, components and shortcodes whose values are prose, unless
#: ``bilingual.toml`` names others (``[translate] attributes``).
ATTRIBUTES = ("alt", "title", "caption", "text", "label", "placeholder", "aria-label")
SPANS = "_bilingual_spans"
CALLS = "_bilingual_calls"
ATOMIC_RULES = {
    "backticks": "code", "autolink": "autolink", "html_inline": "html", "entity": "entity", "escape": "escape",
    "linkify": "url",
}
#: What a backslash escapes (CommonMark: ASCII punctuation); before anything else it is a backslash.
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: The inline rules whose spans :func:`_marks` reads; the others run unrecorded.
RECORDED_RULES = frozenset(ATOMIC_RULES) | {"newline", "image", "link", "emphasis", "strikethrough"}


@dataclass
class Invocation:
    """One successful inline rule call: the source span it consumed and the tokens it pushed."""

    rule: str
    start: int
    end: int
    tokens: list[Token]
    label: tuple[int, int] | None = None


@dataclass(eq=False)
class _Mark:
    start: int
    end: int
    kind: str
    role: Role = "atomic"
    opens: list[int] = field(default_factory=list)  # ids of open tokens in this mark
    closes: list[int] = field(default_factory=list)
    image: Token | None = None
    title: str | None = None
    partner: _Mark | None = None  # a closing mark's opening mark


def install_span_recorder(md: MarkdownIt) -> None:
    """Wrap ``md``'s inline rules so each parse records source spans in ``env``."""
    inline = md.inline
    original_tokenize = inline.tokenize

    def tokenize(state: Any) -> None:
        calls = state.env.setdefault(CALLS, {}).setdefault(id(state.tokens), [])
        calls.append((state.pos, state.posMax))
        state.env.setdefault(SPANS, {}).setdefault(id(state.tokens), [])
        original_tokenize(state)

    inline.tokenize = tokenize  # type: ignore[method-assign]
    for rule in list(inline.ruler.get_all_rules()):
        if rule not in RECORDED_RULES:
            continue  # plain text, the most frequent rule, marks nothing: left as it is
        fn = inline.ruler.__rules__[inline.ruler.__find__(rule)].fn
        inline.ruler.at(rule, _recording(rule, fn))
    # Keep unused emphasis fragments as separate tokens: their spans are needed.
    inline.ruler2.disable("fragments_join")


def _recording(rule: str, fn: Any) -> Any:
    if rule != "link":
        def wrapped(state: Any, silent: bool) -> bool:
            if silent:
                return fn(state, silent)
            start, count = state.pos, len(state.tokens)
            if not fn(state, silent):
                return False
            spans = state.env.setdefault(SPANS, {}).setdefault(id(state.tokens), [])
            spans.append(Invocation(rule, start, state.pos, state.tokens[count:]))
            return True

        return wrapped

    def wrapped_link(state: Any, silent: bool) -> bool:  # its label: the first tokenize call it makes
        if silent:
            return fn(state, silent)
        start, count = state.pos, len(state.tokens)
        calls = state.env.setdefault(CALLS, {}).setdefault(id(state.tokens), [])
        ncalls = len(calls)
        ok = fn(state, silent)
        if ok:
            label = calls[ncalls] if len(calls) > ncalls else None
            spans = state.env.setdefault(SPANS, {}).setdefault(id(state.tokens), [])
            spans.append(Invocation(rule, start, state.pos, state.tokens[count:], label))
        return ok

    return wrapped_link


def inline_tokens(md: MarkdownIt, content: str, env: dict) -> tuple[list[Token], list[Invocation]]:
    """Parse ``content`` as inline Markdown; return its tokens and the recorded rule spans."""
    env.pop(SPANS, None)
    env.pop(CALLS, None)
    block = md.parseInline(content, env)
    children = block[0].children or []
    # The first token list parsed is the top level (core rules may replace the list object).
    recorded = env.get(SPANS, {})
    return children, next(iter(recorded.values()), [])


def _marks(content: str, tokens: list[Token], invocations: list[Invocation]) -> list[_Mark]:
    marks: list[_Mark] = []
    for inv in invocations:
        own = inv.tokens
        if inv.rule in ATOMIC_RULES:
            kind = ATOMIC_RULES[inv.rule]
            if inv.rule == "escape" and any(t.type == "hardbreak" for t in own):
                kind = "hardbreak"
            elif inv.rule == "escape" and content[inv.end - 1 : inv.end] not in _ESCAPABLE:
                continue  # a backslash before a letter, digit or CJK escapes nothing (election\instance, C:\Users): text
            start = _scheme_start(content, inv.start) if inv.rule == "linkify" else inv.start
            marks.append(_Mark(start, inv.end, kind))
        elif inv.rule == "newline" and any(t.type == "hardbreak" for t in own):
            start = inv.start
            while start > 0 and content[start - 1] == " ":
                start -= 1
            marks.append(_Mark(start, inv.end, "hardbreak"))
        elif inv.rule == "image":
            image = next(t for t in own if t.type == "image")
            marks.append(_Mark(inv.start, inv.end, "image", image=image))
        elif inv.rule == "link" and inv.label is not None:
            opener = next(t for t in own if t.type == "link_open")
            closer = [t for t in own if t.type == "link_close"][-1]
            title = opener.attrGet("title")
            if LITERAL_LABEL.fullmatch(content, inv.label[0], inv.label[1]):
                # Link text that is itself a URL or an e-mail address is not prose: the link is kept whole.
                marks.append(_Mark(inv.start, inv.end, "link", title=title))
                continue
            marks.append(_Mark(inv.start, inv.label[0], "link", "open", opens=[id(opener)]))
            marks.append(_Mark(inv.label[1], inv.end, "link", "close", closes=[id(closer)], title=title))
        elif inv.rule in ("emphasis", "strikethrough"):
            mark = _delimiter_mark(inv)
            if mark is not None:
                marks.append(mark)
    return _pair(marks, tokens)


def _scheme_start(content: str, colon: int) -> int:
    """markdown-it's linkify rule fires at the ``:`` of ``https://`` and takes back the scheme
    before it from the pending text: the link starts at the scheme."""
    start = colon
    while start > 0 and (content[start - 1].isascii() and (content[start - 1].isalnum() or content[start - 1] in ".+-")):
        start -= 1
    while start < colon and not content[start].isalpha():
        start += 1
    return start


def _delimiter_mark(inv: Invocation) -> _Mark | None:
    opens = [id(t) for t in inv.tokens if t.nesting == 1]
    closes = [id(t) for t in inv.tokens if t.nesting == -1]
    if not opens and not closes:
        return None  # every delimiter stayed literal text
    kind = next(t.tag for t in inv.tokens if t.nesting != 0)  # em, strong or s
    role: Role = "open" if opens and not closes else "close" if closes and not opens else "atomic"
    return _Mark(inv.start, inv.end, kind, role, opens, closes)


def _pair(marks: list[_Mark], tokens: list[Token]) -> list[_Mark]:
    """Keep open/close roles only where an opening mark and a closing mark match exactly."""
    partner: dict[int, int] = {}
    stack: list[Token] = []
    for tok in tokens:
        if tok.nesting == 1:
            stack.append(tok)
        elif tok.nesting == -1 and stack:
            opener = stack.pop()
            partner[id(opener)] = id(tok)
            partner[id(tok)] = id(opener)
    by_close = {c: m for m in marks for c in m.closes}
    for mark in marks:
        if mark.role != "open":
            continue
        targets = {by_close.get(partner.get(o, -1)) for o in mark.opens}
        target = targets.pop() if len(targets) == 1 else None
        if target is None or target.role != "close" or {partner.get(c) for c in target.closes} != set(mark.opens):
            mark.role = "atomic"
        else:
            target.partner = mark
    for mark in marks:
        if mark.role == "close" and (mark.partner is None or mark.partner.role != "open"):
            mark.role = "atomic"
    return sorted(marks, key=lambda m: m.start)


def literal_marks(content: str, start: int, end: int, autolinks: bool = True) -> list[_Mark]:
    """Placeholder-like text and GFM extended autolinks (``www.``, bare URLs, e-mail addresses)
    in literal text are protected too: the links are found as markdown-it's linkify finds them."""
    found = [
        _Mark(m.start() + start, m.end() + start, "literal")
        for m in TOKEN_RE.finditer(content[start:end])
    ]
    if "](" in content[start:end]:
        found += [
            _Mark(m.start(), m.end(), "url") for m in REJECTED_DESTINATION.finditer(content, start, end)
            if not any(f.start < m.end() and m.start() < f.end for f in found)
        ]
    taken = [(m.start, m.end) for m in found]
    for a, b in extended_autolinks(content[start:end]) if autolinks else ():
        a, b = a + start, b + start
        if not any(x < b and a < y for x, y in taken):
            found.append(_Mark(a, b, "url"))
    return sorted(found, key=lambda m: m.start)


def extended_autolinks(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that GFM's autolink extension (markdown-it's linkify) turns into links."""
    if "." not in text and ":" not in text:
        return []  # every extended autolink has a dot (a domain) or a colon (a scheme)
    md = gfm_dialect()
    if not md.linkify.test(text):
        return []
    return [(m.index, m.last_index) for m in md.linkify.match(text) or [] if md.validateLink(md.normalizeLink(m.url))]


def _code_elements(marks: list[_Mark], content: str) -> list[tuple[int, int, str]]:
    """Raw HTML code elements (``<code>…</code>``, ``<kbd>``, ``<samp>``, ``<var>``, ``<pre>``):
    from the opening tag to its closing tag, code like a code span."""
    found: list[tuple[int, int, str]] = []
    html = [m for m in marks if m.kind == "html"]
    i = 0
    while i < len(html):
        opening = CODE_ELEMENT.fullmatch(content, html[i].start, html[i].end)
        if opening is not None:
            closing = re.compile(rf"</{opening.group(1)}\s*>", re.I)
            j = next((k for k in range(i + 1, len(html)) if closing.fullmatch(content, html[k].start, html[k].end)), None)
            if j is not None:
                found.append((html[i].start, html[j].end, "code"))
                i = j + 1
                continue
        i += 1
    return found


def protect_marks(marks: list[_Mark], content: str, protection: Protection | None,
                  code: list[tuple[int, int, str]] | None = None) -> list[_Mark]:
    """Protected-pattern matches (and raw HTML ``code`` elements) become atomic marks; markup
    marks they overlap give way (a pair whose other half is overlapped keeps its bytes as an
    atomic placeholder)."""
    if protection is None and not code:
        return marks
    atomic = [(m.start, m.end) for m in marks if m.role == "atomic"]
    markup = [(m.start, m.end) for m in marks if m.role != "atomic"]
    # Code spans, HTML, autolinks, images… are placeholders already: a pattern inside, across or
    # exactly over one gives way (HTML stays HTML, for the reviewer's html rule). So does a pattern
    # wholly inside the markup of a pair (``<>`` in a link's ``](<>)``): that markup keeps its bytes.
    matches = [(a, b, "protected") for a, b, _ in protection.spans(content)] if protection is not None else []
    spans = [(a, b, kind) for a, b, kind in matches
             if not any(x < b and a < y and not (a <= x and y <= b and (a, b) != (x, y)) for x, y in atomic)
             and not any(x <= a and b <= y for x, y in markup)]
    spans = [*(c for c in code or () if not any(a < c[1] and c[0] < b for a, b, _ in spans)), *spans]
    if not spans:
        return marks
    kept: list[_Mark] = []
    for mark in marks:
        if any(a < mark.end and mark.start < b for a, b, _ in spans):
            if mark.partner is not None:
                mark.partner.role = "atomic"
            for other in marks:
                if other.partner is mark:
                    other.role = "atomic"
                    other.partner = None
            continue
        kept.append(mark)
    kept.extend(_Mark(a, b, kind) for a, b, kind in spans)
    return sorted(kept, key=lambda m: m.start)


@dataclass(frozen=True)
class SubUnit:
    """Alt text or a link title found inside a unit: translatable on its own."""

    kind: str  # alt, title, attribute
    start: int  # offsets in the unit's content
    end: int


@dataclass(frozen=True)
class InlineResult:
    text: str
    placeholders: tuple[Placeholder, ...]
    subunits: tuple[SubUnit, ...]


def to_placeholders(md: MarkdownIt, content: str, env: dict, protection: Protection | None = None,
                    autolinks: bool = True) -> InlineResult:
    """Turn one unit's inline ``content`` into placeholder text, placeholders and sub-units.

    ``protection``'s patterns are applied to the whole content first: what they match is code.
    ``autolinks=False`` for text already in placeholder form (a PO entry), where bare URLs are
    placeholders already and a domain-like word may be link text.
    """
    tokens, invocations = inline_tokens(md, content, env)
    marks = [m for m in _marks(content, tokens, invocations) if m.end > m.start]
    marks = protect_marks(marks, content, protection, _code_elements(marks, content))
    # Drop marks nested inside atomic marks (an image's inner rules run in their own state).
    top: list[_Mark] = []
    for mark in marks:
        if top and mark.start < top[-1].end:
            continue
        top.append(mark)
    with_literals: list[_Mark] = []
    pos = 0
    in_link = 0  # link text is never autolinked again
    for mark in [*top, None]:
        end = mark.start if mark else len(content)
        with_literals.extend(literal_marks(content, pos, end, autolinks=autolinks and not in_link))
        if mark:
            with_literals.append(mark)
            pos = mark.end
            if mark.kind == "link" and mark.role in ("open", "close"):
                in_link += 1 if mark.role == "open" else -1
    key = 0
    keys: dict[int, int] = {}
    pieces: list[str] = []
    placeholders: list[Placeholder] = []
    subunits: list[SubUnit] = []
    pos = 0
    for mark in with_literals:
        pieces.append(content[pos : mark.start])
        if mark.role == "close" and mark.partner is not None:
            k = keys[id(mark.partner)]
        else:
            key += 1
            k = keys[id(mark)] = key
        placeholder = Placeholder(k, mark.role, mark.kind, content[mark.start : mark.end], mark.start, mark.end)
        placeholders.append(placeholder)
        pieces.append(placeholder.token)
        subunits.extend(_subunits(content, mark, protection.attributes if protection is not None else ATTRIBUTES))
        pos = mark.end
    pieces.append(content[pos:])
    return InlineResult("".join(pieces), tuple(placeholders), tuple(subunits))


def _subunits(content: str, mark: _Mark, attributes: tuple[str, ...] = ATTRIBUTES) -> list[SubUnit]:
    found: list[SubUnit] = []
    if mark.kind == "image" and mark.image is not None:
        alt = mark.image.content
        start = mark.start + 2
        reference_label = content[start + len(alt) : mark.end] in ("]", "][]")
        if alt.strip() and content[start : start + len(alt)] == alt and not reference_label:
            found.append(SubUnit("alt", start, start + len(alt)))
        title = mark.image.attrGet("title")
        found.extend(_title_unit(content, mark.start + 2 + len(alt), mark.end, title))
    elif mark.kind == "link" and mark.role in ("close", "atomic") and mark.title:
        found.extend(_title_unit(content, mark.start, mark.end, mark.title))
    elif mark.kind in ("html", "protected") and "=" in content[mark.start : mark.end]:
        found.extend(attribute_units(content, mark.start, mark.end, attributes))
    return found


def attribute_units(content: str, start: int, end: int, attributes: tuple[str, ...]) -> list[SubUnit]:
    """The quoted values of ``attributes`` (``alt="…"``, ``caption='…'``) in the tag or template
    span ``content[start:end]``: prose inside markup, translatable on its own."""
    if not attributes:
        return []
    rx = _attribute_re(attributes)
    return [SubUnit("attribute", m.start(2), m.end(2)) for m in rx.finditer(content, start, end)
            if m.group(2).strip() and not TOKEN_RE.search(m.group(2)) and any(c.isalpha() for c in m.group(2))]


@functools.lru_cache(maxsize=32)
def _attribute_re(attributes: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in attributes)
    return re.compile(rf"(?<![\w.:-])(?:{names})\s*=\s*([\"'])((?:(?!\1)[^<>{{}}\n])*)\1", re.I)


def _title_unit(content: str, start: int, end: int, title: Any) -> list[SubUnit]:
    if not isinstance(title, str) or not title.strip():
        return []
    raw = content[start:end]
    for left, right in (('"', '"'), ("'", "'"), ("(", ")")):
        at = raw.rfind(left + title + right)
        if at >= 0:
            s = start + at + 1
            return [SubUnit("title", s, s + len(title))]
    return []
