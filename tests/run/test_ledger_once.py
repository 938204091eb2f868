"""A run accounts for each document's characters once (#26): the coverage ledger that decides the
stamps is the one ``check`` reads for the views' findings and the report shows, not computed again
for each of them. Counted through the seam that accounts one unit."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import bilingual
from bilingual.document import ledger
from bilingual.document.markdown import parse

ISSUE = ("# Title\n\nThe model learns *fast* on [the data](https://example.com/).\n\n"
         "- One point about the batch.\n- Another point about the **layer**.\n\n| a | b |\n|---|---|\n| one cell | two |\n")


@pytest.fixture
def accounted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The id of the unit each call of the ledger's per-unit accounting was for."""
    seen: list[int] = []
    each = ledger._account_unit

    def counting(doc, unit, children, buckets):
        seen.append(unit.index)
        return each(doc, unit, children, buckets)

    monkeypatch.setattr(ledger, "_account_unit", counting)
    return seen


@pytest.mark.parametrize("langs", [("zh",), ("zh", "ja")])
def test_a_run_accounts_for_each_unit_of_its_document_once(tmp_path: Path, accounted: list[int], langs):
    issue = tmp_path / "issues" / "001"
    issue.mkdir(parents=True)
    (issue / "en.md").write_text(ISSUE, encoding="utf-8")
    bilingual.translate([issue], bilingual.RunOptions(bilingual.engine("pseudo"), langs, None))
    assert {"report.md", "aligned.html"} <= {p.name for p in issue.iterdir()}
    units = [u.index for u in parse(ISSUE, "en.md").units if u.region is not None]
    assert sorted(accounted) == sorted(units)


def test_the_same_document_gets_the_same_ledger_and_another_its_own(accounted: list[int]):
    doc = parse(ISSUE, "en.md")
    first = ledger.account(doc)
    assert ledger.account(doc) is first
    other = parse(ISSUE.replace("fast", "slow"), "en.md")
    assert ledger.account(other) == first and ledger.account(other) is not first


def test_a_ledger_goes_with_its_document():
    doc = parse(ISSUE, "en.md")
    key = id(doc)
    ledger.account(doc)
    del doc
    gc.collect()
    assert key not in ledger._LEDGERS
