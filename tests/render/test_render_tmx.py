"""TMX 1.4 export: read back with translate-toolkit and lxml; inline markup; unwritable paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bilingual.cli import app
from bilingual.engines.pseudo import PseudoEngine
from bilingual.glossary import load_glossary
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate
from bilingual.render.aligned import build_alignment
from bilingual.render.inputs import from_edition
from bilingual.render.tmx import tmx
from conftest import ROOT, SAMPLE_ISSUE, write_issue

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def run():
    doc = parse((SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8"), str(SAMPLE_ISSUE / "en.md"))
    return translate([doc], ["zh", "ja"], PseudoEngine(), glossary=load_glossary([ROOT / "glossary"]))


@pytest.fixture(scope="module")
def alignment(run):
    return build_alignment(run.editions[0].document, [from_edition(e) for e in run.editions], signature="sig")


@pytest.fixture(scope="module")
def tmx_file(tmp_path_factory, alignment) -> Path:
    path = tmp_path_factory.mktemp("tmx") / "024.tmx"
    path.write_text(tmx(alignment), encoding="utf-8")
    return path


def test_translate_toolkit_reads_every_segment_back(tmx_file, alignment):
    from translate.storage.tmx import tmxfile

    store = tmxfile.parsefile(str(tmx_file))
    assert len(store.units) == len(alignment.rows)
    for unit, row in zip(store.units, alignment.rows, strict=True):
        assert unit.getid() == row.id
        assert unit.source == row.source.markdown
        assert unit.gettarget("zh") == row.cells[1].markdown
        assert unit.gettarget("ja") == row.cells[2].markdown


def test_header_and_tu_structure(tmx_file, alignment):
    root = etree.parse(str(tmx_file)).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("segtype") == "sentence" and header.get("srclang") == "en"
    for attribute in ("creationtool", "creationtoolversion", "adminlang", "datatype", "o-tmf"):
        assert header.get(attribute)
    tus = root.findall("body/tu")
    assert len(tus) == len(alignment.rows)
    assert all([tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["en", "zh", "ja"] for tu in tus)
    assert all(tuv.find("prop[@type='x-status']") is not None for tu in tus for tuv in tu.findall("tuv"))


def test_markup_becomes_inline_elements_with_matching_numbers(tmx_file):
    root = etree.parse(str(tmx_file)).getroot()
    link = next(tu for tu in root.iter("tu") if "Synthetic data is now being used" in "".join(tu.find("tuv/seg").itertext()))
    segs = link.findall("tuv/seg")
    for seg in segs:
        bpt, ept = seg.find("bpt"), seg.find("ept")
        assert bpt.text == "[" and ept.text.startswith("](https://openaccess.thecvf.com/")
        assert bpt.get("i") == ept.get("i") == bpt.get("x")
    assert len({seg.find("bpt").get("x") for seg in segs}) == 1
    code = next(tu for tu in root.iter("tu") if tu.find("tuv/seg/ph") is not None and "`" in tu.find("tuv/seg/ph").text)
    assert code.find("tuv/seg/ph").text.startswith("`")


def test_segment_text_keeps_its_white_space(tmp_path):
    doc = parse("> **Bold one.**\n> Second line  with two spaces.\n", "x/en.md")
    run = translate([doc], ["zh", "ja"], PseudoEngine())
    text = tmx(build_alignment(doc, [from_edition(e) for e in run.editions]))
    root = etree.fromstring(text.encode("utf-8"))
    sources = ["".join(seg.itertext()) for seg in root.iterfind("body/tu/tuv[1]/seg")]
    assert sources == ["**Bold one.**", "Second line  with two spaces."]


def _issue(tmp_path: Path, run) -> Path:
    return write_issue(tmp_path, run.editions)


def test_align_writes_the_tmx_where_asked(runner, tmp_path, run):
    folder = _issue(tmp_path, run)
    target = tmp_path / "memories" / "issue-024.tmx"
    result = runner.invoke(app, ["align", str(folder), "--no-glossary", "--tmx", str(target)])
    assert result.exit_code == 0, result.output
    assert etree.parse(str(target)).getroot().tag == "tmx"


@pytest.mark.parametrize("where", ["under-a-file", "a-folder"])
def test_an_unwritable_tmx_path_fails_cleanly_and_writes_nothing(runner, tmp_path, run, where):
    folder = _issue(tmp_path, run)
    blocker = tmp_path / "blocker"
    if where == "under-a-file":
        blocker.write_text("a file, not a folder", encoding="utf-8")
        target = blocker / "024.tmx"
    else:
        blocker.mkdir()
        target = blocker
    before = sorted(p.name for p in folder.iterdir())
    result = runner.invoke(app, ["align", str(folder), "--no-glossary", "--tmx", str(target)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bilingual: error:") and "cannot write" in lines[0]
    assert sorted(p.name for p in folder.iterdir()) == before


def _whole_tree(alignment, created: str = "") -> str:
    """The TMX as 0.1.0 made it: the whole document as one ElementTree, serialised at once."""
    import xml.etree.ElementTree as ET

    from bilingual import __version__
    from bilingual.render.tmx import _indent, _seg
    from bilingual.xmltext import xml_safe

    root = ET.Element("tmx", version="1.4")
    header = ET.SubElement(root, "header", creationtool="bilingual", creationtoolversion=__version__,
                           segtype="sentence", adminlang="en", srclang=alignment.langs[0], datatype="markdown")
    header.set("o-tmf", "bilingual-po")
    if created:
        header.set("creationdate", created)
    if alignment.signature:
        ET.SubElement(header, "prop", type="x-signature").text = alignment.signature
    ET.SubElement(header, "prop", type="x-document").text = alignment.name
    body = ET.SubElement(root, "body")
    for block in alignment.blocks:
        for row in block.rows:
            tu = ET.SubElement(body, "tu", tuid=row.id)
            ET.SubElement(tu, "prop", type="x-kind").text = row.kind
            ET.SubElement(tu, "prop", type="x-line").text = str(row.line)
            for cell in row.cells:
                tuv = ET.SubElement(tu, "tuv", {XML_LANG: cell.lang})
                ET.SubElement(tuv, "prop", type="x-status").text = cell.status
                _seg(ET.SubElement(tuv, "seg"), cell)
    _indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            + xml_safe(ET.tostring(root, encoding="unicode")) + "\n")


@pytest.mark.parametrize(
    "source",
    ["sample", "", "---\ntitle: Only front matter\n---\n", "One *sentence* with `code`.\n",
     "# A\n\nForm\ffeed [link](https://e.com \"t\") & <b>bold</b>.\n\n| a | b |\n|---|---|\n| 1 | x |\n"],
)
@pytest.mark.parametrize(("signature", "created"), [("sig", ""), ("", "20250101T000000Z")])
def test_the_tmx_made_one_unit_at_a_time_is_the_whole_tree_serialised(source, signature, created):
    text = (SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8") if source == "sample" else source
    doc = parse(text, "issues/999/en.md")
    run = translate([doc], ["zh", "ja"], PseudoEngine())
    alignment = build_alignment(doc, [from_edition(e) for e in run.editions], signature=signature)
    assert tmx(alignment, created) == _whole_tree(alignment, created)
