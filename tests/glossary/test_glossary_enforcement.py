"""Glossary enforcement end to end: keep terms and targets in the right segments, code and URLs untouched."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bilingual.engines.pseudo import PseudoEngine
from bilingual.glossary import load_glossary
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate
from bilingual.document.placeholders import strip_tokens
from conftest import ROOT, SAMPLE_ISSUE

UNSEEN_GLOSSARY = """\
terms:
  - en: widget
    zh: 小部件
    ja: ウィジェット
    forbidden: {zh: [装置], ja: [装置]}
    note: A UI widget.
  - en: FooNet
    keep: true
    case_sensitive: true
    forms: [foo net]
"""

UNSEEN_DOC = """\
# The widget report

FooNet builds a widget. Two widgets and the widget's handle, see `widget --help` and
[the docs](https://example.org/widget/FooNet). Also foo net and FooNet again.
"""


def _source_counts(edition, matcher):
    """Per segment: how often each enforced term occurs in the source text (placeholders excluded)."""
    counts = {}
    for seg in edition.segments:
        counts[seg.id] = Counter(m.term.en for m in matcher.find_source(seg.text))
    return counts


def _check(edition, glossary, lang):
    matcher = glossary.matcher
    for seg in edition.segments:
        out = edition.translations[seg.id].text
        expected = Counter(m.term.en for m in matcher.find_source(seg.text) if m.term.enforced(lang))
        found = Counter(
            m.term.en for m in matcher.find_target(strip_tokens(out), lang)
            if m.kind in ("keep", "target") and not m.variant
        )
        for term, count in expected.items():
            assert found[term] >= count, (seg.text, out, term)
            keep = glossary.get(term).keep
            if keep:
                assert found[term] == count, (seg.text, out, term)
        for match in matcher.find_target(out, lang):
            assert match.kind != "forbidden", (seg.text, out, match.surface)


@pytest.fixture(scope="module")
def ml_glossary():
    return load_glossary([ROOT / "glossary"])


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_sample_issue_with_pseudo_enforces_every_term(ml_glossary, lang):
    doc = parse((SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8"), "en.md")
    edition = translate([doc], [lang], PseudoEngine(), glossary=ml_glossary).editions[0]
    _check(edition, ml_glossary, lang)
    assert edition.events, "glossary substitutions are recorded"


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_code_and_urls_are_untouched(ml_glossary, lang):
    source = (SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8")
    edition = translate([parse(source, "en.md")], [lang], PseudoEngine(), glossary=ml_glossary).editions[0]
    import re

    for url in re.findall(r"\]\(([^)\s]+)", source):
        assert url in edition.markdown
    for code in re.findall(r"`[^`]+`", source):
        assert code in edition.markdown
    fence = source[source.index("```") : source.index("```", source.index("```") + 3) + 3]
    assert fence in edition.markdown


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_an_unseen_glossary_works_the_same_way(tmp_path: Path, lang):
    (tmp_path / "g.yaml").write_text(UNSEEN_GLOSSARY, encoding="utf-8")
    glossary = load_glossary([tmp_path / "g.yaml"])
    edition = translate([parse(UNSEEN_DOC, "x.md")], [lang], PseudoEngine(), glossary=glossary).editions[0]
    _check(edition, glossary, lang)
    target = {"zh": "小部件", "ja": "ウィジェット"}[lang]
    out = edition.markdown
    assert out.count("FooNet") == 1 + 1 + 1 + 1  # three in text (one was "foo net") and one inside the URL
    assert "foo net" not in out
    assert out.count(target) == 4  # heading, widget, widgets, widget's: not the code span nor the URL
    assert "`widget --help`" in out and "https://example.org/widget/FooNet" in out
