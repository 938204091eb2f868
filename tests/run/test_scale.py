"""Large input is handled correctly: a 5,000-sentence paragraph and a 1,000-unit document.

Correctness only (speed lives in benchmarks/bench_scale.py): identity gives the source back
byte for byte, pseudo translates every sentence, and a very long paragraph is cut before pysbd
only where a sentence plainly ends, never inside a link or emphasis.
"""

from __future__ import annotations

import random
from pathlib import Path

import polib
import pytest

from bilingual.cli import app
from bilingual.engines.pseudo import pseudo
from bilingual.document.markdown import parse
from bilingual.document.placeholders import TOKEN_RE
from bilingual.document.segment import segment, split_sentences

WORDS = "quick brown lazy model data layer token batch graph noise signal sample".split()


def long_paragraph(sentences: int) -> str:
    """One line of short sentences; links (one with a sentence end inside), emphasis and code."""
    rng = random.Random(sentences)
    out = []
    for n in range(sentences):
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        if n % 50 == 7:
            out.append(f"Read [the {a} notes. Then the {b} ones](https://example.com/{n}/A.Notes) today.")
        elif n % 10 == 3:
            out.append(f"We saw *{a} {b}* results in run {n}.")
        elif n % 10 == 6:
            out.append(f"Call `f.{a}()` on item {n}, then stop.")
        else:
            out.append(f"The {a} {b} idea number {n} works.")
    return "# Transcript\n\n" + " ".join(out) + "\n"


def thousand_units() -> str:
    """A document of 1,000 units: headings, paragraphs, list items, table cells, alt texts, titles."""
    blocks = ["---\ntitle: A long issue\n---\n"]
    for n in range(125):
        blocks.append(f"## Part {n}")
        blocks.append(f"See [the paper](https://arxiv.org/abs/{n} \"Paper {n} title\") and ![chart {n}](c{n}.png). It helps.")
        blocks.append(f"- First point {n}.\n- Second point with **bold {n}**.")
        blocks.append(f"| Name | Value |\n|---|---|\n| Row {n} | Good {n} |")
        blocks.append(f"```python\nprint({n})\n```")
    return "\n\n".join(blocks) + "\n"


DOCUMENTS = {"5,000-sentence paragraph": lambda: long_paragraph(5000), "1,000-unit document": thousand_units}


@pytest.fixture(params=list(DOCUMENTS), scope="module")
def source(request) -> str:
    return DOCUMENTS[request.param]()


def test_the_documents_are_as_large_as_named(source):
    doc = parse(source, "en.md")
    if source.startswith("# Transcript"):
        assert len(segment(doc)) == 5000 + 1  # the heading and every sentence, each its own segment
    else:
        assert len(doc.units) >= 1000


def _translate(tmp_path: Path, source: str, engine: str) -> Path:
    from typer.testing import CliRunner

    issue = tmp_path / "001"
    issue.mkdir()
    (issue / "en.md").write_text(source, encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(issue), "--to", "zh", "--engine", engine, "--no-glossary"])
    assert result.exit_code == 0, result.output
    return issue


def test_identity_gives_the_source_back_byte_for_byte(tmp_path, source):
    issue = _translate(tmp_path, source, "identity")
    assert (issue / "zh.md").read_bytes() == (issue / "en.md").read_bytes()
    assert (issue / "aligned.md").is_file()


def test_pseudo_translates_every_sentence(tmp_path, source):
    issue = _translate(tmp_path, source, "pseudo")
    segments = [s for s in segment(parse(source, "en.md")) if any(c.isalpha() for c in TOKEN_RE.sub("", s.text))]
    entries = [e for e in polib.pofile(str(issue / "zh.po")) if not e.obsolete]
    assert [e.msgctxt for e in entries] == [s.id for s in segments]
    assert all(e.msgstr == pseudo(e.msgid) for e in entries)
    assert (issue / "zh.md").read_text(encoding="utf-8").count("⟦") == len(segments)


@pytest.fixture
def pysbd_inputs(monkeypatch) -> list[int]:
    """The length of every text pysbd is given (sentence spans remembered by earlier tests forgotten first)."""
    import pysbd.processor

    from bilingual.document import segment

    segment._split_sentences.cache_clear()

    seen: list[int] = []
    original = pysbd.processor.Processor.__init__

    def recording(self, text, *args, **kwargs):
        seen.append(len(text))
        original(self, text, *args, **kwargs)

    monkeypatch.setattr(pysbd.processor.Processor, "__init__", recording)
    return seen


def test_a_long_paragraph_reaches_pysbd_in_pieces(pysbd_inputs):
    unit = parse(long_paragraph(5000), "en.md").units[1]
    spans = split_sentences(unit.text)
    assert len(unit.text) > 100_000 and len(spans) == 5000
    assert sum(pysbd_inputs) == len(unit.text)
    assert max(pysbd_inputs) < 10_000  # pysbd's cost grows with the square of what it is given


def test_a_paragraph_of_ordinary_length_goes_to_pysbd_whole(pysbd_inputs):
    text = parse(long_paragraph(120), "en.md").units[1].text
    assert len(text) > 3_000
    assert len(split_sentences(text)) == 120
    assert pysbd_inputs == [len(text)]  # its segments and ids are pysbd's own, as they always were


def test_a_long_paragraph_is_never_cut_inside_a_link_or_emphasis():
    unit = parse(long_paragraph(5000), "en.md").units[1]
    for start, end in split_sentences(unit.text):
        sentence = unit.text[start:end]
        opened = {m.group(2) for m in TOKEN_RE.finditer(sentence) if not m.group(1) and f"{{/{m.group(2)}}}" in unit.text}
        closed = {m.group(2) for m in TOKEN_RE.finditer(sentence) if m.group(1)}
        assert opened == closed, sentence
    linked = [unit.text[s:e] for s, e in split_sentences(unit.text) if "notes. Then" in unit.text[s:e]]
    assert len(linked) == 100 and all(t.startswith("Read ") and t.endswith("today.") for t in linked)
