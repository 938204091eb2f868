"""A run writes each document's files while the engine translates the next documents (#26: a whole
process's cost over the engine's). The engine used to translate every sentence of a batch first, and
the PO files, editions and views of every document came after it, with part of a core idle while the
engine worked.

Deterministic: the engine waits, with a deadline only as a guard, for the first document's files to be
staged before it translates the second document's sentences; nothing measures time.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import bilingual
from bilingual.engines.pseudo import PseudoEngine
from bilingual.errors import ModelError
from bilingual.run.pipeline import GROUP_TEXTS, translate, translate_parts
from bilingual.values import Document

DOCS = 3
STAGED = ("zh.po", "zh.md", "report.md")


def issue_text(n: int, sentences: int = GROUP_TEXTS) -> str:
    """An issue with ``sentences`` distinct sentences of its own and one it shares with every issue."""
    body = " ".join(f"Issue {n} says thing number {k} about models." for k in range(sentences))
    return f"# Issue {n}\n\n{body}\n\nA sentence every issue shares.\n"


def write_issues(root: Path, count: int = DOCS, sentences: int = GROUP_TEXTS) -> list[Path]:
    folders = []
    for n in range(1, count + 1):
        folder = root / f"{n:03d}"
        folder.mkdir(parents=True)
        (folder / "en.md").write_text(issue_text(n, sentences), encoding="utf-8")
        folders.append(folder)
    return folders


def staged(folder: Path, name: str) -> bool:
    """A staged temporary of ``name`` (or the file itself) is in ``folder``."""
    return any(p.name == name or p.name.startswith(f".{name}.") for p in folder.iterdir())


class Watching(PseudoEngine):
    """Before it translates the last issue's sentences, waits for the first issue's files to be staged."""

    def __init__(self, first: Path) -> None:
        super().__init__()
        self.first = first
        self.seen: list[bool] = []

    def translate(self, texts, source, target):
        if any(t.startswith(f"Issue {DOCS} ") for t in texts):
            deadline = time.monotonic() + 30  # a guard against a hang; the files come at once
            while not all(staged(self.first, n) for n in STAGED) and time.monotonic() < deadline:
                time.sleep(0.01)
            self.seen.append(all(staged(self.first, n) for n in STAGED))
        return super().translate(texts, source, target)


def test_the_first_documents_files_are_staged_while_the_engine_translates_the_last(tmp_path):
    folders = write_issues(tmp_path / "issues")
    engine = Watching(folders[0])
    summary = bilingual.translate(folders, bilingual.RunOptions(engine, ("zh",)))
    assert engine.seen and all(engine.seen)  # every call with the last issue's sentences waited for the first's files
    assert summary.engine_calls == DOCS * (GROUP_TEXTS + 1) + 1  # each issue's sentences and title, the shared one once
    assert all((f / "zh.po").is_file() and (f / "report.md").is_file() for f in folders)


class Counting(PseudoEngine):
    """Records the texts it is asked for, and the threads it is asked on."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.threads: set[str] = set()

    def translate(self, texts, source, target):
        self.texts += texts
        self.threads.add(threading.current_thread().name)
        return super().translate(texts, source, target)


def test_a_run_of_one_small_group_translates_on_the_callers_thread(tmp_path):
    """Documents too short to be worth a group each go to the engine together, from the caller's thread."""
    folders = write_issues(tmp_path / "issues", count=3, sentences=2)
    engine = Counting()
    bilingual.translate(folders, bilingual.RunOptions(engine, ("zh",)))
    assert engine.threads == {threading.current_thread().name}


def documents(count: int, sentences: int) -> list[Document]:
    from bilingual.document.markdown import parse

    return [parse(issue_text(n, sentences), f"{n:03d}/en.md") for n in range(1, count + 1)]


@pytest.mark.parametrize(("count", "sentences"), [(1, 40), (3, 2), (4, GROUP_TEXTS), (5, GROUP_TEXTS + 7)])
def test_the_parts_in_order_are_the_whole_run(count, sentences):
    docs = documents(count, sentences)
    whole = translate(docs, ["zh", "ja"], PseudoEngine())
    parts = list(translate_parts(docs, ["zh", "ja"], PseudoEngine()))
    assert len(parts) <= 2
    assert [e.document.path for p in parts for e in p.editions if e.lang == "zh"] == [d.path for d in docs]
    assert sorted((e.document.path, e.lang, e.markdown) for p in parts for e in p.editions) == sorted(
        (e.document.path, e.lang, e.markdown) for e in whole.editions)
    assert sum(p.engine_calls for p in parts) == whole.engine_calls




def test_a_sentence_shared_by_documents_of_different_groups_is_translated_once():
    engine = Counting()
    run = translate(documents(3, GROUP_TEXTS), ["zh"], engine)
    assert engine.texts.count("A sentence every issue shares.") == 1
    shared = {e.translations[s.id].text for e in run.editions for s in e.segments if s.text == "A sentence every issue shares."}
    assert len(shared) == 1


class Failing(PseudoEngine):
    def translate(self, texts, source, target):
        if any(t.startswith(f"Issue {DOCS} ") for t in texts):
            raise ModelError(f"the model failed on issue {DOCS}")
        return super().translate(texts, source, target)


def test_an_engine_error_in_a_later_group_writes_nothing_and_leaves_no_temporary(tmp_path):
    folders = write_issues(tmp_path / "issues")
    with pytest.raises(ModelError, match=f"issue {DOCS}"):
        bilingual.translate(folders, bilingual.RunOptions(Failing(), ("zh",)))
    assert sorted(p.name for f in folders for p in f.iterdir()) == ["en.md"] * DOCS


@pytest.mark.parametrize("count", [1, 3])
def test_a_part_handed_to_the_caller_is_held_by_the_caller_alone(count):
    """While the caller writes a part's files, the translation holds none of its editions (their Markdown is let
    go once staged): a 2 MB issue's run peaked 24 MB higher while the generator kept them."""
    import weakref

    parts = translate_parts(documents(count, GROUP_TEXTS), ["zh", "ja"], PseudoEngine())
    run = next(parts)
    held = [weakref.ref(e) for e in run.editions]
    del run
    assert [ref() for ref in held] == [None] * len(held)
    parts.close()


def test_the_views_of_a_staged_run_are_made_without_the_editions_markdown(tmp_path, monkeypatch):
    """Each edition is staged before the views are made, which read it back from there: the run's own copy of
    its Markdown is gone by then (nothing in the run holds the part it was given)."""
    import weakref

    from bilingual.run import outcome

    folders = write_issues(tmp_path / "issues")
    held: list[weakref.ref] = []
    seen: list[list[bool]] = []
    finish, view_writes = outcome.finish, outcome._view_writes

    def finishing(prepared, run, *args, **kwargs):
        held.extend(weakref.ref(e) for e in run.editions)
        return finish(prepared, run, *args, **kwargs)

    def viewing(prepared, run, *args, **kwargs):
        seen.append([ref() is None for ref in held])
        held.clear()
        return view_writes(prepared, run, *args, **kwargs)

    monkeypatch.setattr(outcome, "finish", finishing)
    monkeypatch.setattr(outcome, "_view_writes", viewing)
    bilingual.translate(folders, bilingual.RunOptions(PseudoEngine(), ("zh", "ja")))
    assert seen and all(all(part) for part in seen), seen
