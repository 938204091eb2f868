"""The Argos engine loads its model while a run parses its documents (``ArgosEngine.preload``).

What is tested is the order and the outcome, never the time: the load starts before the first
document is parsed, a preloaded engine translates exactly as one that loads in place, and a
model that fails to load gives the same one-line error, the same exit code and writes nothing.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES
from conftest_argos import (  # noqa: F401 (fixtures)
    ArgosEnv,
    argos_env,
    closed_port_url,
    corpus,
    greedy_engine,
    installed_fixtures,
    metadata,
    package_members,
    write_zip,
)

import bilingual.document.markdown as markdown
import bilingual.engines.loading as loading
from bilingual.cli import app
from bilingual.engines.argos import ArgosEngine
from bilingual.errors import ModelError
from bilingual.packages import install_file

ARGOS = FIXTURES / "argos"
MODELS = FIXTURES / "models"
WAIT = 60  # seconds a test waits for an event before it fails (never reached when the order is right)


@pytest.fixture
def fixture_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner) -> Path:
    """The en→zh and en→ja fixture models installed in a private packages dir."""
    folder = tmp_path / "packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    result = runner.invoke(app, ["models", "install", *(str(MODELS / f"translate-en_{lang}-0_1.argosmodel") for lang in ("zh", "ja"))])
    assert result.exit_code == 0, result.output
    return folder


def _translate(runner, tmp_path: Path, *extra: str):
    work = tmp_path / "doc"
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(ARGOS / "memorised.md", work / "memorised.md")
    args = ["translate", str(work / "memorised.md"), "--glossary", str(ARGOS / "glossary.yaml"), "--beam-size", "1", *extra]
    return work, runner.invoke(app, args)


def _corrupt_en_zh(env: ArgosEnv) -> None:
    """An en→zh package whose model.bin is not a CTranslate2 model (it installs, it cannot load)."""
    install_file(write_zip(env.root / "translate-en_zh-1_0.argosmodel", package_members(metadata("en", "zh", "1.0"))))


def test_fixture_model_load_starts_before_the_documents_are_parsed(fixture_packages, runner, tmp_path, monkeypatch):
    load_started = threading.Event()
    events: list[str] = []
    real_load, real_parse = loading.load_package, markdown.parse

    def load(package, options):
        events.append(f"load {package.meta.to_code} started")
        load_started.set()
        return real_load(package, options)

    def parse(text, path="<string>"):
        # With a load that only starts once the engine is first used (after parsing) this waits in vain.
        events.append(f"parse, load started: {load_started.wait(WAIT)}")
        return real_parse(text, path)

    monkeypatch.setattr(loading, "load_package", load)
    monkeypatch.setattr(markdown, "parse", parse)
    work, result = _translate(runner, tmp_path, "--to", "zh")
    assert result.exit_code == 0, result.output
    assert events[:2] == ["load zh started", "parse, load started: True"]
    produced = (work / "memorised.zh.md").read_text(encoding="utf-8")
    assert produced == (ARGOS / "memorised.expect.zh.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_fixture_preloaded_engine_translates_as_one_that_loads_in_place(installed_fixtures, lang):
    sentences = [entry["en"] for entry in corpus()]
    preloaded, in_place = greedy_engine(), greedy_engine()
    preloaded.preload([("en", lang)])
    assert preloaded.translate(sentences, "en", lang) == in_place.translate(sentences, "en", lang)


def test_argos_preload_of_a_pair_without_a_model_raises_nothing_and_check_pairs_names_it(argos_env):
    engine = ArgosEngine()
    engine.preload([("en", "zh")])
    with pytest.raises(ModelError, match=r"^no en→zh model installed; run `bilingual models install --index zh`"):
        engine.check_pairs([("en", "zh")])


def test_argos_preloaded_corrupt_model_raises_the_error_of_a_load_in_place(argos_env):
    _corrupt_en_zh(argos_env)
    with pytest.raises(ModelError) as in_place:
        ArgosEngine().check_pairs([("en", "zh")])
    engine = ArgosEngine()
    engine.preload([("en", "zh")])  # the load fails in the background: nothing raised here
    with pytest.raises(ModelError) as preloaded:
        engine.check_pairs([("en", "zh")])
    assert str(preloaded.value) == str(in_place.value)
    assert ": cannot load the model of translate-en_zh-1.0 (" in str(preloaded.value)


def test_argos_corrupt_model_with_preload_is_the_same_one_line_error_exit_code_and_writes_nothing(
    argos_env, runner, tmp_path, monkeypatch
):
    _corrupt_en_zh(argos_env)
    with monkeypatch.context() as without:
        without.setattr(ArgosEngine, "preload", lambda self, pairs: None)  # the load happens where the engine is first used
        before_work, before = _translate(runner, tmp_path / "before", "--to", "zh")
    work, result = _translate(runner, tmp_path / "after", "--to", "zh")
    assert (result.exit_code, result.output) == (before.exit_code, before.output.replace(str(before_work), str(work)))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("bilingual: error: ") and "cannot load the model of translate-en_zh-1.0" in line
    assert sorted(p.name for p in work.iterdir()) == ["memorised.md"]


def test_fixture_rerun_with_nothing_to_parse_loads_no_model(fixture_packages, runner, tmp_path, monkeypatch):
    _, first = _translate(runner, tmp_path, "--to", "zh")
    assert first.exit_code == 0, first.output
    loads: list[str] = []
    monkeypatch.setattr(loading, "load_package", lambda package, options: loads.append(package.meta.label))
    _, again = _translate(runner, tmp_path, "--to", "zh")
    assert again.exit_code == 0, again.output
    assert "(1 unchanged, skipped)" in again.output
    assert loads == []
