"""The argos engine: batching, loading once, pivoting, target prefixes, detokenising, checks.

The fixture models (tests/fixtures/models) memorised a small corpus, so translating those
sentences end to end must give the corpus translations exactly. The mechanics are tested
with a stand-in CTranslate2 translator and tokenizer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest_argos import (  # noqa: F401 (fixtures)
    ArgosEnv,
    argos_env,
    corpus,
    fake_package,
    greedy_engine,
    installed_fixtures,
    metadata,
    package_members,
    write_zip,
)

from bilingual.engines.argos import ArgosEngine, ArgosOptions, default_threads
from bilingual.engines.argostext import detokenize, normalise_input
from bilingual.engines.base import Engine
from bilingual.errors import ModelError
from bilingual.packages import install_file

SRC = Path(__file__).resolve().parents[2] / "src"


# -- stand-ins for ctranslate2.Translator and sentencepiece.SentencePieceProcessor ------------------


class FakeTokenizer:
    def __init__(self, model_file: str) -> None:
        self.model_file = model_file

    def encode(self, texts: list[str], out_type: type = str) -> list[list[str]]:
        return [["\u2581" + word for word in text.split(" ")] for text in texts]

    def decode_pieces(self, pieces: list[str]) -> str:
        return "".join(pieces).replace("\u2581", " ").strip()


class Done:
    """A finished result, as CTranslate2 gives for ``asynchronous=True``."""

    def __init__(self, value: SimpleNamespace) -> None:
        self.value = value

    def result(self) -> SimpleNamespace:
        return self.value

    def done(self) -> bool:
        return True


class FakeTranslator:
    """Upper-cases every token; records how it was built and called."""

    built: list[str] = []
    calls: list[dict[str, object]] = []

    def __init__(self, model_path: str, **options: object) -> None:
        FakeTranslator.built.append(Path(model_path).parent.name)
        self.options = options

    def translate_batch(
        self, source: list[list[str]], target_prefix: list[list[str]] | None = None, **kw: object
    ) -> list[SimpleNamespace] | list[Done]:
        FakeTranslator.calls.append({"source": source, "target_prefix": target_prefix, **kw})
        prefixes = target_prefix or [[] for _ in source]
        results = [SimpleNamespace(hypotheses=[list(p) + [t.upper() for t in s]]) for s, p in zip(source, prefixes)]
        return [Done(r) for r in results] if kw.get("asynchronous") else results


@pytest.fixture
def fake_ct2(monkeypatch: pytest.MonkeyPatch) -> type[FakeTranslator]:
    import ctranslate2
    import sentencepiece

    FakeTranslator.built, FakeTranslator.calls = [], []
    monkeypatch.setattr(ctranslate2, "Translator", FakeTranslator)
    monkeypatch.setattr(sentencepiece, "SentencePieceProcessor", FakeTokenizer)
    return FakeTranslator


def _install(env: ArgosEnv, *pairs: str, **extra: object) -> None:
    for pair in pairs:
        source, target = pair.split("_")
        root = f"translate-{pair}-1_0"
        members = package_members(metadata(source, target, "1.0", **extra), root)
        install_file(write_zip(env.root / f"{root}.argosmodel", members))


# -- mechanics ------------------------------------------------------------------------------------------


def test_all_texts_go_in_one_token_batched_call_in_order(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator]) -> None:
    _install(argos_env, "en_zh")
    options = ArgosOptions(beam_size=3, max_batch_tokens=512, max_decoding_length=77, inter_threads=1, intra_threads=2)
    texts = ["a much longer sentence than the others here", "short", "", "medium sized one"]

    out = ArgosEngine(options).translate(texts, "en", "zh")

    assert out == ["A MUCH LONGER SENTENCE THAN THE OTHERS HERE", "SHORT", "", "MEDIUM SIZED ONE"]
    [call] = fake_ct2.calls
    assert len(call["source"]) == 3
    assert (call["max_batch_size"], call["batch_type"], call["beam_size"], call["max_decoding_length"]) == (
        512,
        "tokens",
        3,
        77,
    )


@pytest.mark.parametrize(
    ("inter", "lengths", "budget"), [(1, [10] * 10, 512), (2, [20] * 40, 400), (2, [30] * 100, 512)]
)
def test_small_calls_are_cut_so_every_parallel_translator_gets_a_batch(
    inter: int, lengths: list[int], budget: int
) -> None:
    engine = ArgosEngine(ArgosOptions(inter_threads=inter, intra_threads=1, max_batch_tokens=512))
    assert engine.batch_tokens([["x"] * n for n in lengths]) == budget


def test_each_package_is_loaded_once(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator]) -> None:
    _install(argos_env, "en_zh", "en_ja", "zh_en")
    engine = ArgosEngine()
    engine.translate(["one"], "en", "ja")
    engine.translate(["two"], "en", "ja")
    engine.translate(["three"], "zh", "ja")  # pivots through en→ja, already loaded
    engine.translate(["four"], "en", "zh")
    assert sorted(fake_ct2.built) == ["translate-en_ja-1_0", "translate-en_zh-1_0", "translate-zh_en-1_0"]


class Failed:
    """A result whose batch failed in CTranslate2: raises when waited for."""

    def result(self) -> SimpleNamespace:
        raise RuntimeError("out of memory in the decoder\nsecond line")

    def done(self) -> bool:
        return True


@pytest.mark.parametrize("when", ["handed over", "waited for"])
def test_a_failing_call_is_one_model_error_naming_the_package(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator],
                                                              monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """CTranslate2 raises a bad call when it is given, and a failed batch when its result is waited for."""

    def translate_batch(self, source, target_prefix=None, **kw):
        if when == "handed over":
            raise ValueError("bad batch type\nsecond line")
        return [Failed() for _ in source]

    monkeypatch.setattr(FakeTranslator, "translate_batch", translate_batch)
    _install(argos_env, "en_zh")
    engine = ArgosEngine()
    with pytest.raises(ModelError) as raised:
        engine.submit(["one"], "en", "zh")()
    cause = "bad batch type" if when == "handed over" else "out of memory in the decoder"
    assert str(raised.value).endswith(f"translate-en_zh-1_0: translation with translate-en_zh-1.0 failed ({cause} second line)")
    assert "\n" not in str(raised.value)


def test_translator_gets_the_options(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator]) -> None:
    _install(argos_env, "en_zh")
    engine = ArgosEngine(ArgosOptions(compute_type="int8_float32", inter_threads=2, intra_threads=3))
    engine.check_pairs([("en", "zh")])
    loaded = engine.load(engine.route("en", "zh")[0])
    assert loaded.translator.options == {
        "device": "cpu",
        "device_index": [0],
        "compute_type": "int8_float32",
        "inter_threads": 2,
        "intra_threads": 3,
    }


def test_batches_are_cut_for_every_translator_on_every_gpu() -> None:
    engine = ArgosEngine(ArgosOptions(inter_threads=2, intra_threads=1, max_batch_tokens=4096, device="cuda", device_index=(0, 1)))
    assert engine.options.parallel == 4
    assert engine.batch_tokens([["a"] * 100] * 4) == 100


def test_target_prefix_is_applied_and_stripped(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator]) -> None:
    _install(argos_env, "en_zh", target_prefix="__zh__")
    assert ArgosEngine().translate(["hi there", "x"], "en", "zh") == ["HI THERE", "X"]
    assert fake_ct2.calls[0]["target_prefix"] == [["__zh__"], ["__zh__"]]


def test_newlines_become_spaces_before_tokenising(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator]) -> None:
    _install(argos_env, "en_ja")
    ArgosEngine().translate(["first line\nsecond line\r\n  third"], "en", "ja")
    assert fake_ct2.calls[0]["source"] == [["\u2581first", "\u2581line", "\u2581second", "\u2581line", "\u2581third"]]


def test_pivot_through_english_is_batched(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator]) -> None:
    _install(argos_env, "zh_en", "en_ja")
    engine = ArgosEngine()
    out = engine.translate(["甲 乙", "丙"], "zh", "ja")
    assert out == ["甲乙", "丙"]
    assert [len(call["source"]) for call in fake_ct2.calls] == [2, 2]
    assert engine.signature("zh", "ja") == "argos:translate-zh_en-1.0+translate-en_ja-1.0"


def test_direct_package_is_preferred_to_the_pivot(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator]) -> None:
    _install(argos_env, "zh_en", "en_ja", "zh_ja")
    assert ArgosEngine().signature("zh", "ja") == "argos:translate-zh_ja-1.0"


def test_signature_names_package_and_version(argos_env: ArgosEnv) -> None:
    _install(argos_env, "en_zh")
    assert ArgosEngine().signature("en", "zh") == "argos:translate-en_zh-1.0"


def test_engine_follows_the_protocol() -> None:
    assert isinstance(ArgosEngine(), Engine)
    assert ArgosEngine.name == "argos"


@pytest.mark.parametrize(
    ("installed", "pair", "expected"),
    [
        ((), ("en", "zh"), "no en→zh model installed; run `bilingual models install --index zh` or "),
        ((), ("zh", "en"), "no zh→en model installed; run `bilingual models install --index zh --both-ways`"),
        (("en_ja",), ("zh", "ja"), "cannot translate zh→ja: no zh→en model installed"),
        ((), ("ja", "zh"), "cannot translate ja→zh: no ja→en, en→zh model installed"),
    ],
)
def test_missing_model_message(
    argos_env: ArgosEnv, installed: tuple[str, ...], pair: tuple[str, str], expected: str
) -> None:
    _install(argos_env, *installed)
    with pytest.raises(ModelError) as caught:
        ArgosEngine().check_pair(*pair)
    assert str(caught.value).startswith(expected)
    assert "bilingual models install FILE" in str(caught.value)


def test_check_pairs_names_every_gap_before_translating(argos_env: ArgosEnv, fake_ct2: type[FakeTranslator]) -> None:
    _install(argos_env, "en_zh")
    with pytest.raises(ModelError) as caught:
        ArgosEngine().check_pairs([("en", "zh"), ("en", "ja"), ("en", "ko")])
    assert str(caught.value).startswith(
        "no en→ja, en→ko model installed; run `bilingual models install --index ja ko` or "
    )
    assert fake_ct2.built == []


def test_check_pairs_loads_models_so_a_corrupt_one_fails_up_front(argos_env: ArgosEnv) -> None:
    _install(argos_env, "en_zh")  # model.bin is not a CTranslate2 model
    with pytest.raises(ModelError, match="cannot load the model of translate-en_zh-1.0"):
        ArgosEngine().check_pairs([("en", "zh")])


def test_import_loads_no_heavy_modules() -> None:
    code = "import sys, bilingual.engines.argos, bilingual.engines.cache, bilingual.cli.models; " + (
        "print([m for m in sys.modules if m.split('.')[0] in ('ctranslate2', 'argostranslate', 'torch', 'stanza')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(SRC)})
    assert out.stdout.strip() == "[]", out.stderr


# -- options ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cores", "threads"), [(1, (1, 1)), (2, (2, 1)), (3, (2, 1)), (4, (2, 2)), (8, (4, 2)), (16, (4, 4))]
)
def test_default_threads(cores: int, threads: tuple[int, int]) -> None:
    assert default_threads(cores) == threads


def test_options_are_frozen_with_good_defaults() -> None:
    options = ArgosOptions()
    assert (options.beam_size, options.compute_type) == (2, "int8")
    assert options.inter_threads * max(options.intra_threads, 1) >= 1
    with pytest.raises(FrozenInstanceError):
        options.beam_size = 4  # type: ignore[misc]


@pytest.mark.parametrize("field", ["beam_size", "max_batch_tokens", "max_decoding_length", "inter_threads"])
def test_options_refuse_zero(field: str) -> None:
    with pytest.raises(ModelError, match=field):
        ArgosOptions(**{field: 0})


# -- detokenising ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "target", "expected"),
    [
        ("本周 我们 读了 三篇 论文 。", "zh", "本周我们读了三篇论文。"),
        ("我们 使用 PyTorch 训练 模型 ， 效果 很好 。", "zh", "我们使用 PyTorch 训练模型，效果很好。"),
        ("该模型在单个 GPU 上训练。", "zh", "该模型在单个 GPU 上训练。"),
        ("large language models 很 强大", "zh", "large language models 很强大"),
        ("{1} 是一个深度学习库。", "zh", "{1} 是一个深度学习库。"),
        ("这{1}非常{/1}重要。", "zh", "这{1}非常{/1}重要。"),
        ("请阅读 { 2 } 上的 {1} 。", "zh", "请阅读 {2} 上的 {1}。"),
        ("详情 请 参见 { / 3 }", "zh", "详情请参见{/3}"),
        ("{1} 論文 {/ 1}", "ja", "{1}論文{/1}"),  # Moses detokenizer (BPE packages): no space inside a pair
        ("{2} に関する {1} 論文 {/1} を読みました。", "ja", "{2} に関する {1}論文{/1} を読みました。"),
        ("コードは {1} GitHub {/1} で公開", "ja", "コードは {1} GitHub {/1} で公開"),
        ("感谢阅读。.", "zh", "感谢阅读。"),
        ("感谢阅读。 .", "zh", "感谢阅读。"),
        ("这是什么？.", "zh", "这是什么？"),
        ("感谢阅读.", "zh", "感谢阅读。"),
        ("版本 v1.2.", "zh", "版本 v1.2."),
        ("「 GitHub 」 で 公開 されて います 。", "ja", "「GitHub」で公開されています。"),
        ("ありがとう ございます 。.", "ja", "ありがとうございます。"),
        ("this is   English .", "en", "this is English ."),
        ("see { 1 } now", "en", "see {1} now"),
        # A deliberate difference from argostranslate (README, "Argos packages"): a run of spaces
        # is one space. argostranslate gave this for "The meeting starts at 10:30 tomorrow." with
        # the target-prefix fixture on an AMD CPU; a doubled space means nothing in a sentence and
        # two before a line end are a Markdown hard break.
        ("会議は明日 10:30  に始まります。", "ja", "会議は明日 10:30 に始まります。"),
    ],
)
def test_detokenize(raw: str, target: str, expected: str) -> None:
    assert detokenize(raw, target) == expected


@pytest.mark.parametrize("lang", ["zh", "ja"])
@pytest.mark.parametrize("index", range(len(corpus())))
def test_detokenize_keeps_well_formed_corpus_text(lang: str, index: int) -> None:
    text = corpus()[index][lang]
    assert detokenize(text, lang) == text


@pytest.mark.parametrize(("text", "expected"), [("a\nb", "a b"), ("  a \r\n\n b  ", "a b"), ("a  b", "a  b")])
def test_normalise_input(text: str, expected: str) -> None:
    assert normalise_input(text) == expected


# -- end to end with the fixture models ----------------------------------------------------------


@pytest.mark.parametrize("pair", ["en_zh", "en_ja", "zh_en", "ja_en"])
def test_fixture_models_translate_the_memorised_corpus(installed_fixtures: ArgosEnv, pair: str) -> None:
    source, target = pair.split("_")
    rows = corpus()
    out = greedy_engine().translate([row[source] for row in rows], source, target)
    assert out == [row[target] for row in rows]


def test_fixture_models_pivot_zh_to_ja(installed_fixtures: ArgosEnv) -> None:
    rows = corpus()
    engine = greedy_engine()
    assert engine.signature("zh", "ja") == "argos:translate-zh_en-0.1+translate-en_ja-0.1"
    assert engine.translate([row["zh"] for row in rows], "zh", "ja") == [row["ja"] for row in rows]


def test_fixture_signature(installed_fixtures: ArgosEnv) -> None:
    engine = greedy_engine()
    engine.check_pairs([("en", "zh"), ("en", "ja")])
    assert engine.signature("en", "zh") == "argos:translate-en_zh-0.1"


def test_fixture_metadata_is_what_the_signature_reports(installed_fixtures: ArgosEnv) -> None:
    folder = next(installed_fixtures.packages.glob("*en_zh*"))
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert greedy_engine().signature("en", "zh") == f"argos:translate-en_zh-{meta['package_version']}"
