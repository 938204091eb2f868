"""checks.spans.markup_problems, made linear (issue #27, item 14), finds what the plain definition
finds: every emphasis run tested against every emphasis pair, every closer against the whole
stack of open brackets (the code as it was, kept here as the reference)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.checks.spans import _CLOSE, _OPEN, EMPHASIS, OPAQUE, markup_problems
from bilingual.document.markdown import parse


def _reference(unit) -> list[tuple[int, str, str]]:
    content = unit.content
    masked = list(content)
    for ph in unit.placeholders:
        if ph.kind in OPAQUE:
            masked[ph.start : ph.end] = " " * (ph.end - ph.start)
    scan = "".join(masked)
    out = []
    opens = {p.key: p for p in unit.placeholders if p.kind == "link" and p.role == "open"}
    for ph in unit.placeholders:
        opener = opens.get(ph.key) if ph.kind == "link" and ph.role == "close" else None
        if opener is not None and not content[opener.end : ph.start].strip(" \t\n*_~"):
            out.append((opener.start, content[opener.start : ph.end], "a link with no text"))
    paired = [(p.start, p.end) for p in unit.placeholders if p.kind in EMPHASIS and p.role in ("open", "close")]
    for match in re.finditer(r"\*+|_+", scan):
        run, at = match.group(0), match.start()
        before = scan[at - 1] if at else " "
        after = scan[match.end()] if match.end() < len(scan) else " "
        if run[0] == "*" and len(run) >= 4:
            out.append((at, run, f"an emphasis run {run!r} that renders as stray asterisks"))
        elif any(a <= at < b for a, b in paired):
            continue
        elif run[0] == "_" and (len(run) == 1 or before.isalnum() or after.isalnum()):
            continue
        elif before.isspace() and after.isspace():
            continue
        else:
            out.append((at, run, f"an emphasis delimiter {run!r} that closes or opens nothing"))
    stack: list[tuple[int, str]] = []
    for i, ch in enumerate(scan):
        if ch in _OPEN:
            stack.append((i, ch))
        elif ch in _CLOSE:
            family = _CLOSE[ch]
            if stack and _OPEN[stack[-1][1]] == family:
                stack.pop()
            elif any(_OPEN[c] == family for _, c in stack):
                while _OPEN[stack[-1][1]] != family:
                    j, c = stack.pop()
                    out.append((j, c, f"a bracket {c!r} that is never closed"))
                stack.pop()
            elif stack:
                j, c = stack.pop()
                out.append((j, content[j : i + 1], f"a bracket {c!r} closed by {ch!r}"))
            else:
                out.append((i, ch, f"a bracket {ch!r} that closes nothing"))
    out.extend((j, c, f"a bracket {c!r} that is never closed") for j, c in stack)
    return sorted(out)


_PIECES = st.sampled_from(["*", "**", "_", "__", "a", " ", "(", ")", "[", "]", "（", "）", "「", "」", "`x`",
                           "[a](u)", "[](u)", "***", "****", "\\*", "~~"])


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=25).map("".join))
def test_markup_problems_match_the_reference(text):
    for unit in parse(text.strip() + "\n").units:
        assert markup_problems(unit) == _reference(unit)
