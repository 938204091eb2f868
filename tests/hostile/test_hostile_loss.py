"""Issue 27, data loss: the reproductions of a hostile (or careless) user, each from a fresh copy of
``issues/`` and ``glossary/``, run through the real CLI. Nothing a person wrote may be lost."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.engines.pseudo import pseudo
from bilingual.memory.po import read_catalog
from conftest import ROOT
from test_check_consistency import GLOSSARY, _archive

PSEUDO = ["--engine", "pseudo"]
BIN = Path(sys.executable).parent / "bilingual"


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    """A fresh copy of the repository's ``issues/`` and ``glossary/``, and the working folder there."""
    shutil.copytree(ROOT / "issues", tmp_path / "issues")
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def approved(po: Path) -> dict[str, str]:
    return {e.msgctxt: e.msgstr for e in read_catalog(po).active if e.approved}


# -- 1. every file bilingual writes is opened without following links, and never a special file --------


def test_a_symlinked_lock_file_leaves_its_target_alone(work, runner):
    issue = work / "issues" / "024"
    before = (issue / "zh.po").read_bytes()
    (issue / ".bilingual.lock").symlink_to("zh.po")
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO])
    assert result.exit_code == 2, result.output
    assert (issue / "zh.po").read_bytes() == before
    assert ".bilingual.lock" in result.output and "symbolic link" in result.output
    assert (issue / ".bilingual.lock").is_symlink()  # not ours to remove: the message says to


def test_a_lock_file_linked_outside_the_repository_is_not_written_through(work, runner, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "precious.txt"
    outside.write_text("precious\n", encoding="utf-8")
    (work / "issues" / "024" / ".bilingual.lock").symlink_to(outside)
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO])
    assert result.exit_code == 2, result.output
    assert outside.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("name", ["zh.po", "zh.md", "aligned.md"])
def test_an_output_file_that_is_a_link_is_refused_and_its_target_kept(work, runner, tmp_path_factory, name):
    issue = work / "issues" / "024"
    (issue / "en.md").write_text((issue / "en.md").read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    outside = tmp_path_factory.mktemp("outside") / name
    shutil.copy(issue / name, outside)
    before = outside.read_bytes()
    (issue / name).unlink()
    (issue / name).symlink_to(outside)
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO])
    assert result.exit_code == 2, result.output
    assert f"{name}: is a symbolic link" in result.output
    assert outside.read_bytes() == before
    assert (issue / name).is_symlink()
    assert not list(issue.glob(".*.tmp")) and not (issue / ".bilingual.lock").exists()


def test_an_output_file_that_is_a_pipe_is_refused_without_hanging(work, runner):
    issue = work / "issues" / "024"
    (issue / "en.md").write_text((issue / "en.md").read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    (issue / "aligned.md").unlink()
    os.mkfifo(issue / "aligned.md")
    result = subprocess.run([str(BIN), "translate", "issues/024", *PSEUDO], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "aligned.md: is a pipe" in result.stderr
    assert not (issue / ".bilingual.lock").exists()


def test_a_full_disk_while_taking_the_lock_leaves_no_lock_file(work, runner, monkeypatch):
    def full(fd, data, offset):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "pwrite", full)
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO])
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output
    assert not (work / "issues" / "024" / ".bilingual.lock").exists()


# -- 6. glossary suggest never replaces a glossary -------------------------------------------------------


def test_glossary_suggest_refuses_to_replace_an_existing_glossary(work, runner):
    before = (work / "glossary" / "ml.yaml").read_bytes()
    result = runner.invoke(app, ["glossary", "suggest", "issues/024", "--lang", "zh", "--out", "glossary/ml.yaml"])
    assert result.exit_code == 2, result.output
    assert (work / "glossary" / "ml.yaml").read_bytes() == before
    assert "glossary/ml.yaml" in result.output and "--out" in result.output
    assert runner.invoke(app, ["glossary", "lint"]).exit_code == 0


def test_glossary_suggest_with_nothing_to_suggest_writes_no_empty_glossary(work, runner):
    result = runner.invoke(app, ["glossary", "suggest", "issues/024", "--lang", "zh", "--out", "glossary/suggested.yaml"])
    assert result.exit_code == 0, result.output
    assert "nothing written" in result.output
    assert not (work / "glossary" / "suggested.yaml").exists()
    assert runner.invoke(app, ["glossary", "lint"]).exit_code == 0


def test_glossary_suggest_may_write_a_new_file_and_then_refresh_it(tmp_path, runner):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    args = ["glossary", "suggest", str(_archive(tmp_path / "issues")), "--lang", "zh", "-g", str(glossary),
            "--out", str(tmp_path / "suggested.yaml")]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "terms:" in (tmp_path / "suggested.yaml").read_text(encoding="utf-8")
    again = runner.invoke(app, args)  # its own earlier output: replacing it loses nothing
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("flag", [(), ("--replace",)])
def test_glossary_suggest_replaces_a_glossary_only_when_told_to(tmp_path, runner, flag):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    result = runner.invoke(app, ["glossary", "suggest", str(_archive(tmp_path / "issues")), "--lang", "zh",
                                 "-g", str(glossary), "--out", str(glossary), *flag])
    assert result.exit_code == (0 if flag else 2), result.output
    assert (glossary.read_text(encoding="utf-8") == GLOSSARY) is not bool(flag)


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_glossary_export_refuses_to_write_over_a_yaml_glossary(work, runner, fmt):
    before = (work / "glossary" / "ml.yaml").read_bytes()
    result = runner.invoke(app, ["glossary", "export", "--format", fmt, "--lang", "zh", "--out", "glossary/ml.yaml"])
    assert result.exit_code == 2, result.output
    assert (work / "glossary" / "ml.yaml").read_bytes() == before


# -- 7. translate --out never writes the source issue's files --------------------------------------------


@pytest.mark.parametrize("out", ["issues", "./issues/", "issues/../issues"])
def test_translate_out_naming_the_issues_folder_is_refused(work, runner, out):
    issue = work / "issues" / "024"
    (issue / "en.md").write_text((issue / "en.md").read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in issue.iterdir() if p.is_file()}
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO, "--out", out])
    assert result.exit_code == 2, result.output
    assert "--out" in result.output
    assert {p.name: p.read_bytes() for p in issue.iterdir() if p.is_file()} == before


def test_translate_out_through_a_link_to_the_issues_folder_is_refused(work, runner):
    (work / "alias").symlink_to(work / "issues")
    before = (work / "issues" / "024" / "zh.po").read_bytes()
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO, "--out", "alias"])
    assert result.exit_code == 2, result.output
    assert (work / "issues" / "024" / "zh.po").read_bytes() == before


# -- 8. a PO file with two headers is refused, not rewritten into one msgfmt rejects ---------------------


def test_a_po_file_with_two_header_entries_is_refused_with_its_line(work, runner):
    po = work / "issues" / "024" / "zh.po"
    text = po.read_text(encoding="utf-8")
    end = text.index("\n\n")
    po.write_text(text[:end] + '\n\nmsgid ""\nmsgstr ""\n"Language: zh\\n"\n' + text[end:], encoding="utf-8")
    line = text[:end].count("\n") + 3
    before = po.read_bytes()
    (work / "issues" / "024" / "en.md").write_text(
        (work / "issues" / "024" / "en.md").read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO])
    assert result.exit_code == 2, result.output
    assert f"zh.po:{line}:" in result.output and "header" in result.output
    assert po.read_bytes() == before


def test_msgfmt_agrees_that_two_headers_are_an_error(work):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is not installed")
    po = work / "two-headers.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid ""\nmsgstr ""\n"Language: zh\\n"\n',
                  encoding="utf-8")
    assert subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True).returncode != 0


# -- 5. check --annotate takes the lock and writes only the version it checked --------------------------


def _break_one_entry(po: Path) -> None:
    """An approved entry renders 'paper' as a forbidden 报纸: check finds an error there."""
    text = po.read_text(encoding="utf-8")
    assert '"的新论文。"' in text
    po.write_text(text.replace('"的新论文。"', '"的新报纸。"', 1), encoding="utf-8")


def test_check_annotate_marks_the_entry_with_the_error_fuzzy(work, runner):
    po = work / "issues" / "024" / "zh.po"
    _break_one_entry(po)
    result = runner.invoke(app, ["check", "issues/024", "--annotate"])
    assert result.exit_code == 1, result.output
    fuzzy = [e for e in read_catalog(po).active if e.fuzzy]
    assert len(fuzzy) == 1 and "报纸" in fuzzy[0].msgstr


def test_check_annotate_writes_nothing_when_a_po_file_is_saved_during_the_check(work, runner, monkeypatch):
    import bilingual.checks.runner as checks

    po = work / "issues" / "024" / "zh.po"
    _break_one_entry(po)
    real = checks.check_paths

    def check_then_a_translator_saves(*args, **kwargs):
        result = real(*args, **kwargs)
        po.write_text("# a translator's note, saved in an editor while the check ran\n" * 7 + po.read_text(encoding="utf-8"),
                      encoding="utf-8")
        return result

    monkeypatch.setattr(checks, "check_paths", check_then_a_translator_saves)
    result = runner.invoke(app, ["check", "issues/024", "--annotate"])
    saved_later = po.read_bytes()
    assert result.exit_code == 3, result.output
    assert "zh.po changed during the check" in result.output
    assert not [e for e in read_catalog(po).active if e.fuzzy]  # no approved entry was marked fuzzy
    assert po.read_bytes() == saved_later
    assert not (work / "issues" / "024" / ".bilingual.lock").exists()


def test_check_annotate_waits_for_no_one_while_a_run_holds_the_folder(work, runner):
    from bilingual.folderlock import locked

    po = work / "issues" / "024" / "zh.po"
    _break_one_entry(po)
    before = po.read_bytes()
    with locked([po.parent]):
        result = runner.invoke(app, ["check", "issues/024", "--annotate"])
    assert result.exit_code == 3, result.output
    assert po.read_bytes() == before


# -- 4. skip-stamps keyed on everything that shapes the output -------------------------------------------


def _add_sentence(issue: Path, sentence: str) -> None:
    en = issue / "en.md"
    en.write_text(en.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_en_md_edited_during_a_run_is_translated_by_the_next_run(work, runner, monkeypatch):
    import bilingual.run.archive as archive

    issue = work / "issues" / "024"
    _add_sentence(issue, "One more sentence.")
    real = archive.prepare

    def prepare_while_the_source_is_edited(*args, **kwargs):
        _add_sentence(issue, "Yet another sentence.")  # saved in an editor after the run read en.md
        return real(*args, **kwargs)

    monkeypatch.setattr(archive, "prepare", prepare_while_the_source_is_edited)
    assert runner.invoke(app, ["translate", "issues/024", *PSEUDO]).exit_code == 0
    monkeypatch.setattr(archive, "prepare", real)
    again = runner.invoke(app, ["translate", "issues/024", *PSEUDO])
    assert again.exit_code == 0, again.output
    assert "unchanged, skipped" not in again.output
    assert "Yet another sentence." in (issue / "zh.po").read_text(encoding="utf-8")
    assert pseudo("Yet another sentence.") in (issue / "zh.md").read_text(encoding="utf-8")


def _protect_the_week_line(work: Path) -> None:
    (work / "bilingual.toml").write_text("[protect.patterns]\nweek = 'Week \\d+'\n", encoding="utf-8")


def _use_identity(work: Path) -> None:
    pass  # the change is the --engine flag of the second run


@pytest.mark.parametrize(("change", "engine"), [(_protect_the_week_line, "pseudo"), (_use_identity, "identity")],
                         ids=["bilingual.toml", "engine"])
def test_a_change_that_shapes_the_output_is_not_skipped(work, runner, change, engine):
    issue = work / "issues" / "024"
    _add_sentence(issue, "One more sentence.")
    assert runner.invoke(app, ["translate", "issues/024", *PSEUDO]).exit_code == 0
    assert "unchanged, skipped" in runner.invoke(app, ["translate", "issues/024", *PSEUDO]).output
    change(work)
    result = runner.invoke(app, ["translate", "issues/024", "--engine", engine])
    assert result.exit_code == 0, result.output
    assert "unchanged, skipped" not in result.output


# -- 2. a glossary change never erases a translator's unfinished (fuzzy) edit -----------------------------


def _machine_issue(work: Path, runner) -> Path:
    """issues/024 translated from scratch by the pseudo engine: every entry fuzzy machine output."""
    issue = work / "issues" / "024"
    for name in ("zh.po", "ja.po", "zh.md", "ja.md"):
        (issue / name).unlink()
    assert runner.invoke(app, ["translate", "issues/024", *PSEUDO, "--to", "zh"]).exit_code == 0
    return issue


def _retarget(work: Path, en: str, old: str, new: str) -> None:
    glossary = work / "glossary" / "ml.yaml"
    text = glossary.read_text(encoding="utf-8")
    entry = f"  - en: {en}\n    zh: {old}\n"
    assert entry in text
    glossary.write_text(text.replace(entry, f"  - en: {en}\n    zh: {new}\n"), encoding="utf-8")


def test_a_glossary_change_keeps_a_translators_fuzzy_edit(work, runner):
    issue = _machine_issue(work, runner)
    po = issue / "zh.po"
    [entry] = [e for e in read_catalog(po).active if e.msgid == "Akira's Machine Learning News — #24"]
    draft = "Akira 的机器学习新闻 — 第 24 期（译者草稿）"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace(f'msgstr "{entry.msgstr}"', f'msgstr "{draft}"'), encoding="utf-8")  # still fuzzy
    _retarget(work, "machine learning", "机器学习", "机器学习技术")
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO, "--to", "zh"])
    assert result.exit_code == 0, result.output
    [kept] = [e for e in read_catalog(po).active if e.msgid == entry.msgid]
    assert kept.msgstr == draft and kept.fuzzy
    assert draft in (issue / "zh.md").read_text(encoding="utf-8")


def test_a_glossary_change_still_retranslates_untouched_machine_entries(work, runner):
    issue = _machine_issue(work, runner)
    _retarget(work, "machine learning", "机器学习", "机器学习技术")
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO, "--to", "zh"])
    assert result.exit_code == 0, result.output
    [entry] = [e for e in read_catalog(issue / "zh.po").active if e.msgid == "Akira's Machine Learning News — #24"]
    assert "机器学习技术" in entry.msgstr


# -- 3. a hand edit that changes markup is kept and reported, never lost silently -------------------------


def test_a_hand_edit_that_changes_markup_is_kept_in_the_po_file_and_reported(work, runner):
    issue = work / "issues" / "024"
    zh = issue / "zh.md"
    text = zh.read_text(encoding="utf-8")
    old, new = "一篇文章探讨了攻击者正在如何利用 AI。", "另一段，带有[链接](https://example.com)**粗体**。"
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    zh.write_text(text.replace(old, new), encoding="utf-8")
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO])
    assert result.exit_code == 0, result.output
    assert f"zh.md:{line}:" in result.output and "markup" in result.output
    assert new in (issue / "zh.po").read_text(encoding="utf-8")


def _as_committed(work: Path, runner) -> Path:
    return work / "issues" / "024"


@pytest.mark.parametrize("state", [_as_committed, _machine_issue], ids=["approved", "machine"])
def test_a_hand_edit_whose_paragraph_en_md_then_deletes_is_kept_in_the_po_file_and_reported(work, runner, state):
    issue = state(work, runner)
    en, zh = issue / "en.md", issue / "zh.md"
    sentence = "An article looks at what attackers are doing with AI."
    before = {e.msgid: e.msgstr for e in read_catalog(issue / "zh.po").active}
    [entry] = [e for e in read_catalog(issue / "zh.po").active if e.msgid == sentence]
    text = zh.read_text(encoding="utf-8")
    assert text.count(entry.msgstr) == 1
    line = text[: text.index(entry.msgstr)].count("\n") + 1
    mine = "译者亲手改写：一篇文章分析了攻击者如何使用人工智能。"
    zh.write_text(text.replace(entry.msgstr, mine), encoding="utf-8")
    [paragraph] = [p for p in en.read_text(encoding="utf-8").splitlines(keepends=True) if sentence in p]
    en.write_text(en.read_text(encoding="utf-8").replace(paragraph, ""), encoding="utf-8")
    result = runner.invoke(app, ["translate", "issues/024", *PSEUDO, "--to", "zh"])
    assert result.exit_code == 0, result.output
    catalog = read_catalog(issue / "zh.po")
    [gone] = [e for e in catalog.obsolete if e.msgid == sentence]
    assert mine in gone.translator  # beside the entry of the sentence it translated
    assert f"zh.md:{line}:" in result.output and "en.md" in result.output
    moved = {e.msgid for e in catalog.active if e.msgid in before and e.msgstr != before[e.msgid]}
    assert not moved  # no other block's translation is imported as an edit of theirs
    again = runner.invoke(app, ["translate", "issues/024", *PSEUDO, "--to", "zh"])
    assert again.exit_code == 0, again.output
    assert mine in (issue / "zh.po").read_text(encoding="utf-8")  # obsolete entries keep their comments


def test_a_hand_edit_after_a_deleted_paragraph_is_kept_and_no_other_block_is_imported_in_its_place(work, runner):
    issue = work / "issues" / "099"
    issue.mkdir()
    en = issue / "en.md"
    en.write_text("# Weekly papers\n\nThis paper studies data. The second paper is short.\n\nA paragraph about models.\n",
                  encoding="utf-8")
    assert runner.invoke(app, ["translate", "issues/099", *PSEUDO, "--to", "zh"]).exit_code == 0
    before = {e.msgid: e.msgstr for e in read_catalog(issue / "zh.po").active}
    zh = issue / "zh.md"
    text = zh.read_text(encoding="utf-8")
    mine = "译者写的一段话"
    zh.write_text(text.replace(before["A paragraph about models."], mine), encoding="utf-8")
    en.write_text("# Weekly papers\n\nA paragraph about models.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", "issues/099", *PSEUDO, "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert mine in (issue / "zh.po").read_text(encoding="utf-8")
    assert "zh.md:5:" in result.output
    [models] = [e for e in read_catalog(issue / "zh.po").active if e.msgid == "A paragraph about models."]
    assert models.msgstr in (before["A paragraph about models."], mine)  # not the deleted paragraph's translation


def test_a_paragraph_a_person_adds_to_the_edition_is_kept_in_the_po_file_and_reported(work, runner):
    issue = work / "issues" / "099"
    issue.mkdir()
    (issue / "en.md").write_text("# Weekly papers\n\nThis paper studies data.\n\nA paragraph about models.\n", encoding="utf-8")
    assert runner.invoke(app, ["translate", "issues/099", *PSEUDO, "--to", "zh"]).exit_code == 0
    zh = issue / "zh.md"
    blocks = zh.read_text(encoding="utf-8").split("\n\n")
    mine = "译者补充的一段说明。"
    zh.write_text("\n\n".join(blocks).rstrip("\n") + f"\n\n{mine}\n", encoding="utf-8")  # after the last block
    result = runner.invoke(app, ["translate", "issues/099", *PSEUDO, "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert mine in (issue / "zh.po").read_text(encoding="utf-8")
    assert "zh.md:7:" in result.output


def test_ctrl_c_while_the_lock_is_being_taken_leaves_no_lock_file(tmp_path, monkeypatch):
    import fcntl
    import signal

    from bilingual.folderlock import LOCK_NAME, locked

    real = fcntl.flock

    def flock_then_ctrl_c(fd, operation):
        real(fd, operation)
        os.kill(os.getpid(), signal.SIGINT)  # the user presses Ctrl-C just after the lock is taken

    monkeypatch.setattr(fcntl, "flock", flock_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        with locked([tmp_path]):
            pass
    assert not (tmp_path / LOCK_NAME).exists()


def test_an_interrupt_raised_the_instant_the_lock_is_taken_leaves_no_lock_file(tmp_path, monkeypatch):
    """Holding signals back in the main thread does not hold them back in the process: with another
    thread alive (a progress bar's, a server's) the kernel may hand SIGINT to that one, and Python
    raises KeyboardInterrupt in the main thread wherever it is. The worst place is the instant
    ``flock`` returns; the lock file must go all the same, decided by the lock itself. (The test
    above failed in a full run of the suite and passed alone.)"""
    import fcntl

    from bilingual.folderlock import LOCK_NAME, locked

    real = fcntl.flock
    calls = []

    def flock_then_interrupt(fd, operation):
        real(fd, operation)
        if not calls:
            calls.append(fd)
            raise KeyboardInterrupt

    monkeypatch.setattr(fcntl, "flock", flock_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        with locked([tmp_path]):
            pass
    assert not (tmp_path / LOCK_NAME).exists()


def test_an_interrupt_another_thread_takes_is_held_back_too():
    """A signal the kernel hands to another thread (a progress bar's, a server's) is not blocked by
    the main thread's mask; Python then runs the handler in the main thread at once. Holding back
    must cover that too: the interrupt comes when the block ends, never inside it."""
    import signal
    import threading
    import time

    from bilingual.storage import signals_deferred

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    reached: list[bool] = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with signals_deferred():
                signal.pthread_kill(other.ident, signal.SIGINT)
                time.sleep(0.05)  # an interrupt that is not held back is raised here
                reached.append(True)
    finally:
        stop.set()
        other.join()
    assert reached == [True]


def test_an_interrupt_as_the_block_ends_leaves_no_lock_file(tmp_path, monkeypatch):
    """Ctrl-C that lands after the ``with`` block and before the locks' release holds signals back
    (found by a stress run: 3 lock files left in 300 runs); the release goes on, then it is raised."""
    import contextlib

    from bilingual import storage
    from bilingual.folderlock import LOCK_NAME, locked

    real = storage.signals_deferred
    calls: list[int] = []

    @contextlib.contextmanager
    def interrupted_once_on_release():
        calls.append(1)
        if len(calls) == 2:  # the first hold takes the lock, the second gives it back
            raise KeyboardInterrupt
        with real():
            yield

    monkeypatch.setattr(storage, "signals_deferred", interrupted_once_on_release)
    with pytest.raises(KeyboardInterrupt):
        with locked([tmp_path]):
            pass
    assert not (tmp_path / LOCK_NAME).exists()
