"""Put translated units back into the source, in place, by the parser's source map.

A unit's translation is placeholder text. Each placeholder becomes the exact source bytes of
its markup again (with translated alt texts and titles inside), so markup can only come out
as it went in. Everything outside the units' regions is copied byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .models import Document, Region, Unit
from .placeholders import split_tokens


def render_unit(doc: Document, unit: Unit, texts: Mapping[int, str]) -> str:
    """The Markdown for ``unit`` from its translated placeholder text (or its source text)."""
    text = texts.get(unit.index, unit.text)
    children = [u for u in doc.units if u.parent == unit.index and u.span is not None]
    by_token = unit.placeholder_map
    out: list[str] = []
    for is_token, piece in split_tokens(text):
        if not is_token:
            out.append(_escape_literal(piece, unit))
            continue
        placeholder = by_token.get(piece)
        if placeholder is None:
            continue  # an invented placeholder is dropped; repair records it earlier
        raw = placeholder.raw
        inner = [c for c in children if placeholder.start <= c.span[0] and c.span[1] <= placeholder.end]
        for child in sorted(inner, key=lambda c: c.span[0], reverse=True):
            start, end = child.span[0] - placeholder.start, child.span[1] - placeholder.start
            raw = raw[:start] + _escape_subunit(render_unit(doc, child, texts), child, raw[start:end]) + raw[end:]
        out.append(raw)
    return "".join(out)


def _escape_literal(text: str, unit: Unit) -> str:
    if unit.region is not None and unit.region.style == "cell":
        return text.replace("\n", " ").replace("|", "\\|")
    if unit.region is not None and unit.region.style == "heading":
        return text.replace("\n", " ")
    return text


def _escape_subunit(new: str, unit: Unit, old: str) -> str:
    if new == old:
        return new
    if unit.kind == "title":
        return new.replace('"', '\\"').replace("'", "\\'").replace(")", "\\)").replace("\n", " ")
    return new.replace("]", "\\]").replace("[", "\\[") if unit.kind == "alt" and "[" not in old else new


def _fit(region: Region, new: str, old: str) -> str:
    """Re-insert container prefixes on continuation lines; quote YAML values as needed."""
    if region.style == "yaml":
        if new == old:
            return new
        if region.quote == "'":
            return new.replace("'", "''").replace("\n", " ")
        if region.quote == '"':
            return json.dumps(new.replace("\n", " "), ensure_ascii=False)[1:-1]
        return _yaml_plain(new.replace("\n", " "))
    if "\n" not in new:
        return new
    lines = new.split("\n")
    prefixes = region.prefixes or ("",)
    out = [lines[0]]
    for j, line in enumerate(lines[1:]):
        out.append(prefixes[min(j, len(prefixes) - 1)] + line)
    return "\n".join(out)


def _yaml_plain(value: str) -> str:
    """``value`` as a plain YAML scalar when that reads back the same, else double-quoted."""
    import yaml

    try:
        plain = yaml.safe_load(value) == value and not value.startswith((" ", "'", '"'))
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def rebuild(doc: Document, texts: Mapping[int, str]) -> str:
    """The source of ``doc`` with every top-level unit replaced by its translation."""
    replacements: list[tuple[int, int, str]] = []
    for unit in doc.units:
        if unit.region is None:
            continue
        new = render_unit(doc, unit, texts)
        if new != unit.content:
            replacements.append((unit.region.start, unit.region.end, _fit(unit.region, new, unit.content)))
    source = doc.source
    for start, end, new in sorted(replacements, reverse=True):
        source = source[:start] + new + source[end:]
    return source
