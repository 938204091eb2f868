"""A shortcut or collapsed reference link's text is prose too (found by ``benchmarks/markdown_harness.py`` on
test set 15's Riverpod pages, tests/fixtures/real_test15/riverpod, MIT): ``[as mentioned above]`` with
``[as mentioned above]: /docs/…`` further down. The Markdown layer kept the whole link as one placeholder, so
its text reached no engine and stayed English in every edition. Its text is now a unit's text like any link's;
a translated text keeps its target by naming the source's label (``[如上所述][as mentioned above]``, a full
reference link, which renders as the shortcut did), and an untranslated one is written back byte for byte.
"""

from __future__ import annotations

import pytest

from bilingual.document.markdown import parse, renderer
from bilingual.engines.pseudo import PseudoEngine
from bilingual.run.pipeline import translate

DEFINITIONS = "\n\n[as mentioned above]: /docs/quickstart#start\n[getting started]: /docs/introduction\n[getting **started**]: /docs/bold\n"
CASES = [
    pytest.param("If you just started, [as mentioned above], begin here.", "as mentioned above", id="shortcut"),
    pytest.param("Read the short [getting started][] article first.", "getting started", id="collapsed"),
    pytest.param("Read the *short* [getting **started**] article.", "getting **started**", id="markup-inside"),
]


def _hrefs(markdown: str) -> list[tuple[str, str]]:
    out = []
    for block in renderer().parse(markdown):
        children = block.children or []
        for i, tok in enumerate(children):
            if tok.type == "link_open":
                text = "".join(c.content for c in children[i + 1 :][: next(j for j, c in enumerate(children[i + 1 :]) if c.type == "link_close")])
                out.append((tok.attrGet("href"), text))
    return out


@pytest.mark.parametrize(("prose", "label"), CASES)
def test_the_text_of_a_shortcut_reference_reaches_the_engine(prose, label):
    unit = parse(prose + DEFINITIONS).units[0]
    assert label.replace("**", "").split()[-1] in unit.text


@pytest.mark.parametrize(("prose", "label"), CASES)
def test_a_translated_shortcut_reference_keeps_its_target(prose, label):
    source = prose + DEFINITIONS
    out = translate([parse(source)], ["zh"], PseudoEngine()).editions[0].markdown
    (before,), (after,) = _hrefs(source), _hrefs(out)
    assert after[0] == before[0] and after[1] != before[1]


@pytest.mark.parametrize(("prose", "label"), CASES)
def test_an_untranslated_shortcut_reference_is_written_back_as_it_was(prose, label):
    from bilingual.document.rebuild import rebuild

    doc = parse(prose + DEFINITIONS)
    assert rebuild(doc, {}) == prose + DEFINITIONS


def test_a_reference_whose_label_is_a_url_stays_whole():
    source = "See [https://example.com] now.\n\n[https://example.com]: https://example.com\n"
    unit = parse(source).units[0]
    assert "example" not in unit.text
