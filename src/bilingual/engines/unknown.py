"""Unknown tokens in model output: find them, keep the source text where it can be told, say so.

A model writes ``<unk>`` when it has no better token, typically for a source character or word
outside its vocabulary. CTranslate2's ``replace_unknowns`` (what argostranslate uses) puts the
source token with the highest attention in its place, which in practice is often the wrong
token; without it, SentencePiece shows ``⁇`` and the Moses detokenizer ``<unk>``. Either way
the edition would say something the source does not.

bilingual decodes without ``replace_unknowns``. When the output has as many ``<unk>`` tokens as
the source has runs of out-of-vocabulary tokens, the k-th ``<unk>`` stands for the k-th run
and that run's source tokens are put back (a ``☃`` stays a ``☃``). Otherwise the output is
argostranslate's (attention replacement). Every output that had an unknown token gets a note,
which the pipeline turns into an ``unknown-token`` event: the segment needs a human.
"""

from __future__ import annotations

from .. import safe_json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

UNKNOWN_MARKS = ("\u2047", "<unk>")  # ⁇ (SentencePiece) and <unk> (Moses, BPE vocabularies)
VOCAB_FILES = (
    "source_vocabulary.json",
    "shared_vocabulary.json",
    "source_vocabulary.txt",
    "shared_vocabulary.txt",
)


@dataclass(frozen=True)
class Kept:
    """Target tokens with each ``<unk>`` replaced by its source tokens, and what was done."""

    tokens: tuple[str, ...]
    spans: tuple[str, ...]  # the source text of each kept run, in order


def model_unk_token(model_dir: Path) -> str:
    """The model's unknown token (``config.json`` ``unk_token``; CTranslate2's default ``<unk>``)."""
    try:
        config = safe_json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "<unk>"
    token = config.get("unk_token") if isinstance(config, dict) else None
    return token if isinstance(token, str) and token else "<unk>"


def source_vocabulary(model_dir: Path) -> frozenset[str] | None:
    """The tokens the model's encoder knows, from its CTranslate2 vocabulary file (None if absent)."""
    for name in VOCAB_FILES:
        path = model_dir / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
            tokens = safe_json.loads(text) if name.endswith(".json") else text.splitlines()
        except (OSError, ValueError):
            return None
        return frozenset(t for t in tokens if isinstance(t, str))
    return None


def unknown_runs(source: Sequence[str], vocabulary: frozenset[str]) -> list[tuple[str, ...]]:
    """Maximal runs of consecutive source tokens the vocabulary lacks, in order."""
    runs: list[list[str]] = []
    previous_unknown = False
    for token in source:
        unknown = token not in vocabulary
        if unknown and previous_unknown:
            runs[-1].append(token)
        elif unknown:
            runs.append([token])
        previous_unknown = unknown
    return [tuple(run) for run in runs]


def keep_source(
    target: Sequence[str], source: Sequence[str], vocabulary: frozenset[str] | None, unk: str, decode
) -> Kept | None:
    """``target`` with its k-th ``unk`` replaced by the k-th unknown run of ``source``.

    None when that cannot be told: no vocabulary, or not as many runs as ``<unk>`` tokens.
    ``decode`` renders a run's tokens as text for the note.
    """
    if vocabulary is None:
        return None
    runs = unknown_runs(source, vocabulary)
    positions = [i for i, token in enumerate(target) if token == unk]
    if not positions or len(runs) != len(positions):
        return None
    out: list[str] = []
    remaining = iter(runs)
    for token in target:
        out.extend(next(remaining) if token == unk else (token,))
    return Kept(tuple(out), tuple(decode(run).strip() for run in runs))


def kept_note(kept: Kept) -> str:
    spans = ", ".join(f"'{span}'" for span in kept.spans)
    return f"the model wrote an unknown token for {spans} (outside its vocabulary); the source text was kept"


def replaced_note(count: int, replaced: Sequence[str]) -> str:
    by = ", ".join(f"'{token}'" for token in replaced) or "nothing"
    return (
        f"the model wrote {count} unknown token(s) it could not tie to the source; "
        f"as in argostranslate, the most-attended source token was put there ({by}): check the translation"
    )


def marks_note(text: str, source: str) -> str | None:
    """A note when ``text`` shows an unknown-token mark that ``source`` does not have."""
    marks = [mark for mark in UNKNOWN_MARKS if mark in text and mark not in source]
    if not marks:
        return None
    return f"the translation contains {' and '.join(marks)} (an unknown token): check it"
