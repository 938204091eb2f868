"""Translation quality against a reference: sacrebleu's BLEU and chrF, and the terminology success rate.

Hypothesis and reference are paired segment by segment: two PO files by ``msgctxt``, anything else
through the English source (editions aligned by structure, PO files by segment id), or, for two
editions without a source, the hypothesis aligned to the reference's structure. Scores are
computed on the text without markup. BLEU tokenizes Chinese with sacrebleu's ``zh`` tokenizer and
Japanese with ``ja-mecab``; chrF is tokenizer-free.

The terminology success rate follows the WMT terminology task's exact-match accuracy: of the
glossary terms found in the source segments (each occurrence counted, only terms the glossary
enforces in the target language), the share whose required rendering appears in the hypothesis
segment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..document.placeholders import strip_tokens

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from ..values import Document

TOKENIZERS = {"zh": "zh", "ja": "ja-mecab"}
SHOW_MISSED = 10  # missed terms listed in the text output


@dataclass(frozen=True)
class Pair:
    """One aligned segment: its id, the English source (when known), hypothesis and reference."""

    id: str
    source: str | None
    hypothesis: str
    reference: str


@dataclass(frozen=True)
class TermHit:
    term: str
    segment: str
    required: str
    found: bool


@dataclass(frozen=True)
class Terminology:
    hits: tuple[TermHit, ...]

    @property
    def total(self) -> int:
        return len(self.hits)

    @property
    def found(self) -> int:
        return sum(1 for h in self.hits if h.found)

    @property
    def rate(self) -> float | None:
        return self.found / self.total if self.total else None


@dataclass(frozen=True)
class Evaluation:
    lang: str
    segments: int
    bleu: float
    bleu_detail: str  # sacrebleu's one-line score, e.g. "BLEU = 23.1 55.0/30.2/… (BP = …)"
    bleu_signature: str
    chrf: float
    chrf_signature: str
    terminology: Terminology | None = None


def evaluate(pairs: Sequence[Pair], lang: str, glossary: Glossary | None = None) -> Evaluation:
    """BLEU, chrF and (with a glossary and sources) terminology success over ``pairs``."""
    from sacrebleu.metrics import BLEU, CHRF

    if lang not in TOKENIZERS:
        raise InputError(f"cannot evaluate language {lang!r}; choose one of: {', '.join(TOKENIZERS)}")
    if not pairs:
        raise InputError("no segments to compare: hypothesis and reference share no segment")
    hyps = [p.hypothesis for p in pairs]
    refs = [[p.reference for p in pairs]]
    try:
        bleu = BLEU(tokenize=TOKENIZERS[lang])
    except (ImportError, RuntimeError) as exc:  # ja-mecab needs MeCab and a dictionary
        raise InputError(f"sacrebleu's {TOKENIZERS[lang]} tokenizer is not available ({exc}); pip install 'sacrebleu[ja]'") from None
    bleu_score = bleu.corpus_score(hyps, refs)
    chrf = CHRF()
    chrf_score = chrf.corpus_score(hyps, refs)
    terms = terminology(pairs, lang, glossary) if glossary is not None else None
    return Evaluation(
        lang,
        len(pairs),
        bleu_score.score,
        str(bleu_score),
        str(bleu.get_signature()),
        chrf_score.score,
        str(chrf.get_signature()),
        terms,
    )


def terminology(pairs: Sequence[Pair], lang: str, glossary: Glossary) -> Terminology:
    """Each enforced term occurrence in a source segment, and whether the hypothesis renders it as required."""
    matcher = glossary.matcher
    hits: list[TermHit] = []
    for pair in pairs:
        if not pair.source:
            continue
        terms = [m.term for m in matcher.find_source(pair.source) if m.term.enforced(lang)]
        seen: dict[str, int] = {}
        for term in terms:
            seen[term.en] = seen.get(term.en, 0) + 1
            found = matcher.count_allowed(pair.hypothesis, lang, term) >= seen[term.en]
            hits.append(TermHit(term.en, pair.id, term.target(lang) or term.en, found))
    return Terminology(tuple(hits))


# ------------------------------------------------------------------------------------------ pairing


def pair_files(hypothesis: Path, reference: Path, lang: str, source: Path | None = None) -> list[Pair]:
    """Aligned segments of two editions or PO files (see the module docstring)."""
    if hypothesis.suffix == ".po" and reference.suffix == ".po":
        return _pair_po(hypothesis, reference)
    from .inputs import english_beside

    source = source or english_beside(hypothesis) or english_beside(reference)
    if source is None:
        if hypothesis.suffix == ".po" or reference.suffix == ".po":
            raise InputError("cannot align a PO file with an edition without the English source; pass --source EN.md", hypothesis)
        return _pair_editions(hypothesis, reference, lang)
    return _pair_through(source, hypothesis, reference, lang)


def _pair_po(hypothesis: Path, reference: Path) -> list[Pair]:
    from .inputs import po_entries

    hyp, ref = po_entries(hypothesis), po_entries(reference)
    pairs = []
    for key, (entry, _) in ref.items():
        if not entry.msgstr:
            continue
        mine = hyp.get(key)
        text = mine[0].msgstr if mine is not None else ""
        pairs.append(Pair(key, entry.msgid, strip_tokens(text), strip_tokens(entry.msgstr)))
    return pairs


def _version(path: Path, doc: Document, lang: str):
    from ..storage import read_text
    from .inputs import from_markdown, from_po

    if path.suffix == ".po":
        return from_po(path, doc, lang)
    if path.suffix.lower() not in (".md", ".markdown"):
        raise InputError("is neither an edition (.md) nor a PO file (.po)", path)
    return from_markdown(read_text(path), str(path), doc, lang)


def _pair_through(source: Path, hypothesis: Path, reference: Path, lang: str) -> list[Pair]:
    from ..document.markdown import parse
    from ..storage import read_text
    from .aligned import build_alignment

    doc = parse(read_text(source), str(source))
    alignment = build_alignment(doc, [_version(hypothesis, doc, lang), _version(reference, doc, lang)])
    pairs = []
    for row in alignment.rows:
        en, hyp, ref = row.cells
        if ref.status in ("missing", "source") or not ref.plain.strip():
            continue
        hypothesis_text = "" if hyp.status == "missing" else hyp.plain
        pairs.append(Pair(row.id, en.plain, _flat(hypothesis_text), _flat(ref.plain)))
    return pairs


def _pair_editions(hypothesis: Path, reference: Path, lang: str) -> list[Pair]:
    from ..document.markdown import parse
    from ..storage import read_text
    from .aligned import build_alignment

    ref = parse(read_text(reference), str(reference))
    alignment = build_alignment(ref, [_version(hypothesis, ref, lang)])
    return [
        Pair(row.id, None, "" if row.cells[1].status == "missing" else _flat(row.cells[1].plain), _flat(row.cells[0].plain))
        for row in alignment.rows
        if row.cells[0].plain.strip()
    ]


def _flat(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------ output


def evaluation_text(result: Evaluation) -> str:
    lines = [
        f"segments: {result.segments} ({result.lang})",
        result.bleu_detail,
        f"chrF2 = {result.chrf:.2f}",
    ]
    if result.terminology is not None:
        t = result.terminology
        rate = f"{100 * t.rate:.1f}%" if t.rate is not None else "n/a (no glossary term in the source)"
        lines.append(f"terminology success: {t.found}/{t.total} = {rate}")
        missed = [h for h in t.hits if not h.found]
        lines += [f"  missed {h.term!r} (needs {h.required!r}) in {h.segment}" for h in missed[:SHOW_MISSED]]
        if len(missed) > SHOW_MISSED:
            lines.append(f"  … and {len(missed) - SHOW_MISSED} more (--format json lists them all)")
    lines += [f"BLEU signature: {result.bleu_signature}", f"chrF signature: {result.chrf_signature}"]
    return "\n".join(lines) + "\n"


def evaluation_json(result: Evaluation) -> str:
    import json

    data: dict[str, object] = {
        "lang": result.lang,
        "segments": result.segments,
        "bleu": round(result.bleu, 4),
        "bleu_detail": result.bleu_detail,
        "bleu_signature": result.bleu_signature,
        "chrf": round(result.chrf, 4),
        "chrf_signature": result.chrf_signature,
        "terminology": None,
    }
    if result.terminology is not None:
        t = result.terminology
        data["terminology"] = {
            "found": t.found,
            "total": t.total,
            "rate": t.rate,
            "missed": [{"term": h.term, "segment": h.segment, "required": h.required} for h in t.hits if not h.found],
        }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
