"""Terms come back as the source wrote them: keep-terms exactly, targets read naturally in zh/ja;
English inflections where a term asks for them; never a match inside a longer name (issue #10)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bilingual.glossary import Glossary, Term, enforce, load_glossary, mask, restore

ML = load_glossary([Path(__file__).resolve().parents[2] / "glossary" / "ml.yaml"])


class Identity:
    name = "identity"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return list(texts)


def enforced(text: str, lang: str, glossary: Glossary = ML) -> str:
    (result,) = enforce([text], Identity(), "en", lang, glossary)
    return result.text


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("This installs a very light version of 🤗 Transformers.", "🤗 Transformers"),
        ("Most GPUs support fp16.", "GPUs"),
        ("Several LLMs were compared.", "LLMs"),
        ("Open GitHub's issue tracker.", "GitHub's"),
        ("Use TensorFlow's data loaders.", "TensorFlow's"),
        ("Install transformers with pip.", "transformers"),
        ("Both CNNs and RNNs work.", "CNNs"),
        ("PyTorch's autograd is fast.", "PyTorch's"),
        ("See the [transformers/](https://example.com) folder.", "transformers/"),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_keep_terms_come_back_exactly_as_written(sentence: str, surface: str, lang: str) -> None:
    assert surface in enforced(sentence, lang)


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_a_misspelt_case_sensitive_name_is_corrected_but_keeps_its_ending(lang: str) -> None:
    out = enforced("Pytorch's autograd and Githubs.", lang)
    assert "PyTorch's" in out and "Pytorch" not in out


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("zh", "The paper's results hold.", "论文的"),
        ("ja", "The paper's results hold.", "論文の"),
        ("zh", "The papers' authors agree.", "论文的"),
        ("ja", "The papers' authors agree.", "論文の"),
        ("zh", "Two papers were accepted.", "论文"),
        ("ja", "Two papers were accepted.", "論文"),
    ],
)
def test_targets_read_naturally_with_possessives_and_plurals(lang: str, sentence: str, expected: str) -> None:
    out = enforced(sentence, lang)
    assert expected in out
    assert "'s" not in out and "s'" not in out and "论文s" not in out and "論文s" not in out


MASK = Term("mask", {"zh": ("掩码",), "ja": ("マスク",)}, inflect="verb")
TUNE = Term("fine-tune", {"zh": ("微调",), "ja": ("微調整",)}, inflect="verb")
EMBED = Term("embed", {"zh": ("嵌入",)}, inflect="verb")
NOUN = Term("paper", {"zh": ("论文",)})
FIXED = Term("AI", {"zh": ("人工智能",)}, case_sensitive=True, inflect="none")
VERBS = Glossary((MASK, TUNE, EMBED, NOUN, FIXED))


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("We mask tokens, masking half; masked tokens and masks.", ["mask", "masking", "masked", "masks"]),
        ("Masking is cheap.", ["Masking"]),
        ("fine-tuned and fine-tuning and fine-tunes", ["fine-tuned", "fine-tuning", "fine-tunes"]),
        ("embedding and embedded and embeds", ["embedding", "embedded", "embeds"]),
        ("papering over the papered cracks", []),  # a noun term gets no verb endings
        ("two AIs", []),  # inflect: none
        ("masker and unmasked", []),
    ],
)
def test_verb_terms_match_their_inflections(text: str, surfaces: list[str]) -> None:
    assert [m.surface for m in VERBS.matcher.find_source(text)] == surfaces


def test_inflected_verb_gets_the_target() -> None:
    assert enforced("We are masking the inputs.", "zh", VERBS) == "We are 掩码 the inputs."


def test_inflect_is_part_of_the_hash() -> None:
    assert Glossary((Term("mask", inflect="verb"),)).hash != Glossary((Term("mask"),)).hash


NAMES = Glossary(
    (
        Term("dataset", {"zh": ("数据集",)}),
        Term("open source", {"zh": ("开源",)}),
        Term("Source Han Sans", keep=True),
        Term("diffusion model", {"zh": ("扩散模型",)}),
        Term("Stable Diffusion", keep=True, case_sensitive=True),
    )
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("an open Source Han Sans font", ["Source Han Sans"]),  # the longer name wins though it starts later
        ("the Stable Diffusion models", ["Stable Diffusion"]),
        ("an open source diffusion model", ["open source", "diffusion model"]),
    ],
)
def test_never_matches_inside_a_longer_name(text: str, found: list[str]) -> None:
    assert [m.surface for m in NAMES.matcher.find_source(text)] == found


@pytest.mark.parametrize("library", ["🤗 Datasets", "🤗 Transformers", "🤗 Diffusers", "🤗 Accelerate"])
def test_ml_glossary_knows_the_hugging_face_libraries(library: str) -> None:
    found = ML.matcher.find_source(f"Install {library} first.")
    assert [(m.surface, m.term.keep) for m in found] == [(library, True)]


def test_mask_and_restore_keep_the_surface() -> None:
    masked = mask("The LLMs and GPUs.", ML, None, "zh")
    out = restore(masked.text, masked, "zh")
    assert out.ok and out.text == "The LLMs and GPUs."
