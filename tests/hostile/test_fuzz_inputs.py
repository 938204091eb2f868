"""A fuzzing harness (hypothesis) over every kind of input bilingual reads from strangers or careless
hands: PO, YAML (glossaries, front matter), TOML (bilingual.toml), Markdown, zip packages and
package indexes (issue #27). Each example is a file of the committed corpus
(``tests/fixtures/fuzz/<kind>/``: small valid seeds and every crashing input found so far) with
random edits; the parser under test may refuse it only with a one-line :class:`BilingualError`
(or the kind's own documented error), never any other exception.

The run is bounded by example count, not time: ``FUZZ_EXAMPLES`` per kind (default 60; raise it
with ``BILINGUAL_FUZZ_EXAMPLES`` for a longer run). A new crashing input belongs in the corpus.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.errors import BilingualError
from conftest import FIXTURES

CORPUS = FIXTURES / "fuzz"
FUZZ_EXAMPLES = int(os.environ.get("BILINGUAL_FUZZ_EXAMPLES", "60"))
KINDS = ("po", "yaml", "toml", "markdown", "zip", "index")


def _seeds(kind: str) -> list[bytes]:
    return [p.read_bytes() for p in sorted((CORPUS / kind).iterdir()) if p.is_file()]


#: Bytes that matter to the formats: quotes, brackets, escapes, markers, NUL, invalid UTF-8.
INTERESTING = st.sampled_from([b'"', b"\\", b"[", b"]", b"{", b"}", b"(", b")", b"<", b">", b"\n", b"#", b"-", b":",
                               b"*", b"_", b"`", b"&", b"%", b"\x00", b"\xff", b"\xe9", b"'", b"msgid ", b"---\n",
                               b"PK\x03\x04", b"1" * 40, b"[" * 200, b"> " * 100, b"2021-02-30"])


@st.composite
def mutated(draw, kind: str) -> bytes:
    """A corpus file of ``kind`` with up to 8 random edits: a byte inserted, deleted or replaced,
    or an interesting token inserted."""
    data = bytearray(draw(st.sampled_from(_seeds(kind))))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "token"]))
        if action == "insert":
            data[at:at] = bytes([draw(st.integers(0, 255))])
        elif action == "delete" and data:
            del data[min(at, len(data) - 1)]
        elif action == "replace" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        else:
            data[at:at] = draw(INTERESTING)
    return bytes(data)


def _text(data: bytes) -> str | None:
    """What bilingual's reader would hand on: UTF-8 text without NUL (else it is refused first)."""
    from bilingual.storage import read_text

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(data)
        try:
            return read_text(path)
        except BilingualError:
            return None


def feed(kind: str, data: bytes) -> None:
    """Give ``data`` to the parser of ``kind``; only a :class:`BilingualError` may come out."""
    if kind == "zip":
        from bilingual.packages.archive import validate_archive

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "p.argosmodel"
            path.write_bytes(data)
            try:
                validate_archive(path)
            except BilingualError:
                pass
        return
    if kind == "index":
        from bilingual.errors import NetworkError
        from bilingual.packages.index import parse_index
        from bilingual.safe_json import JSONError, loads

        try:
            parse_index(loads(data), "file:///fuzz/index.json")
        except (JSONError, NetworkError):
            pass
        return
    if kind == "toml":
        from bilingual.document.protect import load_config

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bilingual.toml"
            path.write_bytes(data)
            try:
                protection = load_config(path)
                protection.spans("aaaaaaaaaaaaaaaaaaaaaaaaa! {{ x }} $$y$$")
            except BilingualError:
                pass
        return
    text = _text(data)
    if text is None:
        return
    try:
        if kind == "po":
            from bilingual.pofile import parse_pofile

            parse_pofile(text, "zh.po")
        elif kind == "yaml":
            from bilingual.glossary.load import parse_text
            from bilingual.document.markdown import parse

            parse_text(text, "g.yaml")
            parse("---\n" + text + "\n---\n\nText.\n", "en.md")  # the same YAML as front matter
        elif kind == "markdown":
            from bilingual.document.markdown import parse
            from bilingual.document.rebuild import rebuild
            from bilingual.document.segment import segment

            doc = parse(text, "en.md")
            segment(doc)
            assert rebuild(doc, {u.index: u.text for u in doc.units}) is not None
    except BilingualError:
        pass


@pytest.mark.parametrize("kind", KINDS)
def test_every_corpus_file_is_read_or_refused_in_one_line(kind):
    for data in _seeds(kind):  # the corpus is a fixed list of regression inputs, replayed whole
        feed(kind, data)


@pytest.mark.parametrize("kind", KINDS)
def test_fuzzed_input_is_read_or_refused_in_one_line(kind):
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutated(kind))
    def run(data: bytes) -> None:
        feed(kind, data)

    run()
