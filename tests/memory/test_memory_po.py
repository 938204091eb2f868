"""PO files as values: strict reading with file:line errors, exact round trips, stable comparison."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.errors import PoFileError
from bilingual.glossary.schema import Glossary, Term
from bilingual.memory.merge import fit_newlines, text_fingerprint
from bilingual.memory.po import Catalog, Entry, header_metadata, parse_catalog, read_catalog, render, revision_date, same_content
from bilingual.memory.store import po_language
from bilingual.run import RunOptions, finish, prepare
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate
from bilingual.engines.pseudo import PseudoEngine
from bilingual.layout import find_jobs

META = header_metadata(None, "zh", "024/en.md", "bilingual 0.1.0|engine:pseudo:0.1.0|glossary:none", "2024-01-01 00:00+0000")
ENTRIES = (
    Entry("a1.1", "Hello {1}world{/1}. " + "A long sentence that wraps " * 5, "你好" * 50, ("fuzzy",),
          "machine: argos:translate-en_zh-1.9\nprevious approved translation: " + "旧译文" * 40,
          "glossary: paper → 论文 — A research paper, never a newspaper (\"Papers\" as a section heading too).",
          (("en.md", "16"),), "a0.1", "Hello world.\nSecond line"),
    Entry("a2.1", "line one\nline two", "第一行\n第二行", (), "", "", (("en.md", "20"),)),
    Entry("a3.1", 'Tabs\tand "quotes" and \\ backslashes', "制表符\t和“引号”", ("fuzzy", "no-wrap"), "  indented note"),
    Entry(None, "no context", ""),
    Entry("a4.1", "gone", "走了", (), "translator's note", "", (), None, None, True),
)



def test_render_reads_back_as_the_same_catalog():
    catalog = Catalog(META, ENTRIES, "Chinese translation of 024/en.md.\nSecond header line.")
    again = parse_catalog(render(catalog))
    assert again.entries == ENTRIES
    assert again.metadata == META and again.header == catalog.header
    assert render(again) == render(catalog)


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00") | st.sampled_from("\n\t\"\\ "), max_size=120)


@settings(max_examples=150, deadline=None)
@given(msgid=TEXT.filter(bool), msgstr=TEXT, comment=TEXT)
def test_any_text_round_trips(msgid, msgstr, comment):
    entry = Entry("x.1", msgid, msgstr, ("fuzzy",) if msgstr else (), comment.replace("\r", " "), previous_msgid=msgid[::-1] or None)
    catalog = Catalog(META, (entry,))
    assert same_content(parse_catalog(render(catalog)), catalog)


def test_comparison_ignores_the_fields_a_writer_refreshes():
    catalog = Catalog(META, ENTRIES)
    later = header_metadata(catalog, "zh", "024/en.md", "bilingual 0.1.0|engine:argos:x|glossary:none", "2030-01-01 00:00+0000")
    assert same_content(catalog, Catalog(later, ENTRIES))
    changed = (ENTRIES[0], Entry("a2.1", "line one\nline two", "改了"), *ENTRIES[2:])
    assert not same_content(catalog, Catalog(later, changed))
    assert not same_content(None, catalog)


def test_header_keeps_a_translators_fields_and_drops_the_creation_date():
    old = Catalog((("Last-Translator", "Mei <mei@example.com>"), ("Language", "zh_CN"), ("POT-Creation-Date", "x"), ("X-Poedit-Basepath", ".")), ())
    meta = dict(header_metadata(old, "zh", "p", "sig", "2024-01-01 00:00+0000"))
    assert meta["Last-Translator"] == "Mei <mei@example.com>" and meta["Language"] == "zh_CN"
    assert meta["X-Poedit-Basepath"] == "." and "POT-Creation-Date" not in meta
    assert meta["Plural-Forms"] == "nplurals=1; plural=0;" and meta["X-Bilingual-Signature"] == "sig"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n', 4, "unterminated string"),
        ('msgid "a"\nmsgstr "b" "c" x\n', 2, "unescaped double quote"),
        ('msgid "a"\nmsgstr "b"\nnonsense\n', 3, "unexpected 'nonsense'"),
        ('msgid "a"\nmsgstr "b\\q"\n', 2, "invalid escape"),
        ('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "x"\nmsgid "a"\nmsgstr "c"\n', 5, "duplicate entry"),
        ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 2, "syntax error"),
        ('msgid ""\nmsgstr ""\n\nmsgid "' + 'a\\"' * 2_000_000 + '"\nmsgstr "b\n', 5, "unterminated string"),  # huge
        ("".join(f'msgctxt "{i}"\nmsgid "a"\nmsgstr "b"\n\n' for i in range(50_000)) + "#~ x\n", 200_001, "unexpected"),
    ],
)
def test_syntax_errors_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "zh.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PoFileError) as caught:
        read_catalog(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_missing_file_is_none_and_non_utf8_is_an_error(tmp_path):
    assert read_catalog(tmp_path / "zh.po") is None
    (tmp_path / "ja.po").write_bytes('msgid "a"\nmsgstr "\u00e9"\n'.encode("latin-1"))
    with pytest.raises(PoFileError, match=r"ja\.po:2: is not valid UTF-8"):
        read_catalog(tmp_path / "ja.po")


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [("a", "b\n", "b"), ("a", "\nb", "b"), ("a\n", "b", "b\n"), ("\na", "b\n", "\nb"), ("a", "", ""), ("a", "\n", "\n")],
)
def test_msgstr_newlines_follow_the_msgid(msgid, msgstr, expected):
    assert fit_newlines(msgid, msgstr) == expected


@pytest.mark.parametrize(
    ("name", "lang"),
    [("zh.po", "zh"), ("ja.po", "ja"), ("intro.zh.po", "zh"), ("zh_CN.po", "zh"), ("messages.po", None), ("notes.txt", None)],
)
def test_language_from_the_file_name(name, lang):
    assert po_language(Path(name)) == lang


def test_revision_date_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert revision_date() == "1970-01-01 00:00+0000"


def _catalog_for(tmp_path: Path, glossary: Glossary | None) -> str:
    folder = tmp_path / "024"
    folder.mkdir(exist_ok=True)
    (folder / "en.md").write_text("# Papers\n\nThis paper uses PyTorch. A plain sentence.\n", encoding="utf-8")
    jobs = find_jobs([folder])
    docs = [parse(jobs[0].source.read_text(encoding="utf-8"), str(jobs[0].source))]
    prepared = prepare(jobs, docs, RunOptions(PseudoEngine(), ("zh",)))
    outcome = finish(prepared, translate(docs, ["zh"], PseudoEngine(), known=prepared.known), glossary)
    return next(w.text for w in outcome.writes if w.kind == "po")


def test_entries_carry_glossary_notes_references_and_the_engine(tmp_path):
    glossary = Glossary((Term("paper", {"zh": ("论文",)}, note="A research paper, never a newspaper."),
                         Term("PyTorch", keep=True, case_sensitive=True, note="The library.")))
    text = _catalog_for(tmp_path, glossary)
    block = next(b for b in text.split("\n\n") if 'msgid "This paper uses PyTorch."' in b)
    msgstr = polib.pofile(text).find("This paper uses PyTorch.").msgstr
    assert block.splitlines()[:7] == [
        "# machine: pseudo:0.1.0",
        f"# glossary terms: {glossary.matcher.fingerprint('This paper uses PyTorch.', 'zh')}",  # issue #10
        f"# bilingual wrote: {text_fingerprint(msgstr)}",  # issue #27: another msgstr is a person's edit
        "#. glossary: paper → 论文 — A research paper, never a newspaper.",
        "#. glossary: PyTorch (keep as is) — The library.",
        "#: en.md:3",
        "#, fuzzy",
    ]
    assert "#. glossary" not in next(b for b in text.split("\n\n") if 'msgid "A plain sentence."' in b)
    assert '"Language: zh\\n"' in text and '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    assert '"X-Bilingual-Signature: bilingual 0.1.0|engine:pseudo:0.1.0|glossary:none\\n"' in text


def test_generated_file_passes_msgfmt_check(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    path = tmp_path / "zh.po"
    path.write_text(render(Catalog(META, ENTRIES, "header")), encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "--check-header", "-o", os.devnull, str(path)], check=True)
    path.write_text(_catalog_for(tmp_path, None), encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "--check-header", "-o", os.devnull, str(path)], check=True)


def test_an_end_of_transmission_character_round_trips_and_passes_msgfmt(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    entry = Entry("ab12.1", "Odd \x04 text.", "奇 \x04 文。", ("fuzzy",))
    catalog = Catalog(header_metadata(None, "zh", "x.md", "sig", "2024-01-01 00:00+0000"), (entry,))
    path = tmp_path / "zh.po"
    path.write_text(render(catalog), encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], check=True)  # U+0004 is msgfmt's context separator
    assert read_catalog(path).active[0].msgid == "Odd \x04 text." and read_catalog(path).active[0].msgstr == "奇 \x04 文。"
