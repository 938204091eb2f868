"""The consistency rule over a document and over the archive, and ``bilingual glossary suggest``."""

from __future__ import annotations

from pathlib import Path

import yaml

from bilingual.checks import check_paths, check_text
from bilingual.checks.suggest import suggest
from bilingual.cli import app
from bilingual.glossary.load import parse_text
from bilingual.glossary.schema import Glossary

GLOSSARY = """\
terms:
  - en: mask
    zh: 掩码
    accepted: {zh: [遮罩]}
    note: A binary mask.
  - en: pipeline
    zh: [流水线, 管道]
"""


def _glossary() -> Glossary:
    terms, errors = parse_text(GLOSSARY, "g.yaml")
    assert not errors
    return Glossary(tuple(terms), ("g.yaml",))


def _archive(root: Path) -> Path:
    for name, en, zh in (("001", "Mask the input.\n\nMask the output.\n", "遮住输入的掩码。\n\n遮住输出的掩码。\n"),
                         ("002", "A mask.\n\nAnother mask.\n", "一个掩码。\n\n另一个掩码。\n"),
                         ("003", "The masked tokens.\n", "被遮罩的标记。\n")):
        (root / name).mkdir(parents=True)
        (root / name / "en.md").write_text(en, encoding="utf-8")
        (root / name / "zh.md").write_text(zh, encoding="utf-8")
    return root


def test_a_document_that_renders_a_term_two_ways_gets_one_warning_with_counts():
    source = "Mask the input.\n\nMask the output.\n\nMask it again.\n"
    [hit] = check_text("遮住输入的掩码。\n\n遮住输出的掩码。\n\n再用遮罩。\n", "zh", source, _glossary())
    assert (hit.rule, hit.severity, hit.line, hit.found) == ("consistency", "warning", 5, "遮罩")
    assert hit.message == "Term 'mask' is not rendered consistently: in this document 掩码 ×2, 遮罩 ×1."


def test_one_rendering_throughout_is_fine():
    source = "Mask the input.\n\nMask the output.\n"
    assert check_text("遮住输入的掩码。\n\n遮住输出的掩码。\n", "zh", source, _glossary()) == []


def test_across_the_archive_a_document_that_uses_the_minority_rendering_gets_an_info(tmp_path):
    result = check_paths([_archive(tmp_path)], "zh", None, _glossary())
    [hit] = result.violations
    assert (hit.rule, hit.severity, Path(hit.file).parent.name, hit.found) == ("consistency", "info", "003", "遮罩")
    assert "across the archive (3 files) 掩码 ×4, 遮罩 ×1" in hit.message
    assert not result.fails("warning") and result.fails("info")


def test_suggest_makes_the_winner_the_target(tmp_path):
    result = check_paths([_archive(tmp_path)], "zh", None, _glossary())
    [term] = suggest(result.renderings, _glossary(), "zh")
    assert (term.en, term.targets["zh"], term.forbidden["zh"], term.accepted) == ("mask", ("掩码",), ("遮罩",), {})
    assert term.note.startswith("zh renderings used: 掩码 ×4, 遮罩 ×1.")


def test_glossary_suggest_writes_a_valid_glossary_entry(runner, tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    out = tmp_path / "suggested.yaml"
    result = runner.invoke(app, ["glossary", "suggest", str(_archive(tmp_path / "issues")), "--lang", "zh",
                                 "-g", str(glossary), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 term rendered more than one way in 3 files" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["terms"][0]["en"] == "mask" and data["terms"][0]["zh"] == "掩码"
    assert parse_text(out.read_text(encoding="utf-8"), str(out))[1] == []


def test_one_rendering_for_two_source_terms_is_an_info():
    terms, _ = parse_text("terms:\n  - en: comment\n    zh: 注释\n  - en: annotation\n    zh: 标注\n"
                          "    forbidden: {zh: [注释]}\n", "g.yaml")
    glossary = Glossary(tuple(terms), ("g.yaml",))
    source = "Add a comment.\n\nCheck each annotation.\n"
    found = check_text("添加注释。\n\n检查每个注释。\n", "zh", source, glossary)
    assert [(v.rule, v.severity, v.line) for v in found] == [("consistency", "info", 1), ("forbidden-term", "error", 3)]
    assert "its rendering '注释' also renders 'annotation'" in found[0].message
