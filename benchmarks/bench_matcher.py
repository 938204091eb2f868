"""Benchmark: the glossary matcher (one Aho–Corasick automaton) against bilingual 0.1.0's matcher
and a naive per-term regex loop.

2,000 synthetic terms (a tenth kept, some case-sensitive, one in twenty a verb with -ing/-ed
forms, with plural/possessive variants) are searched in 100,000 synthetic English segments.
Both baselines run in the same process on the same segments: the 0.1.0 matcher
(``baseline/matcher_v010.py``, leftmost-longest, no verb endings) is what issue #10's matching
(verb inflections, longest match over a shorter overlapping one) must stay within 1.2x of; the
naive baseline runs one compiled regex per term, and when its full run would take more than
about 60 seconds, it runs on a subset and the total is extrapolated (the output says so).

Run: python benchmarks/bench_matcher.py [--terms N] [--segments N] [--budget SECONDS] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import re
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bilingual.glossary import Glossary, Matcher, Term  # noqa: E402
from bilingual.glossary.matcher import inflections  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline.matcher_v010 import Matcher as MatcherV010  # noqa: E402

FILLER = (
    "the a of and to in we model data results method paper shows new this that with on for is are "
    "training large small learning network performance better than approach using from by"
).split()
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]


def synthetic_terms(count: int, rng: random.Random) -> list[Term]:
    terms: list[Term] = []
    seen: set[str] = set()
    while len(terms) < count:
        words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        en = " ".join(words)
        if en in seen:
            continue
        seen.add(en)
        if len(terms) % 10 == 0:
            name = en.title().replace(" ", "")
            if name.casefold() in seen:
                continue
            seen.add(name.casefold())
            terms.append(Term(name, keep=True, case_sensitive=len(terms) % 20 == 0))
        else:
            target = "".join(rng.choices(CJK, k=rng.randint(2, 4)))
            inflect = "verb" if len(terms) % 20 == 5 else "noun"
            terms.append(Term(en, {"zh": (target,), "ja": (target,)}, {"zh": ("".join(rng.choices(CJK, k=3)),)}, inflect=inflect))
    return terms


def synthetic_segments(count: int, terms: list[Term], rng: random.Random) -> list[str]:
    surfaces = [(t.en, t.inflect) for t in terms]
    segments = []
    for i in range(count):
        words = []
        for _ in range(rng.randint(8, 20)):
            roll = rng.random()
            if roll < 0.08:
                surface, inflect = rng.choice(surfaces)
                words.append(rng.choice(inflections(surface, inflect))[0] if rng.random() < 0.3 else surface)
            elif roll < 0.1:
                words.append(f"{{{rng.randint(1, 5)}}}")
            else:
                words.append(rng.choice(FILLER))
        text = " ".join(words)
        segments.append(text[0].upper() + text[1:] + ("." if i % 3 else "?"))
    return segments


def naive_patterns(terms: list[Term]) -> list[re.Pattern[str]]:
    """One regex per term: every source form and its inflections, word-bounded, as a careful script would write it."""
    patterns = []
    for term in terms:
        forms = sorted({text for form in (term.en, *term.forms) for text, _, _ in inflections(form)}, key=len, reverse=True)
        flags = 0 if term.case_sensitive else re.IGNORECASE
        patterns.append(re.compile(r"(?<![\w\-.])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w\-]|\.\w)", flags))
    return patterns


def naive(segments: list[str], patterns: list[re.Pattern[str]]) -> int:
    found = 0
    for text in segments:
        for pattern in patterns:
            for _ in pattern.finditer(text):
                found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds the naive baseline may take before it is extrapolated")
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs of each matcher; the best of each counts")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    terms = synthetic_terms(args.terms, rng)
    segments = synthetic_segments(args.segments, terms, rng)
    chars = sum(map(len, segments))
    print(f"{len(terms):,} terms, {len(segments):,} segments ({chars / 1e6:.1f} M characters), Python {sys.version.split()[0]}")

    start = time.perf_counter()
    glossary = Glossary(tuple(terms))
    matcher = Matcher(glossary)
    build = time.perf_counter() - start
    start = time.perf_counter()
    old = MatcherV010(glossary)
    old_build = time.perf_counter() - start
    search = old_search = float("inf")
    for _ in range(args.repeat):  # interleaved, best of each: a shared machine's load hits both alike
        start = time.perf_counter()
        matches = sum(len(matcher.find_source(text)) for text in segments)
        search = min(search, time.perf_counter() - start)
        start = time.perf_counter()
        old_matches = sum(len(old.find_source(text)) for text in segments)
        old_search = min(old_search, time.perf_counter() - start)
    print(f"matcher:  build {build * 1000:8.1f} ms for {matcher.patterns:,} patterns")
    print(f"matcher:  search {search:8.2f} s  ({search / len(segments) * 1e6:6.1f} µs/segment), {matches:,} matches")
    print(f"0.1.0:    build {old_build * 1000:8.1f} ms for {old.patterns:,} patterns")
    print(f"0.1.0:    search {old_search:8.2f} s  ({old_search / len(segments) * 1e6:6.1f} µs/segment), {old_matches:,} matches")
    print(f"ratio:    the matcher costs {search / old_search:.2f}x the 0.1.0 matcher (budget: 1.2x)")

    patterns = naive_patterns(terms)
    probe = segments[: max(1, min(len(segments), 200))]
    start = time.perf_counter()
    naive(probe, patterns)
    per_segment = (time.perf_counter() - start) / len(probe)
    if per_segment * len(segments) <= args.budget:
        subset = segments
    else:
        subset = segments[: max(len(probe), int(args.budget / 2 / per_segment))]
    start = time.perf_counter()
    naive_matches = naive(subset, patterns)
    elapsed = time.perf_counter() - start
    total = elapsed / len(subset) * len(segments)
    if len(subset) < len(segments):
        print(
            f"naive:    search {total:8.2f} s  EXTRAPOLATED from {len(subset):,} segments measured in {elapsed:.2f} s "
            f"({elapsed / len(subset) * 1e6:,.0f} µs/segment); {naive_matches:,} raw regex hits in the subset"
        )
    else:
        print(f"naive:    search {total:8.2f} s  ({total / len(segments) * 1e6:,.0f} µs/segment), {naive_matches:,} raw regex hits")
    subset_matches = sum(len(matcher.find_source(text)) for text in subset)
    print(f"          (matcher on the same segments: {subset_matches:,} matches after longest-match resolution)")
    print(f"ratio:    the matcher is {total / search:,.1f}x faster than the naive per-term regex loop")
    print(f"summary:  {search / old_search:.2f}x the 0.1.0 matcher, {total / search:,.0f}x faster than naive")


if __name__ == "__main__":
    main()
