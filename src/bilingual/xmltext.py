"""Text that XML 1.0 can hold: every XML output passes its text through :func:`xml_safe`.

XML 1.0 allows only tab, line feed, carriage return and the characters from U+0020 up, less the
surrogates and U+FFFE/U+FFFF; not even a character reference may name the others. A form feed or
an escape character in a Markdown source would make a TMX file ill-formed, so they are dropped.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _FORBIDDEN.sub("", text)
