"""The rule registry and what the rules share while checking one file.

A rule is a small function ``(Pair, Context) -> Iterable[Finding]`` registered with :func:`rule`
under a name, a default severity and two examples (a bad and a good translation). The first
paragraph of its docstring is the message users read; the next ones say what it checks and why a
reviewer should care (``bilingual check --explain RULE`` prints them with the examples).
Severities: ``error`` breaks meaning, links, code or markup; ``warning`` is probably wrong but may
be a choice; ``info`` is worth a look and never fails a run unless asked (``--fail-on info``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..languages import HAN, HANGUL, KANA
from ..values import Unit
from .model import Finding, Pair, Severity, UnitPair
from .spans import plain

if TYPE_CHECKING:
    from ..glossary.matcher import Match, Matcher, TargetMatch
    from ..glossary.schema import Glossary

_BREAK = re.compile(r"[.!?…。！？][\"')\]]*\s")
RuleFunction = Callable[[Pair, "Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Example:
    """A translation that shows a rule: the English source (None: target-only) and the target, in ``lang``."""

    lang: str
    target: str
    source: str | None = None


@dataclass(frozen=True)
class Rule:
    """A named check with its default severity; its function's docstring is the message."""

    name: str
    severity: Severity
    needs_source: bool
    function: RuleFunction
    bad: Example | None = None
    good: Example | None = None

    @property
    def template(self) -> str:
        return " ".join((self.function.__doc__ or self.name).strip().split("\n\n")[0].split())

    @property
    def summary(self) -> str:
        """The message with its fields left out, for rule lists (SARIF, --help)."""
        return re.sub(r"[:\s]*'?\{\w+\}'?", "", self.template)

    @property
    def description(self) -> str:
        """What the rule checks and why a reviewer should care: the docstring after its first paragraph."""
        import inspect

        parts = inspect.cleandoc(self.function.__doc__ or "").split("\n\n")[1:]
        return "\n\n".join(" ".join(p.split()) for p in parts)

    def message(self, finding: Finding) -> str:
        fields = {"term": finding.term or "", "found": finding.found or "", "expected": finding.expected or "",
                  "detail": finding.detail}
        return self.template.format_map(fields)


def rule(name: str, severity: Severity, needs_source: bool, bad: Example | None = None,
         good: Example | None = None) -> Callable[[RuleFunction], RuleFunction]:
    """Describe a rule function: its name, default severity and examples (read back with
    :func:`rule_of`). Nothing is registered: :data:`bilingual.checks.rules.RULES` lists the rules."""

    def describe(function: RuleFunction) -> RuleFunction:
        function.rule = Rule(name, severity, needs_source, function, bad, good)  # type: ignore[attr-defined]
        return function

    return describe


def rule_of(function: RuleFunction) -> Rule:
    """The :class:`Rule` that :func:`rule` made of ``function``."""
    found = getattr(function, "rule", None)
    if not isinstance(found, Rule):
        raise TypeError(f"{function!r} is not a rule function (decorate it with @rule)")
    return found


#: The memo key of what is remembered of the whole page (not of one unit): kept by :meth:`Context.forget_units`.
_PAGE = ("d", 0)


@dataclass(frozen=True)
class Context:
    """What the rules share while checking one file: the language, the glossary, the link references.

    It also remembers, per unit, the glossary matches and sentence spans that several rules read.
    """

    lang: str
    glossary: Glossary | None = None
    source_references: Mapping[str, str] = field(default_factory=dict, hash=False)
    target_references: Mapping[str, str] = field(default_factory=dict, hash=False)
    target_anchors: frozenset[str] = frozenset()  # the heading ids of the target document ("#…" links may use them)
    link_map: tuple[tuple[str, str], ...] = ()  # the site's prefixes for translated pages (check --link-map)
    source_document: str = field(default="", hash=False, repr=False)  # the whole source Markdown (code rules read it)
    target_document: str = field(default="", hash=False, repr=False)  # the whole translation (untranslated reads it)
    _memo: dict[tuple[str, int], tuple[Unit, list]] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @property
    def matcher(self) -> Matcher | None:
        return self.glossary.matcher if self.glossary is not None and len(self.glossary) else None

    def target_terms(self, unit: Unit) -> list[TargetMatch]:
        """Glossary forms found in a target unit (allowed, forbidden and kept), memoized per unit."""
        key = ("t", id(unit))
        if key not in self._memo:
            self._memo[key] = (unit, self.matcher.find_target(unit.text, self.lang) if self.matcher else [])
        return self._memo[key][1]

    def source_terms(self, unit: Unit) -> list[Match]:
        """Glossary terms in a source unit: the matcher's matches and verb forms ("masked" for "mask")."""
        key = ("s", id(unit))
        if key not in self._memo:
            found = self.matcher.find_source(unit.text) if self.matcher else []
            if found is not None and self.glossary is not None and self.matcher is not None:
                from .inflect import inflected

                found = sorted([*found, *inflected(self.glossary, unit.text, found)], key=lambda m: m.start)
            self._memo[key] = (unit, found)
        return self._memo[key][1]

    def forget_units(self) -> None:
        """Let go of what is remembered of units (their glossary matches and sentence spans), keeping the page's."""
        page = self._memo.get(_PAGE)
        self._memo.clear()
        if page is not None:
            self._memo[_PAGE] = page

    def source_page_terms(self) -> frozenset[str]:
        """The glossary terms (translated, not kept names) the whole source page uses, memoized."""
        key = _PAGE
        if key not in self._memo:
            found = self.matcher.find_source(self.source_document) if self.matcher and self.source_document else None
            self._memo[key] = (None, frozenset(m.term.en for m in found or () if not m.term.keep))  # type: ignore[arg-type]
        return self._memo[key][1]  # type: ignore[return-value]

    def sentences(self, unit: Unit) -> list[tuple[int, int]]:
        """Sentence spans of a source unit's text; pysbd runs only for text with a sentence break."""
        key = ("p", id(unit))
        if key not in self._memo:
            from ..document.segment import split_sentences

            text = unit.text
            spans = split_sentences(text) if _BREAK.search(text) else [(len(text) - len(text.lstrip()), len(text.rstrip()))]
            self._memo[key] = (unit, [span for span in spans if span[1] > span[0]])
        return self._memo[key][1]

    def segment(self, unit: Unit, at: int) -> str:
        """The segment id (``<unit uid>.<n>``) of the sentence at text offset ``at`` of a source unit."""
        spans = self.sentences(unit)
        n = min(bisect.bisect_right(spans, at, key=lambda span: span[1]) + 1, len(spans))
        return f"{unit.uid}.{max(n, 1)}"


def sourced(pair: Pair) -> Iterable[UnitPair]:
    """The pair's unit pairs that have a source unit (with the units that continue a split target)."""
    return (up for up in pair.units if up.source is not None)


_EAST_ASIAN_CHAR = re.compile(f"[{HAN}{KANA}{HANGUL}]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def in_english(source: Unit) -> bool:
    """Whether a source unit is written in English: not when it has more Chinese, Japanese or Korean
    characters than Latin words (a Chinese-first site whose English page was never translated holds
    the Chinese text; ``contention profiler的使用`` is Chinese with a name kept).

    Such a unit has nothing a translation could leave untranslated, shorten or renumber: the rules that
    compare languages (``untranslated``, ``untranslated-source``, ``number``, ``omission``) pass it by.
    """
    return text_in_english(source.text)


@functools.lru_cache(maxsize=4096)
def text_in_english(text: str) -> bool:
    """Whether ``text`` (a unit's text, or a line of the source) is English by the test of :func:`in_english`."""
    prose = plain(text)
    return len(_EAST_ASIAN_CHAR.findall(prose)) <= len(_LATIN_WORD.findall(prose))


def units(pair: Pair, sourced: bool = False) -> Iterable[tuple[Unit, Unit | None]]:
    """The pair's (target unit, source unit) pairs; with ``sourced``, only those that have a source."""
    for up in pair.units:
        if not sourced or up.source is not None:
            yield up.target, up.source
