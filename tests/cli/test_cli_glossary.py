"""``bilingual glossary lint|show|import|export``, through the sub-app mounted on a local Typer app."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from lxml import etree
from typer.testing import CliRunner

from bilingual.cli.glossary import app as glossary_app
from bilingual.glossary import lint, load_glossary

ROOT = Path(__file__).resolve().parents[2]
ML = ROOT / "glossary" / "ml.yaml"

cli = typer.Typer()
cli.add_typer(glossary_app, name="glossary")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of glossary/ml.yaml, as the current directory."""
    (tmp_path / "glossary").mkdir()
    shutil.copy(ML, tmp_path / "glossary" / "ml.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["glossary", *args])
    return result.exit_code, result.stdout, result.stderr


def test_lint_default_folder_ok(runner: CliRunner, project: Path) -> None:
    code, out, _ = run(runner, "lint")
    assert code == 0
    assert out.startswith(f"{len(load_glossary([ML]))} terms OK (sha256:")


def test_lint_reports_every_error_with_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms:\n  - en: paper\n    jp: 論文\n  - zh: 报纸\n", encoding="utf-8")
    code, out, err = run(runner, "lint", str(bad))
    assert code == 2
    assert out.splitlines() == [
        f"{bad}:3: unknown key 'jp'; did you mean 'ja'?",
        f"{bad}:4: term has no 'en'; every term needs its English source form",
    ]
    assert "2 problems found" in err


def test_lint_several_paths_and_duplicates_across_files(runner: CliRunner, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("terms:\n  - en: Papers\n    zh: 文章\n  - en: ensemble\n    zh: 集成\n    ja: アンサンブル\n", encoding="utf-8")
    extra_ok = tmp_path / "extra_ok.yaml"
    extra_ok.write_text("terms:\n  - en: bagging\n    zh: 装袋\n", encoding="utf-8")
    code, out, _ = run(runner, "lint", str(ML), str(extra_ok))
    assert code == 0
    code, out, _ = run(runner, "lint", str(ML), str(extra))
    assert code == 2 and f"{extra}:4: term 'ensemble' is defined twice; first defined at {ML}:" in out


def test_lint_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    code, out, _ = run(runner, "lint", str(tmp_path / "nope"))
    assert code == 2 and "no such glossary file or folder" in out


@pytest.mark.parametrize(
    ("query", "lines"),
    [
        ("paper", ["paper", "  defined at glossary/ml.yaml:16", "  zh: 论文", "  ja: 論文", "  forbidden zh: 报纸", "  forbidden ja: 新聞"]),
        ("Papers", ["paper"]),
        ("py torch", ["PyTorch", "  keep: stays as written in every language", "  forms: py torch, Py Torch"]),
        ("论文", ["paper"]),
        ("九头蛇", ["Hydra", "  forbidden zh: 九头蛇"]),
    ],
    ids=["en", "plural", "form", "target", "forbidden"],
)
def test_show(runner: CliRunner, project: Path, query: str, lines: list[str]) -> None:
    code, out, _ = run(runner, "show", query)
    assert code == 0
    shown = out.splitlines()
    assert shown[0] == lines[0] and set(lines) <= set(shown)


def test_show_unknown_term_exits_1(runner: CliRunner, project: Path) -> None:
    code, _, err = run(runner, "show", "papr")
    assert code == 1 and "unknown term 'papr'; did you mean paper" in err


def test_show_with_invalid_glossary_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms: [\n", encoding="utf-8")
    code, _, err = run(runner, "show", "paper", "--glossary", str(bad))
    assert code == 2 and err.startswith(f"bilingual: error: {bad}:")


def test_export_csv_to_stdout(runner: CliRunner, project: Path) -> None:
    code, out, _ = run(runner, "export", "--format", "csv", "--lang", "zh")
    assert code == 0
    assert out.splitlines()[:3] == ["paper,论文", "Hydra,Hydra", "PyTorch,PyTorch"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "csv"], "add --lang zh or --lang ja"),
        (["export", "--format", "csv", "--lang", "fr"], "unknown language 'fr'"),
        (["import", "x.csv", "--format", "csv"], "add --lang zh or --lang ja"),
        (["import", "missing.tbx", "--format", "tbx"], "missing.tbx: no such file"),
    ],
)
def test_interchange_usage_errors(runner: CliRunner, project: Path, args: list[str], message: str) -> None:
    code, _, err = run(runner, *args)
    assert code == 2 and message in err


def test_export_tbx_then_import_round_trip(runner: CliRunner, project: Path) -> None:
    (project / "out").mkdir()  # export writes into a folder that exists; it creates none
    code, _, err = run(runner, "export", "glossary", "--format", "tbx", "--out", "out/ml.tbx")
    assert code == 0 and "wrote" in err
    etree.parse(str(project / "out" / "ml.tbx"))
    code, out, _ = run(runner, "import", "out/ml.tbx", "--format", "tbx", "--out", "roundtrip/ml.yaml")
    assert code == 0 and "new" in out
    assert lint([project / "roundtrip" / "ml.yaml"]) == []
    again = load_glossary([project / "roundtrip" / "ml.yaml"])
    assert again.hash == load_glossary([ML]).hash


def test_import_csv_creates_then_merges(runner: CliRunner, project: Path) -> None:
    (project / "deepl.csv").write_text("paper,论文\nbagging,装袋\nJAX,JAX\n", encoding="utf-8")
    code, out, _ = run(runner, "import", "deepl.csv", "--format", "csv", "--lang", "zh")
    assert code == 0 and out.strip() == "imported 3 terms into glossary/imported.yaml (3 new, 0 merged)"
    (project / "more.csv").write_text("bagging,套袋\nboosting,提升\n", encoding="utf-8")
    code, out, _ = run(runner, "import", "more.csv", "--format", "csv", "--lang", "zh")
    assert code == 0 and "(1 new, 1 merged)" in out
    imported = load_glossary([project / "glossary" / "imported.yaml"])
    assert [t.canonical() for t in imported] == [
        {"en": "paper", "zh": ["论文"]},
        {"en": "bagging", "zh": ["装袋", "套袋"]},
        {"en": "JAX", "keep": True},
        {"en": "boosting", "zh": ["提升"]},
    ]


def test_import_bad_csv_names_file_and_line(runner: CliRunner, project: Path) -> None:
    (project / "bad.csv").write_text("paper,论文\nx,y,z\n", encoding="utf-8")
    code, _, err = run(runner, "import", "bad.csv", "--format", "csv", "--lang", "zh", "--out", "g.yaml")
    assert code == 2 and "bad.csv:2: expected two columns" in err
    assert not (project / "g.yaml").exists()


def test_help_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["glossary", "--help"])
    assert result.exit_code == 0
    for command in ("lint", "show", "import", "export"):
        assert command in result.stdout


def test_glossary_package_imports_nothing_heavy() -> None:
    code = "import sys, bilingual.glossary; print(sorted(m for m in ('yaml', 'ahocorasick', 'lxml') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
