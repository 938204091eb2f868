"""The languages bilingual translates into, the one validator every language option uses, and
the character ranges of their scripts.

A language option's value becomes file names (``zh.po``, ``ja.md``), so only the codes bilingual
supports pass: ``--to ko``, ``--to ZH`` or ``--to ../evil`` would write files nothing else reads
(or outside the issue folder), and ``--to en`` would write over the English source.
"""

from __future__ import annotations

from .errors import BilingualError

SOURCE = "en"
TARGETS: tuple[str, ...] = ("zh", "ja")

# Character ranges of East Asian scripts, to compose regular-expression classes (``f"[{KANA}{HAN}]"``).
#: Han ideographs: CJK Unified Ideographs, Extension A and the Compatibility Ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Hiragana and Katakana.
KANA = "\u3040-\u30ff"
#: Katakana letters and the long-vowel mark ー: what a katakana word is made of.
KATAKANA_WORD = "\u30a1-\u30fa\u30fc"
#: Hangul syllables.
HANGUL = "\uac00-\ud7af"
#: The ideographic space and CJK punctuation (、。「」〈〉…).
CJK_PUNCTUATION = "\u3000-\u303f"
#: CJK and Kangxi radicals, Bopomofo, Kanbun and CJK strokes.
CJK_SYMBOLS = "\u2e80-\u2fff\u3100-\u312f\u3190-\u31ff"
#: Full-width forms of ASCII (！ to ～).
FULLWIDTH_ASCII = "\uff01-\uff5e"
#: Full-width forms of ASCII and the full-width white parentheses ｟｠.
FULLWIDTH = "\uff01-\uff60"
#: The whole Halfwidth and Fullwidth Forms block.
HALFWIDTH_AND_FULLWIDTH = "\uff00-\uffef"
#: Every block from the CJK radicals to the unified ideographs, in one range.
EAST_ASIAN = "\u2e80-\u9fff"


def target_languages(value: str, option: str = "--to") -> list[str]:
    """The comma-separated languages in ``value``, each once, in the order given.

    Raises a one-line :class:`BilingualError` for an empty list, the source language or a code
    bilingual does not support.
    """
    langs: list[str] = []
    for part in value.split(","):
        code = part.strip()
        if code and code not in langs:
            langs.append(target_language(code, option))
    if not langs:
        raise BilingualError(f"{option} names no language; use {', '.join(TARGETS)}")
    return langs


def target_language(value: str, option: str = "--lang") -> str:
    """``value`` when it is one of :data:`TARGETS`; else a one-line :class:`BilingualError`."""
    code = value.strip()
    if not code:
        raise BilingualError(f"{option} names no language; use {', '.join(TARGETS)}")
    if code == SOURCE:
        raise BilingualError(f"{SOURCE} is the source language; {option} takes a language to translate into: "
                             f"{', '.join(TARGETS)}")
    if code not in TARGETS:
        raise BilingualError(f"unknown language {code!r} for {option}; use {', '.join(TARGETS)}")
    return code
