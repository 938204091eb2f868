"""The glossary fields the reviewer reads: ``accepted`` synonyms per language and ``unambiguous`` forbidden forms."""

from __future__ import annotations

import pytest

from bilingual.glossary.load import parse_text
from bilingual.glossary.schema import Glossary


def test_accepted_and_unambiguous_are_read():
    [term], errors = parse_text("terms:\n  - en: mask\n    zh: 掩码\n    accepted: {zh: [遮罩, 蒙版]}\n"
                                "    forbidden: {zh: [面具]}\n    unambiguous: true\n")
    assert errors == []
    assert term.accepted_in("zh") == ("遮罩", "蒙版") and term.accepted_in("ja") == () and term.unambiguous
    assert term.canonical()["accepted"] == {"zh": ["遮罩", "蒙版"]} and term.canonical()["unambiguous"] is True


def test_an_accepted_synonym_is_found_as_a_rendering():
    terms, _ = parse_text("terms:\n  - en: mask\n    zh: 掩码\n    accepted: {zh: [遮罩]}\n")
    [m] = Glossary(tuple(terms)).matcher.find_target("一个遮罩", "zh")
    assert (m.kind, m.surface) == ("target", "遮罩")


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        ("    zh: 掩码\n    accepted: {zh: [掩码]}\n", 4, "accepted '掩码' is already a zh target"),
        ("    zh: 掩码\n    forbidden: {zh: [遮罩]}\n    accepted: {zh: [遮罩]}\n", 5, "both accepted in zh and forbidden"),
        ("    zh: 掩码\n    unambiguous: true\n", 4, "'unambiguous: true' says the forbidden renderings are always wrong"),
        ("    zh: 掩码\n    unambiguous: yes please\n", 4, "'unambiguous' must be true or false"),
        ("    zh: 掩码\n    accepted: 遮罩\n", 4, "'accepted' must map a language to its accepted renderings"),
        ("    zh: 掩码\n    accepted: {fr: [masque]}\n", 4, "unknown key 'fr'"),
    ],
)
def test_lint_reports_each_problem_of_the_new_fields_at_its_line(entry, line, message):
    _, errors = parse_text("terms:\n  - en: mask\n" + entry, "g.yaml")
    assert any(e.line == line and message in e.message for e in errors), errors


def test_glossary_show_prints_the_new_fields(runner, tmp_path):
    from bilingual.cli import app

    path = tmp_path / "g.yaml"
    path.write_text("terms:\n  - en: mask\n    zh: 掩码\n    accepted: {zh: [遮罩]}\n    forbidden: {zh: [面具]}\n"
                    "    unambiguous: true\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "show", "mask", "-g", str(path)])
    assert result.exit_code == 0
    assert "  accepted zh: 遮罩" in result.stdout and "  unambiguous:" in result.stdout
