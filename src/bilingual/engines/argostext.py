"""Text in and out of an Argos model: the input as the model should see it, and the decoded output as
argostranslate makes it and as bilingual tidies it for Chinese and Japanese."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..languages import CJK_SYMBOLS, HAN, KANA
from .tokenizers import Tokenizer

CJK_LANGS = frozenset({"zh", "zt", "ja"})

_NEWLINES_RE = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*")
_CJK = CJK_SYMBOLS + KANA + HAN
_FULLWIDTH_PUNCT = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_BETWEEN_CJK_RE = re.compile(f"(?<=[{_CJK}{_FULLWIDTH_PUNCT}]) +(?=[{_CJK}{_FULLWIDTH_PUNCT}])")
_BEFORE_PUNCT_RE = re.compile(f" +(?=[{_FULLWIDTH_PUNCT}])")
_AFTER_PUNCT_RE = re.compile(f"(?<=[{_FULLWIDTH_PUNCT}]) +")
# inside a pair ({1}…{/1}) next to CJK text: the Moses detokenizer of BPE packages writes "{1} 論文 {/1}"
_INSIDE_OPEN_RE = re.compile(f"(\\{{\\d{{1,4}}\\}}) +(?=[{_CJK}{_FULLWIDTH_PUNCT}])")
_INSIDE_CLOSE_RE = re.compile(f"(?<=[{_CJK}{_FULLWIDTH_PUNCT}]) +(\\{{/\\d{{1,4}}\\}})")
_DOUBLE_PERIOD_RE = re.compile(r"([。！？｡．]) *\.(?![.\d])")  # LibreTranslate #450: "。."
_FINAL_PERIOD_RE = re.compile(f"(?<=[{_CJK}]) *\\.$")
_PLACEHOLDER_RE = re.compile(r"\{ *(/?) *(\d{1,4}) *\}")
_SPACES_RE = re.compile(r" {2,}")


def argos_text(tokenizer: Tokenizer, tokens: Sequence[str], prefix: str) -> str:
    """The text argostranslate's ``apply_packaged_translation`` makes of a hypothesis: decoded
    with the prefix token, the prefix's text removed from the front, then one leading space."""
    value = tokenizer.decode(tokens)
    if prefix != "" and value.startswith(prefix):
        value = value[len(prefix) :]
    if value[:1] == " ":
        value = value[1:]
    return value


def bilingual_text(tokenizer: Tokenizer, tokens: Sequence[str], prefix: str) -> str:
    """:func:`argos_text`, except that a prefix token whose text argostranslate cannot find at
    the front (SentencePiece turns ``_`` into spaces: ``zho_Hans`` → ``zho Hans``) is dropped
    before decoding instead of being left in the translation."""
    value = argos_text(tokenizer, tokens, prefix)
    if prefix and list(tokens[:1]) == [prefix] and not tokenizer.decode(tokens).startswith(prefix):
        value = argos_text(tokenizer, tokens[1:], "")
    return value


def normalise_input(text: str) -> str:
    """A text as the model should see it: newlines become single spaces, ends stripped."""
    return _NEWLINES_RE.sub(" ", text).strip()


def detokenize(text: str, target: str) -> str:
    """Tidy decoded model output for language ``target``.

    Placeholders the tokenizer split (``{ 1 }``) are rejoined. For Chinese and Japanese there
    are no spaces between CJK characters or around full-width punctuation, and no Latin period
    after sentence-final CJK punctuation (``。.``, LibreTranslate #450); spaces between Latin
    words and around placeholders stay as the model produced them.
    """
    text = _PLACEHOLDER_RE.sub(r"{\1\2}", text.replace("\u2581", " "))
    text = _SPACES_RE.sub(" ", text).strip()
    if target.split("-")[0].lower() not in CJK_LANGS:
        return text
    text = _BETWEEN_CJK_RE.sub("", text)
    text = _BEFORE_PUNCT_RE.sub("", text)
    text = _AFTER_PUNCT_RE.sub("", text)
    text = _INSIDE_CLOSE_RE.sub(r"\1", _inside_open(text))
    text = _DOUBLE_PERIOD_RE.sub(r"\1", text)
    return _FINAL_PERIOD_RE.sub("。", text)


def _inside_open(text: str) -> str:
    """Drop the space after an opening ``{n}`` before CJK text, when ``{/n}`` follows (a pair)."""

    def fix(match: re.Match[str]) -> str:
        closing = "{/" + match.group(1)[1:]
        return match.group(1) if closing in text[match.end() :] else match.group(0)

    return _INSIDE_OPEN_RE.sub(fix, text)
