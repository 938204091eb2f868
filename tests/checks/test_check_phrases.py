"""checks.phrases.first_places: where plain phrases occur in placeholder text (the untranslated
rule), the same as searching each phrase's regular expression from the start of the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.checks.phrases import first_places


def _by_regex(text: str, phrase: str) -> int | None:
    """The definition: the phrase's words with any white space and placeholder tokens between them."""
    pattern = r"(?:\s|\{/?\d+\})*".join(re.escape(w) for w in phrase.split(" "))
    match = re.compile(pattern).search(text)
    return match.start() if match else None


_PIECES = st.sampled_from(["a", "b", "ab", "ba", " ", "  ", "{1}", "{/1}", "\n", "c"])
_WORDS = st.lists(st.sampled_from(["a", "b", "ab", "ba", "aab", "c"]), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.lists(_WORDS, max_size=5))
def test_first_places_agree_with_the_regular_expression(text, phrases):
    assert first_places(text, phrases) == [_by_regex(text, p) for p in phrases]


@pytest.mark.parametrize(("text", "phrase", "at"), [
    ("Say {1}hello{/1} world now", "hello world", 7),
    ("hel lo world, hello world", "hello world", 14),  # a separator inside a word is no occurrence
    ("no such words", "hello world", None),
    ("", "hello", None),
])
def test_first_places_examples(text, phrase, at):
    assert first_places(text, [phrase]) == [at]
