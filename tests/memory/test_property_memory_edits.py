"""Sequences of edits to the source and the translations (issue 22): no human msgstr ever leaves the PO
file (its msgstrs or comments, active or obsolete), and an approved (id, source) pair that comes back
is approved again, with the text the person approved.

Hypothesis draws what happens to ``en.md`` (a sentence changed, the change reverted, a paragraph
deleted, restored, two paragraphs swapped), around it (the engine switched, the glossary changed)
what the edition shows for a changed sentence (``[memory] changed``), and what people do (approve
or draft a translation in zh.po, fix a sentence in zh.md), with a run of
``translate`` after the steps that ask for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bilingual.engines.identity import IdentityEngine
from bilingual.engines.pseudo import PseudoEngine
from bilingual.glossary.load import load_glossary
from bilingual.layout import find_jobs
from bilingual.run import RunOptions, translate_archive

#: Each paragraph in its original wording and with one sentence changed.
PARAGRAPHS = (
    ("This paper studies data. The second paper is short.", "This paper studies data. The second paper is very short."),
    ("A paragraph about models.", "A paragraph about large models."),
    ("Training takes a week. Results follow.", "Training takes a month. Results follow."),
)
TARGETS = ("论文", "文章")
ENGINES = {"pseudo": PseudoEngine, "identity": IdentityEngine}


def words(text: str) -> str:
    return re.sub(r"\{/?\d+\}|\*", "", text)


@dataclass
class World:
    root: Path
    engine: str = "pseudo"
    changed: str = "previous"  # [memory] changed: what a changed sentence's edition shows
    order: list[int] = field(default_factory=lambda: [0, 1, 2])  # the paragraphs en.md holds, in order
    variant: list[int] = field(default_factory=lambda: [0, 0, 0])  # each paragraph's wording
    written: int = 0
    human: set[str] = field(default_factory=set)  # every text a person wrote into zh.po or zh.md
    approved: dict[tuple[str, str], str] = field(default_factory=dict)  # (id, source) → the text a person approved

    @property
    def issue(self) -> Path:
        return self.root / "issues" / "024"

    def write_source(self) -> None:
        body = "\n\n".join(PARAGRAPHS[k][self.variant[k]] for k in self.order)
        (self.issue / "en.md").write_text(f"# Weekly papers\n\n{body}\n", encoding="utf-8")

    def set_glossary(self, target: str) -> None:
        (self.root / "glossary.yaml").write_text(f"terms:\n  - en: paper\n    zh: {target}\n", encoding="utf-8")

    def po(self) -> polib.POFile:
        return polib.pofile(str(self.issue / "zh.po"), wrapwidth=78)

    def in_po(self) -> str:
        if not (self.issue / "zh.po").exists():
            return ""
        return "\n".join(part for e in self.po() for part in (e.msgstr, e.tcomment or ""))

    def run(self) -> None:
        before = words(self.in_po())
        kept = {h for h in self.human if words(h) in before}
        options = RunOptions(ENGINES[self.engine](), ("zh",), load_glossary([self.root / "glossary.yaml"]), changed=self.changed)
        translate_archive(find_jobs([self.issue]), options)
        after = words(self.in_po())
        lost = sorted(h for h in kept if words(h) not in after)
        assert not lost, f"human text lost: {lost}"
        for entry in self.po():
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or key not in self.approved:
                continue
            assert "fuzzy" not in entry.flags and entry.msgstr == self.approved[key], (
                f"{key} was approved as {self.approved[key]!r}; now {entry.msgstr!r} {entry.flags}")

    # -- what people do --------------------------------------------------------------------------

    def edit_po(self, pick: int, approve: bool) -> None:
        po = self.po()
        entries = [e for e in po if not e.obsolete and e.msgstr and "{" not in e.msgid]
        if not entries:
            return
        entry = entries[pick % len(entries)]
        self.written += 1
        entry.msgstr = f"译者{self.written}号"
        self.human.add(entry.msgstr)
        key = (entry.msgctxt, entry.msgid)
        if approve:
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            self.approved[key] = entry.msgstr
        else:
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            self.approved.pop(key, None)
        po.save()

    def edit_edition(self, pick: int) -> None:
        edition = self.issue / "zh.md"
        markdown = edition.read_text(encoding="utf-8")
        candidates = [e.msgstr for e in self.po() if not e.obsolete and e.msgstr and "{" not in e.msgstr
                      and markdown.count(e.msgstr) == 1]
        if not candidates:
            return
        self.written += 1
        mine = f"手改{self.written}号"
        self.human.add(mine)
        edition.write_text(markdown.replace(candidates[pick % len(candidates)], mine), encoding="utf-8")

    # -- what happens to the source ----------------------------------------------------------------

    def change(self, k: int) -> None:
        self.variant[k] = 1

    def revert(self, k: int) -> None:
        self.variant[k] = 0

    def delete(self, k: int) -> None:
        if k in self.order and len(self.order) > 1:
            self.order.remove(k)

    def restore(self, k: int) -> None:
        if k not in self.order:
            self.order = sorted([*self.order, k])

    def reorder(self) -> None:
        if len(self.order) > 1:
            self.order[0], self.order[1] = self.order[1], self.order[0]


PARAGRAPH = st.integers(0, len(PARAGRAPHS) - 1)
STEP = st.one_of(
    st.tuples(st.just("approve"), st.integers(0, 9)),
    st.tuples(st.just("draft"), st.integers(0, 9)),
    st.tuples(st.just("hand-edit"), st.integers(0, 9)),
    st.tuples(st.just("change"), PARAGRAPH),
    st.tuples(st.just("revert"), PARAGRAPH),
    st.tuples(st.just("delete"), PARAGRAPH),
    st.tuples(st.just("restore"), PARAGRAPH),
    st.tuples(st.just("reorder"), st.just(0)),
    st.tuples(st.just("engine"), st.sampled_from(sorted(ENGINES))),
    st.tuples(st.just("glossary"), st.integers(0, len(TARGETS) - 1)),
    st.tuples(st.just("changed"), st.sampled_from(["previous", "machine"])),
)
SOURCE_STEPS = ("change", "revert", "delete", "restore", "reorder")


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(STEP, st.booleans()), min_size=1, max_size=10))
@example(steps=[(("approve", 2), False), (("change", 0), True), (("revert", 0), True)])  # reproduction 3
@example(steps=[(("approve", 2), False), (("change", 0), True), (("glossary", 1), True), (("engine", "identity"), True),
                (("revert", 0), True)])
@example(steps=[(("approve", 2), False), (("delete", 0), True), (("change", 0), True), (("restore", 0), True),
                (("revert", 0), True)])
def test_human_text_stays_and_approval_returns_with_its_sentence(tmp_path_factory, monkeypatch, steps):
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    w = World(tmp_path_factory.mktemp("world"))
    w.issue.mkdir(parents=True)
    w.write_source()
    w.set_glossary(TARGETS[0])
    w.run()
    for (what, value), run_now in steps:
        if what == "approve":
            w.edit_po(value, approve=True)
        elif what == "draft":
            w.edit_po(value, approve=False)
        elif what == "hand-edit":
            w.edit_edition(value)
        elif what == "engine":
            w.engine = value
        elif what == "glossary":
            w.set_glossary(TARGETS[value])
        elif what == "changed":
            w.changed = value
        elif what == "reorder":
            w.reorder()
        else:
            getattr(w, what)(value)
        if what in SOURCE_STEPS:
            w.write_source()
        if run_now or what in (*SOURCE_STEPS, "engine", "glossary"):
            w.run()
    w.run()
