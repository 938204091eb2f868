"""Finding columns: a text offset (placeholder tokens) maps to the same content offset (the
markup) as a plain walk over the unit's placeholders does, on every unit of real pages.

``content_offset`` looks the placeholder up by bisection (#15: the walk made checking one long
paragraph quadratic); ``walk`` below is the walk it replaced, kept as the reference.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.checks.spans import content_offset
from bilingual.document.markdown import parse
from bilingual.values import Unit

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "fixtures" / "real").glob("*/*/*.md")) + [ROOT.parent / "issues" / "024" / "en.md"]


def walk(unit: Unit, text_offset: int) -> int:
    t_pos = c_pos = 0
    for ph in unit.placeholders:
        literal = ph.start - c_pos
        if text_offset < t_pos + literal:
            return c_pos + text_offset - t_pos
        t_pos += literal
        if text_offset < t_pos + len(ph.token):
            return ph.start
        t_pos += len(ph.token)
        c_pos = ph.end
    return min(c_pos + text_offset - t_pos, len(unit.content))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: "/".join(p.parts[-3:]))
def test_every_offset_of_every_unit_maps_as_the_walk_does(page: Path) -> None:
    doc = parse(page.read_text(encoding="utf-8"), str(page))
    units = [u for u in doc.units if u.placeholders]
    assert units, "the page has markup"
    for unit in units:
        assert [content_offset(unit, at) for at in range(len(unit.text) + 3)] == [walk(unit, at) for at in range(len(unit.text) + 3)]


def test_a_unit_without_markup_maps_offsets_to_themselves() -> None:
    [unit] = parse("Plain words only.\n").units
    assert [content_offset(unit, at) for at in (0, 5, 17, 40)] == [0, 5, 17, 17]
