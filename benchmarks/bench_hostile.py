"""Benchmark ``check`` and ``segment`` (the parse every command shares) on hostile text runs
(issue #27, item 14): for each class, the CPU time (``time.process_time``, so other load on the
machine matters less) at N and at 2N characters and their ratio. A linear step gives a ratio near
2; a quadratic one near 4. Each class's text is built before its timing starts.

    .venv/bin/python benchmarks/bench_hostile.py [--n 30000] [--only CLASS ...] [--step check|parse]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _words(n: int) -> str:
    return _repeat("the model learns a sparse mixture of experts over tokens and layers ", n).strip()


def _nested(n: int) -> str:
    half = n // 2
    return "[" * half + "]" * half


def _table(n: int) -> str:
    cols = max(2, n // 40)
    head = "|" + "|".join(f" h{c} " for c in range(cols)) + "|"
    rule = "|" + "|".join("---" for _ in range(cols)) + "|"
    return f"{head}\n{rule}\n" + _repeat("|", n)


def _quote_lines(n: int) -> str:
    return "\n".join(_repeat("> ", 40) + "deep" for _ in range(n // 80))


#: class → (English body of about n characters)
CLASSES = {
    "brackets [": lambda n: _repeat("[", n),
    "images ![": lambda n: _repeat("![", n),
    "a_": lambda n: _repeat("a_", n),
    "stars *": lambda n: _repeat("*", n),
    "a*": lambda n: _repeat("a*", n),
    "backticks `": lambda n: _repeat("`", n),
    "a`": lambda n: _repeat("a`", n),
    "angles <": lambda n: _repeat("<", n),
    "a<": lambda n: _repeat("a<", n),
    "ampersands &": lambda n: _repeat("&", n),
    "entities &amp;": lambda n: _repeat("&amp;", n),
    "open entities &a": lambda n: _repeat("&a", n),
    "nested [[..]]": _nested,
    "link-ish [a](": lambda n: _repeat("[a](", n),
    "labels [a]": lambda n: _repeat("[a]", n),
    "tildes ~": lambda n: _repeat("a~~", n),
    "pipes | (table)": _table,
    "plain words": _words,
    "letters a1": lambda n: _repeat("a1", n),
    "quotes > lines": _quote_lines,
    "backslashes \\": lambda n: _repeat("\\", n),
    "urls www.": lambda n: _repeat("www.a", n),
}


def _check(glossary):
    from bilingual.checks.runner import check_text

    def run(body: str) -> None:
        check_text(f"# 标题\n\n{body}\n", "zh", f"# Title\n\n{body}\n", glossary)

    return run


def _parse():
    from bilingual.document.markdown import parse

    def run(body: str) -> None:
        parse(f"# Title\n\n{body}\n")

    return run


def _time(run, body: str) -> float:
    began = time.process_time()
    run(body)
    return time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=30_000)
    parser.add_argument("--only", nargs="*", default=None, help="class names (substring match)")
    parser.add_argument("--step", choices=("check", "parse"), default="check")
    args = parser.parse_args()

    if args.step == "check":
        from bilingual.glossary.load import load_glossary

        run = _check(load_glossary([ROOT / "glossary"]))
    else:
        run = _parse()
    run(_words(200))  # warm: parser, glossary automaton
    print(f"{args.step}: CPU seconds at N={args.n} and 2N characters, and their ratio (linear ≈ 2, quadratic ≈ 4)")
    print(f"{'class':<20} {'N':>9} {'2N':>9} {'ratio':>6}")
    for name, make in CLASSES.items():
        if args.only and not any(o in name for o in args.only):
            continue
        small, large = make(args.n), make(2 * args.n)
        one = _time(run, small)
        two = _time(run, large)
        print(f"{name:<20} {one:9.3f} {two:9.3f} {two / max(one, 1e-6):6.2f}", flush=True)


if __name__ == "__main__":
    main()
