"""Machine entries carry their engine (issue 22): a run with another engine or model translates again
exactly the machine entries another one made; ``--retranslate`` forces it; approved entries never move.

Reproduction 2 of the issue: translate with ``--engine pseudo`` (to look at it), then with the real
``--engine argos``: before, nothing was translated again and the pseudo text would have shipped.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import polib
import pytest

from bilingual.cli import app
from bilingual.layout import find_jobs
from bilingual.memory.po import read_catalog
from bilingual.run import RunOptions, translate_archive
from conftest import FIXTURES
from conftest_argos import closed_port_url

ARGOS = FIXTURES / "argos"
MODELS = FIXTURES / "models"

HEAD = "Notes"
S1, S2, S3, S4 = ("The first sentence is here.", "The second one follows it.", "A third sentence is shared.",
                  "The fourth sentence ends it.")
SOURCE = f"# {HEAD}\n\n{S1}\n\n{S2}\n\n{S3}\n\n{S4}\n"


class Engine:
    """A deterministic engine whose signature names an engine and a model, and that records its calls."""

    def __init__(self, name: str = "alpha", model: str = "m1") -> None:
        self.name, self.model = name, model
        self.calls: list[str] = []

    def signature(self, source: str, target: str) -> str:
        return f"{self.name}:{self.model}" if self.model else self.name

    def check_pair(self, source: str, target: str) -> None:
        return None

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.extend(texts)
        return [f"<{self.name}/{self.model}>{text}" for text in texts]


def run(folder: Path, engine: Engine, retranslate: str | None = None):
    return translate_archive(find_jobs([folder]), RunOptions(engine, ("zh",), retranslate=retranslate))


def set_entry(po_path: Path, msgid: str, msgstr: str | None = None, approve: bool = False) -> None:
    """What a translator does in Poedit: write a translation, and clear the fuzzy flag to approve it."""
    po = polib.pofile(str(po_path), wrapwidth=78)
    entry = next(e for e in po if e.msgid == msgid and not e.obsolete)
    if msgstr is not None:
        entry.msgstr = msgstr
    if approve:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save()


def msgstrs(po_path: Path) -> dict[str, str]:
    catalog = read_catalog(po_path)
    assert catalog is not None
    return {e.msgid: e.msgstr for e in catalog.active}


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    return folder


# -- reproduction 2, with the real Argos engine --------------------------------------------------


@pytest.fixture
def packages(tmp_path, monkeypatch, runner) -> Path:
    folder = tmp_path / "packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_port_url())
    result = runner.invoke(app, ["models", "install", str(MODELS / "translate-en_zh-0_1.argosmodel")])
    assert result.exit_code == 0, result.output
    return folder


def test_pseudo_then_argos_translates_every_pseudo_sentence_again(packages, runner, tmp_path, monkeypatch):
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")  # the issue's report: even with stamps off
    work = tmp_path / "doc"
    work.mkdir()
    shutil.copy(ARGOS / "memorised.md", work / "memorised.md")
    common = ["translate", str(work / "memorised.md"), "--to", "zh", "--glossary", str(ARGOS / "glossary.yaml")]
    first = runner.invoke(app, [*common, "--engine", "pseudo"])
    assert first.exit_code == 0, first.output
    assert "⟦" in (work / "memorised.zh.md").read_text(encoding="utf-8")
    second = runner.invoke(app, [*common, "--engine", "argos", "--beam-size", "1"])
    assert second.exit_code == 0, second.output
    assert re.search(r"0 from memory, 0 from other issues, \d+ sentence\(s\) sent to argos", second.output), second.output
    assert (work / "memorised.zh.md").read_text(encoding="utf-8") == (ARGOS / "memorised.expect.zh.md").read_text(encoding="utf-8")
    po_text = (work / "memorised.zh.po").read_text(encoding="utf-8")
    assert "⟦" not in po_text and "machine: pseudo" not in po_text
    assert "# machine: argos:translate-en_zh-0.1" in po_text
    third = runner.invoke(app, [*common, "--engine", "argos", "--beam-size", "1"])
    assert third.exit_code == 0 and "0 sentence(s) sent to argos" in third.output, third.output


# -- which machine entries a switch sends back ----------------------------------------------------


@pytest.mark.parametrize(("first", "second", "again"), [
    (("alpha", "m1"), ("alpha", "m1"), False),  # the same engine and model: reused
    (("alpha", "m1"), ("alpha", "m2"), True),  # another model (package or version) of the same engine
    (("alpha", "m1"), ("beta", "m1"), True),  # another engine
    (("pseudo", "0.1.0"), ("identity", "0.1.0"), True),
    (("identity", "0.1.0"), ("argos", "translate-en_zh-1.9"), True),
], ids=["same", "other-model", "other-engine", "pseudo-identity", "identity-argos"])
def test_a_switch_translates_again_exactly_the_machine_entries_of_another_engine(issue, first, second, again):
    run(issue, Engine(*first))
    set_entry(issue / "zh.po", S1, "人工译文一。", approve=True)
    run(issue, Engine(*first))  # the file as bilingual writes it (polib wraps it otherwise)
    before = (issue / "zh.po").read_text(encoding="utf-8")
    engine = Engine(*second)
    run(issue, engine)
    assert sorted(engine.calls) == (sorted([HEAD, S2, S3, S4]) if again else [])
    texts = msgstrs(issue / "zh.po")
    assert texts[S1] == "人工译文一。"
    expected = second if again else first
    assert texts[S2] == f"<{expected[0]}/{expected[1]}>{S2}"
    if not again:
        assert (issue / "zh.po").read_text(encoding="utf-8") == before
    catalog = read_catalog(issue / "zh.po")
    approved = next(e for e in catalog.active if e.msgid == S1)
    assert approved.approved
    machine = next(e for e in catalog.active if e.msgid == S2)
    assert f"machine: {expected[0]}:{expected[1]}" in machine.translator.split("\n")


def test_a_machine_entry_a_person_edited_is_not_translated_again_by_another_engine(issue):
    run(issue, Engine("pseudo", "0.1.0"))
    set_entry(issue / "zh.po", S2, "译者的草稿。")  # still fuzzy: a person's unapproved text
    engine = Engine("argos", "translate-en_zh-1.9")
    run(issue, engine)
    assert sorted(engine.calls) == sorted([HEAD, S1, S3, S4])
    assert msgstrs(issue / "zh.po")[S2] == "译者的草稿。"


def test_an_engine_without_a_model_still_never_reuses_another_engines_output(issue):
    """A run whose engine cannot name its model (argos with no package for zh) keeps its own entries
    (it cannot tell their model) but not pseudo's: those need the engine, so the run stops."""
    from bilingual.errors import ModelError

    class NoModel(Engine):
        def signature(self, source, target):
            raise ModelError("no package for en→zh")

        def check_pair(self, source, target):
            raise ModelError("no package for en→zh")

    run(issue, Engine("argos", "translate-en_zh-1.9"))
    run(issue, NoModel("argos", ""))  # its own entries: reused, nothing to translate
    run(issue, Engine("pseudo", "0.1.0"))
    before = (issue / "zh.po").read_text(encoding="utf-8")
    with pytest.raises(ModelError, match="need an engine"):
        run(issue, NoModel("argos", ""))
    assert (issue / "zh.po").read_text(encoding="utf-8") == before


# -- PO files whose machine entries name no engine ---------------------------------------------------


@pytest.mark.parametrize(("record", "engine", "again"), [
    ("", ("argos", "translate-en_zh-1.9"), False),  # no engine named: kept by any engine
    ("", ("pseudo", "0.1.0"), False),
    ("argos", ("argos", "translate-en_zh-1.9"), False),  # an engine without its model: same engine, kept
    ("argos", ("pseudo", "0.1.0"), True),  # another engine: translated again
], ids=["none-argos", "none-pseudo", "name-only-same", "name-only-other"])
def test_machine_entries_that_name_no_engine_or_model(issue, record, engine, again):
    run(issue, Engine("alpha", "m1"))
    po_path = issue / "zh.po"
    po_path.write_text(re.sub(r"(?m)^# machine: alpha:m1$", f"# machine: {record}".rstrip(), po_path.read_text(encoding="utf-8")),
                       encoding="utf-8")
    chosen = Engine(*engine)
    run(issue, chosen)
    assert sorted(chosen.calls) == (sorted([HEAD, S1, S2, S3, S4]) if again else [])
    forced = Engine(*engine)
    run(issue, forced, retranslate="machine")  # asked for: translated again whatever they name
    assert sorted(forced.calls) == sorted([HEAD, S1, S2, S3, S4])


# -- --retranslate machine|fuzzy|all-unapproved -------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Issue 024 with one entry of each kind: S1 approved, S2 machine, S3 a suggestion from issue 023's
    approved translation, S4 a person's unapproved draft."""
    other = tmp_path / "issues" / "023"
    other.mkdir(parents=True)
    (other / "en.md").write_text(f"# Before\n\n{S3}\n", encoding="utf-8")
    run(other, Engine())
    set_entry(other / "zh.po", S3, "第三句的人工译文。", approve=True)
    issue = tmp_path / "issues" / "024"
    issue.mkdir()
    (issue / "en.md").write_text(SOURCE, encoding="utf-8")
    run(issue, Engine())
    set_entry(issue / "zh.po", S1, "人工译文一。", approve=True)
    set_entry(issue / "zh.po", S4, "译者的草稿四。")
    assert msgstrs(issue / "zh.po")[S3] == "第三句的人工译文。"
    return issue


@pytest.mark.parametrize(("value", "expected"), [
    ("machine", [HEAD, S2]),
    ("fuzzy", [HEAD, S2, S3]),
    ("all-unapproved", [HEAD, S2, S3, S4]),
])
def test_retranslate_sends_back_its_kind_of_entry_and_never_an_approved_one(mixed, value, expected):
    engine = Engine()  # the same engine and model: only the flag sends anything back
    run(mixed, engine, retranslate=value)
    assert sorted(engine.calls) == sorted(expected)
    catalog = read_catalog(mixed / "zh.po")
    first = next(e for e in catalog.active if e.msgid == S1)
    assert first.approved and first.msgstr == "人工译文一。"
    draft = next(e for e in catalog.active if e.msgid == S4)
    if value == "all-unapproved":  # the person's draft gives way to the engine, and stays in the entry as a comment
        assert draft.msgstr == f"<alpha/m1>{S4}" and "earlier translation: 译者的草稿四。" in draft.translator
    else:
        assert draft.msgstr == "译者的草稿四。"
    again = Engine()
    run(mixed, again)
    assert again.calls == []  # the next plain run reuses what the forced one wrote


@pytest.mark.parametrize("value", ["machine", "fuzzy", "all-unapproved"])
def test_retranslate_flag_on_the_command_line(runner, issue, monkeypatch, value):
    monkeypatch.chdir(issue.parent.parent)
    assert runner.invoke(app, ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--no-glossary"]).exit_code == 0
    set_entry(issue / "zh.po", S1, "人工译文一。", approve=True)
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--no-glossary", "--retranslate", value])
    assert result.exit_code == 0, result.output
    assert "1 approved, 0 from memory, 0 from other issues, 4 sentence(s) sent to pseudo" in result.output
    assert msgstrs(issue / "zh.po")[S1] == "人工译文一。"


def test_retranslate_refuses_an_unknown_value(runner, issue):
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--retranslate", "everything"])
    assert result.exit_code == 2
    assert "machine, fuzzy or all-unapproved" in result.output
    assert not (issue / "zh.po").exists()
