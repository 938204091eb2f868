"""``bilingual import``: a team's existing human editions become the PO memory (po4a-gettextize).

Through real runs of the CLI: a human ``zh.md`` with no PO file is adopted (``translate`` refused
it before), every imported approved sentence survives a ``translate`` byte for byte, and each place
where the rebuilt edition differs from the human file was reported by the import.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bilingual.cli import app

REAL = Path(__file__).resolve().parents[1] / "fixtures"
TOKEN = re.compile(r"\{/?\d+\}")


def _issue(tmp_path: Path, en: str, human: dict[str, str], name: str = "001") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "en.md").write_text(en, encoding="utf-8")
    for lang, text in human.items():
        (folder / f"{lang}.md").write_text(text, encoding="utf-8")
    return folder


EN = "# Title\n\nThe first sentence is here. The second one follows it.\n\n- An item with [a link](https://example.org/a).\n"
ZH = "# 标题\n\n第一句在这里。第二句紧随其后。\n\n- 一个带[链接](https://example.org/a)的条目。\n"


def test_a_human_edition_without_po_file_is_adopted_not_refused(tmp_path, runner):
    folder = _issue(tmp_path, EN, {"zh": ZH})
    imported = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert imported.exit_code == 0, imported.output
    assert (folder / "zh.po").is_file()
    translated = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert translated.exit_code == 0, translated.output
    assert (folder / "zh.md").read_text(encoding="utf-8") == ZH
    assert "⟦" not in (folder / "zh.md").read_text(encoding="utf-8")  # no sentence went to the engine


def test_imported_entries_are_approved_with_a_translator_comment(tmp_path, runner):
    from bilingual.memory.po import read_catalog

    folder = _issue(tmp_path, EN, {"zh": ZH})
    assert runner.invoke(app, ["import", str(folder), "--lang", "zh"]).exit_code == 0
    catalog = read_catalog(folder / "zh.po")
    assert [e.msgstr for e in catalog.active] == ["标题", "第一句在这里。", "第二句紧随其后。", "一个带{1}链接{/1}的条目。"]
    assert all(e.approved and e.translator == "imported from zh.md" for e in catalog.active)


def test_a_block_en_md_lacks_is_reported_on_both_sides_and_kept_as_a_comment(tmp_path, runner):
    from bilingual.memory.po import read_catalog

    zh = "# 标题\n\n第一句在这里。第二句紧随其后。\n\n译者加的一段话。\n\n- 一个带[链接](https://example.org/a)的条目。\n"
    folder = _issue(tmp_path, EN, {"zh": zh})
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert f"{folder / 'zh.md'}:5 ↔ {folder / 'en.md'}:" in result.output
    comments = "\n".join(e.translator for e in read_catalog(folder / "zh.po").entries)
    assert "译者加的一段话。" in comments


def test_a_paragraph_zh_md_lacks_is_left_to_the_engine_and_reported(tmp_path, runner):
    en = EN + "\nA paragraph the translators never saw.\n"
    folder = _issue(tmp_path, en, {"zh": ZH})
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert f"{folder / 'en.md'}:7 ↔ {folder / 'zh.md'}:" in result.output
    assert "1 not aligned" in result.output
    translated = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert translated.exit_code == 0, translated.output
    edition = (folder / "zh.md").read_text(encoding="utf-8")
    assert edition.startswith(ZH) and "⟦" in edition.split(ZH, 1)[1]


def test_a_merged_sentence_is_imported_fuzzy(tmp_path, runner):
    from bilingual.memory.po import read_catalog

    zh = "# 标题\n\n第一句在这里，第二句紧随其后。\n\n- 一个带[链接](https://example.org/a)的条目。\n"
    folder = _issue(tmp_path, EN, {"zh": zh})
    assert runner.invoke(app, ["import", str(folder), "--lang", "zh"]).exit_code == 0
    entries = {e.msgid: e for e in read_catalog(folder / "zh.po").active}
    first = entries["The first sentence is here."]
    assert first.fuzzy and first.translator.startswith("imported from zh.md")
    assert entries["Title"].approved
    translated = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert translated.exit_code == 0
    assert (folder / "zh.md").read_text(encoding="utf-8") == zh  # fuzzy human text is reused, never sent to the engine


def test_approved_entries_of_an_existing_po_file_are_never_overwritten(tmp_path, runner):
    from bilingual.memory.po import read_catalog

    folder = _issue(tmp_path, EN, {"zh": ZH})
    assert runner.invoke(app, ["import", str(folder), "--lang", "zh"]).exit_code == 0
    po = folder / "zh.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "标题"', 'msgstr "审定的标题"'), encoding="utf-8")
    (folder / "zh.md").write_text(ZH, encoding="utf-8")
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    title = next(e for e in read_catalog(po).active if e.msgid == "Title")
    assert title.msgstr == "审定的标题" and title.approved
    assert "imported from zh.md (not used; the approved translation stays): 标题" in title.translator


def test_a_second_import_of_the_same_file_writes_nothing(tmp_path, runner):
    folder = _issue(tmp_path, EN, {"zh": ZH})
    assert runner.invoke(app, ["import", str(folder), "--lang", "zh"]).exit_code == 0
    before = (folder / "zh.po").read_bytes()
    again = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert again.exit_code == 0 and "0 file(s) written" in again.output
    assert (folder / "zh.po").read_bytes() == before


@pytest.mark.parametrize(("source", "human"), [("en.md", "zh.md"), ("notes.md", "notes.zh.md")])
def test_both_layouts_beside_the_source(tmp_path, runner, source, human):
    folder = tmp_path / "001"
    folder.mkdir()
    (folder / source).write_text(EN, encoding="utf-8")
    (folder / human).write_text(ZH, encoding="utf-8")
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    po = folder / (human[:-3] + ".po")
    assert po.is_file()
    assert runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary"]).exit_code == 0
    assert (folder / human).read_text(encoding="utf-8") == ZH


@pytest.mark.parametrize(("english", "tree", "human"), [
    ("content/en/docs/a/b.md", "content/en=content/{lang}", "content/zh/docs/a/b.md"),  # Hugo
    ("docs/a/b.md", "docs=i18n/{lang}/docusaurus-plugin-content-docs/current", "i18n/zh/docusaurus-plugin-content-docs/current/a/b.md"),
    ("docs/a/b.md", "docs=docs/{lang}", "docs/zh/a/b.md"),  # VitePress: the locales inside the English tree
])
def test_a_parallel_tree_maps_onto_po_files_beside_the_english(tmp_path, runner, monkeypatch, english, tree, human):
    monkeypatch.chdir(tmp_path)
    for path, text in ((english, EN), (human, ZH)):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    root = tree.split("=")[0]
    result = runner.invoke(app, ["import", root, "--lang", "zh", "--tree", tree])
    assert result.exit_code == 0, result.output
    assert "1 approved" not in result.output and "4 approved" in result.output
    po = Path(english).with_suffix(".zh.po")
    assert po.is_file()
    assert sorted(p.name for p in Path(human).parent.iterdir()) == ["b.md"]  # the human tree is only read
    assert runner.invoke(app, ["translate", english, "--to", "zh", "--engine", "pseudo", "--no-glossary"]).exit_code == 0
    assert Path(english).with_suffix(".zh.md").read_text(encoding="utf-8") == ZH


@pytest.mark.parametrize(("args", "message"), [
    (["--tree", "content/en"], "--tree: 'content/en' is not SRC=DST"),
    (["--tree", "content/en=content/zh", "--lang", "zh,ja"], "{lang}"),
    (["--lang", "fr"], "--lang"),
])
def test_bad_options_are_one_line_and_exit_2(tmp_path, runner, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    folder = _issue(tmp_path, EN, {"zh": ZH})
    result = runner.invoke(app, ["import", str(folder), *(args if "--lang" in args else [*args, "--lang", "zh"])])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (folder / "zh.po").exists()


def test_a_broken_po_file_stops_the_import_with_file_and_line(tmp_path, runner):
    folder = _issue(tmp_path, EN, {"zh": ZH, "ja": "# タイトル\n\n最初の文はここにあります。二番目の文が続きます。\n"})
    (folder / "zh.po").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh,ja"])
    assert result.exit_code == 2
    assert "zh.po:2" in result.output
    assert not (folder / "ja.po").exists()  # nothing written


def test_no_human_edition_at_all_is_bad_input(tmp_path, runner):
    folder = _issue(tmp_path, EN, {})
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 2
    assert "no human edition" in result.output


# -- the round trip on real human editions -----------------------------------------------------

ROUND_TRIP = [
    ("real_test/opentelemetry/concepts-signals-baggage", "zh"),
    ("real_test/opentelemetry/concepts-signals-baggage", "ja"),
    ("real_test/chaos-mesh/chaosd-overview", "zh"),
    ("real_test/pinia/core-concepts-state", "zh"),
    ("real/vue/introduction", "zh"),
]


def _copy(tmp_path: Path, name: str, lang: str) -> Path:
    folder = tmp_path / "issue"
    folder.mkdir()
    for file in ("en.md", f"{lang}.md"):
        shutil.copy(REAL / name / file, folder / file)
    return folder


@pytest.mark.parametrize(("name", "lang"), ROUND_TRIP)
def test_round_trip_every_imported_approved_sentence_is_byte_identical(tmp_path, runner, name, lang):
    from bilingual.document.markdown import parse
    from bilingual.document.segment import segment
    from bilingual.memory.po import read_catalog
    from bilingual.render.inputs import from_markdown

    folder = _copy(tmp_path, name, lang)
    human = (folder / f"{lang}.md").read_text(encoding="utf-8")
    assert runner.invoke(app, ["import", str(folder), "--lang", lang]).exit_code == 0
    approved = [e for e in read_catalog(folder / f"{lang}.po").active if e.approved]
    assert approved and all(e.translator.startswith(f"imported from {lang}.md") for e in approved)
    result = runner.invoke(app, ["translate", str(folder), "--to", lang, "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    rebuilt = (folder / f"{lang}.md").read_text(encoding="utf-8")
    doc = parse((folder / "en.md").read_text(encoding="utf-8"), str(folder / "en.md"))
    version = from_markdown(rebuilt, f"{lang}.md", doc, lang)
    units = {s.id: s.unit for s in segment(doc)}
    for entry in approved:
        unit = units[entry.msgctxt]
        mine = version.doc.units[version.units[unit]]
        # the sentence as Markdown: in the rebuilt edition, with its own markup, and as the PO file gives it, with en.md's
        assert _markdown(version.texts[entry.msgctxt], mine) == _markdown(entry.msgstr, doc.units[unit]), entry.msgctxt
        for piece in TOKEN.split(entry.msgstr):
            assert piece.strip() in human and piece.strip() in rebuilt


def _markdown(text: str, unit) -> str:
    """``text`` with ``unit``'s markup, as an edition writes it: a translated shortcut or collapsed reference link
    names the source's label (``[Baggage 规范][baggage specification]``: the edition has en.md's definitions)."""
    from bilingual.document.rebuild import SHORTCUT_CLOSERS, full_reference

    def raw(m):
        ph = unit.placeholder_map[m.group(0)]
        shortcut = ph.kind == "link" and ph.role == "close" and ph.raw in SHORTCUT_CLOSERS and text != unit.text
        return full_reference(unit, ph) if shortcut else ph.raw

    return TOKEN.sub(raw, text)


@pytest.mark.parametrize(("name", "lang"), ROUND_TRIP)
def test_every_place_the_rebuilt_edition_differs_was_reported(tmp_path, runner, name, lang):
    import difflib

    folder = _copy(tmp_path, name, lang)
    human = (folder / f"{lang}.md").read_text(encoding="utf-8").splitlines()
    imported = runner.invoke(app, ["import", str(folder), "--lang", lang])
    assert imported.exit_code == 0
    reported: set[int] = set()
    for m in re.finditer(rf"{re.escape(str(folder / f'{lang}.md'))}:(\d+)(?:-(\d+))?", imported.output):
        first = int(m.group(1))
        reported.update(range(first, int(m.group(2) or first) + 1))
    assert runner.invoke(app, ["translate", str(folder), "--to", lang, "--engine", "pseudo", "--no-glossary"]).exit_code == 0
    rebuilt = (folder / f"{lang}.md").read_text(encoding="utf-8").splitlines()
    matcher = difflib.SequenceMatcher(None, human, rebuilt, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        lines = set(range(i1 + 1, i2 + 1)) or {i1, i1 + 1}  # an insertion sits between two lines
        assert lines & reported, f"{lang}.md:{i1 + 1}-{i2}: differs and was not reported\n{imported.output}"


@pytest.mark.parametrize(("en", "human", "state"), [
    ("# AutoPipeline\n\nIt loads a pipeline for you.\n", "# AutoPipeline\n\n它为你加载流水线。\n", "approved"),  # a name kept as it is
    ("# Memory usage\n\nIt loads a pipeline for you.\n", "# Memory usage\n\n它为你加载流水线。\n", "approved"),
    ("# Title\n\nIt loads a pipeline for you.\n", "# 标题\n\nIt loads a pipeline for you.\n", "absent"),  # no translation: the engine's
    ("# Title\n\nIt loads a pipeline.\n", "# 标题\n\nLoads it.\n", "fuzzy"),  # the person's English wording is kept, unapproved
])
def test_text_left_in_english_is_fuzzy_or_left_to_the_engine_unless_it_is_a_name(tmp_path, runner, en, human, state):
    from bilingual.memory.po import read_catalog

    folder = _issue(tmp_path, en, {"zh": human})
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    entries = {e.msgid: e for e in read_catalog(folder / "zh.po").active}
    heading, sentence = en.split("\n")[0][2:], en.split("\n")[2]
    assert entries[heading].approved
    assert {"approved": lambda e: e.approved, "fuzzy": lambda e: e.fuzzy, "absent": lambda e: e is None}[state](entries.get(sentence))
    if state == "absent":
        assert f"{folder / 'zh.md'}:3 ↔ {folder / 'en.md'}:3: not imported: zh.md has the English as it is" in result.output


def test_a_human_edition_that_is_not_utf8_is_one_line_and_nothing_is_written(tmp_path, runner):
    folder = _issue(tmp_path, EN, {"ja": "# タイトル\n\n最初の文はここにあります。二番目の文が続きます。\n"})
    (folder / "zh.md").write_bytes(b"\xff\xfe# T\n")
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh,ja"])
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if line] == [
        f"bilingual: error: {folder / 'zh.md'}:1: is not valid UTF-8 (byte 0xff); re-save the file as UTF-8"]
    assert not (folder / "ja.po").exists() and not (folder / "zh.po").exists()


def test_line_ends_and_a_bom_that_follow_en_md_are_reported(tmp_path, runner):
    folder = _issue(tmp_path, EN, {})
    (folder / "zh.md").write_bytes("\ufeff".encode() + ZH.replace("\n", "\r\n").encode())
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "its line ends are LF, where zh.md has CRLF" in result.output
    assert "4 approved" in result.output


def test_an_import_stops_with_exit_3_while_a_run_holds_the_folder(tmp_path, runner):
    from bilingual.folderlock import locked

    folder = _issue(tmp_path, EN, {"zh": ZH})
    with locked([folder]):
        result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 3, result.output
    assert not (folder / "zh.po").exists()


def test_a_po_file_saved_during_the_import_is_not_overwritten(tmp_path, runner, monkeypatch):
    from bilingual.adopt import adoption

    folder = _issue(tmp_path, EN, {"zh": ZH})
    real = adoption.import_edition

    def import_then_a_translator_saves(*args, **kwargs):
        result = real(*args, **kwargs)
        (folder / "zh.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
        return result

    monkeypatch.setattr(adoption, "import_edition", import_then_a_translator_saves)
    result = runner.invoke(app, ["import", str(folder), "--lang", "zh"])
    assert result.exit_code == 3, result.output
    assert "changed during the run" in result.output
    assert "msgstr" in (folder / "zh.po").read_text(encoding="utf-8") and "标题" not in (folder / "zh.po").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["zh.md", "notes.zh.md"])
def test_naming_the_human_edition_instead_of_its_source_is_one_line(tmp_path, runner, name):
    folder = _issue(tmp_path, EN, {})
    (folder / name).write_text(ZH, encoding="utf-8")
    result = runner.invoke(app, ["import", str(folder / name), "--lang", "zh"])
    assert result.exit_code == 2
    assert f"{folder / name}: is an edition, not an English source" in result.output
    assert not list(folder.glob("*.po"))


def test_an_edit_to_the_human_file_after_the_import_is_kept_as_a_hand_edit(tmp_path, runner):
    from bilingual.memory.po import read_catalog

    folder = _issue(tmp_path, EN, {"zh": ZH})
    assert runner.invoke(app, ["import", str(folder), "--lang", "zh"]).exit_code == 0
    (folder / "zh.md").write_text(ZH.replace("第二句紧随其后。", "第二句话紧随其后。"), encoding="utf-8")
    result = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    assert "was edited by hand" in result.output
    comments = "\n".join(e.translator for e in read_catalog(folder / "zh.po").active)
    assert "第二句话紧随其后。" in comments  # the person's later wording is in the PO file, beside the approved one


@pytest.mark.parametrize("boundary", ["\u2028", "\u0085", "\x0c"], ids=["line-separator", "nel", "form-feed"])
def test_a_difference_is_reported_at_its_file_line_after_a_character_python_reads_as_a_line_end(boundary):
    """Markdown lines end at \\n, \\r\\n or \\r; ``str.splitlines`` also cut at these and moved the line reported."""
    from bilingual.adopt.adoption import _places

    human = f"# 标题{boundary}一\n\n相同。\n\n旧的。\n"
    predicted = f"# 标题{boundary}一\n\n相同。\n\n新的。\n"
    found = _places(Path("zh.md"), Path("en.md"), human, predicted, "# Title\n\nSame.\n\nNew.\n", set())
    assert [line.split(" ↔ ")[0] for line in found] == ["zh.md:5"]
