"""The coverage ledger in ``check``: source prose that reached the translation untranslated.

The ledger (:mod:`bilingual.document.ledger`) says which text of ``en.md`` is prose sent for
translation (the ``engine`` bucket: a unit with words). Where such a unit's English reappears,
whole, in the aligned target unit, nothing translated it: ``untranslated-source``, the same name
and the same severity as ``translate``'s report of source text no rule translates
(``[translate] untranslated-source`` in ``bilingual.toml``; error by default).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..values import Document, Unit
from .links import cited_title
from .model import Finding, Pair
from .registry import Context, Example, in_english, rule, text_in_english, units
from .spans import content_offset, plain

if TYPE_CHECKING:
    from ..document.ledger import Ledger

#: Prose is at least this many words of two letters or more: a short name ("Options API") is not.
MINIMUM_WORDS = 3
_WORD = re.compile(r"[A-Za-z]{2,}")
#: A token of code, a path or an identifier rather than a word: ``SetMeta(data``, ``/users/:id``, ``a_b``.
_CODE_TOKEN = re.compile(r"[/\\_=<>{}()\[\]@#$]|::|\w\.\w|\w:\w|[a-z][A-Z]")
#: Lower-case words a title-case name may hold ("Rust by Example", "Pod List and Node List").
_FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to via vs with".split())


def leak_severity() -> str:
    """The severity of an ``untranslated-source`` finding: ``[translate] untranslated-source`` (default error)."""
    from ..document.protect import active

    return active().untranslated_source


def copied_prose(target: Unit, source: Unit, ctx: Context) -> int | None:
    """Where ``source``'s whole English prose reappears in ``target`` (an offset in ``target.text``), if it does.

    Only a unit the ledger sends to the engine counts (words, not numbers or symbols), and only
    prose: what the ``untranslated`` rule calls a sentence (names the glossary keeps in English,
    code, template syntax and a table cell's short name are not words), with
    :data:`MINIMUM_WORDS` words or more and not only capitalised ones (a title-case name such as
    "Internet Information Services" or "Rust by Example").
    """
    from ..document.segment import has_words
    from .source_rules import translatable_text

    if source.parent is not None or source.kind in ("title", "attribute") or not has_words(source.text):
        return None  # alt text, titles and attribute values left in English are untranslated's (info)
    pieces = plain(source.text).split(" ")
    if not all(piece in target.text for piece in pieces):
        return None  # a word the pattern needs is missing (most units): asked first, no pattern is compiled
    terms = sorted(ctx.source_terms(source), key=lambda m: m.start)
    if not translatable_text(source.text, 0, terms, ctx.lang, name_like=source.kind == "cell"):
        return None
    words = _WORD.findall(" ".join(t for t in plain(source.text).split() if not _CODE_TOKEN.search(t)))
    lower = [w for w in words if w[0].islower() and w not in _FUNCTION_WORDS]
    if len(words) < MINIMUM_WORDS or not lower:
        return None
    pattern = r"(?:\s|\{/?\d+\})*".join(re.escape(w) for w in pieces)
    match = re.search(pattern, target.text)
    return match.start() if match else None


@rule("untranslated-source", "error", needs_source=True,
      bad=Example("zh", "# 标题\n\nThis sentence was never translated at all.\n",
                  "# Title\n\nThis sentence was never translated at all.\n"),
      good=Example("zh", "# 标题\n\n这句话翻译了。\n", "# Title\n\nThis sentence was never translated at all.\n"))
def untranslated_source(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Source prose reached the translation untranslated, as written.

    The coverage ledger sends this English unit to translation, and the translation holds it
    whole, as written: a paragraph, heading, list item or table cell nobody translated (or a
    class of text the Markdown layer fails to send to the engine). The same finding as
    ``translate``'s ``untranslated-source``; its severity is ``[translate] untranslated-source``
    in ``bilingual.toml`` (error by default, so CI fails). A list entry citing an external record by its
    identifier and title (a CVE advisory, a changelog's issue) keeps the record's own title: info. A sentence left in English inside a
    translated unit is ``untranslated``.
    """
    severity = leak_severity()
    for target, source in units(pair, sourced=True):
        assert source is not None
        if not in_english(source):
            continue  # a source unit written in Chinese or Japanese: the translation may hold it as written
        at = copied_prose(target, source, ctx)
        if at is not None:
            found = " ".join(source.content.split())
            yield Finding(target, content_offset(target, at), found=found, source_at=0,
                          severity="info" if cited_title(source) else severity)


def ledger_leaks(source: Document, target: str, ledger: Ledger | None = None) -> list[Finding]:
    """The source's ledger leaks (prose in no bucket, which no rule translates) that ``target``
    holds as written: each a finding at the target line that repeats the source line."""
    from ..document.dialect import lines
    from ..document.ledger import account

    leaks = (ledger if ledger is not None else account(source)).leaks
    if not leaks:
        return []
    source_lines = lines(source.source)
    where: dict[str, int] = {}
    for n, line in enumerate(lines(target), 1):
        where.setdefault(line.strip(), n)
    severity = leak_severity()
    found = []
    for leak in leaks:
        text = source_lines[leak.line - 1].strip() if leak.line <= len(source_lines) else ""
        if text and text in where and text_in_english(text):
            found.append(Finding(line=where[text], found=leak.excerpt, severity=severity))
    return found
