"""bilingual and argostranslate give the same translation, byte for byte, for every package kind.

For each fixture package kind (SentencePiece, BPE, target prefix) and beam sizes 1 and 4,
every sentence goes through argostranslate's own ``apply_packaged_translation`` (with a
sentence splitter that returns the sentence, so nothing is downloaded) and through bilingual's
engine, all sentences in one batched call. The sentences are the corpus, a few unseen ones, and
every 12th segment of the real documents in tests/fixtures/real (as bilingual sends them: with
placeholders; both sides get the text as the model reads it, a soft line break as a space). ``Output.argos`` must equal argostranslate's text;
``Output.text``, bilingual's translation, may differ only by the CJK tidy (:func:`detokenize`).

Importing ``argostranslate.translate`` pulls in stanza and torch: only this test does it, after
the ``argos_env`` fixture has pointed Argos's folders into the test's temporary folder.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest_argos import FIXTURE_MODELS, ArgosEnv, argos_env, corpus  # noqa: F401 (fixtures)

from bilingual.engines.argos import ArgosEngine, ArgosOptions
from bilingual.engines.argostext import detokenize, normalise_input

KINDS = {
    "sentencepiece": FIXTURE_MODELS / "translate-en_zh-0_1.argosmodel",
    "bpe": FIXTURE_MODELS / "bpe" / "translate-en_ja-0_1.argosmodel",
    "target-prefix": FIXTURE_MODELS / "prefix" / "translate-en_zh-0_1.argosmodel",
}
UNSEEN = (  # sentences no fixture model learned: their outputs are long and odd, a harder test
    "We read a book.",
    "The {1}GPU{/1} is fast, isn't it?",
    "Hydra & PyTorch Lightning: \"configs\" (2024) — 3.5% faster…",
    "日本語の文です。",
    "The meeting starts at 10:30 tomorrow.",  # argostranslate wrote a doubled space for it (issue 20)
)
COMPUTE = "int8"


class OneSentence:
    """A sentence splitter for argostranslate that does not split (and downloads nothing)."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


REAL_STEP = 12


@functools.cache
def real_segments() -> tuple[str, ...]:
    from bilingual.document.markdown import parse
    from bilingual.document.segment import segment

    texts: list[str] = []
    for path in sorted((FIXTURE_MODELS.parent / "real").glob("*/*/en.md")):
        texts += [normalise_input(s.text) for s in segment(parse(path.read_text(encoding="utf-8"), str(path)))]
    return tuple(dict.fromkeys(texts))[::REAL_STEP]


def sentences() -> list[str]:
    return [row["en"] for row in corpus()] + list(UNSEEN) + list(real_segments())


@pytest.fixture
def argos_translate(argos_env: ArgosEnv, monkeypatch: pytest.MonkeyPatch):
    """argostranslate's translation of one sentence with an installed package, at a beam size."""
    import ctranslate2
    from argostranslate import settings
    from argostranslate.package import Package
    from argostranslate.translate import apply_packaged_translation

    translators: dict[Path, object] = {}

    def translate(folder: Path, sentence: str, beam: int) -> str:
        monkeypatch.setattr(settings, "beam_size", beam)
        if folder not in translators:
            translators[folder] = ctranslate2.Translator(
                str(folder / "model"), device="cpu", compute_type=COMPUTE, inter_threads=1, intra_threads=1
            )
        package = Package(folder)
        return apply_packaged_translation(package, sentence, translators[folder], OneSentence(), 1)[0].value

    return translate


def _install(env: ArgosEnv, kind: str):
    from bilingual.packages import install_file

    path = KINDS[kind]
    if not path.is_file():
        pytest.fail(f"fixture package {path} is missing (tests/fixtures/models/build.py --variants ...)")
    return install_file(path)


@pytest.mark.slow
@pytest.mark.parametrize("beam", [1, 4])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_bilingual_gives_argostranslates_output_byte_for_byte(argos_env, argos_translate, kind: str, beam: int) -> None:
    _install(argos_env, kind)
    engine = ArgosEngine(ArgosOptions(beam_size=beam, compute_type=COMPUTE, inter_threads=1, intra_threads=1))
    (package,) = engine.route(*_pair(kind))
    loaded = engine.load(package)
    texts = sentences()
    ours = engine.run_package(loaded, texts)
    theirs = [argos_translate(package.path, text, beam) for text in texts]
    assert len(texts) > 150
    differing = [(t, o.argos, a) for t, o, a in zip(texts, ours, theirs) if o.argos != a]
    assert differing == []
    assert [o.text for o in ours] == [detokenize(a, package.meta.to_code) for a in theirs]


def _pair(kind: str) -> tuple[str, str]:
    return ("en", "ja") if kind == "bpe" else ("en", "zh")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_memorised_its_corpus(argos_env, kind: str) -> None:
    """The fixtures are what they claim: greedy bilingual output is the corpus (BPE: as the
    Moses detokenizer writes it), and the prefix package's output carries no prefix."""
    _install(argos_env, kind)
    source, target = _pair(kind)
    engine = ArgosEngine(ArgosOptions(beam_size=1))
    rows = corpus()
    outputs = engine.translate([row["en"] for row in rows], source, target)
    if kind == "bpe":
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer

        def moses(text: str) -> str:
            tokens = MosesTokenizer("ja").tokenize(MosesPunctNormalizer("ja").normalize(text))
            return MosesDetokenizer("ja").detokenize(tokens)

        expected = [detokenize(moses(row[target]), target) for row in rows]
    else:
        expected = [row[target] for row in rows]
    assert outputs == expected


def test_the_prefix_decides_the_language(argos_env) -> None:
    """The prefix package's model writes Japanese after ``<2ja>``: the prefix really reaches the
    decoder (if bilingual dropped it, the model could not know which language to write)."""
    import dataclasses

    from bilingual.engines.argos import LoadedPackage

    _install(argos_env, "target-prefix")
    engine = ArgosEngine(ArgosOptions(beam_size=1))
    (package,) = engine.route("en", "zh")
    loaded = engine.load(package)
    ja_meta = dataclasses.replace(package.meta, target_prefix="<2ja>", to_code="ja")
    as_ja = LoadedPackage(dataclasses.replace(package, meta=ja_meta), loaded.translator, loaded.tokenizer)
    rows = corpus()[:8]
    assert [o.text for o in engine.run_package(as_ja, [r["en"] for r in rows])] == [r["ja"] for r in rows]
