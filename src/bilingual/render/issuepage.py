"""One issue as the site shows it: the value the site's pages and its feeds are made from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .review import Review


@dataclass(frozen=True)
class IssuePage:
    """One issue as the site shows it."""

    name: str  # the folder name: "024"
    folder: Path
    titles: Mapping[str, str]  # lang → title
    date: str  # as the front matter gives it ("2021-08-08"), or ""
    html: Mapping[str, str]  # lang → the edition's body HTML
    summaries: Mapping[str, str]  # lang → the front matter's description
    author: str
    updated: str  # RFC 3339, for the feeds
    reviews: Mapping[str, Review]  # lang → how much of it is reviewed (target languages only)
    shown: Mapping[str, str]  # lang → the language its page shows: "en" where the review gate withheld it
    marked: frozenset[str] = frozenset()  # languages whose unreviewed sentences are marked one by one

    @property
    def href(self) -> str:
        """The issue's folder as a relative URL path: every character but letters, digits and
        ``-._~`` percent-encoded, so no folder name is read as a scheme (``javascript:``), a
        query or a fragment (``0#25?x=%41``)."""
        from urllib.parse import quote

        return quote(self.name, safe="")
