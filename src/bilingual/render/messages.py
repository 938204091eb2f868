"""The interface strings of the published pages in the page's language: one message catalogue.

``bilingual/data/messages.yaml`` holds every string a reader sees around the newsletter's own text
(navigation, footers, notices, dates), one text per language. :func:`messages` gives a
:class:`Messages` for one language; templates call it as ``t("all_issues")`` and ``t.date(...)``.
A language an entry lacks falls back to English, so a new language can be added one string at a time.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass

FALLBACK = "en"


@functools.cache
def catalogue() -> Mapping[str, Mapping[str, object]]:
    """message key → language → text (or list, for ``months``), read once per process."""
    from importlib.resources import files

    import yaml

    data = yaml.safe_load(files("bilingual").joinpath("data/messages.yaml").read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Messages:
    """The catalogue in one language."""

    lang: str

    def __call__(self, key: str, **fields: object) -> str:
        entry = catalogue()[key]
        text = entry.get(self.lang, entry[FALLBACK])
        return str(text).format(**fields) if fields else str(text)

    def markup(self, key: str, **fields: object):
        """The message as HTML: its text escaped, each field escaped unless it is ``Markup`` already."""
        from markupsafe import Markup, escape

        entry = catalogue()[key]
        return Markup(escape(str(entry.get(self.lang, entry[FALLBACK])))).format(**fields)

    def date(self, value: object) -> str:
        """An ISO date (``2021-08-08``, or a ``date``) written the language's way: ``2021年8月8日``;
        anything else as it is."""
        day = _as_date(value)
        if day is None:
            return str(value)
        months = catalogue()["months"]
        month_name = list(months.get(self.lang, months[FALLBACK]))[day.month - 1]  # type: ignore[arg-type]
        return self("date", year=day.year, month=day.month, day=day.day, month_name=month_name)

    def issue(self, name: str) -> str:
        """``Issue 24`` / ``第 24 期`` / ``第24号`` for the issue folder ``024``."""
        return self("issue", number=int(name) if name.isdigit() else name)


def messages(lang: str) -> Messages:
    return Messages(lang)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
