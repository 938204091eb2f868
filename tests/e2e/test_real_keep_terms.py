"""Acceptance on the real corpus (issue #10): translated with ``--engine pseudo --glossary glossary``,
every keep-term surface form of en.md occurs as often in zh.md and ja.md.

The surface forms are those the glossary's matcher finds in en.md's translatable text (a
case-sensitive name's misspelling, which the translation corrects, is not one). Occurrences are
counted in the whole files, as whole words, so code and URLs count on both sides alike.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.glossary import load_glossary
from bilingual.glossary.matcher import JOINERS, is_word
from bilingual.document.markdown import parse
from bilingual.document.segment import segment

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "fixtures" / "real"
GLOSSARY = ROOT / "glossary"
DOCUMENTS = sorted(p.parent.relative_to(REAL).as_posix() for p in REAL.glob("*/*/en.md"))


def joined(text: str, at: int, step: int) -> bool:
    """Whether ``text[at]`` continues a word, directly or through a joiner (``diffusers-torchao``)."""
    if not 0 <= at < len(text):
        return False
    if is_word(text[at]):
        return True
    return text[at] in JOINERS and 0 <= at + step < len(text) and is_word(text[at + step])


def occurrences(surface: str, text: str) -> int:
    """How often ``surface`` occurs in ``text`` as a word of its own, with the matcher's word boundaries."""
    count, at = 0, text.find(surface)
    while at >= 0:
        end = at + len(surface)
        left = not (is_word(surface[0]) and joined(text, at - 1, -1))
        right = not (is_word(surface[-1]) and joined(text, end, 1))
        count += left and right
        at = text.find(surface, at + 1)
    return count


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    out = tmp_path_factory.mktemp("real")
    for name in DOCUMENTS:
        (out / name).mkdir(parents=True)
        shutil.copy(REAL / name / "en.md", out / name / "en.md")
    result = CliRunner().invoke(
        app, ["translate", *[str(out / name) for name in DOCUMENTS], "--engine", "pseudo", "--glossary", str(GLOSSARY), "--no-align"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_every_keep_term_surface_survives(translated: Path, name: str, lang: str) -> None:
    matcher = load_glossary([GLOSSARY]).matcher
    source = (REAL / name / "en.md").read_text(encoding="utf-8")
    surfaces = Counter(
        m.surface
        for seg in segment(parse(source, name))
        for m in matcher.find_source(seg.text)
        if m.term.keep and not m.variant
    )
    edition = (translated / name / f"{lang}.md").read_text(encoding="utf-8")
    lost = {s: (occurrences(s, source), occurrences(s, edition)) for s in surfaces if occurrences(s, source) != occurrences(s, edition)}
    assert lost == {}


def test_the_corpus_has_keep_terms_to_check() -> None:
    matcher = load_glossary([GLOSSARY]).matcher
    kinds = {
        m.surface
        for name in DOCUMENTS
        for seg in segment(parse((REAL / name / "en.md").read_text(encoding="utf-8"), name))
        for m in matcher.find_source(seg.text)
        if m.term.keep
    }
    assert {"GPUs", "PyTorch's", "Transformers"} <= kinds
