"""Placeholder text shown as a reader sees it: ``{1}crowd counting{/1}`` becomes a link, in HTML.

A segment's text (and each stage of the report) holds its unit's markup as ``{n}``/``{/n}``
tokens. :func:`markup_html` renders a diff (:class:`~.diffing.Op` runs) of such text as HTML:
the unit's markup becomes the element it stands for (links, emphasis, code, images…), the
text of inserted and deleted runs is wrapped in ``<ins>``/``<del>``, and a token the unit does
not have (a glossary slot in raw engine output) stays visible as a token. Tags are always
balanced, whatever an engine did to the tokens.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..values import Placeholder
from ..document.placeholders import split_tokens
from .diffing import Op

_PAIRED = {"em": "em", "strong": "strong", "s": "s"}
_LINK_TARGET = re.compile(r"^\]\(\s*<?([^\s>)]+)")
_WRAP = {"insert": ("<ins>", "</ins>"), "delete": ("<del>", "</del>"), "equal": ("", "")}


@dataclass(frozen=True)
class Markup:
    """A unit's placeholders by token and its closing ones by key: built once per unit, not per segment."""

    by_token: Mapping[str, Placeholder]
    closers: Mapping[int, Placeholder]

    @classmethod
    def of(cls, placeholders: Sequence[Placeholder]) -> Markup:
        return cls({p.token: p for p in placeholders}, {p.key: p for p in placeholders if p.role == "close"})


def markup_html(ops: Iterable[Op], placeholders: Sequence[Placeholder] | Markup) -> str:
    """``ops`` (equal/insert/delete runs of placeholder text) as balanced HTML."""
    markup = placeholders if isinstance(placeholders, Markup) else Markup.of(placeholders)
    by_token, closers = markup.by_token, markup.closers
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (key, closing tag) of the elements open now
    for op in ops:
        before, after = _WRAP[op.kind]
        for is_token, piece in split_tokens(op.text):
            placeholder = by_token.get(piece) if is_token else None
            if not is_token:
                out.append(f"{before}{html.escape(piece, quote=False)}{after}" if piece else "")
            elif placeholder is None:  # a glossary slot or a token the engine made up
                out.append(f'{before}<span class="token">{html.escape(piece)}</span>{after}')
            elif op.kind == "delete":
                continue  # markup the new text no longer has: its text shows as deleted
            elif placeholder.role == "open":
                tag, end = _open_tag(placeholder, closers.get(placeholder.key))
                out.append(tag)
                stack.append((placeholder.key, end))
            elif placeholder.role == "close":
                out.append(_close(stack, placeholder.key))
            else:
                out.append(f"{before}{atomic_html(placeholder)}{after}")
    out.extend(end for _, end in reversed(stack))
    return "".join(out)


def _open_tag(opening: Placeholder, closing: Placeholder | None) -> tuple[str, str]:
    if opening.kind == "link":
        target = _LINK_TARGET.match(closing.raw) if closing is not None else None
        if target:
            return f'<a href="{html.escape(target.group(1))}">', "</a>"
        return '<span class="link">', "</span>"
    tag = _PAIRED.get(opening.kind)
    return (f"<{tag}>", f"</{tag}>") if tag else ("<span>", "</span>")


def _close(stack: list[tuple[int, str]], key: int) -> str:
    """Close the element ``key`` (and reopen nothing: inner elements close with it); '' if not open."""
    if all(k != key for k, _ in stack):
        return ""
    out = []
    while stack:
        k, end = stack.pop()
        out.append(end)
        if k == key:
            break
    return "".join(out)


def atomic_html(placeholder: Placeholder) -> str:
    """A self-contained piece of markup (code span, image, autolink, entity…) as HTML."""
    raw = placeholder.raw
    if placeholder.kind == "code":
        return f"<code>{html.escape(_code_text(raw), quote=False)}</code>"
    if placeholder.kind == "image":
        alt = re.match(r"!\[(.*?)\]", raw, re.S)
        return f'<span class="image" title="image">🖼 {html.escape(alt.group(1) if alt else raw, quote=False)}</span>'
    if placeholder.kind in ("autolink", "url"):
        url = raw.strip("<>")
        return f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>'
    if placeholder.kind == "entity":
        return html.escape(html.unescape(raw), quote=False)
    if placeholder.kind == "escape":
        return html.escape(raw[1:] if raw.startswith("\\") else raw, quote=False)
    if placeholder.kind == "hardbreak":
        return "<br>"
    return f'<code class="markup">{html.escape(raw, quote=False)}</code>'


def _code_text(raw: str) -> str:
    ticks = len(raw) - len(raw.lstrip("`"))
    inner = raw[ticks : len(raw) - ticks] if ticks else raw
    if len(inner) > 2 and inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    return inner
