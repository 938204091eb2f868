"""GFM extensions are markup: task-list markers and extended autolinks never reach an engine,
sentences never split inside a URL, and translated text never runs into a bare URL."""

from __future__ import annotations

import pytest

from bilingual.engines.pseudo import pseudo
from bilingual.document.markdown import parse
from bilingual.document.placeholders import strip_tokens
from bilingual.document.rebuild import rebuild
from bilingual.document.segment import segment, unit_texts

from structure import gfm, tag_structure


def pseudo_edition(source: str) -> str:
    doc = parse(source)
    segs = segment(doc)
    return rebuild(doc, unit_texts(doc, segs, {s.id: pseudo(s.text) for s in segs}))


def hrefs(markdown: str) -> list[str]:
    tokens = gfm().parseInline(markdown)[0].children or []
    return [t.attrGet("href") for t in tokens if t.type == "link_open"]


def test_task_list_markers_are_not_text():
    doc = parse("- [ ] foo\n- [x] bar\n")
    assert [u.text for u in doc.units] == ["foo", "bar"]


def test_task_list_survives_pseudo():
    out = pseudo_edition("- [ ] foo\n- [x] bar\n")
    assert out == "- [ ] ⟦ƒöö⟧\n- [x] ⟦ƀàŕ⟧\n"
    assert tag_structure(out) == tag_structure("- [ ] foo\n- [x] bar\n")


@pytest.mark.parametrize(
    "link",
    ["www.commonmark.org", "www.commonmark.org/help?q=markdown", "https://example.com/search?q=a.b&c=d", "foo@bar.example.com"],
)
def test_extended_autolinks_are_placeholders(link):
    doc = parse(f"Visit {link} now.\n")
    assert [strip_tokens(u.text) for u in doc.units] == ["Visit  now."]
    assert [p.raw for p in doc.units[0].placeholders] == [link]


@pytest.mark.parametrize(
    "text",
    [
        "Search at https://www.google.com/search?q=markdown. It works.",
        "Search at www.google.com/search?q=markdown! It works.",
        "Ask Dr. Smith at https://x.org/a?b=c. It works.",
    ],
)
def test_sentences_never_split_inside_a_url(text):
    doc = parse(text + "\n")
    sentences = [s.text for s in segment(doc)]
    assert sentences[-1] == "It works."
    assert all(s.count("{") == s.count("}") for s in sentences)
    url = doc.units[0].placeholders[0].raw
    assert "?" in url and url.rstrip(".!") == url


@pytest.mark.parametrize(
    ("source", "translation", "href"),
    [
        ("See https://example.com/a for more.\n", "详见{1}了解更多。", "https://example.com/a"),
        ("See www.example.com for more.\n", "详见{1}了解更多。", "http://www.example.com"),
        ("Mail foo@example.com today.\n", "今天发邮件给{1}吧。", "mailto:foo@example.com"),
    ],
)
def test_translated_text_does_not_run_into_a_bare_url(source, translation, href):
    doc = parse(source)
    out = rebuild(doc, {0: translation})
    assert hrefs(out) == [href]


def test_bare_url_at_the_end_of_a_pseudo_sentence_keeps_its_href():
    out = pseudo_edition("Read https://example.com/a\n")
    assert hrefs(out) == ["https://example.com/a"]


@pytest.mark.parametrize("source", ["A *0.AC?0*\n", "See **www.example.com**.\n", "A _https://example.com/a_ b\n"])
def test_markup_next_to_a_bare_url_gets_no_space(source):
    """Found by hypothesis: a space was put between a bare URL and the emphasis that closes it."""
    assert tag_structure(gfm().render(pseudo_edition(source))) == tag_structure(gfm().render(source))
