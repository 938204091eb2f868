"""PO files as typed values: read strictly, compare by meaning, render deterministically.

A :class:`Catalog` is what a PO file says (header, metadata, entries), independent of how it was
wrapped or which editor saved it. Reading checks the syntax line by line before polib parses it,
so a broken file is reported as ``file:line`` instead of being half-read and then overwritten.
Rendering is deterministic (polib, 78-column wrapping, active entries then obsolete ones), and
:func:`same_content` compares two catalogs while ignoring the fields a writer refreshes, so a run
that changes nothing writes nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..version import __version__

FUZZY = "fuzzy"
SIGNATURE_HEADER = "X-Bilingual-Signature"
#: Metadata a writer refreshes whenever it writes; a difference in these alone is no change.
VOLATILE = frozenset({"PO-Revision-Date", "X-Generator", SIGNATURE_HEADER})
LANGUAGE_NAMES = {"zh": "Chinese (Simplified)", "ja": "Japanese"}
PLURAL_FORMS = {"zh": "nplurals=1; plural=0;", "ja": "nplurals=1; plural=0;", "ko": "nplurals=1; plural=0;"}
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

#: U+0004 separates msgctxt from msgid in MO files, so msgfmt refuses it inside any PO string; it is
#: written as U+2404 (SYMBOL FOR END OF TRANSMISSION) and read back as U+0004.
EOT, EOT_SYMBOL = "\x04", "\u2404"


@dataclass(frozen=True)
class Entry:
    """One PO entry. ``msgctxt`` is the segment id, ``msgid`` the source sentence in placeholder form."""

    msgctxt: str | None
    msgid: str
    msgstr: str = ""
    flags: tuple[str, ...] = ()
    translator: str = ""  # "# " comments: written by translators (and "machine: …" by us)
    extracted: str = ""  # "#. " comments: glossary notes, regenerated every run
    references: tuple[tuple[str, str], ...] = ()  # "#: en.md:16"
    previous_msgctxt: str | None = None  # "#| msgctxt": the source before it changed
    previous_msgid: str | None = None
    obsolete: bool = False
    msgid_plural: str = ""  # never written by bilingual; kept if a file has them
    msgstr_plural: tuple[tuple[int, str], ...] = ()
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr)

    @property
    def approved(self) -> bool:
        """Human work: a non-empty translation without the fuzzy flag."""
        return self.translated and not self.fuzzy and not self.obsolete

    @property
    def approved_when_active(self) -> bool:
        """Human work, whether the entry is active or obsolete."""
        return self.translated and not self.fuzzy

    @property
    def state(self) -> str:
        """``approved``, ``machine`` (fuzzy with a translation) or ``untranslated``."""
        if not self.translated:
            return "untranslated"
        return "machine" if self.fuzzy else "approved"


@dataclass(frozen=True)
class Catalog:
    """A PO file's content: header comment, metadata and entries (active first, then obsolete)."""

    metadata: tuple[tuple[str, str], ...]
    entries: tuple[Entry, ...]
    header: str = ""
    header_fuzzy: bool = False

    @property
    def meta(self) -> dict[str, str]:
        return dict(self.metadata)

    @property
    def active(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not e.obsolete)

    @property
    def obsolete(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.obsolete)


# -- reading ---------------------------------------------------------------------------------------


def read_catalog(path: Path) -> Catalog | None:
    """The catalog in ``path``, or None when there is no such file.

    Raises :class:`PoFileError` naming ``path:line`` for a file that is not valid PO.
    """
    from ..pofile import read_pofile

    path = Path(path)
    if not path.exists():
        return None
    po = read_pofile(path, wrapwidth=78)
    return Catalog(tuple(po.metadata.items()), tuple(_from_polib(e) for e in po), po.header or "",
                   bool(po.metadata_is_fuzzy))


def parse_catalog(text: str, path: Path | str = "<po>") -> Catalog:
    """Parse PO ``text``; raise :class:`PoFileError` with ``path:line`` for a syntax error."""
    from ..pofile import parse_pofile

    po = parse_pofile(text, path, wrapwidth=78)
    entries = [_from_polib(e) for e in po]
    return Catalog(tuple(po.metadata.items()), tuple(entries), po.header or "", bool(po.metadata_is_fuzzy))


def _from_file(text: str | None) -> str | None:
    return text.replace(EOT_SYMBOL, EOT) if text else text


def _to_file(text: str | None) -> str | None:
    return text.replace(EOT, EOT_SYMBOL) if text else text


def _from_polib(e) -> Entry:  # noqa: ANN001 (polib.POEntry)
    return Entry(
        msgctxt=_from_file(e.msgctxt),
        msgid=_from_file(e.msgid),
        msgstr=_from_file(e.msgstr),
        flags=tuple(e.flags),
        translator=e.tcomment or "",
        extracted=e.comment or "",
        references=tuple((str(f), str(n)) for f, n in e.occurrences),
        previous_msgctxt=_from_file(e.previous_msgctxt),
        previous_msgid=_from_file(e.previous_msgid),
        obsolete=bool(e.obsolete),
        msgid_plural=e.msgid_plural or "",
        msgstr_plural=tuple(sorted((int(k), v) for k, v in (e.msgstr_plural or {}).items())),
        line=int(e.linenum or 0),
    )


# -- comparing and rendering -------------------------------------------------------------------


def same_content(old: Catalog | None, new: Catalog) -> bool:
    """True when ``new`` says what ``old`` says, ignoring wrapping and the :data:`VOLATILE` fields."""
    if old is None:
        return False

    def stable(catalog: Catalog) -> tuple[object, ...]:
        meta = sorted((k, v) for k, v in catalog.metadata if k not in VOLATILE)
        entries = tuple(
            replace(e, translator=_comment(e.translator), extracted=_comment(e.extracted))
            for e in (*catalog.active, *catalog.obsolete)
        )
        return (tuple(meta), entries, _comment(catalog.header), catalog.header_fuzzy)

    return stable(old) == stable(new)


def _comment(text: str) -> str:
    """A comment as it reads back from a file (polib drops blank comment lines and trailing blanks)."""
    return "\n".join(line.rstrip() for line in text.split("\n") if line.strip())


def render(catalog: Catalog) -> str:
    """The PO text of ``catalog``: deterministic, UTF-8, strings wrapped at 78 columns as gettext does.

    Comments are written one line each, never re-wrapped, so a file reads back as exactly the
    catalog that was written (polib alone would wrap long comments and drop those of obsolete
    entries).
    """
    return "".join(render_parts(catalog))


def render_parts(catalog: Catalog) -> Iterator[str]:
    """:func:`render` in pieces, the header then one entry at a time, each made as the file reaches
    it, so a large PO file's whole text is never held."""
    import polib

    po = polib.POFile(wrapwidth=78, encoding="utf-8", check_for_duplicates=False)
    po.header = catalog.header
    po.metadata = dict(catalog.metadata)
    po.metadata_is_fuzzy = catalog.header_fuzzy
    yield str(po)
    for entry in (*catalog.active, *catalog.obsolete):
        body = polib.POEntry(
            msgctxt=_to_file(entry.msgctxt),
            msgid=_to_file(entry.msgid),
            msgstr=_to_file(entry.msgstr),
            flags=list(entry.flags),
            occurrences=list(entry.references),
            previous_msgctxt=_to_file(entry.previous_msgctxt),
            previous_msgid=_to_file(entry.previous_msgid),
            obsolete=entry.obsolete,
            msgid_plural=entry.msgid_plural,
            msgstr_plural=dict(entry.msgstr_plural),
        ).__unicode__(78)
        comments = [f"# {line}".rstrip() for line in entry.translator.split("\n")] if entry.translator.strip() else []
        comments += [f"#. {line}".rstrip() for line in entry.extracted.split("\n")] if entry.extracted.strip() else []
        yield "\n" + "\n".join([*comments, body])


def revision_date(now: float | None = None) -> str:
    """``PO-Revision-Date`` for now (or ``SOURCE_DATE_EPOCH``, for reproducible builds), in UTC."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        now = float(epoch) if epoch.strip().isdigit() else time.time()
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(now))


def header_metadata(old: Catalog | None, lang: str, project: str, signature: str, date: str) -> tuple[tuple[str, str], ...]:
    """Metadata for a file being written: a translator's existing fields stay, missing ones are added,
    and the fields a writer owns (revision date, generator, signature) are refreshed."""
    meta = dict(old.metadata) if old is not None else {}
    defaults = {
        "Project-Id-Version": project,
        "Last-Translator": "bilingual (machine translation; see fuzzy entries)",
        "Language-Team": LANGUAGE_NAMES.get(lang, lang),
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(lang.split("_")[0].split("-")[0], DEFAULT_PLURAL_FORMS),
    }
    for key, value in defaults.items():
        if not meta.get(key):
            meta[key] = value
    if "utf-8" not in meta["Content-Type"].lower():
        meta["Content-Type"] = "text/plain; charset=UTF-8"  # bilingual always writes UTF-8
    meta.pop("POT-Creation-Date", None)  # there is no template; a creation date would only churn
    meta["PO-Revision-Date"] = date
    meta["X-Generator"] = f"bilingual {__version__}"
    meta[SIGNATURE_HEADER] = signature
    import polib

    po = polib.POFile()
    po.metadata = meta
    return tuple(po.ordered_metadata())  # the order the file is written in


def with_metadata(catalog: Catalog, metadata: tuple[tuple[str, str], ...]) -> Catalog:
    return replace(catalog, metadata=metadata)
