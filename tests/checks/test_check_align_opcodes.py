"""The block alignment's opcodes: a valid edit script for any pair of sequences (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bilingual.checks.align import BEST_PAIRS_CELLS, _best_pairs, _opcodes

keys = st.lists(st.tuples(st.sampled_from("pha")), max_size=30)


@given(keys, keys)
def test_opcodes_are_a_valid_edit_script(a, b):
    ops = _opcodes(a, b)
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))


def test_a_stretch_too_long_to_search_is_paired_in_order():
    n = int(BEST_PAIRS_CELLS**0.5) + 2
    src = [(object(), frozenset()) for _ in range(n)]
    tgt = [(object(), frozenset()) for _ in range(n + 3)]
    pairs = _best_pairs(src, tgt)
    assert [p[0] for p in pairs[:n]] == [s for s, _ in src]
    assert [p[1] for p in pairs] == [t for t, _ in tgt]
    assert all(p[0] is None for p in pairs[n:])
