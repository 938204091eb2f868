"""The term alignment behind consistency without a glossary: candidate terms, renderings, scores, places."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilingual.checks.termalign import Aligned, index, inconsistent, renderings, shared, singular, terms


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Masking hides tokens.", {"masking", "token", "masking hides token"}, set()),
        ("The pipelines load schedulers.", {"pipeline", "scheduler", "pipelines load scheduler"}, {"the"}),
        ("Call toValue or unet_model, not the VAE or LoRA.", set(), {"tovalue", "vae", "lora", "unet_model"}),
        ("Use it, for example, in the way you want.", set(), {"use", "example", "way"}),
        ("|||||| watchEffect tracks dependencies", {"track", "dependency", "tracks dependency"}, {"watcheffect"}),
        ("a diffusion encoder", {"diffusion encoder", "encoder", "diffusion"}, set()),
    ],
)
def test_candidate_terms_are_content_words_not_identifiers_or_stop_words(text, present, absent):
    found = terms(text)
    assert present <= found and not absent & found


@pytest.mark.parametrize(("word", "one"), [("pipelines", "pipeline"), ("libraries", "library"), ("classes", "class"),
                                            ("status", "status"), ("mask", "mask"), ("axis", "axis")])
def test_singular(word, one):
    assert singular(word) == one


@pytest.mark.parametrize(
    ("text", "lang", "present", "absent"),
    [
        ("用掩码遮住输入。", "zh", {"掩码", "用掩码遮住输入"}, {"掩", "。"}),
        ("マスクを使う|遮罩", "ja", {"マスク", "遮罩"}, {"マスクを", "を使"}),
        ("a mask", "zh", set(), {"a mask"}),
    ],
)
def test_renderings_are_cjk_ngrams_of_two_to_eight_characters(text, lang, present, absent):
    found = renderings(text, lang)
    assert present <= set(found) and not absent & set(found)


def test_a_place_is_the_line_and_column_of_a_target_offset():
    pair = Aligned("x.md", "zh", "Mask it.", "第一行\n第二行掩码", ((0, 3, 1), (4, 4, 3)))
    assert pair.place(1) == (3, 2) and pair.place(7) == (4, 6)


def _pairs(rows: list[tuple[str, str]], lang: str = "zh") -> list[Aligned]:
    return [Aligned(f"{k // 5}.md", lang, en, zh) for k, (en, zh) in enumerate(rows)]


WORDS = ["first", "last", "here", "there", "later", "once", "twice", "now", "again", "anywhere"]
HAN = "一二三四五六七八九十"
#: "masking" in ten varied sentences, rendered 掩码 and 遮罩 in turn.
MASKS = [(f"Masking {w}.", f"{'掩码' if k % 2 == 0 else '遮罩'}{HAN[k]}") for k, w in enumerate(WORDS)]


def test_a_term_rendered_two_ways_is_found_with_both_renderings():
    [found] = inconsistent(index(_pairs(MASKS)))
    assert found.term == "masking" and found.counts() == [("掩码", 5), ("遮罩", 5)]


def test_one_rendering_throughout_is_not_reported():
    assert inconsistent(index(_pairs([(en, "掩码" + zh[2:]) for en, zh in MASKS]))) == []


def test_a_rendering_used_only_three_times_is_not_strong_enough():
    rows = [(en, ("遮罩" if k in (1, 3, 5) else "掩码") + zh[2:]) for k, (en, zh) in enumerate(MASKS)]
    assert inconsistent(index(_pairs(rows))) == []


def test_two_senses_of_a_word_are_not_two_renderings():
    """ "build tools" (ビルド) and "to build" apps (構築): the second rendering's pairs use the verb."""
    rows = [(f"The build {w}.", f"ビルド{HAN[k]}") for k, w in enumerate(WORDS[:6])]
    rows += [(f"{['To', 'We', 'You can'][k % 3]} build {w}.", f"構築{HAN[k]}") for k, w in enumerate(WORDS[4:])]
    assert inconsistent(index(_pairs(rows, "ja"))) == []


def test_an_expression_is_not_its_word():
    """ "In addition" is 此外 or 另外: a phrase rendered freely, not the term "addition"."""
    rows = [(f"In addition, see {w}.", f"{'此外' if k % 2 else '另外'}，见{HAN[k]}") for k, w in enumerate(WORDS)]
    assert inconsistent(index(_pairs(rows))) == []


def test_a_glossary_rendering_is_not_read():
    assert inconsistent(index(_pairs(MASKS), taken=("掩码", "遮罩"))) == []


def test_one_rendering_for_two_unrelated_terms():
    rows = [(f"The argument goes {w}.", f"参数{HAN[k]}") for k, w in enumerate(WORDS[:6])]
    rows += [(f"The parameter is {w}.", f"参数{HAN[k]}次") for k, w in enumerate(WORDS[4:])]
    assert shared(index(_pairs(rows))) == [("参数", ("argument", "parameter"))]


def test_forms_of_one_word_are_not_two_terms():
    rows = [(f"The update goes {w}.", f"更新{HAN[k]}") for k, w in enumerate(WORDS[:6])]
    rows += [(f"It was updated {w}.", f"已更新{HAN[k]}次") for k, w in enumerate(WORDS[4:])]
    assert shared(index(_pairs(rows))) == []


@given(st.dictionaries(st.text(max_size=3), st.lists(st.integers(0, 40), min_size=1, max_size=20, unique=True)))
def test_postings_give_each_key_its_pairs_however_compactly_they_are_kept(held):
    """A key's pairs are kept as an int, a tuple or a frozenset (by how many); reading gives the same set."""
    from bilingual.checks.termalign import Postings

    built: dict = {}
    for key, pairs in held.items():
        for pair in sorted(pairs):
            Postings.add(built, key, pair)
    postings = Postings(built)
    assert dict(postings) == {k: frozenset(v) for k, v in held.items()}
    assert {k: postings.count(k) for k in held} == {k: len(v) for k, v in held.items()} and postings.count("absent") == 0


@given(st.lists(st.tuples(st.integers(1, 900), st.integers(1, 200)), min_size=1, max_size=12),
       st.sets(st.integers(0, 300), min_size=1, max_size=12), st.integers(-3, 320))
def test_a_place_is_that_of_the_last_restart_at_or_before_the_offset(where, starts, offset):
    """Places are kept packed (issue #26); each offset is placed as the triples say."""
    triples = tuple((at, *where[k % len(where)]) for k, at in enumerate(sorted(starts)))
    at, line, column = max((p for p in triples if p[0] <= offset), default=triples[0])
    pair = Aligned("x.md", "zh", "Mask it.", "掩码" * 200, triples)
    assert pair.place(offset) == (line, column + offset - at)
    assert pair == Aligned("x.md", "zh", "Mask it.", "掩码" * 200, triples) and isinstance(pair.places, bytes)


def test_an_edition_and_its_po_file_share_their_pairs_texts():
    """zh.md is rendered from zh.po and both translate one en.md: each aligned text is kept once (issue #26)."""
    from pathlib import Path

    from bilingual.checks.runner import check_paths

    issue = Path(__file__).resolve().parents[2] / "issues" / "024"
    pairs = check_paths([issue], jobs=1).aligned
    by_text: dict[str, set[int]] = {}
    for pair in pairs:
        for text in (pair.source, pair.target):
            by_text.setdefault(text, set()).add(id(text))
    assert {p.lang for p in pairs} == {"zh", "ja"} and len(pairs) > len(by_text) // 2
    assert all(len(ids) == 1 for ids in by_text.values())
