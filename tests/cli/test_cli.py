"""The CLI as a user meets it: version, help, bad input, and what gets written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bilingual import __version__
from bilingual.cli import app


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"bilingual {__version__}"


def test_help_lists_commands(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("translate", "segment"):  # rich (typer help) imports markdown_it itself
        assert command in result.output


def test_help_imports_no_heavy_modules():
    code = (
        "import sys; from typer.testing import CliRunner; from bilingual.cli import app;"
        "CliRunner().invoke(app, ['--help']);"
        "heavy = [m for m in ('ctranslate2', 'argostranslate', 'torch', 'sentencepiece', 'bilingual.document.markdown', 'pysbd',"
        " 'polib', 'jinja2', 'sacrebleu', 'ahocorasick', 'yaml') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("# Title\n\nCaf\xe9\n".encode("latin-1"))
    unreadable = tmp_path / "unreadable.md"
    unreadable.write_text("# Title\n", encoding="utf-8")
    unreadable.chmod(0)
    return {
        "missing": (tmp_path / "nope.md", "no such file or folder"),
        "binary": (binary, "binary file"),
        "non-utf8": (latin1, "latin1.md:3: is not valid UTF-8"),
        "unreadable": (unreadable, "cannot be read"),
        "not-markdown": (tmp_path / "notes.txt", "not a Markdown file"),
    }


@pytest.mark.parametrize("case", ["missing", "binary", "non-utf8", "unreadable", "not-markdown"])
def test_bad_input_gives_one_line_and_writes_nothing(runner, tmp_path, case):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    path, message = _bad_inputs(tmp_path)[case]
    if case == "unreadable" and Path("/").stat().st_uid == 0 and __import__("os").geteuid() == 0:
        path.chmod(0o644)
        path.write_bytes(b"\xff\xfe bad")  # root reads anything: test an unreadable encoding instead
        message = "is not valid UTF-8"
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, ["translate", str(path), "--engine", "identity", "--no-glossary"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bilingual: error: ")
    assert message in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_one_bad_file_in_a_folder_stops_the_run_before_writing(runner, tmp_path):
    (tmp_path / "good.md").write_text("# Good\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe")
    result = runner.invoke(app, ["translate", str(tmp_path), "--engine", "identity", "--no-glossary"])
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.md", "good.md"]


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        (["issue/en.md"], ["issue/ja.md", "issue/zh.md"]),
        (["notes.md"], ["notes.ja.md", "notes.zh.md"]),
    ],
)
def test_output_names(runner, tmp_path, layout, expected):
    for rel in layout:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("# Hello\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(tmp_path), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    editions = [p for p in tmp_path.rglob("*.md") if p.name in ("zh.md", "ja.md") or p.name.endswith((".zh.md", ".ja.md"))]
    made = sorted(str(p.relative_to(tmp_path)) for p in editions if str(p.relative_to(tmp_path)) not in layout)
    assert made == sorted(e for e in expected if e not in layout)


def test_out_dir_mirrors_relative_paths(runner, tmp_path):
    (tmp_path / "src" / "024").mkdir(parents=True)
    (tmp_path / "src" / "024" / "en.md").write_text("# Hello\n", encoding="utf-8")
    (tmp_path / "src" / "notes.md").write_text("Hi.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["translate", str(tmp_path / "src"), "--to", "zh", "--engine", "pseudo", "--no-glossary", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "024" / "zh.md").read_text(encoding="utf-8") == "# ⟦Ĥéļļö⟧\n"
    assert (tmp_path / "out" / "notes.zh.md").is_file()
    assert not (tmp_path / "src" / "024" / "zh.md").exists()


def test_segment_json(runner, sample_issue):
    import json

    result = runner.invoke(app, ["segment", str(sample_issue / "en.md"), "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert {"id", "kind", "line", "text"} <= set(rows[0])
    assert any(r["kind"] == "heading" and r["text"] == "Papers" for r in rows)


def test_segment_text(runner, sample_issue):
    result = runner.invoke(app, ["segment", str(sample_issue / "en.md")])
    assert result.exit_code == 0
    assert "heading" in result.output and "sentences" in result.output.splitlines()[-1]
