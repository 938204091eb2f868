"""The glossary's rules: forbidden renderings, terms with no rendering, kept names altered.

Each finding is one a reviewer acts on: a forbidden form counts only where the aligned source has
the term it is wrong for (or the glossary says the form is always wrong); a term kept in English
(an API name), a term inside a longer name, an accepted synonym and a kept name inside inline
code are all fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..glossary.schema import Term
from ..languages import HAN, KANA
from ..values import Unit
from .model import Finding, Pair, Severity
from .registry import Context, Example, rule, sourced, units
from .spans import code_spans, content_offset, plain

#: A source match that sits inside a longer name: "🤗 Datasets", "Stable Diffusion Pipeline" (capitalised neighbours).
_NAME_BEFORE = re.compile(r"(?:🤗\s?|[A-Z][\w-]*\s)$")
_NAME_AFTER = re.compile(r"^\s[A-Z][\w-]*")
_CJK = re.compile(f"[{KANA}{HAN}]")


@rule("forbidden-term", "error", needs_source=False,
      bad=Example("zh", "本周报纸。\n", "This week's papers.\n"),
      good=Example("zh", "本周论文。\n", "This week's papers.\n"))
def forbidden_term(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Forbidden translation of glossary term '{term}'{detail}.

    A glossary entry lists renderings that are wrong for its term (报纸 "newspaper" for "paper").
    A forbidden form may be the right word for another English term (注释 is wrong for
    "annotation" but right for "comment"), so with the source it is an error only where the
    aligned source has the term; without the source it is a warning that says so, unless the
    entry is marked ``unambiguous: true`` (the form is wrong wherever it appears) or the form is
    a misspelling of a kept name ("Pytorch"). An entry's ``context`` words say in which sense the
    rule applies: only where the aligned source has one of them (and none of its ``unless`` words).
    """
    for target, source in units(pair):
        for m in ctx.target_terms(target):
            if m.kind != "forbidden":
                continue
            where = Finding(target, content_offset(target, m.start), found=m.surface, expected=m.term.target(ctx.lang),
                            term=m.term.en)
            if m.term.unambiguous or (m.term.keep and m.surface.isascii()):
                yield where  # a misspelt name ("Pytorch") is wrong wherever it appears
            elif source is None:  # target-only, or a block the source does not have
                yield Finding(where.unit, where.offset, found=where.found, expected=where.expected, term=where.term,
                              severity="warning", detail=" (no source to tell whether the text is about this term)")
            elif any(s.term == m.term for s in ctx.source_terms(source)) and m.term.applies(plain(source.text)):
                yield _graded(where, ctx)


@rule("missing-term", "error", needs_source=True,
      bad=Example("zh", "一篇关于 ImageNet 的新文章。\n", "A new paper on ImageNet.\n"),
      good=Example("zh", "一篇关于 ImageNet 的新论文。\n", "A new paper on ImageNet.\n"))
def missing_term(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Glossary term '{term}' is in the source, but none of its allowed translations is here{detail}.

    The glossary fixes how a term is rendered; a sentence that uses another word for it reads
    inconsistently with the rest of the archive. Not reported: a term the translation keeps in
    English (``pipeline()``, ``Trainer``: API names), a term inside a longer name ("dataset" in
    "🤗 Datasets"), an accepted synonym, and inflected forms match too ("masked" for "mask").
    """
    for up in sourced(pair):
        assert up.source is not None
        yield from _absent(up.targets, up.source, ctx, keep=False)


@rule("keep-term", "error", needs_source=False,
      bad=Example("ja", "🤗 Transformerはライブラリです。\n", "🤗 Transformers is a library.\n"),
      good=Example("ja", "🤗 Transformersはライブラリです。\n", "🤗 Transformers is a library.\n"))
def keep_term(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Do-not-translate term '{term}' was altered, misspelt or re-cased{detail}.

    Names (libraries, datasets, models) stay exactly as written. Found: a misspelt or re-cased
    form ("Pytorch"), a name the source has that the translation lacks, and a name the
    translation changed ("🤗 Transformer" for "🤗 Transformers"). A name inside inline code counts.
    A name the translation does not write at all is info: the common native word may stand for it, and so is
    a misspelling the aligned source itself writes (`Github`): the source needs the fix.
    """
    for target, source in units(pair):
        for m in ctx.target_terms(target):
            if m.kind == "keep" and m.variant and source is not None \
                    and re.search(rf"(?<!\w){re.escape(m.surface)}(?!\w)", source.text):
                # the source itself spells it so (`[Github](…)`): the translation copied it, fix the source
                yield Finding(target, content_offset(target, m.start), found=m.surface, expected=m.term.en, term=m.term.en,
                              severity="info", detail=" (as the source writes it)")
            elif m.kind == "keep" and m.variant:
                yield Finding(target, content_offset(target, m.start), found=m.surface, expected=m.term.en, term=m.term.en)
    for up in sourced(pair):
        assert up.source is not None
        yield from _absent(up.targets, up.source, ctx, keep=True)
        yield from _altered_names(up.target, up.source, ctx)


def _inside_name(text: str, start: int, end: int, surface: str) -> bool:
    """Whether a match of a lower-case term sits inside a longer capitalised name ("🤗 Datasets")."""
    if not surface[:1].isupper():
        return False
    before = text[max(0, start - 256) : start]  # a name is short: the whole text before would be quadratic
    if before.endswith(("🤗", "🤗 ")):
        return True
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    at_sentence_start = i == 0 or text[i - 1] in ".!?:}"
    return not at_sentence_start and bool(_NAME_BEFORE.search(before) or _NAME_AFTER.match(text[end:]))


def _in_english(target: Unit, surfaces: set[str], keep: bool) -> bool:
    """Whether a translated target keeps one of ``surfaces`` in English (an API name), or in inline code.

    A target with no CJK text at all is untranslated, not a deliberate choice: a term there is missing.
    """
    code = [c for c, _ in code_spans(target)]
    texts = code if not keep and not _CJK.search(target.text) else [plain(target.text), *code]
    for surface in surfaces:
        pattern = re.compile(rf"(?<![A-Za-z]){re.escape(surface)}(?![A-Za-z])", re.IGNORECASE)
        if any(pattern.search(t) for t in texts):
            return True
    return False


def _absent(targets: tuple[Unit, ...], source: Unit, ctx: Context, keep: bool) -> Iterator[Finding]:
    """Terms of the source (the kept ones, or the translated ones) with no form at all in the target units.

    A forbidden or altered form in the target is reported by its own rule, not again here.
    """
    present = {m.term for target in targets for m in ctx.target_terms(target)}
    reported = set()
    for m in ctx.source_terms(source):
        term = m.term
        if term.keep != keep or term in present or term in reported or not term.enforced(ctx.lang):
            continue
        if not term.applies(plain(source.text)):
            continue  # the term in another sense than the entry's (a Kubernetes annotation, not a data label)
        if not keep and any(_rendered(target.text, term, ctx.lang) for target in targets):
            continue
        if not keep and _inside_name(source.text, m.start, m.end, m.surface):
            continue
        if any(_in_english(target, {m.surface, m.base or m.surface, term.en}, keep) for target in targets):
            continue  # kept in English (an API name) or, for a kept name, written inside inline code
        reported.add(term)
        found = Finding(targets[0], 0, expected=" / ".join(term.allowed(ctx.lang)), term=term.en, source_at=m.start,
                        severity=ABSENT_NAME if keep else None)
        yield found if keep else _graded(found, ctx)


#: The grade of a kept name the translation does not write at all. Labelled over every set (issue #23, round 8),
#: a misspelt or re-cased name is real every time (4 of 4) but an absent one mostly is not (2 of 14): the
#: common native word stands for it (GPU as 卡/显卡), or a paraphrase names it by what it does.
ABSENT_NAME: Severity = "info"


#: How many other terms of the glossary a source page uses at least for the glossary's domain to be its own
#: (fewer for a small glossary: one term in ten of it, so a glossary of a few project words always applies).
DOMAIN_TERMS = 3
#: A source shorter than this many words is too short to tell its domain: its findings keep their grade.
DOMAIN_WORDS = 150


def _graded(found: Finding, ctx: Context) -> Finding:
    """``found`` as info when the source page is of another domain than the glossary's.

    A glossary is written for one domain (ml.yaml: machine learning). A page that uses fewer than
    :data:`DOMAIN_TERMS` of its other terms (one in ten of a small glossary's) is about something else, where a general word of the glossary
    ("pipeline", "use case", "annotation", "inference") has another sense and another right rendering
    (KubeVela's 交付工作流, a Kubernetes annotation's 注释, Rust's 类型推导): the finding is a note. A source
    under :data:`DOMAIN_WORDS` words (a snippet) says too little to tell.
    """
    others = ctx.source_page_terms() - {found.term}
    if len(others) >= min(DOMAIN_TERMS, len(ctx.glossary or ()) // 10) or len(ctx.source_document.split()) < DOMAIN_WORDS:
        return found
    words = ", ".join(sorted(others)) or "none"
    return Finding(found.unit, found.offset, found=found.found, expected=found.expected, term=found.term,
                   source_at=found.source_at, severity="info",
                   detail=f" (the source page uses few other glossary terms ({words}): another domain, another sense?)")


_HIRAGANA_TAIL = re.compile(r"[\u3041-\u309f]+$")


def _rendered(text: str, term: Term, lang: str) -> bool:
    """Whether ``text`` holds a rendering of ``term`` the matcher may not report as such.

    A rendering shared with another term (the matcher reports one term per place), a Japanese
    rendering inflected (埋め込む for 埋め込み: the stem and other okurigana), or the term's
    acronym (ML for "machine learning").
    """
    for form in (*term.allowed(lang), *term.accepted_in(lang)):
        if form in text:
            return True
        stem = _HIRAGANA_TAIL.sub("", form)
        if lang == "ja" and stem != form and len(stem) >= 2 and re.search(re.escape(stem) + "[\u3041-\u309f]", text):
            return True
    words = term.en.split()
    acronym = "".join(w[0] for w in words).upper()
    return len(words) >= 2 and bool(re.search(rf"(?<![A-Za-z]){acronym}s?(?![A-Za-z])", text))


def _altered_names(target: Unit, source: Unit, ctx: Context) -> Iterator[Finding]:
    """A kept name the source writes as a product name ("🤗 Transformers") that the target writes otherwise."""
    for m in ctx.source_terms(source):
        if not m.term.keep or not source.text[: m.start].endswith(("🤗", "🤗 ")):
            continue
        if m.surface in target.text or m.surface in {c for c, _ in code_spans(target)}:
            continue
        others = [t for t in ctx.target_terms(target) if t.term == m.term and t.kind == "keep" and not t.variant]
        for t in others:
            if t.surface != m.surface and t.surface.rstrip("s'’") == m.surface.rstrip("s'’"):
                yield Finding(target, content_offset(target, t.start), found=t.surface, expected=m.surface, term=m.term.en)
                break
