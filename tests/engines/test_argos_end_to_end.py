"""End to end with real Argos packages: `bilingual models install FILE`, then `bilingual translate`.

The fixture packages (tests/fixtures/models/) memorised a small corpus; the documents under
tests/fixtures/argos/ are written so that, after glossary masking, every sentence is one the
models know. Golden files sit beside their inputs: ``x.md`` → ``x.expect.zh.md``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.glossary import load_glossary
from conftest import FIXTURES
from conftest_argos import closed_port_url

ARGOS = FIXTURES / "argos"
MODELS = FIXTURES / "models"
SOURCES = sorted(p for p in ARGOS.glob("*.md") if ".expect." not in p.name)
LANGS = ("zh", "ja")


@pytest.fixture
def packages(tmp_path, monkeypatch, runner) -> Path:
    folder = tmp_path / "packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    files = [str(MODELS / f"translate-en_{lang}-0_1.argosmodel") for lang in LANGS]
    result = runner.invoke(app, ["models", "install", *files])
    assert result.exit_code == 0, result.output
    return folder


def _translate(runner, source: Path, tmp_path: Path, *extra: str):
    work = tmp_path / "doc"
    work.mkdir(exist_ok=True)
    shutil.copy(source, work / source.name)
    args = ["translate", str(work / source.name), "--glossary", str(ARGOS / "glossary.yaml"), "--beam-size", "1", *extra]
    return work, runner.invoke(app, args)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", LANGS)
def test_translation_matches_the_golden_file(packages, runner, tmp_path, source, lang):
    work, result = _translate(runner, source, tmp_path)
    assert result.exit_code == 0, result.output
    produced = (work / f"{source.stem}.{lang}.md").read_text(encoding="utf-8")
    assert produced == (ARGOS / f"{source.stem}.expect.{lang}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", LANGS)
def test_keep_terms_and_targets_survive_a_real_model(packages, runner, tmp_path, source, lang):
    work, result = _translate(runner, source, tmp_path)
    assert result.exit_code == 0, result.output
    glossary = load_glossary([ARGOS / "glossary.yaml"])
    text = source.read_text(encoding="utf-8")
    out = (work / f"{source.stem}.{lang}.md").read_text(encoding="utf-8")
    for term in glossary:
        if term.keep:
            assert out.count(term.en) == text.count(term.en), term.en
        elif term.target(lang):
            english = sum(1 for m in glossary.matcher.find_source(text) if m.term == term)
            assert out.count(term.target(lang)) == english, term.en
        for bad in term.forbidden_in(lang):
            assert bad not in out


@pytest.mark.parametrize("lang", LANGS)
def test_markup_code_and_urls_are_intact(packages, runner, tmp_path, lang):
    source = ARGOS / "memorised.md"
    work, result = _translate(runner, source, tmp_path)
    assert result.exit_code == 0, result.output
    out = (work / f"memorised.{lang}.md").read_text(encoding="utf-8")
    for kept in ("](https://github.com/ashleve/lightning-hydra-template)", "`pip install hydra-core`",
                 "```bash\npython run.py trainer=gpu\n```", "|:-------|--------------------:|", "\n- ", "\n> ", "**"):
        assert kept in out


def test_a_missing_model_stops_before_anything_is_written(tmp_path, monkeypatch, runner):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()
    work, result = _translate(runner, ARGOS / "memorised.md", tmp_path)
    assert result.exit_code == 2
    assert "no en→zh, en→ja model installed" in result.output and "bilingual models install" in result.output
    assert sorted(p.name for p in work.iterdir()) == ["memorised.md"]


@pytest.mark.parametrize(
    "package, lang, expected",
    [
        ("bpe/translate-en_ja-0_1.argosmodel", "ja", "# 論文\n\n今週は三本の論文を読みました。\n\n**論文**\n"),
        ("prefix/translate-en_zh-0_1.argosmodel", "zh", "# 论文\n\n本周我们读了三篇论文。\n\n**论文**\n"),
    ],
    ids=["bpe", "target-prefix"],
)
def test_bpe_and_target_prefix_packages_translate_end_to_end(tmp_path, monkeypatch, runner, package, lang, expected):
    folder = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    assert runner.invoke(app, ["models", "install", str(MODELS / package)]).exit_code == 0
    doc = tmp_path / "doc"
    doc.mkdir()
    (doc / "en.md").write_text("# Papers\n\nThis week we read three papers.\n\n**Papers**\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(doc), "--to", lang, "--no-glossary", "--beam-size", "1"])
    assert result.exit_code == 0, result.output
    assert (doc / f"{lang}.md").read_text(encoding="utf-8") == expected
