"""The aligned edition: rows per segment, blocks, aligned.md on GitHub, aligned.html, inputs from runs, PO files and editions."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from lxml import html as lxml_html

from bilingual.cli import app
from bilingual.engines.identity import IdentityEngine
from bilingual.engines.pseudo import PseudoEngine
from bilingual.errors import InputError, PoFileError
from bilingual.glossary import load_glossary
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate
from bilingual.document.placeholders import strip_tokens
from bilingual.render.aligned import aligned_html, aligned_markdown, build_alignment
from bilingual.render.inputs import from_edition, from_markdown, from_po, load_issue, split_into
from bilingual.render.model import Flag
from bilingual.document.segment import segment
from conftest import ROOT, SAMPLE_ISSUE, write_issue

LANGS = ("zh", "ja")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary([ROOT / "glossary"])


@pytest.fixture(scope="module")
def doc():
    return parse((SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8"), str(SAMPLE_ISSUE / "en.md"))


@pytest.fixture(scope="module")
def run(doc, glossary):
    return translate([doc], list(LANGS), PseudoEngine(), glossary=glossary)


@pytest.fixture(scope="module")
def alignment(doc, run):
    return build_alignment(doc, [from_edition(e) for e in run.editions])


def _issue(tmp_path: Path, run) -> Path:
    return write_issue(tmp_path, run.editions)


def _paths(folder: Path, suffix: str) -> dict[str, Path]:
    return {lang: folder / f"{lang}.{suffix}" for lang in LANGS}


def _po(path: Path, rows: dict[str, tuple[str, str, bool]]) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": path.stem}
    for sid, (msgid, msgstr, fuzzy) in rows.items():
        po.append(polib.POEntry(msgctxt=sid, msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    po.save(str(path))
    return path


# ------------------------------------------------------------------------------------- alignment


def test_every_segment_is_one_row_in_document_order(doc, alignment):
    assert [row.id for row in alignment.rows] == [s.id for s in segment(doc)]
    assert alignment.langs == ("en", "zh", "ja")
    assert all([c.lang for c in row.cells] == ["en", "zh", "ja"] for row in alignment.rows)


def test_rows_carry_each_language_text(alignment, run):
    zh = next(e for e in run.editions if e.lang == "zh")
    row = next(r for r in alignment.rows if "Synthetic data is now being used" in r.source.markdown)
    assert row.source.markdown.startswith("[Synthetic data is now being used for crowd counting](https://openaccess")
    assert "合成数据" in row.cells[1].markdown and "合成データ" in row.cells[2].markdown
    assert row.cells[1].plain == zh.translations[row.id].text.replace("{1}", "").replace("{/1}", "")


def test_blocks_keep_container_markers_and_whole_tables(alignment):
    kinds = {b.kind for b in alignment.blocks}
    assert {"front-matter", "heading", "paragraph", "table", "code"} <= kinds
    assert "row" not in kinds
    heading = next(b for b in alignment.blocks if b.kind == "heading")
    assert heading.markdown["en"] == "## This week's featured articles/news"
    assert heading.markdown["zh"].startswith("## ⟦")
    item = next(b for b in alignment.blocks if b.markdown.get("en", "").startswith("- An article reports"))
    assert item.markdown["ja"].startswith("- ⟦")
    (table,) = [b for b in alignment.blocks if b.kind == "table"]
    lines = table.markdown["en"].splitlines()
    assert lines[0] == "| Paper | arXiv | Topic |" and lines[1] == "|:---|:---:|---|" and len(lines) == 6
    assert table.markdown["zh"].splitlines()[2].startswith("| ⟦ACAR-Net⟧ | 2006.07976 |")
    assert len(table.rows) == 15  # every cell's segment, header included (numbers are copied as is)
    title = alignment.blocks[0]
    assert title.kind == "front-matter" and title.label == "title"


def test_blocks_follow_the_source_line_by_line(alignment):
    lines = [b.line for b in alignment.blocks]
    assert lines == sorted(lines)
    assert [b.index for b in alignment.blocks] == list(range(1, len(alignment.blocks) + 1))


def test_fenced_code_is_in_every_language(alignment):
    (code,) = [b for b in alignment.blocks if b.kind == "code"]
    for lang in ("en", "zh", "ja"):
        assert code.markdown[lang].startswith("```bash\npython run.py trainer.max_epochs=20 model.lr=1e-4")
        assert code.markdown[lang].endswith("```")
    assert code.rows == ()
    assert [b.kind for b in alignment.blocks].count("hr") == 3


def test_aligned_markdown_shows_fenced_code_after_the_sentence_that_announces_it(alignment):
    text = aligned_markdown(alignment)
    announce = text.index("shows commands like these:")
    fence = text.index("```bash\npython run.py trainer.max_epochs=20")
    about = text.index("About me")
    assert announce < fence < about


def test_title_and_name_come_from_the_source(alignment):
    assert alignment.title == "Akira's Machine Learning News — #24"
    assert alignment.name == "024"


@pytest.mark.parametrize(
    ("origin", "flags", "state"),
    [("approved", (), "approved"), ("engine", (), "machine"), ("memory", (), "machine"), ("engine", ("x",), "has-violations")],
)
def test_row_state_from_origin_and_flags(doc, run, origin, flags, state):
    editions = []
    for edition in run.editions:
        translations = {sid: replace(t, origin=origin) for sid, t in edition.translations.items()}
        editions.append(replace(edition, translations=translations))
    first = segment(doc)[0].id
    marks = [Flag(rule, "error", "zh", first, None, "problem") for rule in flags]
    result = build_alignment(doc, [from_edition(e) for e in editions], marks)
    assert result.rows[0].state == state


def test_flags_without_segment_are_the_documents_own_listed_once_with_file_and_line(doc, run):
    """A finding check cannot tie to one sentence is not put on a guessed row (its line is the
    edition's, not en.md's): the alignment lists it apart, and the page shows it with zh.md:16."""
    flag = Flag("number", "warning", "ja", None, 16, "Numbers differ", "ja.md")
    result = build_alignment(doc, [from_edition(e) for e in run.editions], [flag])
    assert not [cell for row in result.rows for cell in row.cells if cell.flags]
    assert result.findings == (flag,)
    page = aligned_html(result)
    assert page.count('data-rule="number"') == 1 and "warning number · ja.md:16: Numbers differ" in page


def test_forbidden_terms_after_restore_show_as_violations(doc, run):
    zh = next(e for e in run.editions if e.lang == "zh")
    sid = segment(doc)[0].id
    from bilingual.values import Event

    t = zh.translations[sid]
    bad = replace(t, events=(Event("forbidden-after-restore", sid, "'报纸' is forbidden in zh", "paper"),))
    edition = replace(zh, translations={**zh.translations, sid: bad})
    result = build_alignment(doc, [from_edition(edition)])
    assert result.rows[0].state == "has-violations"
    assert result.rows[0].cells[1].flags[0].rule == "forbidden-term"


# ------------------------------------------------------------------------------------- aligned.md


def test_aligned_markdown_is_a_table_per_block(alignment):
    from markdown_it import MarkdownIt

    text = aligned_markdown(alignment)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) == sum(1 for b in alignment.blocks if b.rows)  # code, rules: shown as they are
    body_rows = sum(1 for t in tokens if t.type == "tr_open") - len(tables)
    assert body_rows == len(alignment.rows)
    assert all(sum(1 for t in tokens[i:] if t.type == "th_open") >= 4 for i, t in enumerate(tokens) if t.type == "thead_open")
    assert "| | English | 中文 | 日本語 |" in text


def test_aligned_markdown_escapes_pipes_in_cells():
    source = "# Pipes\n\nUse `a | b` to pipe, or a|b.\n"
    doc = parse(source, "x/en.md")
    run = translate([doc], ["zh"], IdentityEngine())
    text = aligned_markdown(build_alignment(doc, [from_edition(run.editions[0])]))
    row = next(line for line in text.splitlines() if "to pipe" in line)
    assert row.count("\\|") == 4
    from markdown_it import MarkdownIt

    cells = [t for t in MarkdownIt("commonmark").enable("table").parse(text) if t.type == "td_open"]
    assert len(cells) == 2 * 3  # two tables (heading, paragraph) of id + en + zh


# ------------------------------------------------------------------------------------ aligned.html


@pytest.fixture(scope="module")
def page(alignment, glossary):
    return lxml_html.document_fromstring(aligned_html(alignment, glossary))


def test_html_has_three_language_columns_and_a_row_per_block(page, alignment):
    heads = page.xpath("//table[@id='aligned']/thead/tr/th")
    assert [h.get("lang") for h in heads] == ["en", "zh-Hans", "ja"]
    rows = page.xpath("//table[@id='aligned']/tbody/tr")
    assert len(rows) == len(alignment.blocks)
    assert all([td.get("lang") for td in row.xpath("./td")] == ["en", "zh-Hans", "ja"] for row in rows)


def test_html_renders_headings_links_and_images_per_language(page):
    heading = page.xpath("//tr[@data-kind='heading']")[0]
    assert [td.xpath("./div/h2") != [] for td in heading.xpath("./td")] == [True, True, True]
    links = page.xpath("//td[@lang='ja']//a[@href='https://arxiv.org/abs/2103.07351']")
    assert links
    images = page.xpath("//td[@lang='zh-Hans']//img[@src='img/3f8a8715d27b2a187f1097ecd3457c6e.png']")
    assert images and images[0].get("alt").startswith("⟦")


def test_html_shows_the_table_whole_and_the_code_in_each_column(page):
    (row,) = page.xpath("//tr[@data-kind='table']")
    for td in row.xpath("./td"):
        (table,) = td.xpath(".//table")
        assert len(table.xpath(".//tr")) == 5 and len(table.xpath(".//tr[1]/th")) == 3
    (code,) = page.xpath("//tr[@data-kind='code']")
    assert all("python run.py experiment=example_simple" in td.xpath("string(.//pre)") for td in code.xpath("./td"))


def test_html_marks_row_status(page):
    states = {td.get("data-state") for td in page.xpath("//td[@data-state]")}
    assert states <= {"approved", "machine", "has-violations"}
    assert page.xpath("//tr[contains(@class, 'machine')]//span[contains(@class, 'state')]")


def test_html_highlights_glossary_terms_with_notes(page, glossary):
    note = glossary.get("paper").note
    assert page.xpath(f"//td[@lang='en']//mark[@class='term'][@title={note!r}]")
    assert page.xpath("//td[@lang='zh-Hans']//mark[@class='term'][text()='论文']")
    assert page.xpath("//td[@lang='ja']//mark[@class='term'][text()='論文']")
    assert not page.xpath("//code//mark | //pre//mark")
    assert all("<mark" not in (img.get("alt") or "") for img in page.xpath("//img"))


def test_html_is_self_contained_with_a_column_toggle(page):
    assert not page.xpath("//link[@rel='stylesheet'] | //script[@src] | //img[starts-with(@src, 'http')]")
    boxes = page.xpath("//input[@type='checkbox'][@data-lang]")
    assert [b.get("data-lang") for b in boxes] == ["en", "zh", "ja"]
    script = page.xpath("//script")[0].text
    assert "hide-" in script
    style = page.xpath("//style")[0].text
    assert ".hide-zh .col-zh" in style and '"Noto Sans CJK SC"' in style


# ----------------------------------------------------------------------------------------- inputs


def test_po_files_give_statuses_and_texts(tmp_path, doc):
    folder = tmp_path / "024"
    folder.mkdir()
    shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
    segs = [s for s in segment(doc) if any(ch.isalpha() for ch in s.text)]
    approved, fuzzy = segs[0], segs[1]
    rows = {approved.id: (approved.text, "阿基拉的机器学习新闻 — #24", False), fuzzy.id: (fuzzy.text, "机器译文", True)}
    _po(folder / "zh.po", rows)
    _po(folder / "ja.po", {approved.id: (approved.text, "アキラの機械学習ニュース — #24", False)})
    doc2, versions = load_issue(folder / "en.md", LANGS, _paths(folder, "po"), _paths(folder, "md"))
    result = build_alignment(doc2, versions)
    by_id = {r.id: r for r in result.rows}
    assert by_id[approved.id].cells[1].markdown == "阿基拉的机器学习新闻 — #24"
    assert by_id[approved.id].state == "approved"
    assert by_id[fuzzy.id].cells[1].status == "fuzzy" and by_id[fuzzy.id].cells[1].state == "machine"
    assert by_id[segs[2].id].cells[1].status == "missing"


def test_po_markup_may_be_written_as_markdown(tmp_path):
    doc = parse("See [the paper](https://arxiv.org/abs/1) now.\n", "x/en.md")
    seg = segment(doc)[0]
    po = _po(tmp_path / "zh.po", {seg.id: (seg.text, "现在看[这篇论文](https://arxiv.org/abs/1)。", False)})
    version = from_po(po, doc, "zh")
    assert version.texts[seg.id] == "现在看{1}这篇论文{/1}。"


def test_a_po_file_of_another_issue_is_refused(tmp_path, doc):
    po = _po(tmp_path / "zh.po", {f"{i:010x}.1": ("Other text", "别的", False) for i in range(5)})
    with pytest.raises(PoFileError) as caught:
        from_po(po, doc, "zh")
    message = str(caught.value)
    assert "\n" not in message and "another document" in message and "zh.po" in message


def test_editions_align_by_structure(tmp_path, doc, run):
    folder = _issue(tmp_path, run)
    zh = next(e for e in run.editions if e.lang == "zh")
    version = from_markdown((folder / "zh.md").read_text(encoding="utf-8"), str(folder / "zh.md"), doc, "zh")
    split = [sid for sid in zh.translations if sid in version.texts]
    assert len(split) >= 0.95 * len(zh.translations)
    result = build_alignment(doc, [version])
    by_id = {r.id: r for r in result.rows}
    for sid in split:
        if sid in by_id and by_id[sid].kind not in ("alt", "title"):
            assert by_id[sid].cells[1].plain.strip() == strip_tokens(zh.translations[sid].text).strip()


def test_identity_edition_aligns_sentence_for_sentence(doc):
    edition = translate([doc], ["zh"], IdentityEngine()).editions[0]
    version = from_markdown(edition.markdown, "zh.md", doc, "zh")
    assert set(version.texts) == {s.id for s in segment(doc)}


def test_an_edition_of_another_document_is_refused(doc):
    with pytest.raises(InputError) as caught:
        from_markdown("# Only a heading\n", "zh.md", doc, "zh")
    assert "does not follow the structure" in str(caught.value)


def test_a_missing_edition_is_an_error(tmp_path):
    folder = tmp_path / "024"
    folder.mkdir()
    shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
    with pytest.raises(InputError) as caught:
        load_issue(folder / "en.md", LANGS, _paths(folder, "po"), _paths(folder, "md"))
    assert "missing edition" in str(caught.value) and "zh.md" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("一句话。第二句话！第三句？", 3, ["一句话。", "第二句话！", "第三句？"]),
        ("⟦Ôñé.⟧ ⟦Ţŵö.⟧", 2, ["⟦Ôñé.⟧", "⟦Ţŵö.⟧"]),
        ("{1}粗体。还是粗体。{/1}然后。", 2, ["{1}粗体。还是粗体。{/1}", "然后。"]),
        ("One sentence only.", 2, None),
        ("Say e.g. this. Then that.", 2, ["Say e.g. this.", "Then that."]),
    ],
)
def test_split_into(text, count, expected):
    assert split_into(text, count, [10] * count) == expected


# -------------------------------------------------------------------------------------------- CLI


def test_align_command_writes_the_three_files(runner, tmp_path, run):
    folder = _issue(tmp_path, run)
    result = runner.invoke(app, ["align", str(folder), "--glossary", str(ROOT / "glossary")])
    assert result.exit_code == 0, result.output
    assert {p.name for p in folder.iterdir()} >= {"aligned.md", "aligned.html", "024.tmx"}
    again = runner.invoke(app, ["align", str(folder), "--glossary", str(ROOT / "glossary")])
    assert "0 file(s) written" in again.output


@pytest.mark.parametrize("case", ["missing-edition", "po-of-another-issue"])
def test_align_bad_input_is_one_line_and_writes_nothing(runner, tmp_path, run, case):
    folder = _issue(tmp_path, run)
    if case == "missing-edition":
        (folder / "ja.md").unlink()
        expected = "missing edition"
    else:
        _po(folder / "zh.po", {f"{i:010x}.1": ("Other", "别的", False) for i in range(4)})
        expected = "belongs to another document"
    result = runner.invoke(app, ["align", str(folder), "--no-glossary"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bilingual: error:") and expected in lines[0]
    assert not any(p.name.startswith("aligned") or p.suffix == ".tmx" or p.name.startswith(".") for p in folder.iterdir())


def test_align_command_writes_the_signature_translate_wrote(runner, tmp_path):
    folder = tmp_path / "024"
    shutil.copytree(SAMPLE_ISSUE, folder, ignore=shutil.ignore_patterns("aligned.*", "*.tmx", "report.*"))
    signature = polib.pofile(str(folder / "zh.po")).metadata["X-Bilingual-Signature"]
    result = runner.invoke(app, ["align", str(folder), "--glossary", str(ROOT / "glossary")])
    assert result.exit_code == 0, result.output
    assert f"Signature: `{signature}`" in (folder / "aligned.md").read_text(encoding="utf-8")
    assert signature in lxml_html.fromstring((folder / "aligned.html").read_bytes()).text_content()
    assert f'<prop type="x-signature">{signature}</prop>' in (folder / "024.tmx").read_text(encoding="utf-8")
