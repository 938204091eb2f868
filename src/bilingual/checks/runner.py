"""Running the rules over files (which files: :mod:`.targets`), against which source, and where each finding lies.

Nothing here prints or writes files. :func:`check_paths` resolves targets (editions, PO files,
issue folders, folders of either), parses each source once, builds the glossary matcher once,
and returns every :class:`~.model.Violation` of the run in file, line and column order.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..languages import TARGETS
from ..values import Document
from .align import Layout, alignment, layout, target_only, unpaired
from .consistency import Rendering, aligned_findings, findings, observe
from .follows import version
from .kinds import kind_of
from .leak_rules import ledger_leaks
from .links import LinkMap
from .model import CheckResult, Finding, Pair, Violation
from .places import Places, po_place
from .registry import units
from .rules import PAIR_RULES, RULES, SAME_PROBLEM, Context
from .spans import content_offset
from .termalign import Aligned
from .targets import Target, edition_lang, find_targets, source_notes  # noqa: F401  (checks' API: see __init__)
from .termalign import aligned as read_pair

if TYPE_CHECKING:
    from ..document.ledger import Ledger
    from ..glossary.schema import Glossary
    from ..document.protect import Protection

#: What checking one file gives: the pair rules' violations, the glossary renderings, the aligned unit pairs.
_Found = tuple[list[Violation], list[Rendering], list[Aligned]]
_SENTENCE_END = re.compile(r"[。！？!?]+|\.(?=\s|$)")


def check_paths(paths: Sequence[Path], lang: str | None = None, source: Path | None = None,
                glossary: Glossary | None = None, jobs: int | None = None, link_map: LinkMap = ()) -> CheckResult:
    """Check every edition under ``paths``: each source is parsed once, the matcher built once per process.

    Editions are checked in ``jobs`` processes (default: one per CPU once there are
    :data:`PARALLEL_FROM` editions or more); the result is the same in any case.
    """
    targets = find_targets(paths, lang, source)
    result = check_targets(targets, glossary, jobs, link_map)
    return replace(result, notes=source_notes(paths, targets) + result.notes)


def check_targets(targets: Sequence[Target], glossary: Glossary | None = None, jobs: int | None = None,
                  link_map: LinkMap = (), texts: Mapping[Path, str | Path] | None = None,
                  memo: MutableMapping[object, tuple[object, object]] | None = None,
                  parsed: Mapping[Path, Document] | None = None) -> CheckResult:
    """What ``check`` reports for ``targets``: every finding once per place, consistency across the files included.

    ``texts`` holds the text of files not yet written (a run's editions and PO files), or for a PO
    file the UTF-8 file that holds it (read line by line); the others are read from disk. ``memo`` (kept by the caller between calls with the same glossary and
    settings) holds each file's findings with the text they are of, so that a file whose text is
    the same is not checked again (the review server's recheck after a save). ``parsed`` holds
    sources the caller has parsed already (a run's documents). With ``texts``, ``memo`` or
    ``parsed`` the files are checked in this process.
    """
    groups: dict[Path | None, list[Target]] = {}
    for target in targets:
        key = target.source.resolve() if target.source is not None else None
        groups.setdefault(key, []).append(target)
    work = [tuple(group) for key, group in groups.items() if key is not None]
    work.extend((target,) for target in groups.get(None, []))
    if texts or memo is not None or parsed:
        jobs = 1
    elif jobs is None:
        jobs = min(os.cpu_count() or 1, len(work)) if len(targets) >= PARALLEL_FROM else 1
    if glossary is not None and len(glossary):
        _ = glossary.matcher  # built here, once: forked workers inherit it
    found: dict[Target, _Found] = {}
    ledgers: list[Ledger] = []
    if jobs > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from ..document.protect import active

        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_share,
                                 initargs=(glossary, active(), link_map)) as pool:
            for done, ledger in pool.map(_check_group, work, chunksize=max(1, len(work) // (jobs * 4))):
                found.update(done)
                ledgers.extend(ledger)
    else:
        _share(glossary, None, link_map)
        for group in work:
            done, ledger = _check_group(group, texts, memo, parsed)
            found.update(done)
            ledgers.extend(ledger)
    renderings = [r for target in targets for r in found[target][1]]
    pairs = [a for target in targets for a in found[target][2]]
    extra: dict[str, list[Violation]] = {}  # the findings across files, by the file they are in
    for x in findings(renderings) + aligned_findings(pairs, glossary):
        extra.setdefault(x.file, []).append(x)
    per_file = {target: _sorted(found[target][0] + extra.get(str(target.path), [])) for target in targets}
    violations = tuple(v for target in targets for v in _once(target, per_file))
    notes: tuple[str, ...] = ()
    if glossary is None:
        notes += ("no glossary (--no-glossary): the glossary term rules did not run; "
                  "consistency used the renderings aligned with the source",)
    return CheckResult(violations, tuple(str(t.path) for t in targets), notes, tuple(renderings), tuple(pairs),
                       tuple(ledgers))


def _once(target: Target, per_file: dict[Target, list[Violation]]) -> list[Violation]:
    """``target``'s violations, less those its PO file reports for the same segment (each finding once per place).

    An edition rendered from a PO file shows the PO file's text: a problem in it would be reported
    twice, at the edition's line and at the PO entry's. It is reported once, at the PO entry,
    where the translation is kept and fixed; what only the edition has stays.
    """
    if target.is_po or target.source is None:
        return per_file[target]
    po = next((t for t in per_file if t.is_po and (t.lang or t.path.stem) == target.lang
               and t.path.parent == target.path.parent), None)
    if po is None:
        return per_file[target]
    seen = {(v.rule, v.segment, v.found, v.expected) for v in per_file[po] if v.segment is not None}
    mine = [v for v in per_file[target] if v.segment is None or (v.rule, v.segment, v.found, v.expected) not in seen]
    # a finding whose segment the edition cannot tell (its sentences do not match the source's one to
    # one) is the PO file's when the PO file has one more of the same kind than the edition's others
    left = Counter((v.rule, v.found, v.expected) for v in per_file[po])
    left.subtract((v.rule, v.found, v.expected) for v in per_file[target] if v.segment is not None)
    out = []
    for v in mine:
        k = (v.rule, v.found, v.expected)
        if v.segment is None and left[k] > 0:
            left[k] -= 1
            continue
        out.append(v)
    return out


#: From this many editions on, check_paths uses a process per CPU.
PARALLEL_FROM = 16
_shared: dict[str, Glossary | None] = {}


def _share(glossary: Glossary | None, protection: Protection | None = None, link_map: LinkMap = ()) -> None:
    """Give this process the run's glossary (its matcher is built on first use, once per process),
    its localised link prefixes and, in a worker, the run's protected patterns (bilingual.toml), so
    it parses as the run does."""
    _shared["glossary"] = glossary
    _shared["link_map"] = link_map
    if protection is not None:
        from ..document.protect import activate

        activate(protection)


def _check_group(group: tuple[Target, ...], texts: Mapping[Path, str | Path] | None = None,
                 memo: MutableMapping[object, tuple[object, object]] | None = None,
                 parsed: Mapping[Path, Document] | None = None) -> tuple[dict[Target, _Found], tuple[Ledger, ...]]:
    """Check editions that share one source (or one edition without a source), parsing the source
    once; with the source's coverage ledger (none without a source). A file ``texts`` holds is
    checked as that text, the others as they are on disk; what ``memo`` holds for the same texts is reused."""
    from ..document.ledger import account
    from ..storage import read_text

    def text_of(path: Path, po: bool = False) -> str | Path:
        """``path``'s text; for a PO file, the file that holds it (read line by line by ``read_po``), unless
        ``memo`` keeps findings by the text they are of."""
        if not texts or path not in texts:
            return path if po and memo is None else read_text(path)
        held = texts[path]
        return held if isinstance(held, str) or po else held.read_bytes().decode("utf-8")

    def source_of(text: str, path: Path) -> tuple[Layout, Ledger]:
        held = parsed[path] if parsed and path in parsed and not _ODD_INDENT.search(text) else None
        document = held if held is not None else _parse_source(text, str(path))  # (a run's document, unless re-read)
        return layout(document), account(document)

    glossary = _shared.get("glossary")
    first = group[0]
    src: Layout | None = None
    ledger: Ledger | None = None
    source_text: str | None = None
    if first.source is not None:
        source_text = parsed[first.source].source if parsed and first.source in parsed else str(text_of(first.source))
        src, ledger = _remember(memo, ("source", first.source), source_text, lambda: source_of(source_text, first.source))
    out: dict[Target, _Found] = {}
    for target in group:
        text = text_of(target.path, po=target.is_po)
        if target.is_po:
            out[target] = _remember(memo, target, (text, None), lambda: _check_po(text, str(target.path), target.lang, glossary))
        else:
            assert target.lang is not None
            out[target] = _remember(memo, target, (text, source_text), lambda: _check_markdown(
                str(text), str(target.path), target.lang, src, glossary, _shared.get("link_map", ()), ledger))
    return out, (ledger,) if ledger is not None else ()


def _remember(memo: MutableMapping[object, tuple[object, object]] | None, key: object, stamp: object, make):  # noqa: ANN001, ANN202
    """``make()``, or what ``memo`` holds under ``key`` for the same ``stamp`` (the texts it was made of)."""
    if memo is None:
        return make()
    held = memo.get(key)
    if held is not None and held[0] == stamp:
        return held[1]
    value = make()
    memo[key] = (stamp, value)
    return value


def _parse(text: str, path: str) -> Document:
    from ..document.markdown import parse

    return parse(text, path)


#: Unicode spaces a line may start with where Markdown reads only spaces and tabs as indentation.
_ODD_INDENT = re.compile(r"^[\u00a0\u2000-\u200a\u202f\u205f\u3000]+(?=[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])", re.MULTILINE)


def _parse_source(text: str, path: str) -> Document:
    """The source parsed with a list marker that a line indents by no-break or other Unicode spaces (an editor's
    artefact: ``\u00a0- **Device Model**: …`` right after a paragraph) read as indented by spaces, so the list is
    a list, as its translation writes it, not the paragraph's text. Same length, so offsets hold."""
    return _parse(_ODD_INDENT.sub(lambda m: " " * len(m.group(0)), text), path)


def check_text(target: str, lang: str, source: str | None = None, glossary: Glossary | None = None,
               path: str = "<target>", link_map: LinkMap = ()) -> list[Violation]:
    """Check one Markdown edition given as text, against an optional English source text."""
    src = layout(_parse_source(source, "<source>")) if source is not None else None
    return check_markdown(target, path, lang, src, glossary, link_map)


def check_markdown(text: str, path: str, lang: str, source: Layout | None, glossary: Glossary | None,
                   link_map: LinkMap = ()) -> list[Violation]:
    """Every violation in one Markdown edition, its consistency within itself included."""
    return _with_consistency(_check_markdown(text, path, lang, source, glossary, link_map), glossary)


def _check_markdown(text: str, path: str, lang: str, source: Layout | None,
                    glossary: Glossary | None, link_map: LinkMap = (), ledger: Ledger | None = None) -> _Found:
    """The pair rules' violations of one Markdown edition, and what the consistency rule reads (see ``_Found``).

    ``ledger`` is the source's coverage ledger (computed here when not given): its leaks that
    the edition holds as written are ``untranslated-source`` findings."""
    doc = _parse(text, path)
    out: list[Violation] = []
    ctx = Context(lang, glossary)
    pairs: list[Pair] = target_only(doc)
    if source is not None:
        tgt = layout(doc)
        aligned, agree = alignment(source, tgt)
        lost, src_blocks, extra, tgt_blocks = unpaired(aligned)
        verdict = version(lost, src_blocks, extra, tgt_blocks, agree)
        counts = (f"{lost} of {src_blocks} source blocks and {extra} of {tgt_blocks} target blocks have no "
                  f"counterpart, {agree:.0%} of blocks agree in their links, code and numbers")
        if verdict != "other":
            pairs = aligned
            ctx = Context(lang, glossary, source.references, tgt.references, _anchors(tgt), link_map,
                          source.document.source, text)
            out.extend(_violation("untranslated-source", finding, path, finding.line or 1, 1, None)
                       for finding in ledger_leaks(source.document, text, ledger))
        if verdict == "other":  # another version of the source: one finding, and only the rules that need no source
            detail = (f"the translation does not follow this source ({counts}); it translates another version of it: "
                      "update it from the source")
            out.append(_violation("structure", Finding(line=1, detail=detail, found=f"{tgt_blocks} blocks",
                                                       expected=f"{src_blocks} blocks"), path, 1, 1, None))
        elif verdict == "uncertain":  # the per-block findings follow, with this note
            detail = (f"the translation may follow another version of this source ({counts}); the findings "
                      "of each block follow: if most are stale text, update the page from the source")
            out.append(_violation("structure", Finding(line=1, detail=detail, found=f"{tgt_blocks} blocks",
                                                       expected=f"{src_blocks} blocks", severity="warning"),
                                  path, 1, 1, None))
    places = Places(doc)
    renderings: list[Rendering] = []
    pairs_read: list[Aligned] = []
    for pair in pairs:
        for finding, rule_name, line, column in _run(pair, ctx, places.at):
            segment = _segment(finding, pair, ctx) if pair.sourced else None
            out.append(_violation(rule_name, finding, path, line, column, segment, pair))
        for use in observe(pair, ctx):
            line, column = places.at(Finding(use.unit, use.offset))
            renderings.append(Rendering(path, line, column, lang, use.term, use.rendering, None, use.forbidden))
        if pair.sourced:
            pairs_read.extend(read_pair(path, lang, t, s, lambda u, at: places.at(Finding(u, content_offset(u, at))),
                                      ctx.segment(s, 0)) for t, s in units(pair, sourced=True) if s is not None and t.text.strip())
        ctx.forget_units()  # no rule reads a unit of another block: its memo would grow with the edition
    return _sorted(out), renderings, pairs_read


def _anchors(target: Layout) -> frozenset[str]:
    """The ids a same-page link may name in ``target``: each heading's ``{#id}`` and its slug."""
    from .links import slug
    from .spans import plain

    out: set[str] = set()
    for block in target.blocks:
        if block.kind != "heading" or not block.units:
            continue
        text = plain(block.units[0].text)
        explicit = re.search(r"\{#([^}\s]+)\}\s*$", text)
        if explicit:
            out.add(explicit.group(1).lower())
            text = text[: explicit.start()]
        out.add(slug(text))
    return frozenset(out)


def check_po(text: str, path: str, lang: str | None, glossary: Glossary | None) -> list[Violation]:
    """Every violation in one PO file; the language comes from ``lang`` or the file's header."""
    return _with_consistency(_check_po(text, path, lang, glossary), glossary)


def _with_consistency(found: _Found, glossary: Glossary | None) -> list[Violation]:
    """One file's violations together with its consistency findings within itself, in order."""
    violations, renderings, pairs = found
    return _sorted(violations + findings(renderings) + aligned_findings(pairs, glossary))


def _check_po(text: str | Path, path: str, lang: str | None, glossary: Glossary | None) -> _Found:
    """The pair rules' violations of one PO file, given as its text or the UTF-8 file that holds it (see ``_Found``)."""
    from .po import entry_pairs, read_po

    header_lang, entries = read_po(text, path)
    lang = lang or header_lang
    if lang not in TARGETS:
        raise InputError("cannot tell the language of this PO file; set its Language header or pass --lang", path)
    out: list[Violation] = []
    renderings: list[Rendering] = []
    pairs_read: list[Aligned] = []
    for entry in entries:
        ctx = Context(lang, glossary)  # its memo is of this entry's units: none is kept past the entry
        _, pair = entry_pairs(entry)
        for finding, rule_name, line, column in _run(pair, ctx, lambda f, e=entry: po_place(e, f)):
            out.append(_violation(rule_name, finding, path, line, column, entry.msgctxt, pair))
        for use in observe(pair, ctx):
            line, column = po_place(entry, Finding(use.unit, use.offset))
            renderings.append(Rendering(path, line, column, lang, use.term, use.rendering, entry.msgctxt, use.forbidden))
        pairs_read.extend(read_pair(path, lang, t, s, lambda u, at, e=entry: po_place(e, Finding(u, content_offset(u, at))),
                                  entry.msgctxt) for t, s in units(pair, sourced=True) if s is not None and t.text.strip())
    return _sorted(out), renderings, pairs_read


def _run(pair: Pair, ctx: Context, place: Callable[[Finding], tuple[int, int]]) -> Iterator[tuple[Finding, str, int, int]]:
    """Each rule's findings on ``pair``, placed (``line``, ``column``), each problem once per place: a finding
    whose problem a rule named in ``SAME_PROBLEM`` already reported on the same line of the same unit is dropped."""
    reported: set[tuple[str, int, int]] = set()  # (rule, unit, line) of each finding made in a unit
    for rule in PAIR_RULES:
        if rule.needs_source and not pair.sourced:
            continue
        covered_by = SAME_PROBLEM.get(rule.name)
        for finding in rule.function(pair, ctx):
            line, column = place(finding)
            if finding.unit is not None:
                if covered_by is not None and (covered_by, id(finding.unit), line) in reported:
                    continue  # the same problem at the same place, already reported under covered_by
                reported.add((rule.name, id(finding.unit), line))
            yield finding, rule.name, line, column


def _violation(rule_name: str, finding: Finding, path: str, line: int, column: int, segment: str | None,
               pair: Pair | None = None) -> Violation:
    """The violation of one placed finding, with its kind (``checks.kinds``)."""
    rule = RULES[rule_name]
    severity = finding.severity or rule.severity
    return Violation(path, line, column, rule.name, severity, rule.message(finding), finding.term,
                     finding.found, finding.expected, segment, kind_of(rule.name, finding, pair, severity))


def _sorted(violations: list[Violation]) -> list[Violation]:
    order = {name: n for n, name in enumerate(RULES)}
    return sorted(violations, key=lambda v: (v.line, v.column, order[v.rule]))


def _segment(finding: Finding, pair: Pair, ctx: Context) -> str | None:
    """The source segment a finding belongs to: known from the source side, or by sentence count."""
    unit = finding.unit
    source = next((up.source for up in pair.units if up.target is unit), None) if unit is not None else None
    if source is None:
        block = pair.source
        return f"{block.units[0].uid}.1" if block is not None and block.units and finding.unit is None else None
    if finding.source_at is not None:
        return ctx.segment(source, finding.source_at)
    spans = ctx.sentences(source)
    if len(spans) <= 1:
        return f"{source.uid}.1"
    assert unit is not None
    ends = _sentence_ends(unit.content)
    if len(ends) + (0 if unit.content.rstrip().endswith(tuple("。！？!?.")) else 1) != len(spans):
        return None
    n = bisect.bisect_right(ends, finding.offset) + 1
    return f"{source.uid}.{min(n, len(spans))}"


@functools.lru_cache(maxsize=256)
def _sentence_ends(content: str) -> list[int]:
    """Where the sentences of a target unit end: found once per unit, not once per finding."""
    return [m.end() for m in _SENTENCE_END.finditer(content.rstrip())]
