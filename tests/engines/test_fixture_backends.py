"""Every committed fixture model reproduces its corpus under every int8 backend of this CPU.

CTranslate2 picks its int8 GEMM by CPU vendor (MKL on Intel, not by default on AMD) and its
kernels by instruction set. A model whose memorised corpus holds under one backend only makes
the suite green on one machine and red on the next, so each package is decoded greedily in a
fresh process under each setting of ``backends.settings()`` (``CT2_USE_MKL`` 0 and 1, each with
every ``CT2_FORCE_CPU_ISA`` the CPU supports), here, on whatever CPU runs the suite.
"""

from __future__ import annotations

import functools
import sys
import zipfile
from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parents[1] / "fixtures" / "models"
sys.path.insert(0, str(MODELS))

import backends  # noqa: E402
from backends import Example  # noqa: E402
from corpus import load_corpus, pairs  # noqa: E402

CORPUS = load_corpus()
PREFIXES = {"zh": "<2zh>", "ja": "<2ja>"}
UNK_PLAIN_ENTRIES = 16  # the unk package learned the first 16 entries as they are
OPUS_ENTRIES = 12  # the OPUS-MT releases learned the first 12


def _unpack(relative: str, where: Path) -> Path:
    with zipfile.ZipFile(MODELS / relative) as zf:
        zf.extractall(where)
    (root,) = list(where.iterdir())
    return root


def _pieces(spm_file: Path):
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(spm_file))
    return lambda text: sp.encode(text, out_type=str)


Prepared = tuple[Path, list[Example]]  # a CTranslate2 model folder and what it must write


def _pair(pair: str, where: Path) -> Prepared:
    root = _unpack(f"translate-{pair}-0_1.argosmodel", where)
    encode = _pieces(root / "sentencepiece.model")
    return root / "model", [Example(encode(s), encode(t)) for s, t in pairs(CORPUS, *pair.split("_"))]


def _prefix(where: Path) -> Prepared:
    root = _unpack("prefix/translate-en_zh-0_1.argosmodel", where)
    encode = _pieces(root / "sentencepiece.model")
    examples = [Example(encode(row["en"]), encode(row[lang]), PREFIXES[lang]) for row in CORPUS for lang in PREFIXES]
    return root / "model", examples


def _unk(where: Path) -> Prepared:
    root = _unpack("unk/translate-en_zh-0_1.argosmodel", where)
    encode = _pieces(root / "sentencepiece.model")
    return root / "model", [Example(encode(s), encode(t)) for s, t in pairs(CORPUS, "en", "zh")[:UNK_PLAIN_ENTRIES]]


def _bpe(where: Path) -> Prepared:
    """Source and target through argostranslate's own Moses + BPE tokenization (bilingual's copy)."""
    from bilingual.engines.tokenizers import BPETokenizer

    root = _unpack("bpe/translate-en_ja-0_1.argosmodel", where)
    source = BPETokenizer(root / "bpe.model", "en", "ja")
    target = BPETokenizer(root / "bpe.model", "ja", "ja")
    return root / "model", [Example(source.encode(s), target.encode(t)) for s, t in pairs(CORPUS, "en", "ja")]


def _opus(lang: str, where: Path) -> Prepared:
    """The OPUS-MT release converted as README's recipe does: CTranslate2's own 8-bit weights."""
    from ctranslate2.converters import OpusMTConverter

    release = MODELS / "opus-mt" / f"en-{lang}"
    OpusMTConverter(str(release)).convert(str(where / "model"), quantization="int8")
    encode = _pieces(release / "source.spm")
    return where / "model", [Example(encode(s), encode(t)) for s, t in pairs(CORPUS, "en", lang)[:OPUS_ENTRIES]]


PACKAGES = {
    **{pair: functools.partial(_pair, pair) for pair in ("en_zh", "en_ja", "zh_en", "ja_en")},
    "prefix": _prefix,
    "unk": _unk,
    "bpe": _bpe,
    "opus-en_zh": functools.partial(_opus, "zh"),
    "opus-en_ja": functools.partial(_opus, "ja"),
}


def _setting_id(setting: dict[str, str]) -> str:
    return f"mkl{setting['CT2_USE_MKL']}-{setting['CT2_FORCE_CPU_ISA']}"


@pytest.mark.slow
@pytest.mark.parametrize("setting", backends.settings(), ids=_setting_id)
@pytest.mark.parametrize("kind", sorted(PACKAGES))
def test_fixture_model_is_memorised_under_every_backend(kind: str, setting: dict[str, str], tmp_path: Path) -> None:
    model_dir, examples = PACKAGES[kind](tmp_path)
    outcome = backends.check_under(setting, model_dir, examples)
    assert outcome.error == ""
    assert outcome.failures == []
    # The build refuses a package whose smallest top-1/top-2 gap is under this anywhere.
    assert outcome.gap >= 1.0, f"thin margin under {outcome.label}: {outcome.gap:.2f}"


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({"sse2"}, ["GENERIC"]),
        ({"avx", "avx2", "fma"}, ["GENERIC", "AVX", "AVX2"]),
        ({"avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"}, ["GENERIC", "AVX", "AVX2", "AVX512"]),
        ({"avx", "avx2", "fma", "avx512f"}, ["GENERIC", "AVX", "AVX2"]),
    ],
)
def test_supported_isas_follow_the_cpu_flags(flags: set[str], expected: list[str]) -> None:
    assert backends.supported_isas(flags) == expected


def test_every_isa_is_checked_with_and_without_mkl() -> None:
    got = backends.settings({"avx"})
    assert got == [
        {"CT2_USE_MKL": "0", "CT2_FORCE_CPU_ISA": "GENERIC"},
        {"CT2_USE_MKL": "0", "CT2_FORCE_CPU_ISA": "AVX"},
        {"CT2_USE_MKL": "1", "CT2_FORCE_CPU_ISA": "GENERIC"},
        {"CT2_USE_MKL": "1", "CT2_FORCE_CPU_ISA": "AVX"},
    ]


def test_a_failing_backend_process_is_reported_not_passed(tmp_path: Path) -> None:
    """A model folder that cannot load gives an error outcome, never an empty list of failures."""
    outcome = backends.check_under({"CT2_USE_MKL": "0"}, tmp_path / "no-model", [Example(["a"], ["b"])])
    assert not outcome.ok
    assert outcome.error.startswith("exit ")
