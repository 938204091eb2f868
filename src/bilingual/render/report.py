"""The diff report of a run: what the engine said, what the glossary changed, what a human approved.

For every segment of every edition, up to three stages, each shown with its differences from the
one before: the engine's raw output (for the masked text, so a masked term is still a ``{N}``),
the text after glossary enforcement and placeholder repair, and the approved human text. A
summary counts origins, glossary substitutions per term, placeholder recoveries and check
violations per rule, and lists the segments that need a human.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..values import Event, Placeholder
from .diffing import Op, inline_diff, md_escape, ops_markdown
from .inputs import ORIGIN_STATUS, as_flags, flags_by_segment, unplaced
from .model import LANG_NAMES, Flag, Status

if TYPE_CHECKING:
    from .markup import Markup
    from ..document.ledger import Ledger
    from ..run.pipeline import Edition

ORIGINS = ("approved", "memory", "cross-issue", "engine", "source")
ORIGIN_LABELS = {
    "approved": "approved (human)",
    "memory": "from memory (fuzzy)",
    "cross-issue": "from another issue's memory",
    "engine": "from the engine",
    "source": "copied as is (no words)",
}
RECOVERY_EVENTS = ("placeholder-recovered", "placeholder-duplicated", "unknown-token")


@dataclass(frozen=True, slots=True)
class Stage:
    """One version of a segment's text; ``ops`` are its differences from the stage before."""

    name: str  # engine, glossary, memory, approved, source
    text: str
    ops: tuple[Op, ...] = ()

    @property
    def changed(self) -> bool:
        return any(op.kind != "equal" for op in self.ops)


@dataclass(frozen=True, slots=True)
class SegmentReport:
    id: str
    lang: str
    line: int
    origin: str
    status: Status
    stages: tuple[Stage, ...]
    events: tuple[Event, ...]
    flags: tuple[Flag, ...]
    source: str = ""  # the English sentence, placeholder form
    markup: tuple[Placeholder, ...] = ()  # the unit's markup its tokens stand for

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why a human should look at this segment; empty when nothing calls for it."""
        out: list[str] = []
        if self.status == "fuzzy":
            out.append("fuzzy")
        out += [f"violation: {f.rule}" for f in self.flags]
        out += [f"{e.kind}: {e.detail}" for e in self.events if e.kind in RECOVERY_EVENTS]
        return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Report:
    name: str
    langs: tuple[str, ...]
    signatures: Mapping[str, str]
    segments: tuple[SegmentReport, ...]
    ledger: Ledger | None = None  # where every character of the source went (bilingual.document.ledger)
    unplaced: tuple[Flag, ...] = ()  # check's findings of no one sentence shown here, listed apart

    def for_lang(self, lang: str) -> list[SegmentReport]:
        return [s for s in self.segments if s.lang == lang]

    @property
    def needs_human(self) -> list[SegmentReport]:
        return [s for s in self.segments if s.reasons]

    def origins(self, lang: str) -> Counter[str]:
        return Counter(s.origin for s in self.for_lang(lang))

    def substitutions(self, lang: str) -> Counter[str]:
        return Counter(e.term or "?" for s in self.for_lang(lang) for e in s.events if e.kind == "glossary-substitution")

    def recoveries(self, lang: str) -> int:
        return sum(1 for s in self.for_lang(lang) for e in s.events if e.kind in RECOVERY_EVENTS)

    def violations(self, lang: str) -> Counter[str]:
        """``lang``'s findings by rule: its sentences' and those of no one sentence."""
        return Counter([*(f.rule for s in self.for_lang(lang) for f in s.flags), *(f.rule for f in self.unplaced if f.lang == lang)])


def build_report(
    editions: Sequence[Edition],
    approved: Mapping[tuple[str, str], str] | None = None,
    statuses: Mapping[tuple[str, str], Status] | None = None,
    violations: Iterable[object] = (),
    name: str = "",
) -> Report:
    """The report of ``editions`` (one document, its languages).

    ``approved`` maps (lang, segment id) to a human translation from the PO file, shown as the
    last stage where it differs; ``statuses`` overrides the status an origin implies (e.g. a PO
    entry still marked fuzzy); ``violations`` are check results (see :func:`.inputs.as_flags`).
    """
    approved = approved or {}
    statuses = statuses or {}
    segments: list[SegmentReport] = []
    langs: list[str] = []
    signatures: dict[str, str] = {}
    flags = as_flags(violations)
    flagged = flags_by_segment(flags)
    shown: set[tuple[str, str]] = set()
    for edition in editions:
        lang = edition.lang
        langs.append(lang)
        signatures[lang] = str(edition.signature)
        shown.update(key for seg in edition.segments for key in ((lang, seg.id), ("", seg.id)))
        for seg in edition.segments:
            t = edition.translations[seg.id]
            status = statuses.get((lang, seg.id), ORIGIN_STATUS.get(t.origin, "machine"))
            stages = _stages(t.origin, t.raw, t.text, approved.get((lang, seg.id)))
            own = tuple(flagged.get((lang, seg.id), []) + flagged.get(("", seg.id), []))
            markup = edition.document.units[seg.unit].placeholders
            segments.append(SegmentReport(seg.id, lang, seg.line, t.origin, status, stages, t.events, own, seg.text, markup))
    name = name or (_issue_name(editions[0].document.path) if editions else "")
    from ..document.ledger import account

    ledger = account(editions[0].document) if editions else None
    return Report(name, tuple(langs), signatures, tuple(segments), ledger, unplaced(flags, shown))


def _stages(origin: str, raw: str | None, text: str, human: str | None) -> tuple[Stage, ...]:
    stages: list[Stage] = []
    if raw is not None:
        stages.append(Stage("engine", raw))
        stages.append(Stage("glossary", text, inline_diff(raw, text)))
    else:
        stages.append(Stage(origin if origin in ("approved", "source") else "memory", text))
    if human is not None and human != stages[-1].text:
        stages.append(Stage("approved", human, inline_diff(stages[-1].text, human)))
    return tuple(stages)


def _issue_name(path: str) -> str:
    from pathlib import Path

    p = Path(path)
    return p.parent.name if p.name == "en.md" else p.stem


STAGE_LABELS = {
    "engine": "engine output",
    "glossary": "after glossary",
    "memory": "from memory",
    "approved": "approved",
    "source": "copied",
}


# ---------------------------------------------------------------------------------------- Markdown


def summary_rows(report: Report) -> list[tuple[str, list[int]]]:
    """The summary table: a label and one count per language."""
    langs = report.langs
    return [
        ("segments", [len(report.for_lang(lang)) for lang in langs]),
        *((ORIGIN_LABELS[o], [report.origins(lang)[o] for lang in langs]) for o in ORIGINS),
        ("glossary substitutions", [sum(report.substitutions(lang).values()) for lang in langs]),
        ("placeholder recoveries", [report.recoveries(lang) for lang in langs]),
        ("check violations", [sum(report.violations(lang).values()) for lang in langs]),
    ]


def counter_rows(langs: Sequence[str], counter: Callable[[str], Counter[str]]) -> list[tuple[str, list[int]]]:
    """A per-language counter (substitutions by term, violations by rule) as rows, most frequent first."""
    counts = {lang: counter(lang) for lang in langs}
    keys = sorted({k for c in counts.values() for k in c}, key=lambda k: (-sum(c[k] for c in counts.values()), k))
    return [(k, [counts[lang][k] for lang in langs]) for k in keys]


def report_markdown(report: Report) -> str:
    """``report.md``: summary, the segments that need a human, then every segment's stages."""
    return "".join(report_markdown_parts(report))


def report_markdown_parts(report: Report) -> Iterator[str]:
    """:func:`report_markdown` in pieces: the summary, then each segment's lines as the file reaches
    them, so the whole text (a 2 MB issue's is 15 MB) is never held."""
    langs = report.langs
    out = [f"# Translation report — {md_escape(report.name)}", ""]
    out += [f"- signature ({lang}): `{report.signatures[lang]}`" for lang in langs]
    out += ["", "## Summary", ""]
    out += _table("", [LANG_NAMES.get(lang, lang) for lang in langs], summary_rows(report))
    for title, what, counter in (
        ("Glossary substitutions by term", "term", report.substitutions),
        ("Violations by rule", "rule", report.violations),
    ):
        rows = counter_rows(langs, counter)
        if rows:
            out += ["", f"### {title}", "", *_table(what, list(langs), rows)]
    out += ledger_markdown(report.ledger)
    needs = report.needs_human
    out += ["", f"## Needs a human ({len(needs)})", ""]
    out += [f"- {s.lang} [`{s.id}`](#{_anchor(s)}) line {s.line}: {md_escape('; '.join(s.reasons))}" for s in needs]
    if not needs:
        out.append("Nothing: no fuzzy segments, violations or recovered placeholders.")
    if report.unplaced:
        out += ["", f"## Findings of no one sentence ({len(report.unplaced)})", ""]
        out += [_finding_markdown(f) for f in report.unplaced]
    del needs
    yield _lines(out)
    for lang in langs:
        yield _lines(["", f"## {LANG_NAMES.get(lang, lang)} ({lang})"])
        for s in report.for_lang(lang):
            out = ["", f'<a id="{_anchor(s)}"></a>**`{s.id}`** · line {s.line} · {s.origin}', ""]
            for stage in s.stages:
                body = ops_markdown(stage.ops) if stage.ops else md_escape(stage.text)
                unchanged = " (unchanged)" if stage.ops and not stage.changed else ""
                out.append(f"- {STAGE_LABELS[stage.name]}{unchanged}: {body}")
            out += [_finding_markdown(f) for f in s.flags]
            yield _lines(out)


def _lines(lines: list[str]) -> str:
    """Lines as text, each ended by a newline."""
    return "\n".join(lines) + "\n"


def _finding_markdown(f: Flag) -> str:
    """``- ⚠️ error forbidden-term · `zh.po:142`: message``."""
    where = f" · `{f.where}`" if f.where else ""
    return f"- ⚠️ {f.severity} {md_escape(f.rule)}{where}: {md_escape(f.message)}"


def ledger_markdown(ledger: Ledger | None) -> list[str]:
    """The coverage ledger's section of ``report.md``: characters per bucket, refused lines, leaks."""
    if ledger is None:
        return []
    from ..document.ledger import BUCKETS

    out = ["", "### Coverage of the source", "", "| bucket | characters |", "|---|---:|"]
    out += [f"| {bucket} | {ledger.totals[bucket]} |" for bucket in BUCKETS]
    out += [f"- refused: {md_escape(ledger.path)}:{line} (left as it is)" for line in ledger.refused]
    out += [f"- ❌ {md_escape(str(leak))}" for leak in ledger.leaks]
    return out


def _table(corner: str, columns: Sequence[str], rows: list[tuple[str, list[int]]]) -> list[str]:
    out = [f"| {corner} | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    return out + [f"| {md_escape(label)} | " + " | ".join(map(str, values)) + " |" for label, values in rows]


def _anchor(s: SegmentReport) -> str:
    return f"{s.lang}-{s.id}".replace(".", "-")


# -------------------------------------------------------------------------------------------- HTML


def report_html(report: Report) -> str:
    """``report.html``: the same report as one self-contained page."""
    return "".join(report_html_parts(report))


def report_html_parts(report: Report) -> Iterator[str]:
    """:func:`report_html` in pieces, each segment's rows made as the page reaches them (none is kept)."""
    from .html import jinja_env

    markups: dict[int, Markup] = {}  # by id of a unit's placeholders: a long paragraph's are many
    sections = [{"lang": lang, "rows": _html_rows(report, lang, markups)} for lang in report.langs]
    yield from jinja_env().get_template("report.html").generate(
        report=report,
        sections=sections,
        summary=summary_rows(report),
        terms=counter_rows(report.langs, report.substitutions),
        rules=counter_rows(report.langs, report.violations),
        names=LANG_NAMES,
        anchor=_anchor,
    )


def _html_rows(report: Report, lang: str, markups: dict[int, Markup]) -> Iterator[dict[str, object]]:
    from .markup import Markup, markup_html

    for s in report.for_lang(lang):
        markup = markups.get(id(s.markup)) or markups.setdefault(id(s.markup), Markup.of(s.markup))
        stages = [
            {"label": STAGE_LABELS[st.name], "html": markup_html(st.ops or (Op("equal", st.text),), markup), "changed": st.changed}
            for st in s.stages
        ]
        source = markup_html((Op("equal", s.source),), markup)
        yield {"segment": s, "anchor": _anchor(s), "stages": stages, "source": source}
