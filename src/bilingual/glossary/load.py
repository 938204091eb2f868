"""Finding, reading and validating glossary files.

Validation walks YAML's node graph (``yaml.compose``) rather than loaded data, so every error
names the ``file:line`` of the key or value at fault.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BilingualError, GlossaryError
from .conflicts import conflicts, has_html, has_markup
from .schema import INFLECTIONS, LANGUAGES, TERM_KEYS, Glossary, Term

if TYPE_CHECKING:
    import yaml

SUFFIXES = (".yaml", ".yml")
_TOP_KEYS = ("terms",)


@dataclass(frozen=True)
class LintError:
    """One problem in a glossary file; ``str()`` is ``file:line: message``."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def to_exception(self) -> GlossaryError:
        """The same problem as a :class:`GlossaryError`, for runs that stop at the first one."""
        return GlossaryError(self.message, self.file, self.line)


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """The glossary files named by ``paths``: a folder stands for its ``*.yaml``/``*.yml`` files, sorted."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file() and not p.name.startswith("."))
            if not files:
                raise GlossaryError("folder has no .yaml or .yml glossary files", path)
            found.extend(files)
        elif path.is_file():
            found.append(path)
        else:
            raise GlossaryError("no such glossary file or folder; check the path or --glossary", path)
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def lint(paths: Iterable[str | Path]) -> list[LintError]:
    """Every problem in the glossary files under ``paths``, in file and line order."""
    return _read(paths).errors


def glossary_for_run(paths: Iterable[str | Path] | None = None, disabled: bool = False) -> Glossary | None:
    """The glossary a command uses: ``paths`` if given, else ``./glossary`` when it holds glossary
    files, else none. Every command that takes ``--glossary`` resolves it here."""
    if disabled:
        return None
    if paths:
        return load_glossary(paths)
    default = Path("glossary")
    if default.is_dir() and any(p.suffix in SUFFIXES for p in default.iterdir()):
        return load_glossary([default])
    return None


def load_glossary(paths: Iterable[str | Path]) -> Glossary:
    """Load and validate the glossary under ``paths``; raise the first problem as a :class:`GlossaryError`."""
    result = _read(paths)
    if result.errors:
        raise result.errors[0].to_exception()
    return Glossary(terms=tuple(result.terms), files=tuple(str(p) for p in result.files))


def parse_text(
    text: str, file: str = "<glossary>", seen: dict[str, Term] | None = None
) -> tuple[list[Term], list[LintError]]:
    """Terms and problems of one glossary file's text, in line order.

    ``seen`` maps the source forms of terms already read (from earlier files) to their terms, so
    that a term defined twice across files is reported; it is updated in place.
    """
    parser = _FileParser(file)
    parser.parse(text)
    seen = {} if seen is None else seen
    errors = parser.errors
    for term in parser.terms:
        errors.extend(_duplicates(term, seen))
    return parser.terms, sorted(errors, key=lambda e: e.line or 0)


@dataclass
class _Result:
    files: list[Path] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    errors: list[LintError] = field(default_factory=list)


def _read(paths: Iterable[str | Path]) -> _Result:
    result = _Result()
    try:
        result.files = find_files(paths)
    except GlossaryError as exc:
        result.errors.append(LintError(exc.path or "", exc.line, exc.message))
        return result
    from ..storage import read_text

    seen: dict[str, Term] = {}
    for path in result.files:
        try:
            text = read_text(path)
        except BilingualError as exc:
            result.errors.append(LintError(str(path), exc.line, exc.message))
            continue
        terms, errors = parse_text(text, str(path), seen)
        result.terms.extend(terms)
        result.errors.extend(errors)
    result.errors.extend(LintError(term.file, term.line, message) for term, message in conflicts(result.terms))
    order = {str(path): i for i, path in enumerate(result.files)}
    result.errors.sort(key=lambda e: (order.get(e.file, len(order)), e.line or 0))
    return result


def _duplicates(term: Term, seen: dict[str, Term]) -> list[LintError]:
    errors: list[LintError] = []
    for i, name in enumerate((term.en, *term.forms)):
        key = name.casefold()
        if i > 0 and key == term.en.casefold():
            errors.append(LintError(term.file, term.line, f"form {name!r} of {term.en!r} repeats its 'en'; remove it"))
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = term
        elif first is not term:
            what = f"term {name!r}" if i == 0 else f"form {name!r} of {term.en!r}"
            errors.append(
                LintError(term.file, term.line, f"{what} is defined twice; first defined at {first.where}; merge the two entries")
            )
    return errors


class _FileParser:
    """Validates one file's node graph and builds its terms, collecting every error."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.terms: list[Term] = []
        self.errors: list[LintError] = []

    def error(self, node: Any, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.errors.append(LintError(self.file, line, message))

    def parse(self, text: str) -> None:
        import yaml

        from .. import safe_yaml

        try:
            root = safe_yaml.compose(text)  # bounded depth, aliases and size: never a RecursionError
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = str(exc.problem or exc.context or "invalid YAML")
            if exc.context and exc.problem:
                problem += f" ({exc.context})"
            line = mark.line + 1 if mark is not None else 1
            self.errors.append(LintError(self.file, line, f"YAML syntax error: {problem}"))
            return
        except yaml.YAMLError as exc:
            self.errors.append(LintError(self.file, 1, f"YAML syntax error: {exc}"))
            return
        if root is None:
            self.errors.append(LintError(self.file, 1, "file is empty; expected 'terms:' followed by a list of terms"))
            return
        if not isinstance(root, yaml.MappingNode):
            self.error(root, "expected a mapping with a 'terms:' list at the top of the file")
            return
        items = self.mapping(root, _TOP_KEYS)
        if "terms" not in items:
            self.error(root, "missing 'terms:'; the file must contain a 'terms:' list")
            return
        key, value = items["terms"]
        if self.is_empty(value):
            self.error(key, "'terms' is empty; add at least one term")
            return
        if not isinstance(value, yaml.SequenceNode):
            self.error(value, "'terms' must be a list of terms (- en: …)")
            return
        for item in value.value:
            self.term(item)

    def mapping(self, node: yaml.MappingNode, known: Sequence[str]) -> dict[str, tuple[Any, Any]]:
        """The mapping's keys → (key node, value node); unknown and repeated keys are errors."""
        out: dict[str, tuple[Any, Any]] = {}
        for key, value in node.value:
            name = str(key.value) if hasattr(key, "value") and isinstance(key.value, str) else None
            if name is None or name not in known:
                hint = difflib.get_close_matches(name or "", known, n=1, cutoff=0.5)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; expected one of: {', '.join(known)}"
                self.error(key, f"unknown key {name!r}{suggestion}")
                continue
            if name in out:
                self.error(key, f"key {name!r} appears twice in the same mapping")
                continue
            out[name] = (key, value)
        return out

    @staticmethod
    def is_empty(node: Any) -> bool:
        """A null scalar, a blank string, or an empty list or mapping."""
        if isinstance(node.value, list):
            return not node.value
        return node.tag == "tag:yaml.org,2002:null" or not str(node.value).strip()

    def text(self, key: Any, node: Any) -> str | None:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{key.value!r} must be text, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            return None
        if node.tag == "tag:yaml.org,2002:null" or not str(node.value).strip():
            self.error(node, f"{key.value!r} is empty; give it a value or remove it")
            return None
        return str(node.value).strip()

    def texts(self, key: Any, node: Any, label: str | None = None) -> tuple[str, ...] | None:
        import yaml

        label = label or key.value
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:null" or not str(node.value).strip():
                self.error(node, f"{label!r} is empty; give it a value or remove it")
                return None
            return (str(node.value).strip(),)
        if isinstance(node, yaml.MappingNode):
            self.error(node, f"{label!r} must be text or a list of texts, not a mapping")
            return None
        if not node.value:
            self.error(node, f"{label!r} is an empty list; give it a value or remove it")
            return None
        values: list[str] = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                self.error(item, f"{label!r} must list plain texts")
            elif item.tag == "tag:yaml.org,2002:null" or not str(item.value).strip():
                self.error(item, f"{label!r} has an empty value; remove it")
            elif str(item.value).strip() in values:
                self.error(item, f"{label!r} lists {str(item.value).strip()!r} twice")
            else:
                values.append(str(item.value).strip())
        return tuple(values) if len(values) == len(node.value) else None

    def plain(self, node: Any, lang: str) -> bool:
        """Whether every target in ``node`` is plain text: markup comes only from the source."""
        import yaml

        ok = True
        for item in node.value if isinstance(node, yaml.SequenceNode) else [node]:
            if isinstance(item, yaml.ScalarNode) and has_markup(str(item.value)):
                what = "HTML markup" if has_html(str(item.value)) else "Markdown markup (a link, image, URL, code, emphasis…)"
                self.error(item, f"{lang!r} target {str(item.value).strip()!r} holds {what}; a target is plain text")
                ok = False
        return ok

    def choice(self, key: Any, node: Any, allowed: Sequence[str]) -> str | None:
        value = self.text(key, node)
        if value is not None and value not in allowed:
            self.error(node, f"{key.value!r} must be one of {', '.join(allowed)}, not {value!r}")
            return None
        return value

    def flag(self, key: Any, node: Any) -> bool | None:
        import yaml

        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return bool(yaml.SafeLoader.bool_values[str(node.value).lower()])
        if isinstance(node, yaml.ScalarNode) and (node.tag == "tag:yaml.org,2002:null" or not str(node.value).strip()):
            self.error(node, f"{key.value!r} is empty; write true or false")
        else:
            self.error(node, f"{key.value!r} must be true or false")
        return None

    def term(self, node: Any) -> None:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.error(node, "each term must be a mapping that starts with 'en:'")
            return
        before = len(self.errors)
        items = self.mapping(node, TERM_KEYS)
        if "en" not in items:
            self.error(node, "term has no 'en'; every term needs its English source form")
        en = self.text(*items["en"]) if "en" in items else None
        targets: dict[str, tuple[str, ...]] = {}
        for lang in LANGUAGES:
            if lang in items:
                values = self.texts(*items[lang])
                if values is not None and self.plain(items[lang][1], lang):
                    targets[lang] = values
        keep = self.flag(*items["keep"]) if "keep" in items else False
        case_sensitive = self.flag(*items["case_sensitive"]) if "case_sensitive" in items else False
        forms = self.texts(*items["forms"]) if "forms" in items else ()
        note = self.text(*items["note"]) if "note" in items else ""
        inflect = self.choice(*items["inflect"], INFLECTIONS) if "inflect" in items else "noun"
        forbidden = self.forbidden(*items["forbidden"]) if "forbidden" in items else {}
        accepted = self.forbidden(*items["accepted"]) if "accepted" in items else {}
        unambiguous = self.flag(*items["unambiguous"]) if "unambiguous" in items else False
        context = self.texts(*items["context"]) if "context" in items else ()
        unless = self.texts(*items["unless"]) if "unless" in items else ()
        if unambiguous and (context or unless):
            self.error(items["unambiguous"][0], "'unambiguous: true' says the forbidden renderings are wrong everywhere, "
                                                "'context'/'unless' say where they apply; keep one")
        if unambiguous and "forbidden" not in items:
            self.error(items["unambiguous"][0], "'unambiguous: true' says the forbidden renderings are always wrong; "
                                                "add 'forbidden' or remove it")
        if keep:
            for lang in LANGUAGES:
                if lang in items:
                    self.error(items[lang][0], f"'keep: true' together with a {lang!r} target; a kept term stays as it is, remove one")
        fold = (lambda s: s) if case_sensitive else str.casefold
        for lang, (values, nodes) in (forbidden or {}).items():
            allowed = (en,) if keep and en else targets.get(lang, ())
            for value, value_node in zip(values, nodes):
                if fold(value) in {fold(a) for a in allowed}:
                    self.error(value_node, f"{value!r} is both an allowed {lang} rendering and forbidden; remove one")
        for lang, (values, nodes) in (accepted or {}).items():
            allowed = (en,) if keep and en else targets.get(lang, ())
            banned = {fold(b) for b in (forbidden or {}).get(lang, ((), []))[0]}
            for value, value_node in zip(values, nodes):
                if fold(value) in {fold(a) for a in allowed}:
                    self.error(value_node, f"accepted {value!r} is already a {lang} target; remove it from 'accepted'")
                elif fold(value) in banned:
                    self.error(value_node, f"{value!r} is both accepted in {lang} and forbidden; remove one")
        if len(self.errors) > before or en is None:
            return
        self.terms.append(
            Term(
                en=en,
                targets=targets,
                forbidden={lang: values for lang, (values, _) in (forbidden or {}).items()},
                keep=bool(keep),
                case_sensitive=bool(case_sensitive),
                forms=forms or (),
                note=note or "",
                inflect=inflect or "noun",
                accepted={lang: values for lang, (values, _) in (accepted or {}).items()},
                unambiguous=bool(unambiguous),
                context=tuple(context or ()),
                unless=tuple(unless or ()),
                file=self.file,
                line=node.start_mark.line + 1,
            )
        )

    def forbidden(self, key: Any, node: Any) -> dict[str, tuple[tuple[str, ...], list[Any]]] | None:
        """A mapping of language to renderings: ``forbidden`` (and ``accepted``, read the same way)."""
        import yaml

        name = str(key.value)
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.ScalarNode) and (node.tag == "tag:yaml.org,2002:null" or not str(node.value).strip()):
                self.error(node, f"'{name}' is empty; give it a value or remove it")
            else:
                example = "{zh: [报纸]}" if name == "forbidden" else "{zh: [遮罩]}"
                self.error(node, f"'{name}' must map a language to its {name} renderings, e.g. {example}")
            return None
        if not node.value:
            self.error(node, f"'{name}' is empty; give it a value or remove it")
            return None
        out: dict[str, tuple[tuple[str, ...], list[Any]]] = {}
        for lang, (_, value) in self.mapping(node, LANGUAGES).items():
            values = self.texts(_, value, f"{name} {lang}")
            if values is not None:
                nodes = list(value.value) if isinstance(value, yaml.SequenceNode) else [value]
                out[lang] = (values, nodes)
        return out
