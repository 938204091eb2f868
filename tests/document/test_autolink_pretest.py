"""The GFM autolink pretest (``dialect._MAY_AUTOLINK``, asked before linkify-it's slow match) is only a shortcut:
every text in which linkify-it finds an autolink GFM links (a scheme, ``www.``, an e-mail address) passes it, so
skipping the others loses no link."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.document.dialect import _gfm_autolink, gfm_dialect

PIECES = ["http", "https", "HTTP", "ftp", "mailto", "www", "WWW", "Www", "example", "com", "org", "io", "rs",
          "user", "a", "1", "x-y", "_", "~", "%20", "中文", "例え", ":", "/", "//", "@", ".", "-", "+", " ", "\n",
          "(", ")", "<", ">", "*", "`", "'", '"', "?", "#", "=", "&", ",", ";", "!", "\u00a0", "\u3000"]


def gfm_links(text: str) -> list:
    """The autolinks GFM links that linkify-it itself finds in ``text``, asked with no pretest."""
    return [m for m in gfm_dialect().linkify._inner.match(text) or [] if _gfm_autolink(m)]


@pytest.mark.parametrize("text", ["see https://example.com/a today", "write to user@example.com", "e.g. main.rs"])
def test_the_dialect_finds_what_linkify_it_finds(text):
    def spans(matches):
        return [(m.index, m.last_index, m.url) for m in matches]

    assert spans(gfm_dialect().linkify.match(text) or []) == spans(gfm_links(text))


NOISE = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
HOST = st.tuples(st.lists(st.sampled_from(["example", "a", "x-y", "中文", "1"]), min_size=1, max_size=2).map(".".join),
                 st.sampled_from([".com", ".org", ".io", ".COM", ""])).map("".join)
#: Link-like texts, whole or broken: a scheme and ``//``, ``www.``, an address with ``@``, in any letter case.
LINKISH = st.one_of(
    st.tuples(st.sampled_from(["http", "https", "ftp", "mailto", "file", ""]), st.sampled_from(["://", ":", ":/", "//"]),
              HOST).map("".join),
    st.tuples(st.sampled_from(["www.", "WWW.", "wWw.", "www"]), HOST).map("".join),
    st.tuples(st.sampled_from(["user", "a.b", "x+y", ""]), st.sampled_from(["@", ""]), HOST).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(NOISE, LINKISH, NOISE)
def test_a_text_with_an_autolink_passes_the_pretest(before, link, after):
    text = before + link + after
    if gfm_links(text):
        assert gfm_dialect().linkify.pretest(text)


@pytest.mark.parametrize("text", [
    "see https://example.com/a today", "HTTP://EXAMPLE.COM", "ftp://files.example.org/x", "write to user@example.com",
    "mailto:user@example.com", "www.example.com", "Visit WWW.Example.com.", "（www.example.com）",
])
def test_each_kind_of_autolink_is_found_and_passes(text):
    assert gfm_links(text)
    assert gfm_dialect().linkify.pretest(text)


@pytest.mark.parametrize("text", ["e.g. main.rs and README.md", "Crates.io", "version 1.3.2", "//host/path"])
def test_fuzzy_links_are_text_and_skipped(text):
    assert not gfm_links(text)
    assert not gfm_dialect().linkify.pretest(text)
