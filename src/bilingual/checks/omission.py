"""The ``omission`` rule: a translated unit far shorter than its source sentence needs (truncated output).

A machine translation that stops half-way (``该论文提出了一种使。`` for a 20-word sentence) keeps
every link, number and code span the sentence had, so no other rule sees it. This rule compares how
much text survived with what the language pair needs: Chinese uses about 1.6 characters per English
word and Japanese about 2.2 (the median of faithful human translations); a Latin word kept in the
translation (a name, an API) counts as the English word it is. Graded by confidence: far below the
norm for a long sentence is an error, clearly below it a warning, with the evidence in the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..languages import HAN, HANGUL, KANA
from .model import Finding, Pair
from .registry import Context, Example, in_english, rule, sourced
from .spans import plain

#: Characters of the target language per English word in a faithful translation.
NORMS = {"zh": 1.6, "ja": 2.2}
#: A source unit needs this many words before its length is judged (short titles vary too much).
MIN_WORDS = {"error": 12, "warning": 15}
#: The share of the expected length below which the unit is reported.
ERROR_BELOW, WARNING_BELOW = 0.35, 0.45

_PROSE = frozenset({"paragraph", "cell", "heading"})
_CJK = re.compile(f"[{KANA}{HAN}{HANGUL}]")
#: A word of any alphabet but the CJK ones (a kept name, an accented pseudo-translation), or a number.
_KEPT = re.compile(r"(?:[^\W\d_]|['’-])+|\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")


@rule("omission", "error", needs_source=True,
      bad=Example("zh", "该论文提出了一种使。\n",
                  "The paper proposes a method that makes large language models faster to train on small "
                  "clusters without any loss of accuracy.\n"),
      good=Example("zh", "该论文提出了一种方法，使大型语言模型能够在小型集群上更快地训练，且不损失任何准确率。\n",
                   "The paper proposes a method that makes large language models faster to train on small "
                   "clusters without any loss of accuracy.\n"))
def omission(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Translation much shorter than its source: {detail}.

    A sentence cut short (a truncated machine translation, a clause dropped) reads as complete and
    keeps the links, numbers and code of the source, so only its length shows it. Compared with
    what the language pair needs per English word; a Latin word kept in the translation counts as
    the word it is. An error far below the norm, a warning clearly below it.
    """
    norm = NORMS.get(ctx.lang)
    if norm is None:
        return
    for up in sourced(pair):
        assert up.source is not None
        if up.source.kind not in _PROSE or not in_english(up.source):
            continue  # alt text and titles are often condensed on purpose
        source_words = len(_WORD.findall(plain(up.source.text)))
        if source_words < MIN_WORDS["error"]:
            continue
        text = " ".join(plain(t.text) for t in up.targets)
        cjk = len(_CJK.findall(text))
        if cjk == 0:
            continue  # untranslated, or kept in English: the untranslated rule's case
        kept = len(_KEPT.findall(_CJK.sub(" ", text)))
        covered = cjk / norm + kept
        share = covered / source_words
        severity = "error" if share < ERROR_BELOW else "warning" if share < WARNING_BELOW else None
        if severity is None or source_words < MIN_WORDS[severity]:
            continue
        detail = (f"{source_words} source words, {cjk} characters and {kept} Latin words here, about "
                  f"{share:.0%} of the {source_words * norm:.0f} characters a faithful {ctx.lang} translation "
                  f"has (about {norm} a word)")
        yield Finding(up.target, 0, found=text[:60], expected=f"about {source_words * norm:.0f} characters",
                      detail=detail, severity=severity)
