"""Glossary exchange with other tools: two-column CSV (DeepL, Google) and TBX-Basic.

CSV holds one language pair, one ``source,target`` row per term, no header (as DeepL expects);
a kept term is a row whose target equals its source. TBX-Basic (ISO 30042 ``martif``) holds
everything: each term is a ``termEntry``; allowed renderings are ``preferredTerm``/``admittedTerm``,
forbidden ones ``deprecatedTerm``; ``keep``, ``case_sensitive`` and ``unambiguous`` are
``<note>bilingual:keep</note>``, ``<note>bilingual:case-sensitive</note>`` and
``<note>bilingual:unambiguous</note>``; an ``accepted`` synonym is an ``admittedTerm`` with the usage
note ``bilingual:accepted``; the reviewer note is a ``definition``.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace

from ..version import __version__
from ..errors import GlossaryError
from .schema import INFLECTIONS, LANGUAGES, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = "administrativeStatus"
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
KEEP_NOTE, CASE_NOTE = "bilingual:keep", "bilingual:case-sensitive"
INFLECT_NOTE = "bilingual:inflect-"  # + verb or none
UNAMBIGUOUS_NOTE, ACCEPTED_NOTE = "bilingual:unambiguous", "bilingual:accepted"
#: An entry's sense (``context`` and ``unless`` words), one note per word.
CONTEXT_NOTE, UNLESS_NOTE = "bilingual:context=", "bilingual:unless="
_GENERATOR = "bilingual"


def export_csv(terms: Sequence[Term], lang: str) -> str:
    """``source,target`` rows for ``lang``: each term's preferred rendering, kept terms as themselves."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for term in terms:
        target = term.target(lang)
        if target:
            writer.writerow([term.en, target])
    return buffer.getvalue()


def import_csv(text: str, lang: str, file: str = "<csv>") -> list[Term]:
    """Terms from a two-column CSV (or TSV) glossary for ``lang``; rows whose target equals the source are kept terms.

    Several rows with the same source become allowed variants, the first preferred. A header row
    (``en,zh`` or ``source,target``) and DeepL's four-column ``source,target,en,zh`` rows are accepted.
    """
    delimiter = "\t" if text.count("\t") > text.count(",") else ","
    order: list[str] = []
    rows: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter)
    for row in reader:
        line = reader.line_num
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) == 4 and cells[2].lower().split("-")[0] == "en":
            if cells[3].lower().split("-")[0] != lang:
                continue  # a row of DeepL's multilingual format for another language
            cells = cells[:2]
        if len(cells) != 2:
            raise GlossaryError(f"expected two columns (source,target), found {len(cells)}", file, line)
        if line == 1 and [c.lower() for c in cells] in (["en", lang], ["source", "target"]):
            continue
        source, target = cells
        if not source or not target:
            raise GlossaryError("empty cell; every row needs a source and a target", file, line)
        if source not in rows:
            order.append(source)
            rows[source], lines[source] = [], line
        if target not in rows[source]:
            rows[source].append(target)
    terms = []
    for source in order:
        targets = rows[source]
        if targets == [source]:
            terms.append(Term(source, keep=True, file=file, line=lines[source]))
        else:
            terms.append(Term(source, targets={lang: tuple(targets)}, file=file, line=lines[source]))
    return terms


def export_tbx(terms: Sequence[Term], langs: Sequence[str] = LANGUAGES, source: str = "") -> str:
    """A TBX-Basic document with every term, for the target languages ``langs``."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = "bilingual glossary"
    origin = f"{_GENERATOR} {__version__}" + (f" from {source}" if source else "")
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = f"Exported by {origin}"
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, term in enumerate(terms, 1):
        entry = ET.SubElement(body, "termEntry", {"id": f"t{number}"})
        if term.keep:
            ET.SubElement(entry, "note").text = KEEP_NOTE
        if term.case_sensitive:
            ET.SubElement(entry, "note").text = CASE_NOTE
        if term.inflect != "noun":
            ET.SubElement(entry, "note").text = INFLECT_NOTE + term.inflect
        if term.unambiguous:
            ET.SubElement(entry, "note").text = UNAMBIGUOUS_NOTE
        for prefix, words in ((CONTEXT_NOTE, term.context), (UNLESS_NOTE, term.unless)):
            for word in words:
                ET.SubElement(entry, "note").text = prefix + word
        en = ET.SubElement(entry, "langSet", {XML_LANG: "en"})
        if term.note:
            ET.SubElement(en, "descrip", {"type": "definition"}).text = term.note
        _tig(en, term.en, PREFERRED)
        for form in term.forms:
            _tig(en, form, DEPRECATED if term.case_sensitive else ADMITTED)
        for lang in langs:
            allowed, forbidden = term.allowed(lang), term.forbidden_in(lang)
            if not allowed and not forbidden and not term.accepted_in(lang):
                continue
            lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
            for i, target in enumerate(allowed):
                _tig(lang_set, target, PREFERRED if i == 0 else ADMITTED)
            for synonym in term.accepted_in(lang):  # the reviewer's synonyms: admitted, marked as ours
                _tig(lang_set, synonym, ADMITTED)
                ET.SubElement(lang_set[-1], "termNote", {"type": "usageNote"}).text = ACCEPTED_NOTE
            for bad in forbidden:
                _tig(lang_set, bad, DEPRECATED)
    ET.indent(martif, space="  ")
    from ..xmltext import xml_safe  # a YAML "\f" escape must not make the TBX ill-formed

    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_safe(ET.tostring(martif, encoding="unicode")) + "\n"


def _tig(parent: ET.Element, text: str, status: str) -> None:
    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = text
    ET.SubElement(tig, "termNote", {"type": STATUS}).text = status


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if isinstance(child.tag, str) and _local(child.tag) in names]


def import_tbx(data: str | bytes, file: str = "<tbx>", langs: Sequence[str] | None = None) -> list[Term]:
    """Terms from a TBX file (TBX-Basic ``termEntry``/``langSet``/``tig``, or TBX v3 ``conceptEntry``/``langSec``/``termSec``).

    ``langs`` limits the target languages read (default: all that the glossary knows). Kept terms
    are recognised by the ``bilingual:keep`` note or, in files from other tools, by every target
    language's preferred term being the English term.
    """
    try:
        root = ET.fromstring(data.encode("utf-8") if isinstance(data, str) else data)
    except ET.ParseError as exc:
        raise GlossaryError(f"not valid XML: {exc}", file, exc.position[0] if exc.position else None) from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"not a TBX file: the root element is <{_local(root.tag)}>, expected <martif> or <tbx>", file)
    ours = any((p.text or "").startswith(f"Exported by {_GENERATOR}") for p in root.iter() if _local(str(p.tag)) == "p")
    wanted = tuple(langs) if langs else LANGUAGES
    terms: list[Term] = []
    for entry in (e for e in root.iter() if _local(str(e.tag)) in ("termEntry", "conceptEntry")):
        term = _entry(entry, wanted, ours, file)
        if term is not None:
            terms.append(term)
    return terms


def _entry(entry: ET.Element, langs: Sequence[str], ours: bool, file: str) -> Term | None:
    notes = [(n.text or "").strip() for n in entry.iter() if _local(str(n.tag)) == "note"]
    definitions = [(d.text or "").strip() for d in entry.iter() if _local(str(d.tag)) == "descrip" and d.get("type") == "definition"]
    by_lang: dict[str, tuple[list[str], list[str]]] = {}
    accepted: dict[str, list[str]] = {}
    for lang_set in _children(entry, "langSet", "langSec"):
        lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").split("-")[0].split("_")[0].lower()
        allowed, forbidden = by_lang.setdefault(lang, ([], []))
        preferred: list[str] = []
        for group in _children(lang_set, "tig", "ntig", "termSec"):
            text = next(((t.text or "").strip() for t in group.iter() if _local(str(t.tag)) == "term"), "")
            status = next(
                ((n.text or "").strip() for n in group.iter() if _local(str(n.tag)) == "termNote" and n.get("type") == STATUS), ""
            )
            if not text:
                continue
            if any((n.text or "").strip() == ACCEPTED_NOTE for n in group.iter() if _local(str(n.tag)) == "termNote"):
                accepted.setdefault(lang, []).append(text)
                continue
            if status.startswith(("deprecated", "superseded")):
                bucket = forbidden
            else:
                bucket = preferred if status.startswith("preferred") else allowed
            if text not in bucket:
                bucket.append(text)
        allowed[:0] = [text for text in preferred if text not in allowed]
    if "en" not in by_lang or not (by_lang["en"][0] or by_lang["en"][1]):
        raise GlossaryError(f"term entry {entry.get('id') or '?'} has no English term", file)
    en_allowed, en_other = by_lang.pop("en")
    names = en_allowed + en_other
    en, forms = names[0], tuple(names[1:])
    keep = KEEP_NOTE in notes
    targets = {lang: tuple(by_lang[lang][0]) for lang in langs if by_lang.get(lang, ([], []))[0]}
    if not keep and not ours and targets and all(values[0] == en for values in targets.values()):
        keep = True
    if keep:
        targets = {}
    forbidden = {lang: tuple(by_lang[lang][1]) for lang in langs if by_lang.get(lang, ([], []))[1]}
    note = definitions[0] if definitions else next((n for n in notes if n and not n.startswith("bilingual:")), "")
    inflect = next((n[len(INFLECT_NOTE) :] for n in notes if n.startswith(INFLECT_NOTE)), "noun")
    inflect = inflect if inflect in INFLECTIONS else "noun"
    return Term(en, targets, forbidden, keep, CASE_NOTE in notes, forms, note, file=file, line=0,
                accepted={lang: tuple(v) for lang, v in accepted.items() if lang in langs},
                unambiguous=UNAMBIGUOUS_NOTE in notes, inflect=inflect,
                context=tuple(n[len(CONTEXT_NOTE):] for n in notes if n.startswith(CONTEXT_NOTE)),
                unless=tuple(n[len(UNLESS_NOTE):] for n in notes if n.startswith(UNLESS_NOTE)))


def merge(existing: Sequence[Term], incoming: Sequence[Term], lang: str | None = None) -> tuple[list[Term], list[str]]:
    """``existing`` with ``incoming`` merged in: new terms appended, known ones extended.

    Returns the terms and a warning per conflict that was skipped (a new rendering that the
    existing entry forbids, a target for a kept term…). ``lang`` is the language of a CSV import,
    where a kept term only says that the term stays in that language.
    """
    terms = list(existing)
    index = {term.en.casefold(): i for i, term in enumerate(terms)}
    warnings: list[str] = []
    for new in incoming:
        i = index.get(new.en.casefold())
        if i is None:
            index[new.en.casefold()] = len(terms)
            terms.append(new)
            continue
        old = terms[i]
        if new.keep and not old.keep and old.targets:
            keep_langs = [lang] if lang else list(old.targets)
            new = replace(new, keep=False, targets={code: (old.en,) for code in keep_langs})
        targets = {code: list(values) for code, values in old.targets.items()}
        for code, values in new.targets.items():
            if old.keep:
                if any(v != old.en for v in values):
                    warnings.append(f"{new.en!r} is a kept term; ignored the {code} rendering {values[0]!r}")
                continue
            for value in values:
                if value in old.forbidden_in(code):
                    warnings.append(f"{new.en!r}: {value!r} is forbidden in {code}; not added")
                elif value not in targets.setdefault(code, []):
                    targets[code].append(value)
        forbidden = {code: list(values) for code, values in old.forbidden.items()}
        for code, values in new.forbidden.items():
            for value in values:
                if value in targets.get(code, []) or (old.keep and value == old.en):
                    warnings.append(f"{new.en!r}: {value!r} is an allowed {code} rendering; not marked forbidden")
                elif value not in forbidden.setdefault(code, []):
                    forbidden[code].append(value)
        forms = old.forms + tuple(f for f in new.forms if f not in old.forms and f.casefold() != old.en.casefold())
        terms[i] = replace(
            old,
            targets={code: tuple(values) for code, values in targets.items() if values},
            forbidden={code: tuple(values) for code, values in forbidden.items() if values},
            keep=old.keep or (new.keep and not targets),
            case_sensitive=old.case_sensitive or new.case_sensitive,
            forms=forms,
            note=old.note or new.note,
            inflect=old.inflect if old.inflect != "noun" else new.inflect,
        )
    return terms, warnings


class _FlowList(list):  # type: ignore[type-arg]
    """A list written inline: ``[论文, 論文]``."""


def _dumper() -> type:
    """The YAML writer, built lazily (PyYAML is imported only when a glossary is written)."""
    import yaml

    class GlossaryDumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

    GlossaryDumper.add_representer(
        _FlowList, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
    )
    return GlossaryDumper


def dump_yaml(terms: Sequence[Term], header: str = "") -> str:
    """A glossary file for ``terms``: keys in schema order, lists inline, a blank line between terms."""
    import yaml

    entries = []
    for term in terms:
        data = term.canonical()
        for key, value in data.items():
            if isinstance(value, list):
                data[key] = value[0] if key in LANGUAGES and len(value) == 1 else _FlowList(value)
            elif isinstance(value, dict):
                data[key] = {lang: _FlowList(values) for lang, values in value.items()}
        entries.append(data)
    body = yaml.dump(
        {"terms": entries}, Dumper=_dumper(), sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096
    )
    body = body.replace("\n  - en:", "\n\n  - en:").replace("terms:\n\n", "terms:\n")
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comments + body
