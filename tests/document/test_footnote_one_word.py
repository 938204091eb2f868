"""A defect found by ``test_property_gfm.py::test_pseudo_keeps_token_structure`` in a fresh clone
(hypothesis, random seed): a footnote definition whose text is one word (``[^1]: Footnote.``) was read
by the views' renderer as a link reference definition, so ``[^1]`` rendered as a link to ``Footnote.``
and the translation's text became that link's target. The Markdown layer translates the definition's
text as a footnote (a unit); the renderer now reads footnote definitions as the units do and renders
each where it stands, its label first.
"""

from __future__ import annotations

import pytest

from bilingual.document.markdown import parse, renderer
from bilingual.engines.pseudo import PseudoEngine
from bilingual.run.pipeline import translate

SOURCE = "Text [^1] here.\n\n[^1]: Footnote.\n"


def _links(markdown: str) -> list[str]:
    return [c.attrGet("href") for tok in renderer().parse(markdown) for c in tok.children or () if c.type == "link_open"]


def test_a_one_word_footnote_renders_no_link():
    out = translate([parse(SOURCE)], ["zh"], PseudoEngine()).editions[0].markdown
    assert _links(SOURCE) == [] and _links(out) == []


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("[^1]: Footnote.\n", "<p>Footnote.</p>"),
        ("[^note]: Two words\n    and more.\n", "<p>Two words\nand more.</p>"),
        ("[^<b>]: Escaped.\n", "<p>Escaped.</p>"),
    ],
)
def test_a_footnote_definition_renders_where_it_stands_with_its_label(markdown, text):
    label = markdown[2 : markdown.index("]")].replace("<", "&lt;").replace(">", "&gt;")
    html = renderer().render(markdown)
    assert html == f'<div class="footnote-definition"><sup class="footnote-definition-label">{label}</sup>\n{text}\n</div>\n'
