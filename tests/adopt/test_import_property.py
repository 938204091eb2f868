"""Property: a human edition that follows its English block for block and sentence for sentence is
imported whole, every sentence approved, and ``translate`` rebuilds it byte for byte."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.adopt.adoption import import_edition
from bilingual.adopt.paths import Pairing
from bilingual.document.markdown import parse
from bilingual.engines.identity import IdentityEngine
from bilingual.layout import Job
from bilingual.run.pipeline import translate


class CjkEngine(IdentityEngine):
    """A stand-in translator: every Latin letter becomes one CJK character, a full stop 。; markup stays."""

    name = "cjk"

    def translate(self, texts, source, target):
        return [re.sub(r"\.(?=\s|$|\{)", "。", re.sub(r"[A-Za-z]", lambda m: chr(0x4E00 + ord(m.group(0))), t)) for t in texts]


def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    return frozenset(English.Abbreviation.ABBREVIATIONS)


_ABBREVIATIONS = _abbreviations()


#: Words, not abbreviations the segmenter reads as such: a sentence ending in one ("Aa lt.") is not cut there,
#: which is its own case (test_an_abbreviation_inside_a_segment_is_imported_whole, a known defect).
WORD = st.text(string.ascii_lowercase, min_size=2, max_size=9).filter(lambda w: w not in _ABBREVIATIONS)
SENTENCE = st.lists(WORD, min_size=2, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")


@st.composite
def paragraph(draw) -> str:
    sentences = draw(st.lists(SENTENCE, min_size=1, max_size=3))
    if draw(st.booleans()):  # some markup inside one sentence
        k = draw(st.integers(0, len(sentences) - 1))
        words = sentences[k].split(" ")
        words[0] = draw(st.sampled_from(["**{}**", "[{}](https://example.org/x)", "`{}`", "*{}*"])).format(words[0])
        sentences[k] = " ".join(words)
    return " ".join(sentences)


@st.composite
def document(draw) -> str:
    blocks = ["# " + draw(SENTENCE)[:-1]]
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["p", "li", "code", "h2"]))
        if kind == "p":
            blocks.append(draw(paragraph()))
        elif kind == "li":
            blocks.append("\n".join(f"- {draw(paragraph())}" for _ in range(draw(st.integers(1, 3)))))
        elif kind == "code":
            blocks.append("```\nx = 1\n```")
        else:
            blocks.append("## " + draw(SENTENCE)[:-1])
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(en=document())
def test_a_faithful_human_edition_is_imported_whole_and_rebuilt_byte_for_byte(tmp_path_factory, en):
    folder = tmp_path_factory.mktemp("issue")
    (folder / "en.md").write_text(en, encoding="utf-8")
    human = translate([parse(en, str(folder / "en.md"))], ["zh"], CjkEngine()).editions[0].markdown
    (folder / "zh.md").write_text(human, encoding="utf-8")
    job = Job(folder / "en.md", True, folder.name / __import__("pathlib").Path("en.md"))
    result = import_edition(Pairing(job, "zh", folder / "zh.md", folder / "zh.po"))
    assert result.fuzzy == 0 and result.unaligned == 0 and result.approved == result.sentences, result.messages
    assert not result.messages
    (folder / "zh.po").write_text(result.po_text, encoding="utf-8")
    from bilingual.run import RunOptions, translate_archive

    translate_archive([job], RunOptions(IdentityEngine(), ("zh",)))
    assert (folder / "zh.md").read_text(encoding="utf-8") == human


@pytest.mark.xfail(strict=True, reason="found by the property above with a random seed (not CI's): pysbd reads 'lt.' as an "
                   "abbreviation, so 'Aa lt. Aa aa.' is one segment, while import cuts the human text at both full stops "
                   "and makes the segment and its neighbour fuzzy (2 of 3 sentences); not fixed")
def test_an_abbreviation_inside_a_segment_is_imported_whole(tmp_path):
    en = "# Aa aa\n\nAa aa. Aa lt. Aa aa.\n"
    (tmp_path / "en.md").write_text(en, encoding="utf-8")
    human = translate([parse(en, str(tmp_path / "en.md"))], ["zh"], CjkEngine()).editions[0].markdown
    (tmp_path / "zh.md").write_text(human, encoding="utf-8")
    job = Job(tmp_path / "en.md", True, tmp_path.name / __import__("pathlib").Path("en.md"))
    result = import_edition(Pairing(job, "zh", tmp_path / "zh.md", tmp_path / "zh.po"))
    assert result.fuzzy == 0 and result.approved == result.sentences, result.messages
