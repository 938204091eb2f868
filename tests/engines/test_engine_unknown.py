"""Unknown tokens (``<unk>``, ``⁇``) in model output: detected, source text kept, flagged for a human.

The ``unk`` fixture package (tests/fixtures/models/unk/) writes ``<unk>`` for ☃, ⛄ and ☂,
which its vocabulary lacks, and for "Hydra", which it knows but has no translation for.
argostranslate (``replace_unknowns``) puts the most-attended source token there instead,
which for this model is a wrong one ("我们非常喜欢ve。").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest_argos import FIXTURE_MODELS, ArgosEnv, argos_env, closed_port_url  # noqa: F401 (fixtures)

from bilingual.cli import app
from bilingual.engines.argos import ArgosEngine, ArgosOptions
from bilingual.engines.unknown import keep_source, marks_note, unknown_runs

UNK_PACKAGE = FIXTURE_MODELS / "unk" / "translate-en_zh-0_1.argosmodel"


def test_unknown_runs_are_maximal_and_in_order() -> None:
    vocab = frozenset({"▁a", "▁b", "▁"})
    assert unknown_runs(["▁a", "☃", "⛄", "▁b", "▁", "☂"], vocab) == [("☃", "⛄"), ("☂",)]


def test_each_unk_takes_its_own_run() -> None:
    kept = keep_source(["x", "<unk>", "y", "<unk>"], ["▁a", "☃", "▁b", "☂"], frozenset({"▁a", "▁b"}), "<unk>", "".join)
    assert kept is not None
    assert kept.tokens == ("x", "☃", "y", "☂")
    assert kept.spans == ("☃", "☂")


@pytest.mark.parametrize(
    "target, source",
    [
        (["<unk>", "<unk>"], ["☃"]),  # more unknowns written than the source has
        (["<unk>"], ["▁a"]),  # nothing unknown in the source: the model's own <unk>
        (["x"], ["☃"]),  # no <unk> written
    ],
)
def test_no_guess_when_unk_and_source_runs_do_not_pair_up(target: list[str], source: list[str]) -> None:
    assert keep_source(target, source, frozenset({"▁a"}), "<unk>", "".join) is None


def test_no_guess_without_a_vocabulary() -> None:
    assert keep_source(["<unk>"], ["☃"], None, "<unk>", "".join) is None


@pytest.mark.parametrize(
    "text, source, flagged",
    [("我们 \u2047 。", "We ☃.", True), ("a <unk> b", "a b", True), ("a <unk> b", "a <unk> b", False), ("论文", "Papers", False)],
)
def test_marks_in_the_text_are_flagged_unless_the_source_has_them(text: str, source: str, flagged: bool) -> None:
    assert (marks_note(text, source) is not None) == flagged


@pytest.fixture
def unk_engine(argos_env: ArgosEnv) -> ArgosEngine:
    from bilingual.packages import install_file

    install_file(UNK_PACKAGE)
    return ArgosEngine(ArgosOptions(beam_size=1))


@pytest.mark.parametrize(
    "source, ours, theirs",
    [
        ("We like ☃ very much.", "我们非常喜欢☃。", "我们非常喜欢ve。"),
        ("The ⛄ is small.", "⛄很小。", "ll很小。"),
        ("Bring ☂ tomorrow.", "明天带上☂。", "明天带上o。"),
    ],
)
def test_an_unknown_character_keeps_its_source_text_and_is_noted(unk_engine: ArgosEngine, source, ours, theirs) -> None:
    (output,) = unk_engine.run_package(unk_engine.load(unk_engine.route("en", "zh")[0]), [source])
    assert (output.text, output.argos) == (ours, theirs)
    assert unk_engine.translate([source], "en", "zh") == [ours]
    char = next(c for c in source if c in "☃⛄☂")
    assert unk_engine.notes(source, "en", "zh") == (
        f"the model wrote an unknown token for '{char}' (outside its vocabulary); the source text was kept",
    )


def test_an_unknown_the_source_cannot_explain_is_flagged_with_argos_replacement(unk_engine: ArgosEngine) -> None:
    source = "Hydra manages the configuration."
    assert unk_engine.translate([source], "en", "zh") == ["ion管理配置。"]
    (note,) = unk_engine.notes(source, "en", "zh")
    assert "could not tie to the source" in note and "'ion'" in note


def test_a_clean_translation_has_no_note(unk_engine: ArgosEngine) -> None:
    assert unk_engine.translate(["Papers"], "en", "zh") == ["论文"]
    assert unk_engine.notes("Papers", "en", "zh") == ()


def test_the_edition_keeps_the_source_text_and_the_report_asks_for_a_human(tmp_path: Path, monkeypatch, runner) -> None:
    packages = tmp_path / "packages"
    packages.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    assert runner.invoke(app, ["models", "install", str(UNK_PACKAGE)]).exit_code == 0
    doc = tmp_path / "doc"
    doc.mkdir()
    (doc / "en.md").write_text("# Papers\n\nWe like ☃ very much.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(doc), "--to", "zh", "--no-glossary", "--beam-size", "1"])
    assert result.exit_code == 0, result.output
    assert (doc / "zh.md").read_text(encoding="utf-8") == "# 论文\n\n我们非常喜欢☃。\n"
    report = (doc / "report.md").read_text(encoding="utf-8")
    needs = report.split("## Needs a human", 1)[1]
    assert "unknown-token: the model wrote an unknown token for '☃'" in needs
