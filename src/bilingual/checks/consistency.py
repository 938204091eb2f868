"""Consistency over a document and over the whole archive, as dedicated QA tools check it.

While the pair rules run, :func:`observe` records each rendering of a glossary term the
translation uses where its aligned source has the term, for terms with more than one accepted
rendering (targets and ``accepted`` synonyms; a forbidden form is the forbidden-term rule's). :func:`findings` then reports, with the count of each rendering so the
reviewer can pick one: a term rendered two ways in one document (warning), a term rendered
differently across the archive (info), and one rendering used for two source terms (info).
``bilingual glossary suggest`` (:mod:`.suggest`) turns the winner into a
glossary entry.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..models import Unit
from .model import Pair, Violation
from .registry import RULES, Context, Example, rule, units


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    rule_ = RULES["consistency"]
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
    """Glossary term '{term}' is not rendered consistently{detail}.

    One source term rendered two ways (遮罩 next to 掩码 for "mask") reads as two concepts; one
    rendering used for two source terms merges two. Reported over a document (warning) and over
    the whole archive (info), with the count of each rendering so the reviewer can pick one;
    ``bilingual glossary suggest`` turns the winner into a glossary entry. Needs a glossary: its
    terms say what to count.
    """
    return observe(pair, ctx)
