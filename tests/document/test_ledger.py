"""The coverage ledger: every character of the source in exactly one bucket, leaks reported."""

from __future__ import annotations

import dataclasses
import json

import pytest

from bilingual.errors import InputError
from bilingual.document.ledger import BUCKETS, account, verbatim_leaks
from bilingual.document.markdown import parse

from conftest import FIXTURES
from structure import spec_examples
from test_generalise import CASES

GFM = spec_examples((FIXTURES / "gfm" / "spec.txt").read_text(encoding="utf-8"))
COMMONMARK = json.loads((FIXTURES / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))


def _ledger(source: str):
    try:
        return account(parse(source, "en.md"))
    except InputError:
        pytest.skip("refused as a whole (nesting)")


@pytest.mark.parametrize("source", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_reproductions_leave_nothing_unaccounted(source):
    ledger = _ledger(source)
    assert ledger.leaks == ()
    assert sum(ledger.totals.values()) == len(source)


@pytest.mark.parametrize("example", GFM, ids=[str(e["example"]) for e in GFM])
def test_gfm_spec_examples_leave_nothing_unaccounted(example):
    ledger = _ledger(example["markdown"])
    assert ledger.leaks == (), ledger.leaks
    assert set(ledger.totals) == set(BUCKETS)


def test_commonmark_examples_leave_nothing_unaccounted():
    leaking = [e["example"] for e in COMMONMARK if _ledger_or_none(e["markdown"])]
    assert leaking == []


def _ledger_or_none(source: str):
    try:
        return account(parse(source)).leaks
    except InputError:
        return ()


@pytest.mark.parametrize(("source", "dropped", "line", "excerpt"), [
    ("Intro.\n\n> ### Why Not An Enum?\n", 1, 3, "> ### Why Not An Enum?"),
    ("# Title\n\n- item one\n- item two\n", 2, 4, "- item two"),
])
def test_a_unit_no_rule_covers_is_an_untranslated_source_leak(source, dropped, line, excerpt):
    doc = parse(source, "en.md")
    doc = dataclasses.replace(doc, units=tuple(u for u in doc.units if u.index != dropped))
    ledger = account(doc)
    assert [(leak.line, leak.excerpt) for leak in ledger.leaks] == [(line, excerpt)]
    assert str(ledger.leaks[0]).startswith(f"en.md:{line}: untranslated-source")
    assert ledger.totals["untranslated"] > 0


def test_refused_blocks_are_their_own_bucket_with_lines():
    doc = dataclasses.replace(parse("One line.\n\nTwo line.\n", "en.md"), skipped=(3,))
    ledger = account(doc)
    assert ledger.refused == (3,) and ledger.totals["refused"] == len("Two line.\n")
    assert ledger.as_json()["refused"] == ["en.md:3"]


def test_numbers_only_are_copied_by_rule():
    assert account(parse("1,024\n\nSome words here.\n")).totals["copied"] == len("1,024")


@pytest.mark.parametrize(("target", "found"), [
    ("# 标题\n\nThis sentence was never translated at all.\n", [3]),
    ("# 标题\n\n这句话翻译了。\n", []),
])
def test_check_finds_source_prose_copied_into_a_translation(target, found):
    doc = parse("# Title\n\nThis sentence was never translated at all.\n", "en.md")
    assert [leak.line for leak in verbatim_leaks(doc, target)] == found
