"""What the rules read inside one unit: link destinations, code spans, numbers, broken markup.

Every function takes a :class:`~bilingual.values.Unit` (or its placeholder text) and returns
what it found with an offset, so a rule can place the finding exactly. Offsets into ``text``
(placeholder form) become offsets into ``content`` (the file's bytes) with :func:`content_offset`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from ..values import Unit
from ..document.placeholders import TOKEN_RE

#: Placeholder kinds whose bytes are never read as prose (URLs, code, HTML, escapes).
OPAQUE = frozenset({"code", "autolink", "url", "html", "image", "literal", "escape", "entity", "link"})
EMPHASIS = frozenset({"em", "strong", "s"})

#: Full-width digits, percent sign and separators as their ASCII forms (str.translate table).
FULLWIDTH = str.maketrans("０１２３４５６７８９％．，", "0123456789%.,")
#: A number not glued to a word of Latin script (accented letters too): ResNet-50, GTA5, 6.S191 are names.
NUMBER_RE = re.compile(r"(?<![A-Za-z\u00C0-\u024F\u1E00-\u1EFF0-9_.\-/])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)*(?:\s?%)?")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")

_OPEN = {"(": "()", "（": "()", "[": "[]", "［": "[]", "【": "【】", "〖": "【】", "「": "「」", "『": "『』", "《": "《》", "〈": "〈〉"}
_CLOSE = {")": "()", "）": "()", "]": "[]", "］": "[]", "】": "【】", "〗": "【】", "」": "「」", "』": "『』", "》": "《》", "〉": "〈〉"}


def content_offset(unit: Unit, text_offset: int) -> int:
    """The offset in ``unit.content`` of ``text_offset`` in ``unit.text`` (a token maps to its markup's start)."""
    i = bisect.bisect_right(unit.token_offsets, text_offset) - 1  # the last token starting at or before it
    if i < 0:
        return text_offset if unit.placeholders else min(text_offset, len(unit.content))
    ph, start = unit.placeholders[i], unit.token_offsets[i]
    if text_offset < start + len(ph.token):
        return ph.start
    offset = ph.end + text_offset - start - len(ph.token)
    return min(offset, len(unit.content)) if i == len(unit.placeholders) - 1 else offset


def blank(text: str) -> str:
    """``text`` with its placeholder tokens turned into spaces of the same length."""
    return TOKEN_RE.sub(lambda m: " " * len(m.group(0)), text) if "{" in text else text


def plain(text: str) -> str:
    """The words of placeholder ``text``: tokens removed, white space collapsed."""
    return " ".join(TOKEN_RE.sub(" ", text).split())


# --- links and images -------------------------------------------------------------------------


def destinations(unit: Unit, references: Mapping[str, str]) -> list[tuple[str, str, int]]:
    """``(kind, destination, content offset)`` of each link (``link``) and image (``image``) in ``unit``.

    Reference links resolve through ``references`` (normalized label → URL); a shortcut
    reference whose label is not defined is left out, and so is a bare name that linkify takes
    for a domain (``module.rs``): no one wrote it as a link.
    """
    out: list[tuple[str, str, int]] = []
    if not unit.placeholders:
        return out
    opens = {p.key: p for p in unit.placeholders if p.kind == "link" and p.role == "open"}
    for ph in unit.placeholders:
        if ph.kind == "link" and ph.role == "close":
            start = opens[ph.key].start if ph.key in opens else ph.start
            dest = _after_label(ph.raw, 0, references, unit.content[start : ph.start])
        elif ph.kind == "link":  # a whole link as one placeholder: shortcut or collapsed reference
            dest = _after_label(ph.raw, _label_end(ph.raw, 0), references, ph.raw)
            start = ph.start
        elif ph.kind == "image":
            dest = _after_label(ph.raw, _label_end(ph.raw, 1), references, ph.raw[1:])
            start = ph.start
        elif ph.kind == "url" and "://" not in ph.raw and not ph.raw.lower().startswith("www."):
            continue  # a file name the renderer's linkify takes for a domain (module.rs): text, not a link
        elif ph.kind in ("autolink", "url"):
            dest = ph.raw[1:-1] if ph.kind == "autolink" else ph.raw
            start = ph.start
        else:
            continue
        if dest is not None:
            out.append(("image" if ph.kind == "image" else "link", dest, start))
    return out


def _label_end(raw: str, start: int) -> int:
    """The index of the ``]`` that closes the ``[`` at ``start``."""
    depth = 0
    i = start
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(raw) - 1


def _after_label(raw: str, close: int, references: Mapping[str, str], label: str) -> str | None:
    """The destination written after the label that ends at ``raw[close]``."""
    from markdown_it.common.utils import normalizeReference
    from markdown_it.helpers import parseLinkDestination

    rest = raw[close + 1 :]
    if rest.startswith("("):
        pos = 1
        while pos < len(rest) and rest[pos] in " \t\n":
            pos += 1
        result = parseLinkDestination(rest, pos, len(rest))
        return result.str if result.ok else ""
    if rest.startswith("[") and rest.rstrip() != "[]":
        label = rest[1 : rest.find("]")] if "]" in rest else rest[1:]
    key = normalizeReference(label.strip("[]"))
    return references.get(key)


# --- code and placeholders ----------------------------------------------------------------------


def code_spans(unit: Unit) -> list[tuple[str, int]]:
    """``(code, content offset)`` of each inline code span, and each literal ``{n}`` placeholder token.

    A code span's value is what CommonMark renders: a line break inside it (the source hard-wrapped
    a long span) is a space, so the same span written on one line is the same code.
    """
    out: list[tuple[str, int]] = []
    for ph in unit.placeholders:
        if ph.kind == "code":
            inner = re.sub(r"[ \t]*\r?\n[ \t]*", " ", ph.raw.strip("`"))
            if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
                inner = inner[1:-1]
            out.append((inner, ph.start))
        elif ph.kind == "literal":
            out.append((ph.raw, ph.start))
        elif ph.kind == "link" and ph.raw.startswith("[") and "](" in ph.raw:  # a link whose text is all code
            label = ph.raw[1:ph.raw.rfind("](")]
            out.extend((_rendered(m.group(2)), ph.start + 1 + m.start()) for m in _LABEL_CODE.finditer(label))
    return out


_LABEL_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def _rendered(inner: str) -> str:
    """A code span's content as CommonMark renders it: a line break is a space, one padding space each side goes."""
    inner = re.sub(r"[ \t]*\r?\n[ \t]*", " ", inner)
    return inner[1:-1] if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" ") else inner


# --- numbers --------------------------------------------------------------------------------------


def numbers(text: str) -> list[tuple[str, str, int]]:
    """``(normalized value, text as written, text offset)`` of each number in placeholder ``text``.

    415, 93.2%, 2012.08334; full-width digits and thousands separators are normalized away.
    """
    scan = blank(text).translate(FULLWIDTH)
    out: list[tuple[str, str, int]] = []
    for match in NUMBER_RE.finditer(scan):
        value = match.group(0).replace(" ", "")
        digits = value.rstrip("%")
        if _THOUSANDS.fullmatch(digits):
            value = digits.replace(",", "") + value[len(digits) :]
        out.append((value, text[match.start() : match.end()], match.start()))
    return out


# --- markup -----------------------------------------------------------------------------------------


def markup_problems(unit: Unit) -> list[tuple[int, str, str]]:
    """``(content offset, text found, what is wrong)`` for broken Markdown in ``unit``.

    Finds emphasis runs of four or more ``*``, emphasis delimiters that pair with nothing,
    links with no text (``[](url)``) and brackets that are never closed or close nothing.
    """
    content = unit.content
    masked = list(content)
    for ph in unit.placeholders:
        if ph.kind in OPAQUE:
            masked[ph.start : ph.end] = " " * (ph.end - ph.start)
    scan = "".join(masked)
    problems = _empty_links(unit) + _emphasis(unit, scan) + _brackets(content, scan)
    return sorted(problems)


def _empty_links(unit: Unit) -> list[tuple[int, str, str]]:
    opens = {p.key: p for p in unit.placeholders if p.kind == "link" and p.role == "open"}
    out = []
    for ph in unit.placeholders:
        opener = opens.get(ph.key) if ph.kind == "link" and ph.role == "close" else None
        if opener is not None and not unit.content[opener.end : ph.start].strip(" \t\n*_~"):
            out.append((opener.start, unit.content[opener.start : ph.end], "a link with no text"))
    return out


def _emphasis(unit: Unit, scan: str) -> list[tuple[int, str, str]]:
    paired = sorted((p.start, p.end) for p in unit.placeholders if p.kind in EMPHASIS and p.role in ("open", "close"))
    starts = [start for start, _ in paired]  # placeholders never overlap: the one starting last at or before ``at``
    out = []
    for match in re.finditer(r"\*+|_+", scan):
        run, at = match.group(0), match.start()
        before = scan[at - 1] if at else " "
        after = scan[match.end()] if match.end() < len(scan) else " "
        if run[0] == "*" and len(run) >= 4:
            out.append((at, run, f"an emphasis run {run!r} that renders as stray asterisks"))
        elif (k := bisect.bisect_right(starts, at) - 1) >= 0 and at < paired[k][1]:
            continue
        elif run[0] == "_" and (len(run) == 1 or before.isalnum() or after.isalnum()):
            continue  # snake_case words and lone underscores are text
        elif before.isspace() and after.isspace():
            continue  # "3 * 4"
        else:
            out.append((at, run, f"an emphasis delimiter {run!r} that closes or opens nothing"))
    return out


def _brackets(content: str, scan: str) -> list[tuple[int, str, str]]:
    out = []
    stack: list[tuple[int, str]] = []
    open_in_stack: dict[str, int] = {}  # family → openers of it on the stack (not searching the stack for each closer)

    def pop() -> tuple[int, str]:
        j, c = stack.pop()
        open_in_stack[_OPEN[c]] -= 1
        return j, c

    for i, ch in enumerate(scan):
        if ch in _OPEN:
            stack.append((i, ch))
            open_in_stack[_OPEN[ch]] = open_in_stack.get(_OPEN[ch], 0) + 1
        elif ch in _CLOSE:
            family = _CLOSE[ch]
            if stack and _OPEN[stack[-1][1]] == family:
                pop()
            elif open_in_stack.get(family, 0):
                while _OPEN[stack[-1][1]] != family:
                    j, c = pop()
                    out.append((j, c, f"a bracket {c!r} that is never closed"))
                pop()
            elif stack:
                j, c = pop()
                out.append((j, content[j : i + 1], f"a bracket {c!r} closed by {ch!r}"))
            else:
                out.append((i, ch, f"a bracket {ch!r} that closes nothing"))
    out.extend((j, c, f"a bracket {c!r} that is never closed") for j, c in stack)
    return out
