"""Put translated units back into the source, in place, by the parser's source map.

A unit's translation is placeholder text. Each placeholder becomes the exact source bytes of
its markup again (with translated alt texts and titles inside), so markup can only come out
as it went in. Everything outside the units' regions is copied byte for byte.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Mapping

from ..values import Document, Placeholder, Region, Unit
from .placeholders import split_tokens

#: A ``<`` that could open HTML (a tag, a closing tag, a comment, a declaration or a processing
#: instruction) if it were Markdown. Translated text never carries markup, so it is escaped.
_HTML_START = re.compile(r"<(?=[A-Za-z/!?]|\Z)")
#: Characters of translated text that could make Markdown: a ``]`` that a link, an image or a link
#: reference definition needs (followed by ``(``, ``[`` or ``:``, or ending a piece, where a dropped
#: placeholder could join it to the next piece); code spans, emphasis
#: (``_`` only where it can open or close), strikethrough (``~~``), a backslash that would escape the next
#: character, and the ``:`` of ``https://`` (a bare URL becomes a link; pages do not link ``www.``
#: without a scheme). A translation's ``[2006.07976]`` stays as it is: it cannot link anywhere new.
_MARKUP = re.compile(r"\](?=[(\[:]|\Z)|[`*]|~(?=~)|(?<=~)~|\\(?=[!-/:-@\[-`{-~]|\n|\Z)|(?<!\w)_|_(?!\w)|(?:(?<=[A-Za-z])|\A)(?=://)")
#: Two spaces or more before a line break make a hard break.
_HARD_BREAK = re.compile(r"[ \t]{2,}(?=\n)")
#: What starts a block at the beginning of a line: a heading, quote, list item, rule, table row
#: or setext underline (fences are escaped as code spans are; indented code cannot interrupt text).
_BLOCK_MARKER = r"([ \t]*)(?:([#>+=|-])|([0-9]{1,9})(?=[.)](?:[ \t]|$)))"
_BLOCK_START = {True: re.compile(r"(\A|\n)" + _BLOCK_MARKER, re.M), False: re.compile(r"(\n)" + _BLOCK_MARKER, re.M)}


def render_unit(doc: Document, unit: Unit, texts: Mapping[int, str]) -> str:
    """The Markdown for ``unit`` from its translated placeholder text (or its source text).

    Markup comes only from the source, through placeholders. Text that only a translation has is
    text: a ``<`` in it that could open HTML is written ``&lt;`` (it renders the same), and a
    bare URL gets a space where translated text would otherwise run into the link.
    """
    text = texts.get(unit.index, unit.text)
    translated = text != unit.text
    markdown = unit.region is None or unit.region.style != "yaml"  # a front-matter value is plain YAML text
    children = doc.children.get(unit.index, ())
    by_token = unit.placeholder_map
    out: list[tuple[str, str]] = []
    starts_block = unit.region is None or unit.region.style not in ("heading", "cell")
    for is_token, piece in split_tokens(text):
        if not is_token:
            if not (translated and markdown):
                escaped = piece
            elif unit.kind in ("alt", "title", "attribute"):  # shown as an attribute: Markdown in it is text already
                escaped = escape_html(piece)
            else:
                escaped = escape_text(piece, starts_block and not out)
            out.append(("text", _escape_literal(escaped, unit, translated)))
            continue
        placeholder = by_token.get(piece)
        if placeholder is None:
            continue  # an invented placeholder is dropped; repair records it earlier
        raw = placeholder.raw
        if translated and placeholder.kind == "link" and placeholder.role == "close" and raw in SHORTCUT_CLOSERS:
            raw = full_reference(unit, placeholder)
        first = bisect.bisect_left(children, placeholder.start, key=_span_start)
        last = bisect.bisect_right(children, placeholder.end, key=_span_start)
        inner = [c for c in children[first:last] if c.span[1] <= placeholder.end]
        out.append((placeholder.kind, _splice(raw, placeholder.start, [(c.span[0], c.span[1], c) for c in inner], doc, texts)))
    if translated:
        _separate_urls(out)
    return "".join(piece for _, piece in out)


#: How a shortcut (``[label]``) and a collapsed (``[label][]``) reference link end.
SHORTCUT_CLOSERS = ("]", "][]")


def full_reference(unit: Unit, close: Placeholder) -> str:
    """The end of a shortcut or collapsed reference link whose text was translated, as a full reference link
    naming the source's label (``][as mentioned above]``): the translated text keeps the link's target."""
    opener = unit.placeholder_map.get(f"{{{close.key}}}")
    if opener is None:
        return close.raw
    return f"][{unit.content[opener.end : close.start]}]"


def escape_html(text: str) -> str:
    """``text`` with every ``<`` that could open HTML written as ``&lt;``."""
    return _HTML_START.sub("&lt;", text)


def escape_text(text: str, line_start: bool = True) -> str:
    """Translated ``text`` as Markdown that renders as exactly that text, never as markup.

    ``<`` that could open HTML is ``&lt;``; every other character that could make a link, an
    image, a link reference definition, code, emphasis, a bare-URL link or (after a line break)
    a block is backslash-escaped. The same text renders the same; only the source's placeholders
    make markup. ``line_start``: ``text`` begins a line where a block could begin.
    """
    text = _MARKUP.sub(lambda m: "\\" + m.group(), escape_html(_HARD_BREAK.sub(" ", text)))
    return _BLOCK_START[line_start].sub(_escape_block_start, text)


def _escape_block_start(m: re.Match[str]) -> str:
    marker, digits = m.group(3), m.group(4)
    return m.group(1) + m.group(2) + ("\\" + marker if marker else digits + "\\")


def _separate_urls(out: list[tuple[str, str]]) -> None:
    """Put a space between a bare URL and translated text that would run into the link."""
    from .inline import extended_autolinks

    for i, (kind, raw) in enumerate(out):
        if kind != "url":
            continue
        before = out[i - 1][1] if i > 0 and out[i - 1][0] == "text" else ""  # markup is the source's own
        after = out[i + 1][1] if i + 1 < len(out) and out[i + 1][0] == "text" else ""
        if before and not before[-1].isspace() and extended_autolinks(before[-1] + raw) != [(1, 1 + len(raw))]:
            out[i] = (kind, " " + raw)
        if after and not after[0].isspace() and (extended_autolinks(raw + after[:64]) or [(0, 0)])[0] != (0, len(raw)):
            out[i] = (kind, out[i][1] + " ")


def _span_start(unit: Unit) -> int:
    return unit.span[0] if unit.span is not None else 0


def _escape_literal(text: str, unit: Unit, translated: bool = True) -> str:
    if unit.region is not None and unit.region.style == "cell":
        return text.replace("\n", " ").replace("|", "\\|")
    if unit.region is not None and unit.region.style == "title":  # a link reference title: its delimiter escaped
        if not translated:
            return text  # the source's own title, over its own lines
        closing = {"(": "()"}.get(unit.region.quote, unit.region.quote)
        return re.sub(f"([{re.escape(closing)}])", r"\\\1", text).replace("\n", " ")
    if unit.region is not None and unit.region.style == "heading":
        return text.replace("\n", " ")
    if unit.region is not None and unit.region.style == "attribute" and translated:
        return text.replace('"', "&quot;").replace("'", "&#39;").replace("\n", " ")  # an HTML block's attribute value
    return text


def _escape_subunit(new: str, unit: Unit, old: str) -> str:
    if new == old:
        return new
    if unit.kind == "attribute":  # a quoted attribute value: no quote of either kind, one line
        return new.replace('"', "&quot;").replace("'", "&#39;").replace("\n", " ")
    if unit.kind == "title":
        return new.replace('"', '\\"').replace("'", "\\'").replace(")", "\\)").replace("\n", " ")
    return new.replace("]", "\\]").replace("[", "\\[") if unit.kind == "alt" and "[" not in old else new


def _fit(region: Region, new: str, old: str) -> str:
    """Re-insert container prefixes on continuation lines; quote YAML values as needed."""
    if region.style == "yaml":
        if new == old:
            return new
        if region.quote in (">", "|"):  # a block scalar: every line at the block's indentation
            indent = region.prefixes[0] if region.prefixes else "  "
            return ("\n" + indent).join(line.strip() for line in new.split("\n"))
        if region.quote == "'":
            return new.replace("'", "''").replace("\n", " ")
        if region.quote == '"':
            return json.dumps(new.replace("\n", " "), ensure_ascii=False)[1:-1]
        return _yaml_plain(new.replace("\n", " "))
    if "\n" not in new:
        return new
    lines = new.split("\n")
    prefixes = region.prefixes or ("",)
    out = [lines[0]]
    for j, line in enumerate(lines[1:]):
        out.append(prefixes[min(j, len(prefixes) - 1)] + line)
    return "\n".join(out)


def _yaml_plain(value: str) -> str:
    """``value`` as a plain YAML scalar when that reads back the same, else double-quoted."""
    import yaml

    from ..safe_yaml import load

    try:  # a translation such as 2021-02-30 or 1e999 is not plain (it would read back as something else)
        plain = load(value) == value and not value.startswith((" ", "'", '"'))
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def _splice(raw: str, offset: int, spans: list[tuple[int, int, Unit]], doc: Document, texts: Mapping[int, str]) -> str:
    """``raw`` (which starts at ``offset``) with each sub-unit's span replaced by its rendering, in one pass."""
    if not spans:
        return raw
    pieces: list[str] = []
    position = 0
    for start, end, child in sorted(spans, key=lambda s: s[0]):
        start, end = start - offset, end - offset
        pieces += [raw[position:start], _escape_subunit(render_unit(doc, child, texts), child, raw[start:end])]
        position = end
    pieces.append(raw[position:])
    return "".join(pieces)


def rebuild(doc: Document, texts: Mapping[int, str], start: int = 0, end: int | None = None) -> str:
    """The source of ``doc`` with every top-level unit replaced by its translation.

    With ``start``/``end``: only that part of the source (which must not cut through a unit),
    rebuilt in time proportional to the part, not to the whole source.

    Everything else is the file's own bytes: rebuilding the whole document keeps a BOM, CRLF or CR
    line ends and control characters as they were (new line breaks take the file's line-end style).
    """
    end = len(doc.source) if end is None else end
    replacements: list[tuple[int, int, str]] = []
    for unit in doc.units:
        region = unit.region
        if region is None or region.start < start or region.end > end:
            continue
        new = render_unit(doc, unit, texts)
        if new != unit.content:
            replacements.append((region.start, region.end, _fit(region, new, unit.content)))
    source = doc.source
    whole = start == 0 and end == len(doc.source)
    if whole and doc.origin is not None:
        # The edition of a file with a BOM, CR line ends or NUL: replace within the file's own text.
        source, newline = doc.raw, _newline(doc.raw)
        replacements = [(doc.origin[a], doc.origin[b], new.replace("\n", newline)) for a, b, new in replacements]
        start, end = 0, len(source)
    pieces: list[str] = []
    position = start
    for begin, finish, new in sorted(replacements):
        pieces += [source[position:begin], new]
        position = finish
    pieces.append(source[position:end])
    return "".join(pieces)


def _newline(raw: str) -> str:
    at = raw.find("\r")
    if at < 0:
        return "\n"
    return "\r\n" if raw.startswith("\r\n", at) else "\r"
