"""The glossary's typed values: a :class:`Term` per entry and the :class:`Glossary` of a run."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..languages import TARGETS

if TYPE_CHECKING:
    from .matcher import Matcher

#: The target languages a glossary entry may name: the ones bilingual translates into.
LANGUAGES: tuple[str, ...] = TARGETS

#: The keys a term may have, in the order the YAML writer uses.
TERM_KEYS: tuple[str, ...] = ("en", *LANGUAGES, "keep", "case_sensitive", "forms", "inflect", "forbidden", "note",
                              "accepted", "unambiguous", "context", "unless")

#: What English endings a term's forms match with: ``noun`` (plural and possessive, the default),
#: ``verb`` (those, and -ing and -ed: mask → masks, masking, masked) or ``none`` (exactly as written).
INFLECTIONS: tuple[str, ...] = ("noun", "verb", "none")


@dataclass(frozen=True)
class Term:
    """One glossary entry: an English source term and how it must be rendered in each language."""

    en: str
    targets: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    keep: bool = False
    case_sensitive: bool = False
    forms: tuple[str, ...] = ()
    note: str = ""
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    #: Renderings the reviewer accepts besides the targets (synonyms), per language; never produced by translate.
    accepted: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    #: The forbidden renderings are wrong wherever they appear (no other English term is rendered so).
    unambiguous: bool = False
    inflect: str = "noun"  # one of INFLECTIONS
    #: The sense the entry is about: its forbidden and missing renderings are reported only where the aligned
    #: source text has one of these words (empty: everywhere the term is), and never where it has one of ``unless``.
    context: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def applies(self, source_text: str) -> bool:
        """Whether the entry's sense is the one meant in ``source_text`` (see ``context`` and ``unless``)."""
        if self.unless and _has_word(source_text, self.unless):
            return False
        return not self.context or _has_word(source_text, self.context)

    def sense(self) -> str:
        """The entry's sense in words, for ``glossary lint`` and ``glossary show``; empty when it has none."""
        parts = []
        if self.context:
            parts.append(f"only where the source has {', '.join(self.context)}")
        if self.unless:
            parts.append(f"never where it has {', '.join(self.unless)}")
        return " and ".join(parts)

    def target(self, lang: str) -> str | None:
        """The preferred rendering in ``lang``: the source form for keep terms, else the first target."""
        if self.keep:
            return self.en
        allowed = self.targets.get(lang, ())
        return allowed[0] if allowed else None

    def allowed(self, lang: str) -> tuple[str, ...]:
        """Every rendering accepted in ``lang`` (empty when the term is not enforced there)."""
        if self.keep:
            return (self.en,)
        return self.targets.get(lang, ())

    def forbidden_in(self, lang: str) -> tuple[str, ...]:
        """The renderings that must never appear in ``lang``."""
        return self.forbidden.get(lang, ())

    def accepted_in(self, lang: str) -> tuple[str, ...]:
        """Synonyms the reviewer accepts in ``lang`` besides :meth:`allowed`."""
        return self.accepted.get(lang, ())

    def enforced(self, lang: str) -> bool:
        """Whether the term is masked and checked for ``lang``: kept, or with a target there."""
        return self.keep or bool(self.targets.get(lang))

    @property
    def where(self) -> str:
        """``file:line`` of the definition."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def canonical(self) -> dict[str, object]:
        """The term's content as plain data, in schema order, without where it was defined."""
        data: dict[str, object] = {"en": self.en}
        for lang in sorted(self.targets, key=_lang_order):
            data[lang] = list(self.targets[lang])
        if self.keep:
            data["keep"] = True
        if self.case_sensitive:
            data["case_sensitive"] = True
        if self.forms:
            data["forms"] = list(self.forms)
        if self.inflect != "noun":
            data["inflect"] = self.inflect
        if self.forbidden:
            data["forbidden"] = {lang: list(self.forbidden[lang]) for lang in sorted(self.forbidden, key=_lang_order)}
        if self.note:
            data["note"] = self.note
        if self.accepted:
            data["accepted"] = {lang: list(self.accepted[lang]) for lang in sorted(self.accepted, key=_lang_order)}
        if self.unambiguous:
            data["unambiguous"] = True
        if self.context:
            data["context"] = list(self.context)
        if self.unless:
            data["unless"] = list(self.unless)
        return data

    def canonical_for(self, lang: str) -> dict[str, object]:
        """:meth:`canonical` as far as it concerns translating into ``lang``: other languages and what
        only the reviewer reads (the note, accepted synonyms, ``unambiguous``) left out."""
        data: dict[str, object] = {}
        for key, value in self.canonical().items():
            if key in _REVIEW_ONLY or (key in LANGUAGES and key != lang):
                continue
            if isinstance(value, dict) and value and set(value) <= set(LANGUAGES):
                value = {k: v for k, v in value.items() if k == lang}
                if not value:
                    continue
            data[key] = value
        return data


#: Term keys that change what check reports but never what translate writes.
_REVIEW_ONLY = frozenset({"note", "accepted", "unambiguous", "context", "unless"})


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` has one of ``words`` as a word or word stem (case-insensitive: "label" finds "labelled")."""
    import re

    return any(re.search(rf"(?<![A-Za-z]){re.escape(w)}", text, re.IGNORECASE) for w in words)


def _lang_order(lang: str) -> tuple[int, str]:
    return (LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES), lang)


@dataclass(frozen=True)
class Glossary:
    """The terms of a run, in file order, and the files they came from."""

    terms: tuple[Term, ...] = ()
    files: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        """Computed once: caches keyed by the glossary look it up once per sentence."""
        return hash((self.terms, self.files))

    @cached_property
    def hash(self) -> str:
        """``sha256:`` and 16 hex digits over the canonical content: stable across formatting and comments."""
        content = [term.canonical() for term in sorted(self.terms, key=lambda t: (t.en.casefold(), t.en))]
        blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    @cached_property
    def matcher(self) -> Matcher:
        """The one automaton over every term of this glossary, built on first use."""
        from .matcher import Matcher

        return Matcher(self)

    @cached_property
    def _by_name(self) -> dict[str, Term]:
        names: dict[str, Term] = {}
        for term in self.terms:
            names.setdefault(term.en.casefold(), term)
        for term in self.terms:
            for form in term.forms:
                names.setdefault(form.casefold(), term)
        return names

    def get(self, name: str) -> Term | None:
        """The term whose ``en`` (or one of its ``forms``) is ``name``, ignoring case; None if none."""
        return self._by_name.get(name.strip().casefold())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def enforced(self, lang: str) -> tuple[Term, ...]:
        """The terms that are masked and checked for ``lang``."""
        return tuple(term for term in self.terms if term.enforced(lang))
