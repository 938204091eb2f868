"""``bilingual models list | install | remove``, invoked on the sub-app directly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest_argos import (  # noqa: F401 (fixtures)
    FIXTURE_PAIRS,
    ArgosEnv,
    ServeDir,
    argos_env,
    closed_port_url,
    corpus,
    fake_package,
    fixture_model,
    greedy_engine,
    serve_dir,
    tree_snapshot,
    write_index,
    write_zip,
)
from typer.testing import CliRunner

from bilingual.cli.models import app as models_app

runner = CliRunner()


def invoke(*args: str):  # noqa: ANN201
    return runner.invoke(models_app, list(args))


def test_list_when_nothing_is_installed(argos_env: ArgosEnv) -> None:
    result = invoke("list")
    assert result.exit_code == 0
    assert f"no packages installed in {argos_env.packages}" in result.output


def test_install_files_then_list_then_remove(argos_env: ArgosEnv) -> None:
    zh = fake_package(argos_env.root, "en", "zh", "1.0")
    ja = fake_package(argos_env.root, "en", "ja", "1.1")

    installed = invoke("install", str(zh), str(ja))
    assert installed.exit_code == 0, installed.output
    assert "installed en→zh 1.0" in installed.output and "installed en→ja 1.1" in installed.output

    listed = invoke("list")
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert [line.split()[:2] for line in lines] == [["en→ja", "1.1"], ["en→zh", "1.0"]]
    assert lines[1].endswith(str(argos_env.packages / "translate-en_zh-1_0"))
    assert "KB" in lines[1]

    removed = invoke("remove", "en", "zh")
    assert removed.exit_code == 0
    assert "removed en→zh 1.0" in removed.output
    assert [line.split()[0] for line in invoke("list").output.splitlines()] == ["en→ja"]


def test_reinstall_says_nothing_to_do(argos_env: ArgosEnv) -> None:
    file = fake_package(argos_env.root)
    invoke("install", str(file))
    again = invoke("install", str(file))
    assert again.exit_code == 0
    assert "already installed" in again.output


def test_corrupt_file_is_one_error_line_and_installs_nothing(argos_env: ArgosEnv) -> None:
    good = fake_package(argos_env.root, "en", "ja")
    bad = write_zip(argos_env.root / "bad.argosmodel", {"a/metadata.json": b"{}", "b/x": b""})
    before = tree_snapshot(argos_env.packages)

    result = invoke("install", str(good), str(bad))

    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"bilingual: error: {bad}: not a valid Argos package: 2 root folders (a, b); a package holds exactly one"
    ]
    assert tree_snapshot(argos_env.packages) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name package files"),
        (("--both-ways", "x.argosmodel"), "--both-ways needs --index"),
        (("--index", "en"), "en is the source language"),
    ],
)
def test_install_usage_errors(argos_env: ArgosEnv, args: tuple[str, ...], message: str) -> None:
    result = invoke("install", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_remove_missing_package(argos_env: ArgosEnv) -> None:
    result = invoke("remove", "en", "zh")
    assert result.exit_code == 2
    assert "bilingual: error: no en→zh package installed" in result.output


def test_index_at_a_closed_port_fails_with_a_clear_message(
    argos_env: ArgosEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = closed_port_url()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    result = invoke("install", "--index", "zh", "ja")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"bilingual: error: cannot reach the Argos package index at {base}index.json: connection refused; "
        "install from a file with `bilingual models install FILE`"
    )
    assert list(argos_env.packages.iterdir()) == []


def test_install_fixture_models_from_a_local_index_and_translate(
    argos_env: ArgosEnv, serve_dir: ServeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = argos_env.root / "site"
    site.mkdir()
    files = [Path(shutil.copy(fixture_model(pair), site)) for pair in FIXTURE_PAIRS]
    base = serve_dir(site)
    write_index(site, base, files)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)

    result = invoke("install", "--index", "zh", "ja", "--both-ways")

    assert result.exit_code == 0, result.output
    installed = sorted(line.split()[1] for line in result.output.splitlines())
    assert installed == ["en→ja", "en→zh", "ja→en", "zh→en"]
    rows = corpus()
    engine = greedy_engine()
    engine.check_pairs([("en", "zh"), ("en", "ja"), ("zh", "ja")])
    assert engine.translate([row["en"] for row in rows], "en", "ja") == [row["ja"] for row in rows]
    assert engine.translate([row["zh"] for row in rows], "zh", "ja") == [row["ja"] for row in rows]


def test_install_fixture_model_file_and_translate(argos_env: ArgosEnv) -> None:
    result = invoke("install", str(fixture_model("en_zh")))
    assert result.exit_code == 0, result.output
    rows = corpus()
    assert greedy_engine().translate([row["en"] for row in rows], "en", "zh") == [row["zh"] for row in rows]


def test_index_install_shows_a_progress_bar_on_a_terminal(
    argos_env: ArgosEnv, serve_dir: ServeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = argos_env.root / "site"
    site.mkdir()
    base = serve_dir(site)
    write_index(site, base, [fake_package(site, "en", "ja", "1.0")])
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    monkeypatch.setattr("bilingual.cli.models.progress_enabled", lambda: True)

    result = invoke("install", "--index", "ja")

    assert result.exit_code == 0, result.output
    assert "downloading translate-en_ja-1.0" in result.output
    assert "installed en→ja 1.0" in result.output
