"""The reviewer's rules: one small function each, whose docstring is the message users read.

A rule takes a :class:`~.model.Pair` (a target block and its source block, with their units
paired) and the run's :class:`Context`, and yields :class:`~.model.Finding` values. The runner
places each finding in the file and turns it into a :class:`~.model.Violation`. Rules that need a
source (``needs_source``) run only when the check has one. Severities follow pofilter's
critical/functional/cosmetic split: what breaks meaning or markup is an error, what may be a
deliberate choice is a warning.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Unit
from .model import Finding, Pair, Severity
from .spans import code_spans, content_offset, destinations, markup_problems, number_words, numbers, plain

if TYPE_CHECKING:
    from ..glossary.matcher import Match, Matcher, TargetMatch
    from ..glossary.schema import Glossary

_BREAK = re.compile(r"[.!?…。！？][\"')\]]*\s")
RuleFunction = Callable[[Pair, "Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A named check with its default severity; its function's docstring is the message."""

    name: str
    severity: Severity
    needs_source: bool
    function: RuleFunction

    @property
    def template(self) -> str:
        return " ".join((self.function.__doc__ or self.name).strip().split("\n\n")[0].split())

    @property
    def summary(self) -> str:
        """The message with its fields left out, for rule lists (SARIF, --help)."""
        return re.sub(r"[:\s]*'?\{\w+\}'?", "", self.template)

    def message(self, finding: Finding) -> str:
        fields = {"term": finding.term or "", "found": finding.found or "", "expected": finding.expected or "",
                  "detail": finding.detail}
        return self.template.format_map(fields)


RULES: dict[str, Rule] = {}


def rule(name: str, severity: Severity, needs_source: bool) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under ``name``."""

    def register(function: RuleFunction) -> RuleFunction:
        RULES[name] = Rule(name, severity, needs_source, function)
        return function

    return register


@dataclass(frozen=True)
class Context:
    """What the rules share while checking one file: the language, the glossary, the link references.

    It also remembers, per unit, the glossary matches and sentence spans that several rules read.
    """

    lang: str
    glossary: Glossary | None = None
    source_references: Mapping[str, str] = field(default_factory=dict, hash=False)
    target_references: Mapping[str, str] = field(default_factory=dict, hash=False)
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
        key = ("s", id(unit))
        if key not in self._memo:
            self._memo[key] = (unit, self.matcher.find_source(unit.text) if self.matcher else [])
        return self._memo[key][1]

    def sentences(self, unit: Unit) -> list[tuple[int, int]]:
        """Sentence spans of a source unit's text; pysbd runs only for text with a sentence break."""
        key = ("p", id(unit))
        if key not in self._memo:
            from ..segment import split_sentences

            text = unit.text
            spans = split_sentences(text) if _BREAK.search(text) else [(len(text) - len(text.lstrip()), len(text.rstrip()))]
            self._memo[key] = (unit, [span for span in spans if span[1] > span[0]])
        return self._memo[key][1]

    def segment(self, unit: Unit, at: int) -> str:
        """The segment id (``<unit uid>.<n>``) of the sentence at text offset ``at`` of a source unit."""
        spans = self.sentences(unit)
        n = min(bisect.bisect_right(spans, at, key=lambda span: span[1]) + 1, len(spans))
        return f"{unit.uid}.{max(n, 1)}"


def _units(pair: Pair, sourced: bool = False) -> Iterator[tuple[Unit, Unit | None]]:
    for up in pair.units:
        if not sourced or up.source is not None:
            yield up.target, up.source


@rule("forbidden-term", "error", needs_source=False)
def forbidden_term(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Forbidden translation of glossary term '{term}'."""
    for target, _ in _units(pair):
        for m in ctx.target_terms(target):
            if m.kind == "forbidden":
                yield Finding(target, content_offset(target, m.start), found=m.surface,
                              expected=m.term.target(ctx.lang), term=m.term.en)


@rule("missing-term", "error", needs_source=True)
def missing_term(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Glossary term '{term}' is in the source, but none of its allowed translations is here."""
    for target, source in _units(pair, sourced=True):
        assert source is not None
        yield from _absent(target, source, ctx, keep=False)


@rule("keep-term", "error", needs_source=False)
def keep_term(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Do-not-translate term '{term}' was altered, misspelt or re-cased."""
    for target, source in _units(pair):
        for m in ctx.target_terms(target):
            if m.kind == "keep" and m.variant:
                yield Finding(target, content_offset(target, m.start), found=m.surface, expected=m.term.en, term=m.term.en)
        if source is not None:
            yield from _absent(target, source, ctx, keep=True)


def _absent(target: Unit, source: Unit, ctx: Context, keep: bool) -> Iterator[Finding]:
    """Terms of the source (the kept ones, or the translated ones) with no form at all in the target.

    A forbidden or altered form in the target is reported by its own rule, not again here.
    """
    present = {m.term for m in ctx.target_terms(target)}
    reported = set()
    for m in ctx.source_terms(source):
        term = m.term
        if term.keep != keep or term in present or term in reported or not term.enforced(ctx.lang):
            continue
        reported.add(term)
        yield Finding(target, 0, expected=" / ".join(term.allowed(ctx.lang)), term=term.en, source_at=m.start)


@rule("link", "error", needs_source=True)
def link(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """A link destination or image source differs from the source, or is missing."""
    for target, source in _units(pair, sourced=True):
        assert source is not None
        src = destinations(source, ctx.source_references)
        tgt = destinations(target, ctx.target_references)
        for kind in ("link", "image"):
            yield from _differences(target, [(d, 0) for k, d, _ in src if k == kind],
                                    [(d, at) for k, d, at in tgt if k == kind])


@rule("code", "error", needs_source=True)
def code(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Inline code, a code block or a placeholder differs from the source."""
    for target, source in _units(pair, sourced=True):
        assert source is not None
        yield from _differences(target, [(c, 0) for c, _ in code_spans(source)], code_spans(target))
    s, t = pair.source, pair.target
    if s is None or t is None or s.kind not in ("fence", "code_block") or t.kind not in ("fence", "code_block"):
        return
    if s.info != t.info:
        yield Finding(line=t.line, found=t.info or None, expected=s.info or None)
    src_lines, tgt_lines = s.code.split("\n"), t.code.split("\n")
    for n, (a, b) in enumerate(zip(src_lines, tgt_lines)):
        if a != b:
            yield Finding(line=t.line + n + (1 if t.kind == "fence" else 0), found=b, expected=a)
            return
    if len(src_lines) != len(tgt_lines):
        longer = src_lines if len(src_lines) > len(tgt_lines) else tgt_lines
        extra = longer[min(len(src_lines), len(tgt_lines))]
        is_src = longer is src_lines
        yield Finding(line=t.line + min(len(src_lines), len(tgt_lines)) + (1 if t.kind == "fence" else 0),
                      found=None if is_src else extra, expected=extra if is_src else None)


def _differences(target: Unit, source: list[tuple[str, int]], found: list[tuple[str, int]]) -> Iterator[Finding]:
    """Findings for what ``found`` (values at content offsets in ``target``) lacks or adds against ``source``."""
    if sorted(v for v, _ in source) == sorted(v for v, _ in found):
        return
    missing = Counter(v for v, _ in source) - Counter(v for v, _ in found)
    extra = Counter(v for v, _ in found) - Counter(v for v, _ in source)
    wanted = deque(missing.elements())
    for value, at in found:
        if extra[value] > 0:
            extra[value] -= 1
            yield Finding(target, at, found=value, expected=wanted.popleft() if wanted else None)
    for value in wanted:
        yield Finding(target, 0, expected=value)


@rule("structure", "error", needs_source=True)
def structure(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Block structure differs from the source: {detail}."""
    s, t = pair.source, pair.target
    if s is None and t is None:
        return
    if t is None:
        assert s is not None
        yield Finding(line=pair.line, expected=s.describe(), detail=f"missing {s.describe()}")
    elif s is None:
        yield Finding(line=t.line, found=t.describe(), detail=f"{t.describe()} that the source does not have")
    elif s.shape != t.shape:
        yield Finding(line=t.line, found=t.describe(), expected=s.describe(),
                      detail=f"{t.describe()} where the source has {s.describe()}")
    elif s.kind == "row" and (s.width != t.width or s.cells != t.cells):
        empty = sorted(set(s.cells) - set(t.cells))
        detail = (f"table row has {t.width} cells where the source has {s.width}" if s.width != t.width
                  else f"table cell {empty[0] + 1} is empty where the source has text" if empty
                  else "table row has text in a cell that is empty in the source")
        yield Finding(line=t.line, found=f"{t.width} cells", expected=f"{s.width} cells", detail=detail)


@rule("number", "warning", needs_source=True)
def number(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Numbers differ from the source."""
    for target, source in _units(pair, sourced=True):
        assert source is not None
        src = {value: raw for value, raw, _ in numbers(source.text)}
        tgt = numbers(target.text)
        words = number_words(plain(source.text))
        found = {v for v, _, _ in tgt}
        missing = [raw for value, raw in src.items() if value not in found]
        taken = 0  # the missing numbers named so far as what a stray number should have been
        for value, raw, at in tgt:
            if value not in src and value not in words:
                expected = missing[taken] if taken < len(missing) else None
                taken += expected is not None
                yield Finding(target, content_offset(target, at), found=raw, expected=expected)
        for raw in missing[taken:]:
            yield Finding(target, 0, expected=raw)


@rule("markup", "warning", needs_source=False)
def markup(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Broken Markdown: {detail}."""
    for target, source in _units(pair):
        if target.parent is not None or target.kind == "front-matter":
            continue  # alt text, titles and front matter are plain text
        known = Counter(found for _, found, _ in markup_problems(source)) if source is not None else Counter()
        for at, found, detail in markup_problems(target):
            if known[found] > 0:
                known[found] -= 1  # the source has the same thing: not the translation's fault
                continue
            yield Finding(target, at, found=found, detail=detail)


@rule("untranslated", "warning", needs_source=True)
def untranslated(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Text is identical to the source: it looks untranslated."""
    for target, source in _units(pair, sourced=True):
        assert source is not None
        source_plain = plain(source.text)
        if not any(run.group(0) in source_plain for run in _LATIN_PHRASE.finditer(plain(target.text))):
            continue  # cheap test first: no phrase of two Latin words is shared with the source
        terms = sorted(ctx.source_terms(source), key=lambda m: m.start)
        candidates: list[tuple[int, str]] = []
        for start, end in ctx.sentences(source):
            sentence = source.text[start:end]
            if _translatable(sentence, start, terms, ctx.lang):
                candidates.append((start, plain(sentence)))
        places = _find_all_plain(target.text, [words for _, words in candidates])
        for (start, words), at in zip(candidates, places):
            if at is not None:
                yield Finding(target, content_offset(target, at), found=words, source_at=start)


_LATIN_PHRASE = re.compile(r"[A-Za-z][\w'’-]*(?:[ ,;:]+[A-Za-z][\w'’-]*)+")
_NOT_WORDS = re.compile(r"\d[\d.,%]*|https?://\S+")


def _translatable(sentence: str, start: int, terms: Sequence[Match], lang: str) -> bool:
    """At least two words remain once kept terms, code, numbers and URLs are taken out.

    ``terms`` are the source unit's glossary matches sorted by start; only the sentence's own are visited.
    """
    chars = list(sentence)
    first = bisect.bisect_left(terms, start, key=lambda m: m.start)
    last = bisect.bisect_left(terms, start + len(sentence), key=lambda m: m.start)
    for m in terms[first:last]:
        if m.term.keep or m.term.en in m.term.allowed(lang):
            chars[m.start - start : m.end - start] = " " * (m.end - m.start)
    rest = _NOT_WORDS.sub(" ", plain("".join(chars)))
    return len(re.findall(r"[A-Za-z]{2,}", rest)) >= 2


def _find_plain(text: str, words: str, start: int = 0) -> int | None:
    """The offset in placeholder ``text`` where ``words`` (plain, single-spaced) occurs, if it does."""
    pattern = r"(?:\s|\{/?\d+\})*".join(re.escape(w) for w in words.split(" "))
    match = re.compile(pattern).search(text, start)
    return match.start() if match else None


_SEPARATORS = re.compile(r"(?:\s|\{/?\d+\})+")


def _find_all_plain(text: str, phrases: Sequence[str]) -> list[int | None]:
    """``_find_plain(text, phrase)`` for each of ``phrases``, in time linear in ``text``.

    A phrase can only occur where its letters follow one another once white space and
    placeholders are taken out of ``text``. One Aho-Corasick pass over that squeezed text finds
    where each phrase can first start, and the regular expression is searched from there
    (not from the start of ``text`` for every sentence of a long paragraph).
    """
    if not phrases:
        return []
    import ahocorasick

    kept: list[str] = []
    where: list[int] = []  # offset in text of each character of the squeezed text
    position = 0
    for match in (*_SEPARATORS.finditer(text), None):
        stop = match.start() if match else len(text)
        kept.append(text[position:stop])
        where.extend(range(position, stop))
        position = match.end() if match else stop
    squeezed = "".join(kept)
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        key = phrase.replace(" ", "")
        if key:
            automaton.add_word(key, key)
    first: dict[str, int] = {}
    if len(automaton):
        automaton.make_automaton()
        for end, key in automaton.iter(squeezed):
            first.setdefault(key, end - len(key) + 1)
    out: list[int | None] = []
    for phrase in phrases:
        at = first.get(phrase.replace(" ", ""))
        out.append(None if at is None else _find_plain(text, phrase, where[at]))
    return out
