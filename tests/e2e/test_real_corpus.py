"""The real corpus (tests/fixtures/real: diffusers docs, the Vue guide) survives translation:
identity gives every en.md back byte for byte, pseudo keeps every page's GFM tag structure and
translates no protected template syntax."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

from conftest import FIXTURES, ROOT
from structure import tag_structure

PAGES = sorted((FIXTURES / "real").glob("*/*/en.md"))
IDS = [f"{p.parent.parent.name}/{p.parent.name}" for p in PAGES]


def _translate(tmp: Path, engine: str) -> dict[str, str]:
    for page, name in zip(PAGES, IDS):
        (tmp / name).mkdir(parents=True)
        shutil.copy(page, tmp / name / "en.md")
    args = ["translate", str(tmp), "--to", "zh", "--engine", engine, "--no-align"]
    args += ["--glossary", str(ROOT / "glossary")] if engine == "pseudo" else ["--no-glossary"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return {name: (tmp / name / "zh.md").read_bytes().decode("utf-8") for name in IDS}


@pytest.fixture(scope="module")
def identity(tmp_path_factory):
    return _translate(tmp_path_factory.mktemp("real-identity"), "identity")


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory):
    return _translate(tmp_path_factory.mktemp("real-pseudo"), "pseudo")


def test_corpus_has_nineteen_pages():
    assert len(PAGES) == 19


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_identity_is_byte_identical(identity, page):
    assert identity[IDS[PAGES.index(page)]] == page.read_bytes().decode("utf-8")


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_pseudo_keeps_tag_structure(pseudo, page):
    assert tag_structure(pseudo[IDS[PAGES.index(page)]]) == tag_structure(page.read_text(encoding="utf-8"))


PROTECTED = re.compile(r"\[\[[^\]]+\]\]|\{#[\w-]+\}|\{\{.*?\}\}|^:::+ *[\w-]*", re.M)


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_pseudo_leaves_template_syntax_as_it_is(pseudo, page):
    source = page.read_text(encoding="utf-8")
    assert PROTECTED.findall(pseudo[IDS[PAGES.index(page)]]) == PROTECTED.findall(source)
