"""Every text step is linear in the worst case (issue #27, item 14): one long token, a paragraph
without a sentence end, a long msgstr. Asserted on growth ratios (work for 4n against work for n,
the best of three runs each), never on a wall-clock figure: a quadratic step grows 16 times."""

from __future__ import annotations

import time

import pytest

from bilingual.checks.phrases import first_places
from bilingual.checks.runner import check_text
from bilingual.glossary.load import load_glossary
from conftest import ROOT

SMALL, FACTOR = 6_000, 4
LINEAR_BOUND = 8.0  # linear work grows FACTOR (4) times; quadratic 16 times


def _growth(work, small: int) -> float:
    def cost(n: int) -> float:
        best = float("inf")
        for _ in range(5):  # the least of five: on a loaded machine one of three was 8.3x once (a fresh-clone run)
            began = time.process_time()
            work(n)
            best = min(best, time.process_time() - began)
        return max(best, 1e-3)

    work(small)  # warm caches (glossary automaton, parsers)
    return cost(small * FACTOR) / cost(small)


#: Long runs that were quadratic or rescanned (letters and digits: 30,000 characters took 18.5-33 s;
#: "[" and "![": markdown-it's link-label scan from every bracket) and their neighbours.
TOKENS = {"letters and digits": "a1", "capitals and digits": "A1", "numbers": "1,", "names before numbers": "Vue 3 ",
          "brackets": "[", "images": "![", "emphasis delimiters": "a_",
          "plain words": "the model learns a sparse mixture of experts over tokens and layers "}


@pytest.fixture(scope="module")
def glossary():
    return load_glossary([ROOT / "glossary"])


@pytest.mark.parametrize("case", sorted(TOKENS))
def test_check_of_one_long_run_is_linear(glossary, case):
    unit = TOKENS[case]

    def work(n: int) -> None:
        body = unit * (n // len(unit))
        check_text(f"# 标题\n\n{body}\n", "zh", f"# Title\n\n{body}\n", glossary)

    assert _growth(work, SMALL) < LINEAR_BOUND


_SENTENCE = "the model learns a sparse mixture of experts over tokens and layers"


def _words(n: int) -> str:
    return " ".join([_SENTENCE] * (n // (len(_SENTENCE) + 1) + 1))[:n].strip()


#: (text, phrases) of about n characters for the untranslated rule's phrase search: a paragraph
#: with no sentence end is one phrase that overlaps itself (Aho-Corasick's failure links made it
#: quadratic); a paragraph of many sentences, each looked for; phrases that almost occur.
PHRASES = {
    "one phrase repeating itself": lambda n: (_words(n), [_words(n)]),
    "many sentences": lambda n: (" ".join(f"{_SENTENCE} {i}." for i in range(n // 72)),
                                 [f"{_SENTENCE} {i}." for i in range(n // 72)]),
    "phrases that almost occur": lambda n: (_words(n), [f"{_words(200)} {i}" for i in range(n // 200)]),
}


@pytest.mark.parametrize("case", sorted(PHRASES))
def test_finding_phrases_is_linear(case):
    make = PHRASES[case]
    inputs = {n: make(n) for n in (20_000, 20_000 * FACTOR)}

    def work(n: int) -> None:
        first_places(*inputs[n])

    assert _growth(work, 20_000) < LINEAR_BOUND


#: Markup that the reviewer's markup rule looked at once per other piece of markup: stray
#: asterisks (each run tested against every emphasis pair) and brackets closed by another kind
#: (each closer searched the whole stack of openers).
MARKUP = {"stray asterisks": "a*", "brackets closed by another kind": "((]", "emphasis pairs": "*a* "}


@pytest.mark.parametrize("case", sorted(MARKUP))
def test_markup_problems_is_linear(case):
    from bilingual.checks.spans import markup_problems
    from bilingual.document.markdown import parse

    unit = MARKUP[case]
    units = {n: parse(unit * (n // len(unit)) + "\n").units[0] for n in (8_000, 8_000 * FACTOR)}

    def work(n: int) -> None:
        markup_problems(units[n])

    assert _growth(work, 8_000) < LINEAR_BOUND  # 8,000 characters: about 5 ms, above the clock's noise


def test_finding_positions_in_a_long_msgstr_is_linear():
    """Each finding's line and column in a PO file was counted from the msgstr's start: a 50 KB
    msgstr of stray asterisks ("a*") took 104 s to check, most of it there."""
    import polib

    from bilingual.checks.po import read_po

    entries = {}
    for n in (4_000, 4_000 * FACTOR):
        po = polib.POFile()
        po.metadata = {"Language": "zh", "Content-Type": "text/plain; charset=UTF-8"}
        po.append(polib.POEntry(msgid="source", msgstr='a*\\"' * (n // 4)))
        entries[n] = read_po(str(po), "zh.po")[1][0]

    def work(n: int) -> None:
        for offset in range(0, n, 8):
            entries[n].position(offset)

    assert _growth(work, 4_000) < LINEAR_BOUND
