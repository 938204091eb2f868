"""Re-runs respect human work and send only new or changed sentences to the engine."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.cli import app
from bilingual.errors import ModelError
from bilingual.glossary.schema import Glossary, Term
from bilingual.memory.po import Catalog, read_catalog, render
from bilingual.run import RunOptions, Summary, translate_archive
from bilingual.layout import find_jobs

FIRST = "An article reports that the AI tools built for COVID-19 were of little practical use."
SECOND = "Leakage and poor data quality seem to be the main culprits."
SOURCE = f"""# Weekly news

{FIRST} {SECOND}

Synthetic data is now used for [crowd counting](https://example.com/a). It may become popular.

A last paragraph with *emphasis* and `code`.
"""


class CountingEngine:
    """A deterministic engine that records every text it is asked for."""

    name = "counting"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def signature(self, source: str, target: str) -> str:
        return "counting:1"

    def check_pair(self, source: str, target: str) -> None:
        return None

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.extend(texts)
        return [f"<{target}>{text}" for text in texts]


class MissingModelEngine(CountingEngine):
    name = "missing"

    def check_pair(self, source: str, target: str) -> None:
        raise ModelError(f"no model for {source}→{target}")


def run(folder: Path, engine: CountingEngine | None = None, langs: Sequence[str] = ("zh",),
        glossary: Glossary | None = None, memory: Sequence[Path] = ()) -> Summary:
    """One real run (locks, batches, all-or-nothing writes), as ``bilingual translate`` makes it."""
    options = RunOptions(engine or CountingEngine(), tuple(langs), glossary, memory=tuple(memory))
    return translate_archive(find_jobs([folder]), options)


def approve(po_path: Path, msgid: str, msgstr: str) -> None:
    """What a translator does in Poedit: write a translation and clear the fuzzy flag."""
    import polib

    po = polib.pofile(str(po_path), wrapwidth=78)
    entry = next(e for e in po if e.msgid == msgid)
    entry.msgstr = msgstr
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    entry.previous_msgid = entry.previous_msgctxt = None
    po.save()


def entry_block(po_text: str, msgid_start: str) -> str:
    """The lines of the entry whose msgid begins with ``msgid_start``, comments included."""
    for block in po_text.split("\n\n"):
        if f'msgid "{msgid_start}' in block or f'msgid ""\n"{msgid_start}' in block:
            return block
    raise AssertionError(f"no entry for {msgid_start!r}")



@pytest.fixture
def issue(tmp_path: Path) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    return folder


def test_first_run_sends_every_sentence_once_and_marks_it_fuzzy(issue):
    engine = CountingEngine()
    run(issue, engine)
    catalog = read_catalog(issue / "zh.po")
    assert catalog is not None and len(catalog.active) == len(set(engine.calls)) == 6
    assert all(e.fuzzy and e.translator.split("\n")[0] == "machine: counting:1" for e in catalog.active)
    assert all(e.references[0][0] == "en.md" for e in catalog.active)
    assert "engine:counting:1" in catalog.meta["X-Bilingual-Signature"]


def test_unchanged_document_is_skipped_without_being_parsed(issue, monkeypatch):
    run(issue, langs=("zh", "ja"))
    monkeypatch.setattr("bilingual.document.markdown.parse", lambda *a: (_ for _ in ()).throw(AssertionError("parsed")))
    outcome = run(issue, langs=("zh", "ja"))
    assert outcome.skipped == 1 and outcome.written == ()


def _touch_po(issue: Path) -> None:
    approve(issue / "zh.po", SECOND, "人工译文。")


def _touch_source(issue: Path) -> None:
    (issue / "en.md").write_text(SOURCE + "\nOne more sentence.\n", encoding="utf-8")


def _delete_edition(issue: Path) -> None:
    (issue / "zh.md").unlink()


def _edit_edition(issue: Path) -> None:
    (issue / "zh.md").write_text("hand-edited\n", encoding="utf-8")


@pytest.mark.parametrize("change", [_touch_po, _touch_source, _delete_edition, _edit_edition])
def test_any_change_to_a_document_means_a_full_run(issue, change):
    run(issue)
    change(issue)
    outcome = run(issue)
    assert outcome.skipped == 0
    if change is _edit_edition:  # an edition that cannot be imported is kept, and reported on every run
        assert run(issue).skipped == 0 and (issue / "zh.md").read_text(encoding="utf-8") == "hand-edited\n"
        return
    assert run(issue).skipped == 1  # and the run after that is a no-op again


def test_other_languages_or_glossary_or_no_cache_mean_a_full_run(issue, monkeypatch):
    run(issue)
    assert run(issue, langs=("zh", "ja")).skipped == 0
    assert run(issue, glossary=Glossary((Term("paper", {"zh": ("论文",)}),))).skipped == 0
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    assert run(issue).skipped == 0


def test_document_with_untranslated_entries_is_never_skipped(issue):
    class Empty(CountingEngine):
        def translate(self, texts, source, target):
            return ["" for _ in texts]

    run(issue, Empty())
    untranslated = [e.msgid for e in read_catalog(issue / "zh.po").active if not e.msgstr]
    engine = CountingEngine()
    outcome = run(issue, engine)
    assert outcome.skipped == 0 and untranslated and sorted(engine.calls) == sorted(untranslated)


def test_approved_entry_is_kept_byte_for_byte_and_used_in_the_edition(issue):
    run(issue)
    approve(issue / "zh.po", FIRST, "有文章报道称，为 COVID-19 开发的 AI 工具几乎没有实际用处。")
    before = entry_block((issue / "zh.po").read_text(encoding="utf-8"), "An article")
    engine = CountingEngine()
    outcome = run(issue, engine)
    assert engine.calls == []
    assert entry_block((issue / "zh.po").read_text(encoding="utf-8"), "An article") == before
    assert "有文章报道称，为 COVID-19 开发的 AI 工具几乎没有实际用处。" in (issue / "zh.md").read_text(encoding="utf-8")
    assert outcome.total("approved") == 1 and outcome.total("memory") == 5


def test_engine_is_asked_only_for_segments_without_an_entry(issue):
    run(issue)
    po_path = issue / "zh.po"
    catalog = read_catalog(po_path)
    dropped = [e for e in catalog.active if e.msgid in (SECOND, "It may become popular.")]
    po_path.write_text(render(Catalog(catalog.metadata, tuple(e for e in catalog.entries if e not in dropped), catalog.header)), encoding="utf-8")
    engine = CountingEngine()
    run(issue, engine)
    assert sorted(engine.calls) == sorted(e.msgid for e in dropped)


def test_changed_sentence_keeps_its_approved_text_fuzzy_with_previous_msgid_and_the_engine_beside_it(issue):
    run(issue)
    approve(issue / "zh.po", SECOND, "数据泄露和数据质量差似乎是罪魁祸首。")
    approve(issue / "zh.po", FIRST, "人工译文一。")
    changed = "Data leakage and poor data quality appear to be the main culprits."
    (issue / "en.md").write_text(SOURCE.replace(SECOND, changed), encoding="utf-8")
    engine = CountingEngine()
    run(issue, engine)
    assert engine.calls == [changed]
    catalog = read_catalog(issue / "zh.po")
    new = next(e for e in catalog.active if e.msgid == changed)
    assert new.fuzzy and new.msgstr == "数据泄露和数据质量差似乎是罪魁祸首。"  # msgmerge's way (issue 22)
    assert f"machine suggestion: <zh>{changed}" in new.translator.split("\n")
    assert new.previous_msgid == SECOND and new.previous_msgctxt is not None
    assert "previous approved translation: 数据泄露和数据质量差似乎是罪魁祸首。" in new.translator
    kept = next(e for e in catalog.active if e.msgid == FIRST)
    assert kept.approved and kept.msgstr == "人工译文一。"  # its neighbour changed, so its id did too
    assert [(e.msgid, e.msgstr) for e in catalog.obsolete] == [(SECOND, "数据泄露和数据质量差似乎是罪魁祸首。")]  # for an undo


def test_changing_one_paragraph_sends_only_its_changed_sentences(issue):
    run(issue)
    new_text = SOURCE.replace("Synthetic data is now used for", "Synthetic images are now used for").replace(
        "It may become popular.", "They may well become more popular."
    )
    (issue / "en.md").write_text(new_text, encoding="utf-8")
    engine = CountingEngine()
    run(issue, engine)
    assert sorted(engine.calls) == sorted(
        ["Synthetic images are now used for {1}crowd counting{/1}.", "They may well become more popular."]
    )
    po_text = (issue / "zh.po").read_text(encoding="utf-8")
    assert '#| msgid "Synthetic data is now used for {1}crowd counting{/1}."' in po_text
    assert '#| msgid "It may become popular."' in po_text


def test_removed_paragraph_becomes_obsolete_and_is_restored_from_it(issue):
    run(issue)
    approve(issue / "zh.po", "A last paragraph with {1}emphasis{/1} and {2}.", "最后一段，有{1}强调{/1}和{2}。")
    (issue / "en.md").write_text(SOURCE.replace("A last paragraph with *emphasis* and `code`.\n", ""), encoding="utf-8")
    run(issue)
    po_text = (issue / "zh.po").read_text(encoding="utf-8")
    assert '#~ msgstr "最后一段，有{1}强调{/1}和{2}。"' in po_text
    assert len(read_catalog(issue / "zh.po").obsolete) == 1
    (issue / "en.md").write_text(SOURCE, encoding="utf-8")
    engine = CountingEngine()
    run(issue, engine)
    assert engine.calls == []
    catalog = read_catalog(issue / "zh.po")
    restored = next(e for e in catalog.active if e.msgid.startswith("A last paragraph"))
    assert restored.approved and restored.msgstr == "最后一段，有{1}强调{/1}和{2}。"  # approval came back with it
    assert catalog.obsolete == ()


def test_moved_paragraph_keeps_its_approved_translation(issue):
    run(issue)
    approve(issue / "zh.po", "It may become popular.", "它可能会流行起来。")
    paragraphs = SOURCE.split("\n\n")
    paragraphs[1], paragraphs[2] = paragraphs[2], paragraphs[1]
    (issue / "en.md").write_text("\n\n".join(paragraphs), encoding="utf-8")
    engine = CountingEngine()
    run(issue, engine)
    assert engine.calls == []
    assert next(e for e in read_catalog(issue / "zh.po").active if e.msgid == "It may become popular.").approved


def test_a_run_that_changes_nothing_writes_nothing(issue):
    run(issue, langs=("zh", "ja"))
    files = sorted(issue.iterdir())
    for path in files:
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    outcome = run(issue, langs=("zh", "ja"))
    assert outcome.written == ()
    assert [p.stat().st_mtime_ns for p in files] == [1_000_000_000_000_000_000] * len(files)
    assert sorted(issue.iterdir()) == files


def test_rewrapped_file_from_an_editor_is_not_rewritten(issue):
    run(issue)
    po_path = issue / "zh.po"
    import polib

    po = polib.pofile(str(po_path), wrapwidth=0)
    po.metadata["X-Generator"] = "Poedit 3.4"
    po.save()  # a different editor: no wrapping, another generator
    saved = po_path.read_bytes()
    outcome = run(issue)
    assert [p for p in outcome.written if p.suffix == ".po"] == []
    assert po_path.read_bytes() == saved


def test_untranslated_entry_goes_to_the_engine(issue):
    run(issue)
    po_path = issue / "zh.po"
    text = po_path.read_text(encoding="utf-8")
    block = entry_block(text, "It may become popular.")
    po_path.write_text(text.replace(block, block.replace('msgstr "<zh>It may become popular."', 'msgstr ""').replace("#, fuzzy\n", "")), encoding="utf-8")
    engine = CountingEngine()
    run(issue, engine)
    assert engine.calls == ["It may become popular."]


def test_broken_placeholders_in_an_approved_entry_are_repaired_in_the_edition_only(issue):
    run(issue)
    approve(issue / "zh.po", "Synthetic data is now used for {1}crowd counting{/1}.", "合成数据现在被用于人群计数。")
    outcome = run(issue)
    assert any("inserted missing {1}" in w and "zh.po:" in w for w in outcome.warnings)
    assert "[合成数据现在被用于人群计数。](https://example.com/a)" in (issue / "zh.md").read_text(encoding="utf-8")
    assert 'msgstr "合成数据现在被用于人群计数。"' in (issue / "zh.po").read_text(encoding="utf-8")


def test_cli_approved_only_leaves_the_rest_in_english_and_lists_it(issue, runner, monkeypatch, tmp_path):
    run(issue)
    approve(issue / "zh.po", FIRST, "人工译文一。")
    po_before = (issue / "zh.po").read_bytes()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh", "--approved-only", "--no-glossary"])
    assert result.exit_code == 0, result.output
    edition = (issue / "zh.md").read_text(encoding="utf-8")
    assert "人工译文一。" in edition and SECOND in edition and "<zh>" not in edition
    assert (issue / "zh.po").read_bytes() == po_before
    assert result.stderr.count("not approved, left in English") == 5
    assert "1 approved, 5 left in English" in result.stdout


def test_cli_without_a_model_names_how_many_segments_need_one(issue, runner, monkeypatch, tmp_path):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh,ja", "--no-glossary"])
    assert result.exit_code == 2
    assert re.search(r"12 segment\(s\) \(zh: 6, ja: 6\) have no translation in the PO files and need an engine", result.stderr)
    assert sorted(p.name for p in issue.iterdir()) == ["en.md"]


def test_cli_counts_engine_calls_and_writes_po_files(issue, runner, monkeypatch):
    engine = CountingEngine()
    monkeypatch.setattr("bilingual.engines.registry.make_engine", lambda name, *options: engine)
    result = runner.invoke(app, ["translate", str(issue), "--no-glossary"])
    assert result.exit_code == 0, result.output
    assert "12 sentence(s) sent to argos; 9 file(s) written" in result.stdout  # 2 PO, 2 editions, 5 views
    engine.calls.clear()
    result = runner.invoke(app, ["translate", str(issue), "--no-glossary"])
    assert engine.calls == [] and "0 file(s) written" in result.stdout


@pytest.mark.parametrize(
    ("broken", "line"),
    [('msgid "Weekly news\nmsgstr "x"\n', 3), ('msgid "Weekly news"\nmsgstr "x" stray\n', 4), ("garbage here\n", 3)],
)
def test_cli_broken_po_file_is_reported_with_its_line_and_never_overwritten(issue, runner, broken, line):
    po_path = issue / "zh.po"
    po_path.write_text('# header\n\n' + broken, encoding="utf-8")
    before = po_path.read_bytes()
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 2
    assert f"zh.po:{line}: " in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert po_path.read_bytes() == before
    assert not (issue / "zh.md").exists() and not (issue / "ja.po").exists()


def test_written_po_files_pass_msgfmt_check(issue):
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    run(issue, langs=("zh", "ja"))
    approve(issue / "zh.po", FIRST, "人工译文一。")
    (issue / "en.md").write_text(SOURCE.replace(FIRST, "A changed first sentence.").replace("A last paragraph", "Last"), encoding="utf-8")
    run(issue, langs=("zh", "ja"))
    for name in ("zh.po", "ja.po"):
        subprocess.run(["msgfmt", "--check", "--check-header", "-o", os.devnull, str(issue / name)], check=True)


# -- property: human work is never silently discarded ---------------------------------------------

WORDS = st.sampled_from("alpha beta gamma delta model paper data label noise graph layer token".split())
SENTENCE = st.lists(WORDS, min_size=2, max_size=6).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3, unique=True).map(" ".join)
DOCUMENT = st.lists(PARAGRAPH, min_size=1, max_size=5, unique=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=DOCUMENT, after=DOCUMENT)
def test_every_approved_translation_survives_any_edit(tmp_path_factory, monkeypatch, before, after):
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    folder = tmp_path_factory.mktemp("issues") / "001"
    folder.mkdir()
    (folder / "en.md").write_text("\n\n".join(before) + "\n", encoding="utf-8")
    run(folder)
    import polib

    po = polib.pofile(str(folder / "zh.po"))
    approved: dict[str, set[str]] = {}  # one sentence may stand in two paragraphs, approved twice
    for n, entry in enumerate(po):
        entry.msgstr, entry.flags = f"人工{n}号。", []
        approved.setdefault(entry.msgid, set()).add(entry.msgstr)
    po.save()
    (folder / "en.md").write_text("\n\n".join(after) + "\n", encoding="utf-8")
    run(folder)
    text = (folder / "zh.po").read_text(encoding="utf-8")
    catalog = read_catalog(folder / "zh.po")
    for msgid, msgstrs in approved.items():
        assert all(msgstr in text for msgstr in msgstrs), f"lost an approved translation of {msgid!r}"
    for entry in catalog.active:
        if entry.msgid in approved:
            assert entry.approved and entry.msgstr in approved[entry.msgid]
    assert [p for p in run(folder).written if p.suffix == ".po"] == []  # and a run after that changes nothing


def test_out_folder_holds_the_po_files_and_later_runs_read_them_there(issue, runner, monkeypatch, tmp_path):
    out = tmp_path / "site"
    result = runner.invoke(app, ["translate", str(issue), "--out", str(out), "-e", "pseudo", "--no-glossary", "--to", "zh", "--no-align"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "024").iterdir()) == ["report.html", "report.md", "zh.md", "zh.po"]
    assert sorted(p.name for p in issue.iterdir()) == ["en.md"]
    assert read_catalog(out / "024" / "zh.po").active[0].references == (("../../issues/024/en.md", "1"),)
    po = (out / "024" / "zh.po").read_bytes()
    result = runner.invoke(app, ["translate", str(issue), "--out", str(out), "-e", "pseudo", "--no-glossary", "--to", "zh"])
    # views asked for: not skipped (issue 27), but every sentence comes from out/024/zh.po
    assert result.exit_code == 0 and "0 sentence(s) sent to pseudo" in result.output, result.output
    assert (out / "024" / "zh.po").read_bytes() == po
    assert (out / "024" / "aligned.md").is_file()
    engine = CountingEngine()
    monkeypatch.setattr("bilingual.engines.registry.make_engine", lambda name, *options: engine)
    result = runner.invoke(app, ["translate", str(issue), "--out", str(out), "--no-glossary", "--to", "zh"])
    # another engine: pseudo's output is never reused by it (issue 22)
    assert result.exit_code == 0 and len(engine.calls) == 6, result.output


def test_a_sentence_approved_twice_keeps_each_translation_by_its_id(tmp_path, monkeypatch):
    """Found by hypothesis: 'Alpha alpha.' stood alone and inside another paragraph, approved differently."""
    import polib

    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    folder = tmp_path / "001"
    folder.mkdir()
    (folder / "en.md").write_text("Alpha alpha.\n\nAlpha alpha. Alpha alpha alpha.\n", encoding="utf-8")
    run(folder)
    po = polib.pofile(str(folder / "zh.po"))
    for n, entry in enumerate(po):
        entry.msgstr, entry.flags = f"人工{n}号。", []
    first = po[0].msgctxt
    po.save()
    (folder / "en.md").write_text("Alpha alpha.\n", encoding="utf-8")
    run(folder)
    catalog = read_catalog(folder / "zh.po")
    [entry] = catalog.active
    assert (entry.msgctxt, entry.msgstr, entry.approved) == (first, "人工0号。", True)
    assert "人工1号。" in (folder / "zh.po").read_text(encoding="utf-8")  # kept as obsolete
