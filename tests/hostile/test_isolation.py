"""The test suite never reads or writes the user's home: every cache and data folder is private."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REAL_HOME, SESSION_HOME

HOME_VARIABLES = ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "BILINGUAL_CACHE_DIR", "ARGOS_PACKAGES_DIR")


@pytest.mark.parametrize("name", HOME_VARIABLES)
def test_every_home_variable_points_into_the_session_folder(name):
    value = Path(os.environ[name]).resolve()
    assert value.is_relative_to(SESSION_HOME.resolve())
    assert not value.is_relative_to(REAL_HOME.resolve()) or SESSION_HOME.resolve().is_relative_to(REAL_HOME.resolve())


def test_the_stamp_cache_without_its_variable_is_private_too(monkeypatch):
    from bilingual.memory.stamp import cache_dir

    monkeypatch.delenv("BILINGUAL_CACHE_DIR")
    assert cache_dir() is not None and cache_dir().resolve().is_relative_to(SESSION_HOME.resolve())
    assert Path.home().resolve() == (SESSION_HOME / "home").resolve()
