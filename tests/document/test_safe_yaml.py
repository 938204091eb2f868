"""Every malformed YAML input, however deep or large, is one ``file:line`` line and exit 2:
a glossary and a document's front matter alike."""

from __future__ import annotations


import pytest

from bilingual.cli import app

DEEP = "[" * 5000 + "]" * 5000
NESTED = "".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "x: 1\n"
BOMB = "x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)
) + "z: [" + ", ".join(["*a8"] * 1200) + "]\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (f"terms:\n  - en: paper\n    note: {DEEP}\n", 3, "nested deeper than"),
        ("terms:\n  - en: paper\n" + NESTED, 67, "nested deeper than"),
        ("terms:\n  - en: paper\n" + BOMB, 12, "aliases"),
    ],
)
def test_a_deep_or_exploding_glossary_is_one_line_and_exit_2(tmp_path, runner, body, line, message):
    path = tmp_path / "glossary.yaml"
    path.write_text(body, encoding="utf-8")
    for command in (["glossary", "lint", str(path)], ["translate", str(tmp_path / "doc.md"), "--engine", "pseudo", "-g", str(path)]):
        (tmp_path / "doc.md").write_text("# Hi\n\nSome text.\n", encoding="utf-8")
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        first = result.output.splitlines()[0]
        assert message in first and f"{path}:{line}:" in first and "Traceback" not in result.output
        assert len([l for l in result.output.splitlines() if str(path) in l]) == 1


@pytest.mark.parametrize(("front", "line"), [(f"title: {DEEP}", 2), (f"title: Fine\ntags: {DEEP}", 3)])
def test_deep_front_matter_is_one_line_and_exit_2(tmp_path, runner, front, line):
    doc = tmp_path / "post.md"
    doc.write_text(f"---\n{front}\n---\n\n# Hi\n\nSome text.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(doc), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 2, result.output
    lines = [l for l in result.output.splitlines() if l.strip()]
    assert len(lines) == 1 and f"{doc}:{line}:" in lines[0] and "front matter is nested deeper than" in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]  # nothing written


def test_front_matter_that_is_not_yaml_is_left_as_it_is(tmp_path, runner):
    doc = tmp_path / "post.md"
    doc.write_text("---\ntitle: [unclosed\n---\n\n# Hi\n\nSome text.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(doc), "--engine", "pseudo", "--no-glossary", "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "post.zh.md").read_text(encoding="utf-8").startswith("---\ntitle: [unclosed\n---\n")


def test_good_front_matter_still_translates(tmp_path, runner):
    doc = tmp_path / "post.md"
    doc.write_text("---\ntitle: A title\nlayout: post\n---\n\n# Hi\n\nSome text.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(doc), "--engine", "pseudo", "--no-glossary", "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert "layout: post" in (tmp_path / "post.zh.md").read_text(encoding="utf-8")
