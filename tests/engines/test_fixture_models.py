"""The committed fixture translation packages (tests/fixtures/models/*.argosmodel).

They are tiny Marian models that memorise tests/fixtures/models/corpus.yaml. These tests
check the Argos package layout and that each package, loaded the way bilingual loads it
(CTranslate2 int8 + SentencePiece, greedy), reproduces every corpus entry exactly.
Only ctranslate2, sentencepiece and pyyaml are needed (no torch, no transformers).
Rebuild the packages with ``python tests/fixtures/models/build.py``.
"""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import pytest

MODELS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "models"
PAIRS = ("en_zh", "en_ja", "zh_en", "ja_en")
LANG_NAMES = {"en": "English", "zh": "Chinese", "ja": "Japanese"}
PLACEHOLDERS = [f"{{{n}}}" for n in range(1, 13)] + [f"{{/{n}}}" for n in range(1, 13)]


def _load_corpus_module():
    spec = importlib.util.spec_from_file_location("_fixture_models_corpus", MODELS_DIR / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


CORPUS = _load_corpus_module().load_corpus()


def package_path(pair: str) -> Path:
    return MODELS_DIR / f"translate-{pair}-0_1.argosmodel"


def root_name(pair: str) -> str:
    return f"translate-{pair}-0_1"


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    """pair -> the package's root folder, unzipped once per module."""
    roots: dict[str, Path] = {}

    def get(pair: str) -> Path:
        if pair not in roots:
            where = tmp_path_factory.mktemp(pair)
            with zipfile.ZipFile(package_path(pair)) as zf:
                zf.extractall(where)
            roots[pair] = where / root_name(pair)
        return roots[pair]

    return get


@pytest.fixture(scope="module")
def engine(unpacked):
    """pair -> (ctranslate2.Translator, SentencePieceProcessor), loaded once per module."""
    import ctranslate2
    import sentencepiece as spm

    loaded: dict[str, tuple] = {}

    def get(pair: str):
        if pair not in loaded:
            root = unpacked(pair)
            translator = ctranslate2.Translator(
                str(root / "model"), device="cpu", compute_type="int8", intra_threads=1
            )
            sp = spm.SentencePieceProcessor(model_file=str(root / "sentencepiece.model"))
            loaded[pair] = (translator, sp)
        return loaded[pair]

    return get


@pytest.mark.parametrize("pair", PAIRS)
def test_package_is_a_zip_with_one_root_folder(pair):
    path = package_path(pair)
    assert path.is_file(), f"{path.name} is missing; run tests/fixtures/models/build.py"
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    roots = {name.split("/", 1)[0] for name in names}
    assert roots == {root_name(pair)}
    for required in ("metadata.json", "README.md", "sentencepiece.model", "model/model.bin", "model/config.json"):
        assert f"{root_name(pair)}/{required}" in names


@pytest.mark.parametrize("pair", PAIRS)
def test_package_is_small(pair):
    assert package_path(pair).stat().st_size < 400_000


@pytest.mark.parametrize("pair", PAIRS)
def test_metadata(pair, unpacked):
    source, target = pair.split("_")
    metadata = json.loads((unpacked(pair) / "metadata.json").read_text(encoding="utf-8"))
    assert metadata == {
        "package_version": "0.1",
        "argos_version": "1.9.0",
        "from_code": source,
        "from_name": LANG_NAMES[source],
        "to_code": target,
        "to_name": LANG_NAMES[target],
        "package_type": "translate",
        "links": [],
        "type": "translate",
    }


@pytest.mark.parametrize("pair", PAIRS)
def test_model_config_adds_source_eos(pair, unpacked):
    model_dir = unpacked(pair) / "model"
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    assert config["add_source_eos"] is True
    assert list(model_dir.glob("shared_vocabulary.*")), "no shared vocabulary file"


@pytest.mark.parametrize("pair", PAIRS)
@pytest.mark.parametrize("symbol", PLACEHOLDERS)
def test_placeholder_is_one_piece(pair, symbol, engine):
    _, sp = engine(pair)
    assert sp.encode(f"See {symbol}.", out_type=str).count(symbol) == 1


CASES = [
    pytest.param(pair, row[pair.split("_")[0]], row[pair.split("_")[1]], id=f"{pair}-{i:02d}")
    for pair in PAIRS
    for i, row in enumerate(CORPUS, 1)
]


@pytest.mark.parametrize(("pair", "source", "expected"), CASES)
def test_translates_corpus_entry_exactly(pair, source, expected, engine):
    translator, sp = engine(pair)
    result = translator.translate_batch([sp.encode(source, out_type=str)], beam_size=1)
    assert sp.decode_pieces(result[0].hypotheses[0]) == expected
