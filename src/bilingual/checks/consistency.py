"""Consistency over a document and over the whole archive, as dedicated QA tools check it.

While the pair rules run, :func:`observe` records each rendering of a glossary term the
translation uses where its aligned source has the term, for terms with more than one accepted
rendering (targets and ``accepted`` synonyms; a forbidden form is the forbidden-term rule's). :func:`findings` then reports, with the count of each rendering so the
reviewer can pick one: a term rendered two ways in one document (warning), a term rendered
differently across the archive (info), and one rendering used for two source terms (info).
``bilingual glossary suggest`` (:mod:`.suggest`) turns the winner into a
glossary entry. :func:`aligned_findings` does the same for source terms the glossary lacks (or
with no glossary), from the renderings :mod:`.termalign` aligns with the source.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from typing import TYPE_CHECKING

from ..values import Unit
from .model import Pair, Violation
from .registry import Context, Example, rule, rule_of, units

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from .termalign import Aligned, Alignment, TermRenderings


@dataclass(frozen=True, slots=True)
class Rendering:
    """One use, in a target file, of a rendering for a glossary term the aligned source has."""

    file: str
    line: int
    column: int
    lang: str
    term: str
    rendering: str
    segment: str | None = None
    forbidden: bool = False  # a form the glossary forbids for the term (forbidden-term reports it)


@dataclass(frozen=True, slots=True)
class Use:
    """A rendering found in a target unit, before the runner places it: unit, content offset, term, text."""

    unit: Unit
    offset: int
    term: str
    rendering: str
    forbidden: bool = False


def observe(pair: Pair, ctx: Context) -> Iterator[Use]:
    """Each rendering of each source term in the pair's target units (one per term and rendering and unit)."""
    if ctx.glossary is None or not pair.sourced:
        return
    from .spans import content_offset

    for target, source in units(pair, sourced=True):
        assert source is not None
        seen: set[tuple[str, str]] = set()
        for m in ctx.source_terms(source):
            term = m.term
            if term.keep or (term.en, "") in seen:
                continue
            seen.add((term.en, ""))
            banned = term.forbidden_in(ctx.lang)
            forms = dict.fromkeys((*term.targets.get(ctx.lang, ()), *term.accepted_in(ctx.lang), *banned))
            for form in sorted(forms, key=len, reverse=True):
                at = target.text.find(form)
                if at < 0 or any(form in other and form != other and other in target.text for other in forms):
                    continue  # 掩码 inside 掩码器 counts once, for the longer form
                yield Use(target, content_offset(target, at), term.en, form, form in banned)


def _counts(uses: Iterable[Rendering]) -> str:
    counts = Counter(u.rendering for u in uses)
    return ", ".join(f"{r} ×{n}" for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _violation(at: Rendering, severity: str, detail: str) -> Violation:
    rule_ = rule_of(consistency)
    message = rule_.template.format_map({"term": at.term, "detail": detail, "found": at.rendering, "expected": ""})
    return Violation(at.file, at.line, at.column, "consistency", severity, message, at.term, at.rendering, None,  # type: ignore[arg-type]
                     at.segment)


def findings(renderings: Sequence[Rendering]) -> list[Violation]:
    """The consistency findings of a run: per document, across the archive, and one rendering for two terms."""
    out: list[Violation] = []
    by_lang: dict[str, list[Rendering]] = defaultdict(list)
    for r in renderings:
        by_lang[r.lang].append(r)
    for uses in by_lang.values():
        by_term: dict[str, list[Rendering]] = defaultdict(list)
        for r in uses:
            if not r.forbidden:
                by_term[r.term].append(r)
        files = len({r.file for r in uses})
        for term_uses in by_term.values():
            inconsistent_files = set()
            by_file: dict[str, list[Rendering]] = defaultdict(list)
            for r in term_uses:
                by_file[r.file].append(r)
            for file_uses in by_file.values():
                counts = Counter(r.rendering for r in file_uses)
                if len(counts) > 1:
                    inconsistent_files.add(file_uses[0].file)
                    minority = min(counts, key=lambda k: (counts[k], k))
                    first = next(r for r in file_uses if r.rendering == minority)
                    out.append(_violation(first, "warning", f": in this document {_counts(file_uses)}"))
            overall = Counter(r.rendering for r in term_uses)
            if len(overall) > 1 and files > 1:
                winner = min(overall, key=lambda k: (-overall[k], k))  # as glossary suggest picks it
                for file, file_uses in by_file.items():
                    if file in inconsistent_files:
                        continue
                    other = next((r for r in file_uses if r.rendering != winner), None)
                    if other is not None:
                        out.append(_violation(other, "info", f": across the archive ({files} files) {_counts(term_uses)}"))
        by_form: dict[str, dict[str, Rendering]] = defaultdict(dict)
        for r in uses:
            by_form[r.rendering].setdefault(r.term, r)
        for form, terms in by_form.items():
            if len(terms) > 1:
                first = min(terms.values(), key=lambda r: (r.file, r.line, r.column))
                others = ", ".join(repr(n) for n in sorted(terms) if n != first.term)
                out.append(_violation(first, "info", f": its rendering '{form}' also renders {others}"))
    return out


@rule("consistency", "warning", needs_source=True,
      bad=Example("zh", "# 掩码\n\n用掩码遮住输入。\n\n再用遮罩。\n", "# Masks\n\nMask the input.\n\nThen mask again.\n"),
      good=Example("zh", "# 掩码\n\n用掩码遮住输入。\n\n再用掩码。\n", "# Masks\n\nMask the input.\n\nThen mask again.\n"))
def consistency(pair: Pair, ctx: Context) -> Iterator[Use]:
    """Term '{term}' is not rendered consistently{detail}.

    One source term rendered two ways (遮罩 next to 掩码 for "mask") reads as two concepts; one
    rendering used for two source terms merges two. Reported over a document (warning) and over
    the whole archive (info), with the count of each rendering so the reviewer can pick one;
    ``bilingual glossary suggest`` turns the winner into a glossary entry. With a glossary its
    terms say what to count; for other terms, and without a glossary, the terms and their
    renderings come from aligning each source unit with its translation (recurring English
    n-grams, and the CJK n-grams that co-occur with them most), and only strong, recurring
    renderings are reported.
    """
    return observe(pair, ctx)


# --- without a glossary: renderings aligned with the source (checks.termalign) ------------------


def aligned_findings(pairs: Sequence[Aligned], glossary: Glossary | None = None) -> list[Violation]:
    """The consistency findings of source terms found by aligning ``pairs``; glossary terms are left to the glossary."""
    from .termalign import index, inconsistent, shared

    skip = glossary_skip(glossary)
    out: list[Violation] = []
    for lang in sorted({p.lang for p in pairs}):
        alignment = index([p for p in pairs if p.lang == lang], glossary_renderings(glossary, lang))
        for found in inconsistent(alignment, skip):
            out.extend(_term_findings(alignment, found))
        for rendering, terms in shared(alignment, skip):
            held = alignment.by_term[terms[-1]] & alignment.by_rendering[rendering]
            at = min(held)
            others = ", ".join(repr(t) for t in terms[:-1])
            out.append(_placed(alignment.pairs[at], rendering, terms[-1], "info",
                               f": its rendering '{rendering}' also renders {others}{_ALIGNED}", None))
        del alignment  # one language's index at a time: the next is built without this one held
    return out


_ALIGNED = " (renderings aligned with the source; no glossary entry)"


def _term_findings(alignment: Alignment, found: TermRenderings) -> list[Violation]:
    by_file: dict[str, list[int]] = defaultdict(list)
    for i in sorted(found.pairs):
        by_file[alignment.pairs[i].file].append(i)
    overall = found.counts()
    winner = overall[0][0]
    used = dict(found.renderings)
    out = []
    for file, held in by_file.items():
        counts = found.counts(held)
        if len(counts) > 1:
            minority, n = counts[-1]
            detail = f": in this document {', '.join(f'{r} ×{k}' for r, k in counts)}{_ALIGNED}"
            severity = "warning" if n >= MIN_MINORITY else "info"
        elif counts and counts[0][0] != winner and len(by_file) > 1:
            minority = counts[0][0]
            detail = (f": across the archive ({len(by_file)} files) {', '.join(f'{r} ×{k}' for r, k in overall)}"
                      f"{_ALIGNED}")
            severity = "info"
        else:
            continue
        at = min(i for i in held if i in used[minority])
        out.append(_placed(alignment.pairs[at], minority, found.term, severity, detail, counts[0][0]))
    return out


#: In one document, the less used rendering must be used this often for a warning (once is info).
MIN_MINORITY = 2


def _placed(pair: Aligned, rendering: str, term: str, severity: str, detail: str, expected: str | None) -> Violation:
    line, column = pair.place(pair.target.find(rendering))
    message = rule_of(consistency).template.format_map({"term": term, "detail": detail, "found": rendering,
                                                        "expected": expected or ""})
    return Violation(pair.file, line, column, "consistency", severity, message, term, rendering, expected,  # type: ignore[arg-type]
                     pair.segment)


def glossary_renderings(glossary: Glossary | None, lang: str) -> frozenset[str]:
    """Every rendering the glossary names in ``lang`` (targets, accepted, forbidden): the glossary's to check."""
    if glossary is None:
        return frozenset()
    return frozenset(r for t in glossary for r in (*t.targets.get(lang, ()), *t.accepted_in(lang), *t.forbidden_in(lang)))


def glossary_skip(glossary: Glossary | None) -> Callable[[str], bool]:
    """Whether an aligned term is the glossary's to check: it is, or holds, a glossary term or form."""
    known = _glossary_phrases(glossary)
    return lambda term: any(f" {k} " in f" {term} " for k in known)


def _glossary_phrases(glossary: Glossary | None) -> frozenset[str]:
    """The glossary's English terms and forms as the alignment spells its terms (lower case, last word singular)."""
    if glossary is None:
        return frozenset()
    from .termalign import singular

    out = set()
    for term in glossary:
        for form in (term.en, *term.forms):
            words = form.lower().split()
            if words:
                out.add(" ".join((*words[:-1], singular(words[-1]))))
    return frozenset(out)
