"""A changed sentence keeps its human wording, as msgmerge does, and undoing the change restores
the approval (issue 22, reproductions 3 and 4).

When the English of an entry with a human translation changes, the previous translation stays as
the fuzzy msgstr with ``#| msgid`` (the previous source) and the engine's translation of the new
source is kept beside it (``# machine suggestion:``); ``[memory] changed`` in bilingual.toml (or
``--changed``) says which one the edition shows. When the English comes back, the (id, source)
pair is approved again with the human text, whatever ran in between.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polib
import pytest

from bilingual.cli import app
from bilingual.glossary.load import load_glossary
from bilingual.layout import find_jobs
from bilingual.memory.po import read_catalog
from bilingual.run import RunOptions, translate_archive

HEAD = "Weekly papers"
FIRST = "This paper studies data quality."
SECOND = "The second paper is short."
SOURCE = f"# {HEAD}\n\n{FIRST} {SECOND}\n\nA paragraph about models.\n"
HUMAN = "第二篇论文很短。"
CHANGED = "The second paper is very short."
AGAIN = "The second paper is rather short."


class Engine:
    def __init__(self, name: str = "alpha", model: str = "m1") -> None:
        self.name, self.model = name, model
        self.calls: list[str] = []

    def signature(self, source: str, target: str) -> str:
        return f"{self.name}:{self.model}"

    def check_pair(self, source: str, target: str) -> None:
        return None

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.extend(texts)
        return [f"«{self.name}»{text}" for text in texts]


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    set_glossary(tmp_path, "论文")
    return folder


def set_glossary(root: Path, target: str) -> None:
    (root / "glossary.yaml").write_text(f"terms:\n  - en: paper\n    zh: {target}\n", encoding="utf-8")


def run(issue: Path, engine: Engine | None = None, changed: str = "previous", glossary: bool = True):
    terms = load_glossary([issue.parent.parent / "glossary.yaml"]) if glossary else None
    return translate_archive(find_jobs([issue]), RunOptions(engine or Engine(), ("zh",), terms, changed=changed))


def approve(po_path: Path, msgid: str, msgstr: str) -> None:
    """Poedit's way: the translation typed in, the fuzzy flag cleared (the comments stay)."""
    po = polib.pofile(str(po_path), wrapwidth=78)
    entry = next(e for e in po if e.msgid == msgid and not e.obsolete)
    entry.msgstr = msgstr
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save()


def set_source(issue: Path, second: str) -> None:
    (issue / "en.md").write_text(SOURCE.replace(SECOND, second), encoding="utf-8")


def active(issue: Path, msgid: str):
    catalog = read_catalog(issue / "zh.po")
    assert catalog is not None
    return next(e for e in catalog.active if e.msgid == msgid)


def suggestion(entry) -> str:
    lines = [line for line in entry.translator.split("\n") if line.startswith("machine suggestion: ")]
    assert len(lines) == 1, entry.translator
    return lines[0].removeprefix("machine suggestion: ")


# -- reproduction 4: msgmerge semantics ----------------------------------------------------------


@pytest.mark.parametrize("changed", ["previous", "machine"])
def test_a_changed_sentence_keeps_the_human_msgstr_fuzzy_with_the_machine_translation_beside_it(issue, changed):
    run(issue)
    approve(issue / "zh.po", SECOND, HUMAN)
    set_source(issue, CHANGED)
    engine = Engine()
    run(issue, engine, changed=changed)
    assert len(engine.calls) == 1 and engine.calls[0].endswith("is very short.")  # "paper" is masked
    entry = active(issue, CHANGED)
    assert entry.fuzzy and entry.msgstr == HUMAN  # the PO file is the same whatever the edition shows
    assert entry.previous_msgid == SECOND
    machine = suggestion(entry)
    assert machine.startswith("«alpha»The second 论文") and machine.endswith("very short.")
    edition = (issue / "zh.md").read_text(encoding="utf-8")
    shown, hidden = (HUMAN, machine) if changed == "previous" else (machine, HUMAN)
    assert shown in edition and hidden not in edition
    again = Engine()
    outcome = run(issue, again, changed=changed)  # the next run shows the same, and writes nothing
    assert again.calls == [] and outcome.written == ()
    assert (issue / "zh.md").read_text(encoding="utf-8") == edition


def test_a_changed_sentence_with_machine_output_gets_the_new_machine_output(issue):
    run(issue)
    set_source(issue, CHANGED)
    run(issue)
    entry = active(issue, CHANGED)
    assert entry.fuzzy and entry.msgstr.startswith("«alpha»") and entry.msgstr.endswith("very short.")
    assert entry.previous_msgid == SECOND and "machine suggestion" not in entry.translator


def test_the_suggestion_follows_an_engine_switch_and_the_human_msgstr_stays(issue):
    run(issue)
    approve(issue / "zh.po", SECOND, HUMAN)
    set_source(issue, CHANGED)
    run(issue, Engine("pseudo", "0.1.0"))
    engine = Engine("argos", "translate-en_zh-1.9")
    run(issue, engine, changed="machine")
    assert any(call.endswith("is very short.") for call in engine.calls)
    entry = active(issue, CHANGED)
    assert entry.msgstr == HUMAN and entry.previous_msgid == SECOND
    assert suggestion(entry).startswith("«argos»")
    assert "«pseudo»" not in entry.translator and "«pseudo»" not in (issue / "zh.md").read_text(encoding="utf-8")


def test_changed_setting_in_bilingual_toml_and_on_the_command_line(runner, issue, monkeypatch):
    root = issue.parent.parent
    monkeypatch.chdir(root)
    common = ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--glossary", "glossary.yaml"]
    assert runner.invoke(app, common).exit_code == 0
    approve(issue / "zh.po", SECOND, HUMAN)
    set_source(issue, CHANGED)
    (root / "bilingual.toml").write_text('[memory]\nchanged = "machine"\n', encoding="utf-8")
    result = runner.invoke(app, common)
    assert result.exit_code == 0, result.output
    assert HUMAN not in (issue / "zh.md").read_text(encoding="utf-8")
    result = runner.invoke(app, [*common, "--changed", "previous"])  # the flag wins over the file
    assert result.exit_code == 0, result.output
    assert HUMAN in (issue / "zh.md").read_text(encoding="utf-8")
    (root / "bilingual.toml").write_text('[memory]\nchanged = "both"\n', encoding="utf-8")
    result = runner.invoke(app, common)
    assert result.exit_code == 2 and "bilingual.toml:2:" in result.output and "previous or machine" in result.output


# -- reproduction 3: undo restores approval -------------------------------------------------------


def _one_run(issue: Path) -> None:
    set_source(issue, CHANGED)
    run(issue)


def _two_runs(issue: Path) -> None:
    set_source(issue, CHANGED)
    run(issue)
    run(issue)


def _glossary_change(issue: Path) -> None:
    set_source(issue, CHANGED)
    run(issue)
    set_glossary(issue.parent.parent, "文章")
    run(issue)


def _two_changes(issue: Path) -> None:
    set_source(issue, CHANGED)
    run(issue)
    set_source(issue, AGAIN)
    run(issue)


def _engine_switch(issue: Path) -> None:
    set_source(issue, CHANGED)
    run(issue)
    run(issue, Engine("beta", "m2"))


def _deleted(issue: Path) -> None:
    (issue / "en.md").write_text(SOURCE.replace(f" {SECOND}", ""), encoding="utf-8")
    run(issue)
    set_source(issue, CHANGED)
    run(issue)


def _approved_in_between(issue: Path) -> None:
    set_source(issue, CHANGED)
    run(issue)
    approve(issue / "zh.po", CHANGED, "第二篇论文非常短。")
    run(issue)


@pytest.mark.parametrize("between", [_one_run, _two_runs, _glossary_change, _two_changes, _engine_switch, _deleted,
                                     _approved_in_between], ids=lambda f: f.__name__.strip("_"))
def test_undoing_a_change_restores_the_approval(issue, between):
    run(issue)
    approve(issue / "zh.po", SECOND, HUMAN)
    approve(issue / "zh.po", FIRST, "这篇论文研究数据质量。")
    between(issue)
    (issue / "en.md").write_text(SOURCE, encoding="utf-8")
    engine = Engine()
    run(issue, engine)
    assert not any("second" in call for call in engine.calls)
    entry = active(issue, SECOND)
    assert entry.approved and entry.msgstr == HUMAN
    assert HUMAN in (issue / "zh.md").read_text(encoding="utf-8")


def test_a_person_editing_the_kept_text_makes_it_theirs_for_the_new_sentence(issue):
    """The kept msgstr, once edited (still fuzzy), is the person's text for the new source: the edition
    shows it whatever ``changed`` says, and no engine or glossary change replaces it."""
    run(issue)
    approve(issue / "zh.po", SECOND, HUMAN)
    set_source(issue, CHANGED)
    run(issue, changed="machine")
    po = polib.pofile(str(issue / "zh.po"), wrapwidth=78)
    entry = next(e for e in po if e.msgid == CHANGED and not e.obsolete)
    entry.msgstr = "第二篇论文非常短。"  # one word changed, not yet approved
    po.save()
    run(issue, Engine("beta", "m2"), changed="machine")
    assert active(issue, CHANGED).msgstr == "第二篇论文非常短。"
    assert "第二篇论文非常短。" in (issue / "zh.md").read_text(encoding="utf-8")


def test_an_edition_showing_the_suggestion_is_no_hand_edit_of_it(issue):
    """With ``changed = "machine"`` the edition shows the suggestion, not the msgstr: a hand edit elsewhere
    in zh.md, in a run that renews the suggestion (another engine), must not import it as the person's."""
    run(issue)
    approve(issue / "zh.po", SECOND, HUMAN)
    set_source(issue, CHANGED)
    run(issue, changed="machine")
    edition = issue / "zh.md"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace("«alpha»A paragraph about models.", "关于模型的一段。"), encoding="utf-8")
    run(issue, Engine("beta", "m2"), changed="machine")
    entry = active(issue, CHANGED)
    assert entry.msgstr == HUMAN and "edited in" not in entry.translator
    assert suggestion(entry).startswith("«beta»")
    assert "关于模型的一段。" in active(issue, "A paragraph about models.").msgstr
