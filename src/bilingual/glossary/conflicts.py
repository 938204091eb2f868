"""Contradictions between glossary terms, which ``glossary lint`` rejects with ``file:line`` of both sides.

- **Overlapping forms**: one English text matched by two terms (``Papers`` defined as a term while
  ``paper``'s plural is ``papers``; ``masking`` a form of one term and the -ing of a verb term).
  The matcher could pick either, so the rendering would depend on the order of the files.
- **Required and forbidden**: a target, or a kept term's form, that a term forbids in that
  language (``Papers`` → 报纸 while ``paper`` forbids 报纸). Translate would write it and check
  would report it. Found with the run's own matcher, so it agrees with what check reports.
- **HTML in a target** is reported by the file parser (:mod:`.load`), where the value's line is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .matcher import endings, fold
from .schema import LANGUAGES, Glossary, Term

#: A tag, comment, processing instruction or character reference: markup, not text.
HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>|<!--|<\?|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def has_html(text: str) -> bool:
    """Whether ``text`` holds HTML markup (a tag, a comment or an entity)."""
    return HTML_RE.search(text) is not None


#: The tokens plain text parses into: a paragraph of text (and line breaks).
_PLAIN_TOKENS = frozenset({"paragraph_open", "inline", "paragraph_close", "text", "softbreak"})


def has_markup(text: str) -> bool:
    """Whether ``text`` holds HTML or Markdown markup: a link, an image, a link reference
    definition, a bare URL, code, emphasis, an escape, a heading, a list… anything the site's
    renderer would not show as plain text."""
    if has_html(text):
        return True
    if not text.strip():
        return False
    from ..document.markdown import renderer

    tokens = renderer().parse(text)
    if not tokens or any(t.type not in _PLAIN_TOKENS for t in tokens):
        return True  # nothing shown (a link reference definition), or a block other than a paragraph
    children = [c for t in tokens for c in t.children or ()]
    if any(c.type not in _PLAIN_TOKENS for c in children):
        return True
    shown = "".join(c.content if c.type == "text" else " " for c in children)
    return shown.split() != text.split()  # an escape (\*) was read as one


def conflicts(terms: Sequence[Term]) -> list[tuple[Term, str]]:
    """Every contradiction between ``terms`` as (the term at fault, message), in term order."""
    return [*_overlaps(terms), *_forbidden(terms)]


def _surfaces(term: Term) -> list[tuple[str, bool]]:
    """The English texts ``term`` matches: (text, whether it is a form as written, not an ending)."""
    return [(text, not kind) for form in (term.en, *term.forms) for text, _, _, kind in endings(form, term.inflect)]


def _collide(a: str, a_term: Term, b: str, b_term: Term) -> bool:
    if a_term.case_sensitive and b_term.case_sensitive and not (a_term.keep or b_term.keep):
        return a == b
    return True  # folded equal; a case-insensitive term, or a kept name's case variant, matches either


def _overlaps(terms: Sequence[Term]) -> list[tuple[Term, str]]:
    seen: dict[str, tuple[Term, str, bool]] = {}
    out: list[tuple[Term, str]] = []
    for term in terms:
        reported: set[int] = set()
        for text, written in _surfaces(term):
            key = fold(text)
            first = seen.get(key)
            if first is None:
                seen[key] = (term, text, written)
                continue
            other, other_text, other_written = first
            if other is term or id(other) in reported or (written and other_written):
                continue  # two forms as written: "defined twice", reported by the parser
            if not _collide(text, term, other_text, other):
                continue
            reported.add(id(other))
            out.append((term, (
                f"{text!r} of {term.en!r} is also matched by {other.en!r} ({other_text!r}, defined at {other.where}); "
                "one English text cannot be two terms: merge them, or give one 'inflect: none'"
            )))
    return out


def _forbidden(terms: Sequence[Term]) -> list[tuple[Term, str]]:
    if not any(term.forbidden for term in terms):
        return []
    matcher = Glossary(tuple(terms)).matcher
    out: list[tuple[Term, str]] = []
    for term in terms:
        for lang in LANGUAGES:
            if term.keep:
                required = [text for text, _ in _surfaces(term)]
            else:
                required = list(term.targets.get(lang, ()))
            done: set[tuple[str, int]] = set()
            for text in required:
                for m in matcher.find_target(text, lang):
                    if m.kind != "forbidden" or (m.surface, id(m.term)) in done:
                        continue
                    done.add((m.surface, id(m.term)))
                    shown = text if m.surface == text else f"{m.surface!r} in {text!r}"
                    out.append((term, (
                        f"{shown!r} ({lang}) of {term.en!r} is forbidden in {lang} by {m.term.en!r} "
                        f"(defined at {m.term.where}); a term cannot require what a term forbids: remove one"
                    ) if m.surface == text else (
                        f"{shown} ({lang}) of {term.en!r} holds {m.surface!r}, forbidden in {lang} by {m.term.en!r} "
                        f"(defined at {m.term.where}); remove one"
                    )))
    return out
