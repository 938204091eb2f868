"""The ``number`` rule: the numbers of a translation compared with its English source's, as values.

A number written in CJK numerals, scaled by 万/亿, glued to its unit or its name, or put in code
formatting is the same number; one the source does not have, or one it has that the translation lost,
is a finding (see the rule's docstring).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator

from .model import Finding, Pair
from .numbers import source_numbers, source_words, target_numbers
from .registry import Context, Example, in_english, rule, sourced
from .spans import blank, code_spans, content_offset, plain


@rule("number", "warning", needs_source=True,
      bad=Example("zh", "在 415 张图像上准确率达到 92.3%。\n", "Accuracy reached 93.2% on 415 images.\n"),
      good=Example("zh", "该模型约有14亿个参数，见第六章。\n", "The model has about 1.4 billion parameters, see Chapter 6.\n"))
def number(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Numbers differ from the source.

    A wrong figure misinforms quietly. Numbers are compared as values: thousands separators,
    full-width digits, CJK numerals (第六章 for "Chapter 6"), 万/亿 scaling (1670万 for
    "16.7 million"), ranges (2005～2012年) and ordinals (第3 for "3rd") all match; a CJK numeral
    the source does not have is never reported (一个 is "a", not "one"), nor a number the source
    has in its code (``1..=5`` explained as 5), nor the minutes of a time on the hour (9:00 → 9時),
    nor a number the translation glues to the name before it (``HTTP1.1`` for "HTTP 1.1"), nor one the source
    glues to its unit that the translation writes apart (24小时 for "24h"), nor one the
    source glues to a word that the translation writes apart (示例代码 1 for "Sample Code1"), nor one the
    translation glues to a word (``kv int4`` for "4-bit kv"), nor one it puts in code formatting the
    source does not have (`` `localhost:5440` `` for "localhost:5440").
    """
    for up in sourced(pair):
        assert up.source is not None
        if not _DIGIT.search(up.source.text) and not any(_DIGIT.search(unit.text) for unit in up.targets):
            continue  # no Arabic figure on either side: nothing to compare (CJK numerals only excuse a source's)
        if not in_english(up.source):
            continue  # a source written in Chinese or Japanese (its 10万 is the translation's 10万)
        src = source_numbers(blank(up.source.text))
        tgt = [(unit, n) for unit in up.targets for n in target_numbers(blank(unit.text))]
        have = {v for _, n in tgt for v in n.values}
        in_code = {v for code, _ in code_spans(up.source) for n in source_numbers(code) for v in n.values}
        allowed = ({v for n in src for v in n.values} | source_words(plain(up.source.text)) | in_code
                   | _word_glued(up.source.text) | _unit_glued(up.source.text))
        glued = " ".join(blank(unit.text) for unit in up.targets)
        have |= _word_glued(glued)  # `kv int4` for "4-bit kv": the number glued to the word that names it
        formatted = {code for unit in up.targets for code, _ in code_spans(unit)} - {code for code, _ in code_spans(up.source)}
        have |= {v for code in formatted for n in source_numbers(code) for v in n.values}  # `localhost:5440` for the prose
        missing = deque(n.raw for n in src if not n.values & have and not _zero_minutes(up.source.text, n)
                        and not _glued(blank(up.source.text), glued, n))
        for unit, n in tgt:
            if n.arabic and not n.values & allowed and not _counted(unit.text, n) and not _named(unit.text, n):
                yield Finding(unit, content_offset(unit, n.start), found=n.raw,
                              expected=missing.popleft() if missing else None)
        for raw in missing:
            yield Finding(up.target, 0, expected=raw)


#: A digit of any script (full-width too): every number the rule compares has one.
_DIGIT = re.compile(r"\d")


def _word_glued(source: str) -> set:
    """Whole numbers the source glues to the end of a word (``Sample Code1``, ``Step2``): a translation may write
    them apart (示例代码 1)."""
    from decimal import Decimal

    return {Decimal(d) for d in re.findall(r"(?<=[A-Za-z])(\d+)(?![\d.]|\w)", blank(source))}


#: Units a number is written glued to (``24h``, ``10ms``, ``8GB``), which a translation writes apart or in words
#: (24小时, 10 毫秒). Scale letters (``1.3B``, ``10k``, ``5M``) are numbers' own and are not among them.
_UNIT_GLUED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:ns|us|µs|ms|s|sec|min|m|h|hr|hrs|d|px|em|rem|pt|dpi|fps|"
                         r"[kKMGT]?Hz|[KMGTP]i?B)(?![\w.])")


def _unit_glued(source: str) -> set:
    """Numbers the source glues to their unit (``60s/60m/24h/30d``): a translation may write them apart (24小时)."""
    from decimal import Decimal

    return {Decimal(d) for d in _UNIT_GLUED.findall(blank(source))}


def _glued(source: str, target: str, n) -> bool:
    """Whether the translation writes the source's number glued to the name before it (``HTTP1.1`` for
    "HTTP 1.1", ``Python3`` for "Python 3"), where it reads as part of the name."""
    name = re.search(r"([A-Za-z][\w-]*)[ /]?$", source[: n.start])
    return name is not None and re.search(rf"(?<![\w-]){re.escape(name.group(1))}[ /]?{re.escape(n.raw)}(?![\d.])",
                                          target) is not None


def _zero_minutes(text: str, n) -> bool:
    """The ``00`` of a time on the hour (``9:00 am``): a translation writes 午前9時, 9点, with no minutes."""
    return n.raw.strip("0") == "" and text[:n.start].endswith(":") and n.start >= 2 and text[n.start - 2].isdigit()


_COUNTER = re.compile(r"\s?(?:つ|個|个|種類?|种|番目|回|次|名|人)")


def _counted(text: str, n) -> bool:
    """A small number a zh/ja translation adds with a counter ("2 つの API", "3 つ目"): grammar, not a figure."""
    values = [v for v in n.values if not isinstance(v, str)]
    return bool(values) and all(v <= 10 for v in values) and bool(_COUNTER.match(text, n.start + len(n.raw)))


_NAME_BEFORE = re.compile(r"[A-Z][\w·.-]*\s?$")
NAME_WINDOW = 64


def _named(text: str, n) -> bool:
    """A number that is part of a name (DALL·E 2, Vue 3, 2D, 3D): not a figure a translation adds."""
    after = text[n.start + len(n.raw) : n.start + len(n.raw) + 1]
    # Only the last NAME_WINDOW characters are looked at: the whole text before would make a
    # paragraph of numbers quadratic (a name is never that long).
    return bool(_NAME_BEFORE.search(text, max(0, n.start - NAME_WINDOW), n.start)) or after == "D"
