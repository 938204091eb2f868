"""document.linklabel: markdown-it's link-label scan with its two shortcuts (no "]" ahead; a known
inner label) gives the same parse as markdown-it's own scan, and does a bounded amount of work
per character on hostile runs of brackets (issue #27, item 14)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.document import dialect


def _md(bounded: bool):
    """The project's Markdown dialect, with this scan or with markdown-it's own."""
    from markdown_it import helpers

    md = dialect.new_gfm()
    if not bounded:
        md.helpers = helpers
    return md


PLAIN, BOUNDED = _md(False), _md(True)
_PIECES = st.sampled_from(["[", "]", "![", "(", ")", "a", "`", "<b>", "\\", "*", " ", "\n", "(/u)", "[a]", "](x)",
                           "<http://a.b>", "&amp;", "\"t\""])


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.booleans())
def test_same_html_as_markdown_its_scan(text, with_reference):
    source = ("[a]: /ref\n\n" if with_reference else "") + text
    assert BOUNDED.render(source) == PLAIN.render(source)


def _calls(md, text: str) -> int:
    """Inline rule calls and token skips (each step of a label scan) while ``md`` parses ``text``."""
    counted = 0
    skip = md.inline.skipToken

    def skipping(state):
        nonlocal counted
        counted += 1
        return skip(state)

    md.inline.skipToken = skipping

    def counting(fn):
        def rule(state, silent):
            nonlocal counted
            counted += 1
            return fn(state, silent)

        return rule

    for entry in md.inline.ruler.__rules__:
        entry.fn = counting(entry.fn)
    md.inline.ruler.__cache__ = None
    md.parse(text)
    return counted


#: Runs that rescanned in markdown-it's scan (inline rule calls and token skips per character):
#: ``[`` 125, ``![`` 222, ``[[…]]`` 68. Plain markup runs (``&``, ``<``) take about 12.
RUNS = {"[": lambda n: "[" * n, "![": lambda n: "![" * (n // 2), "[[…]]": lambda n: "[" * (n // 2) + "]" * (n // 2),
        "[[[…]": lambda n: "[" * (n - 1) + "]", "[a[b[c…": lambda n: "[a" * (n // 2) + "]",
        "[a](": lambda n: "[a](" * (n // 4), "[a]": lambda n: "[a]" * (n // 3), "&": lambda n: "&" * n}


@pytest.mark.parametrize("run", sorted(RUNS))
def test_link_label_work_per_character_is_bounded(run):
    text = RUNS[run](4_000)
    assert _calls(_md(True), text) / len(text) < 32
