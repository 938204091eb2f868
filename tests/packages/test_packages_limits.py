"""The limits package installs run under: defaults, environment variables, command-line options."""

from __future__ import annotations

import zipfile

import pytest
from conftest_argos import ArgosEnv, argos_env, fake_package  # noqa: F401 (fixtures)
from typer.testing import CliRunner

from bilingual.cli.models import app as models_app
from bilingual.errors import ModelError
from bilingual.packages import Limits, limits_from_env
from bilingual.packages.limits import MAX_INDEX_ENV, MAX_PACKAGE_ENV, MB, TIMEOUT_ENV


@pytest.fixture(autouse=True)
def _no_limit_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (TIMEOUT_ENV, MAX_INDEX_ENV, MAX_PACKAGE_ENV):
        monkeypatch.delenv(name, raising=False)


def test_defaults_are_20_s_16_mb_and_2048_mb() -> None:
    assert limits_from_env() == Limits()
    assert (Limits().timeout_s, Limits().max_index_bytes, Limits().max_package_bytes) == (20.0, 16 * MB, 2048 * MB)


def test_environment_sets_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "7.5")
    monkeypatch.setenv(MAX_INDEX_ENV, "2")
    monkeypatch.setenv(MAX_PACKAGE_ENV, "0.5")
    limits = limits_from_env()
    assert (limits.timeout_s, limits.max_index_bytes, limits.max_package_bytes) == (7.5, 2 * MB, MB // 2)


def test_options_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "7.5")
    monkeypatch.setenv(MAX_PACKAGE_ENV, "3")
    limits = limits_from_env(timeout_s=2, max_package_mb=1)
    assert (limits.timeout_s, limits.max_package_bytes, limits.max_index_bytes) == (2, MB, 16 * MB)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (TIMEOUT_ENV, "soon", "BILINGUAL_NETWORK_TIMEOUT='soon' is not a number of seconds"),
        (TIMEOUT_ENV, "0", "BILINGUAL_NETWORK_TIMEOUT must be a positive number of seconds"),
        (MAX_INDEX_ENV, "-1", "BILINGUAL_MAX_INDEX_MB must be a positive number of megabytes"),
        (MAX_PACKAGE_ENV, "inf", "BILINGUAL_MAX_PACKAGE_MB must be a positive number of megabytes"),
    ],
)
def test_a_bad_environment_value_is_named(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ModelError, match=message):
        limits_from_env()


def test_a_bad_option_is_one_line_and_exit_2(argos_env: ArgosEnv) -> None:
    result = CliRunner().invoke(models_app, ["install", "--index", "zh", "--timeout", "-3"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "bilingual: error: --timeout must be a positive number of seconds, not -3"


@pytest.mark.parametrize(("where", "message"), [(0.0, "the package file is"), (0.5, "unpacked size")])
def test_max_package_mb_applies_to_package_files_too(argos_env: ArgosEnv, where: float, message: str) -> None:
    package = fake_package(argos_env.root)
    with zipfile.ZipFile(package) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    size = package.stat().st_size
    assert size < unpacked
    cap = (size - 1 + where * (unpacked - size)) / MB  # below the file, or between file and unpacked size

    result = CliRunner().invoke(models_app, ["install", str(package), "--max-package-mb", f"{cap:.9f}"])

    assert result.exit_code == 2
    assert message in result.stderr and "raise --max-package-mb or BILINGUAL_MAX_PACKAGE_MB" in result.stderr
    assert list(argos_env.packages.iterdir()) == []
