"""Tokenizers of Argos packages, chosen and behaving exactly as argostranslate 1.11's.

A package holds ``sentencepiece.model`` (most Argos packages) or ``bpe.model`` (Moses
tokenization with sacremoses plus subword-nmt BPE codes, as in OPUS-MT conversions). As in
``argostranslate.package.Package``, ``sentencepiece.model`` wins when a package has both.
``encode`` and ``decode`` are argostranslate's ``SentencePieceTokenizer`` and
``BPETokenizer`` operation for operation, so the same model gives the same text; the
differential test (``tests/engines/test_argos_differential.py``) holds bilingual to that.

``sentencepiece``, ``sacremoses`` and the BPE codes are loaded on first use, never at import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import ModelError

SP_MODEL = "sentencepiece.model"
BPE_MODEL = "bpe.model"
SP_SPACE = "\u2581"  # SentencePiece's word-boundary marker
BPE_SEPARATOR = "@@"  # subword-nmt's continuation marker


class Tokenizer(Protocol):
    """Text ↔ the string tokens a CTranslate2 model reads and writes."""

    kind: str  # "sentencepiece" or "bpe"

    def encode(self, sentence: str) -> list[str]:
        """The source tokens of one sentence."""
        ...

    def encode_batch(self, sentences: Sequence[str]) -> list[list[str]]:
        """``encode`` of each sentence."""
        ...

    def decode(self, tokens: Sequence[str]) -> str:
        """The text of target tokens (argostranslate strips one leading space afterwards)."""
        ...


@dataclass(frozen=True)
class TokenizerFiles:
    """Which tokenizer a package folder holds."""

    kind: str
    path: Path


def tokenizer_files(package: Path) -> TokenizerFiles:
    """``sentencepiece.model`` first, then ``bpe.model``, as argostranslate looks for them."""
    for kind, name in (("sentencepiece", SP_MODEL), ("bpe", BPE_MODEL)):
        if (package / name).is_file():
            return TokenizerFiles(kind, package / name)
    raise ModelError(f"package has neither {SP_MODEL} nor {BPE_MODEL}; reinstall it", package)


def load_tokenizer(package: Path, from_code: str, to_code: str) -> Tokenizer:
    """The tokenizer of an installed package folder, loaded now so a broken file fails early."""
    files = tokenizer_files(package)
    try:
        if files.kind == "sentencepiece":
            return SentencePieceTokenizer(files.path)
        return BPETokenizer(files.path, from_code, to_code)
    except (RuntimeError, OSError, ValueError, UnicodeDecodeError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ModelError(f"cannot load {files.path.name} ({reason})", package) from None


class SentencePieceTokenizer:
    """argostranslate's ``SentencePieceTokenizer``: pieces in; ``decode_pieces`` with every
    ``▁`` and ``_`` turned into a space out."""

    kind = "sentencepiece"

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self.model_file = model_file
        self.processor: Any = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, sentence: str) -> list[str]:
        return self.processor.encode(sentence, out_type=str)

    def encode_batch(self, sentences: Sequence[str]) -> list[list[str]]:
        """``encode`` of each sentence, in one call into SentencePiece."""
        return self.processor.encode(list(sentences), out_type=str)

    def decode(self, tokens: Sequence[str]) -> str:
        return self.processor.decode_pieces(list(tokens)).replace(SP_SPACE, " ").replace("_", " ")


class BPETokenizer:
    """argostranslate's ``BPETokenizer``: Moses punctuation normalisation and tokenization
    (sacremoses, source language), BPE segmentation with the package's codes; out, ``@@ ``
    joins are undone and the Moses detokenizer of the target language runs."""

    kind = "bpe"

    def __init__(self, model_file: Path, from_code: str, to_code: str) -> None:
        from argostranslate.apply_bpe import BPE  # argostranslate's copy of subword-nmt; stdlib only
        from sacremoses.normalize import MosesPunctNormalizer
        from sacremoses.tokenize import MosesDetokenizer, MosesTokenizer

        self.model_file = model_file
        self.tokenizer = MosesTokenizer(from_code)
        self.detokenizer = MosesDetokenizer(to_code)
        self.normalizer = MosesPunctNormalizer(from_code)
        with open(model_file, encoding="utf-8") as codes:
            self.bpe = BPE(codes)

    def encode(self, sentence: str) -> list[str]:
        normalized = self.normalizer.normalize(sentence)
        tokenized = " ".join(self.tokenizer.tokenize(normalized))
        return self.bpe.segment_tokens(tokenized.strip("\r\n ").split(" "))

    def encode_batch(self, sentences: Sequence[str]) -> list[list[str]]:
        return [self.encode(sentence) for sentence in sentences]

    def decode(self, tokens: Sequence[str]) -> str:
        return self.detokenizer.detokenize(" ".join(tokens).replace(BPE_SEPARATOR + " ", "").split(" "))
