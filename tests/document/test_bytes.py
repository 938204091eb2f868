"""Bytes outside translated text never change (CRLF, CR, BOM, control characters), and every XML
output stays well-formed XML 1.0 whatever the input holds."""

from __future__ import annotations

import pytest
from lxml import etree

from bilingual.cli import app
from bilingual.document.markdown import parse
from bilingual.document.rebuild import rebuild

BODY = "# Title\n\nA paragraph with **bold** and a [link](https://x.org).\nSecond line.\n\n- item one\n- item two\n\n> quoted\n> text\n\n| a | b |\n|---|---|\n| c | d |\n"
SOURCES = {
    "crlf": BODY.replace("\n", "\r\n"),
    "cr": BODY.replace("\n", "\r"),
    "bom": "\ufeff" + BODY,
    "bom-crlf": "\ufeff" + BODY.replace("\n", "\r\n"),
    "mixed": BODY.replace("\n", "\r\n", 3),
    "form-feed": BODY.replace("Second line.", "Second\x0cline.") + "\x0c\n",
    "controls": BODY.replace("bold", "b\x01o\x1bl\x7fd").replace("quoted", "quo\x0bted\x85"),
    "separators": BODY.replace("Second line.", "Second\u2028line.\u2029"),
}


def _translate(tmp_path, runner, source: str, engine: str):
    folder = tmp_path / "001"
    folder.mkdir()
    (folder / "en.md").write_bytes(source.encode("utf-8"))
    result = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", engine, "--no-glossary"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("name", SOURCES)
def test_identity_is_byte_identical(tmp_path, runner, name):
    folder = _translate(tmp_path, runner, SOURCES[name], "identity")
    assert (folder / "zh.md").read_bytes() == (folder / "en.md").read_bytes()


@pytest.mark.parametrize("name", ["crlf", "bom-crlf", "cr"])
def test_pseudo_keeps_line_ends_and_bom(tmp_path, runner, name):
    folder = _translate(tmp_path, runner, SOURCES[name], "pseudo")
    zh = (folder / "zh.md").read_bytes().decode("utf-8")
    en = SOURCES[name]
    assert zh.startswith("\ufeff") == en.startswith("\ufeff")
    assert zh.count("\r\n") == en.count("\r\n") and zh.count("\r") == en.count("\r")
    lines = zh.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    assert lines == en.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    assert "Ţîţļé" in zh


def test_a_translation_with_new_line_breaks_takes_the_files_line_ends():
    doc = parse("Para one\r\nline two.\r\n")
    assert rebuild(doc, {0: "第一\n第二\n第三"}) == "第一\r\n第二\r\n第三\r\n"


@pytest.mark.parametrize("name", SOURCES)
def test_tmx_is_well_formed(tmp_path, runner, name):
    folder = _translate(tmp_path, runner, SOURCES[name], "pseudo")
    tmx = next(folder.glob("*.tmx"))
    tree = etree.parse(str(tmx), etree.XMLParser(load_dtd=False, resolve_entities=False))
    assert tree.getroot().tag == "tmx"
    assert len(tree.findall(".//tu")) >= 6


def test_tmx_of_every_control_character_is_well_formed(tmp_path, runner):
    controls = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r") + "\x7f\ufffe\uffff\ud7ff"
    folder = _translate(tmp_path, runner, f"# Odd {controls} title\n\nText {controls} here.\n", "pseudo")
    tmx = next(folder.glob("*.tmx"))
    root = etree.parse(str(tmx)).getroot()
    segs = ["".join(seg.itertext()) for seg in root.iter("seg")]
    assert any("Odd" in s for s in segs) and any("\t" in s for s in segs)  # tab is allowed XML, kept


def test_tbx_export_of_a_glossary_with_control_characters_is_well_formed(tmp_path, runner):
    glossary = tmp_path / "g.yaml"
    glossary.write_text('terms:\n  - en: "form\\ffeed"\n    zh: "换\\x1b页"\n    note: "bell\\a"\n', encoding="utf-8")
    out = tmp_path / "g.tbx"
    result = runner.invoke(app, ["glossary", "export", str(glossary), "--format", "tbx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    assert "formfeed" in "".join(root.itertext())


def test_site_feeds_of_an_issue_with_control_characters_are_well_formed(tmp_path, runner):
    issues = tmp_path / "issues"
    issues.mkdir()
    folder = _translate(issues, runner, "---\ntitle: Odd\x0c title\ndate: 2021-08-01\n---\n\n# Odd\x0c\x1b title\n\nText\x0c here.\n", "pseudo")
    site = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(folder.parent), "--out", str(site), "--to", "zh"])
    assert result.exit_code == 0, result.output
    feeds = sorted(site.rglob("*.xml"))
    assert feeds
    for feed in feeds:
        assert etree.parse(str(feed)).getroot().tag.endswith("feed")
