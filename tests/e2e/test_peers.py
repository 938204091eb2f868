"""The peer test suites (tests/fixtures/peers: markdown-it, markdown-it-py, mdit-py-plugins,
mdpo, mdx), each input its own document: identity byte-identical, code unchanged by pseudo, and
nothing unaccounted in the coverage ledger."""

from __future__ import annotations

import sys

import pytest

from bilingual.engines.identity import IdentityEngine
from bilingual.engines.pseudo import PseudoEngine
from bilingual.errors import BilingualError
from bilingual.document.ledger import account
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import markdown_harness  # noqa: E402

DOCUMENTS = markdown_harness.documents(markdown_harness.PEERS)


def test_every_peer_suite_is_there():
    groups = {name.split("/")[0] for name, _ in DOCUMENTS}
    assert groups == {"markdown-it", "markdown-it-py", "mdit-py-plugins", "mdpo", "mdx"}
    assert len(DOCUMENTS) > 1000


@pytest.mark.parametrize(("name", "source"), DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_peer_document(name, source):
    try:
        doc = parse(source, name)
    except BilingualError:
        return  # refused with a message: allowed
    assert translate([doc], ["zh"], IdentityEngine()).editions[0].markdown == source
    out = translate([doc], ["zh"], PseudoEngine()).editions[0].markdown
    assert markdown_harness.code(out) == markdown_harness.code(source)
    assert account(doc).leaks == ()
