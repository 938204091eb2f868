"""Messages that say what is wrong, and commands without silent side effects (found by a newcomer)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilingual.cli import app
from conftest import ROOT, SAMPLE_ISSUE


def _issue(tmp_path: Path, text: str | bytes, name: str = "001") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    (folder / "en.md").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


def test_a_binary_glossary_is_called_not_a_yaml_glossary(runner, tmp_path):
    (tmp_path / "gbin.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    issue = _issue(tmp_path, "# Hello\n")
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "-g", str(tmp_path / "gbin.yaml")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"bilingual: error: {tmp_path / 'gbin.yaml'}: is a binary file, not a YAML glossary")
    assert "Markdown" not in result.stderr


def test_diff_of_missing_files_says_no_such_file(runner):
    result = runner.invoke(app, ["diff", "/nonexistent", "/nonexistent2"])
    assert result.exit_code == 2
    assert result.stderr == "bilingual: error: /nonexistent: no such file; check the path\n"


def test_approved_only_without_po_files_says_there_are_none_yet(runner, tmp_path):
    issue = _issue(tmp_path, "# Hello there\n\nA sentence.\n")
    result = runner.invoke(app, ["translate", str(issue), "--approved-only"])
    assert result.exit_code == 0, result.output
    assert "not approved" not in result.stderr and "(line 1)" not in result.stderr
    for lang in ("zh", "ja"):
        assert (f"{issue / f'{lang}.po'}: no PO file yet, so nothing is approved: all 2 segment(s) left in English; "
                "run bilingual translate without --approved-only first") in result.stderr


def test_check_of_a_binary_source_says_it_is_binary(runner, tmp_path):
    issue = _issue(tmp_path, b"\x89PNG\x00\x00")
    result = runner.invoke(app, ["check", str(issue / "en.md"), "--lang", "zh", "--no-glossary"])
    assert result.exit_code == 2
    assert "is a binary file" in result.stderr and "holds no editions" not in result.stderr


def test_check_of_en_md_says_it_checks_the_translations_of_the_source(runner, tmp_path):
    issue = tmp_path / "001"
    shutil.copytree(SAMPLE_ISSUE, issue)
    result = runner.invoke(app, ["check", str(issue / "en.md"), "--lang", "zh", "--no-glossary"])
    assert result.exit_code == 0, result.output
    assert (f"bilingual: note: {issue / 'en.md'} is the English source; checked its translations "
            f"{issue / 'zh.md'}, {issue / 'zh.po'}") in result.stderr


def test_check_of_en_md_without_translations_says_so(runner, tmp_path):
    issue = _issue(tmp_path, "# Hello\n")
    result = runner.invoke(app, ["check", str(issue / "en.md"), "--no-glossary"])
    assert result.exit_code == 2
    assert result.stderr == (f"bilingual: error: {issue / 'en.md'}: is the English source, and its folder holds no "
                             "translation to check (zh.md, ja.md, zh.po, ja.po); translate it first\n")


@pytest.mark.parametrize("command", ["export", "suggest"])
def test_glossary_out_into_a_missing_folder_is_refused(runner, tmp_path, command):
    out = tmp_path / "nonexistdir" / "x.out"
    args = {
        "export": ["glossary", "export", str(ROOT / "glossary"), "--out", str(out)],
        "suggest": ["glossary", "suggest", str(SAMPLE_ISSUE), "--lang", "zh", "-g", str(ROOT / "glossary"), "--out", str(out)],
    }[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"bilingual: error: {out}: its folder {out.parent} does not exist; create it first\n"
    assert not out.parent.exists()


def test_models_list_creates_nothing(runner, tmp_path, monkeypatch):
    packages = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0, result.output
    assert "no packages installed" in result.stdout
    assert not packages.exists()


def test_status_out_that_is_a_file_is_refused(runner, tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["status", str(SAMPLE_ISSUE), "--out", str(tmp_path / "afile")])
    assert result.exit_code == 2
    assert result.stderr == f"bilingual: error: {tmp_path / 'afile'}: is a file; --out names the folder translate --out wrote into\n"


@pytest.mark.parametrize("text", ["", "\n\n", "---\nlayout: post\n---\n", "```\ncode only\n```\n"])
def test_a_source_without_translatable_text_is_noted(runner, tmp_path, text):
    issue = _issue(tmp_path, text)
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    assert f"bilingual: warning: {issue / 'en.md'}: has no translatable text" in result.stderr


def test_a_source_with_text_has_no_such_warning(runner, tmp_path):
    issue = _issue(tmp_path, "# Hello\n")
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary"])
    assert "no translatable text" not in result.stderr


@pytest.mark.parametrize("value", ["bogus", "INT8", ""])
def test_an_unknown_compute_type_is_refused_for_argos(runner, tmp_path, value):
    issue = _issue(tmp_path, "# Hello\n")
    before = sorted(p.name for p in issue.iterdir())
    result = runner.invoke(app, ["translate", str(issue), "--compute-type", value, "--no-glossary"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"bilingual: error: --compute-type: compute type {value!r} is not supported on cpu")
    assert "int8" in result.stderr and len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in issue.iterdir()) == before


def test_models_list_with_argos_defaults_creates_no_folder(tmp_path):
    """Without ARGOS_PACKAGES_DIR the folder is found the way Argos finds it, without importing
    argostranslate.settings (which creates Argos's data, config and cache folders)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "ARGOS_PACKAGES_DIR" and not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path / "home")
    (tmp_path / "home").mkdir()
    code = "import sys; from bilingual.cli import main; sys.argv[0] = 'bilingual'; main()"
    result = subprocess.run([sys.executable, "-c", code, "models", "list"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert f"no packages installed in {tmp_path / 'home/.local/share/argos-translate/packages'}" in result.stdout
    assert list((tmp_path / "home").iterdir()) == []
