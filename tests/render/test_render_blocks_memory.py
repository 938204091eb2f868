"""The aligned views find a source's tables and verbatim blocks from one parse and keep what they
found, not the parse (#26): a 2 MB issue's markdown-it tokens are tens of MB, and were held in a
cache while the alignment, its pages and the report were built."""

from __future__ import annotations

import gc

import pytest
from markdown_it.token import Token

from bilingual.render.blocks import table_spans, verbatim_blocks

SOURCE = """# Title {n}

| a | b |
|---|---|
| {n} | two |

```python
print({n})
```

---

<div>html {n}</div>

A paragraph with *emphasis* and [a link](https://example.com/{n}).
"""


def tokens() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is Token)  # type(): isinstance reads __class__ of lazy proxies


@pytest.mark.parametrize("first", [table_spans, verbatim_blocks], ids=lambda f: f.__name__)
def test_finding_tables_and_verbatim_blocks_keeps_no_token(first):
    source = SOURCE.format(n=first.__name__)
    before = tokens()
    first(source)
    assert table_spans(source) == ((3, 6),)
    assert [(b.kind, b.line) for b in verbatim_blocks(source)] == [("code", 7), ("hr", 11), ("html", 13)]
    assert tokens() == before
