"""The newsletter as the site names it: ``newsletter.yaml`` beside the issue folders.

::

    name:                      # one string, or one per language
      en: Akira's Machine Learning News
      zh: Akira 的机器学习新闻
    description: A weekly digest…
    url: https://example.org/news/   # optional: where the site is served (absolute feed links)
    require: approved          # optional: publish a language only where every sentence is approved
    notes:                     # optional: your wording of the review notices ({reviewed}, {total})
      unreviewed: {en: "…", zh: "…"}
      withheld: "…"

Every problem is reported as ``file:line: message``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError

CONFIG_NAME = "newsletter.yaml"
_KEYS = ("name", "description", "url", "require", "notes")
#: What ``require`` may ask of a language before it is published.
REQUIRE = ("approved", "none")
#: The review notices whose wording ``notes`` may change (see data/messages.yaml).
NOTES = ("unreviewed", "withheld", "reviewed")


@dataclass(frozen=True)
class SiteConfig:
    """The newsletter's name and description per language, and where the site is served."""

    name: Mapping[str, str] = field(default_factory=lambda: {"en": "Newsletter"})
    description: Mapping[str, str] = field(default_factory=dict)
    url: str = ""
    path: str = ""  # the file it came from, if any
    require: str = "none"  # "approved": a language only where every sentence is approved
    notes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # notice → lang → wording

    def name_in(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or next(iter(self.name.values()), "Newsletter")

    def description_in(self, lang: str) -> str:
        return self.description.get(lang) or self.description.get("en", "")


def find_config(paths: Sequence[Path]) -> Path | None:
    """``newsletter.yaml`` in a folder of issues given, or beside an issue folder given."""
    for path in paths:
        folder = path if not (path / "en.md").is_file() else path.parent
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return None


def load_config(path: Path | None) -> SiteConfig:
    """The config in ``path``; the defaults when there is none."""
    if path is None:
        return SiteConfig()
    import yaml

    from ..safe_yaml import compose
    from ..storage import read_text

    try:
        root = compose(read_text(path))  # bounded depth, aliases and size
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"is not valid YAML ({getattr(exc, 'problem', exc)})", path, mark.line + 1 if mark else None) from None
    if root is None:
        return SiteConfig(path=str(path))
    if not isinstance(root, yaml.MappingNode):
        raise InputError("must be a mapping with name, description and url", path, root.start_mark.line + 1)
    values: dict[str, object] = {}
    for key_node, value_node in root.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key not in _KEYS:
            raise InputError(f"unknown key {key!r}; use {', '.join(_KEYS)}", path, line)
        values[key] = _value(key, value_node, path)
    if "name" not in values:
        raise InputError("has no name: add `name: Your newsletter` (or one per language)", path, 1)
    require = str(values.get("require", "none"))
    if require not in REQUIRE:
        raise InputError(f"require {require!r} is not one of {', '.join(REQUIRE)}", path, _line_of(root, "require"))
    url = str(values.get("url", "") or "")
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        raise InputError(f"url {url!r} is not an http(s) address", path, _line_of(root, "url"))
    if url and not url.endswith("/"):
        url += "/"
    return SiteConfig(
        values["name"], values.get("description", {}), url, str(path), require, values.get("notes", {})  # type: ignore[arg-type]
    )


def _value(key: str, node, path: Path) -> object:
    import yaml

    line = node.start_mark.line + 1
    if key in ("url", "require"):
        if not isinstance(node, yaml.ScalarNode):
            raise InputError(f"{key} must be one value", path, line)
        return node.value
    if key == "notes":
        if not isinstance(node, yaml.MappingNode):
            raise InputError(f"notes must be a mapping of {', '.join(NOTES)}", path, line)
        notes: dict[str, object] = {}
        for note, value in node.value:
            if note.value not in NOTES:
                raise InputError(f"unknown note {note.value!r}; use {', '.join(NOTES)}", path, note.start_mark.line + 1)
            notes[note.value] = _value(f"notes.{note.value}", value, path)
        return notes
    if isinstance(node, yaml.ScalarNode):
        if not node.value.strip():
            raise InputError(f"{key} is empty", path, line)
        return {"en": node.value}
    if isinstance(node, yaml.MappingNode):
        out: dict[str, str] = {}
        for lang, text in node.value:
            if not isinstance(text, yaml.ScalarNode) or not text.value.strip():
                raise InputError(f"{key}.{lang.value} must be a non-empty string", path, text.start_mark.line + 1)
            out[lang.value] = text.value
        return out
    raise InputError(f"{key} must be a string or one string per language (en: …, zh: …)", path, line)


def _line_of(root, key: str) -> int:
    return next((k.start_mark.line + 1 for k, _ in root.value if k.value == key), 1)
