"""A check's result as text for people, JSON for scripts, and SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..version import __version__
from .model import CheckResult, Violation
from .rules import RULES

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_SHOWN = 60  # characters of found/expected shown in the text format


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(text: str) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def describe(violation: Violation) -> str:
    """``message (found '…', expected '…')``: the message with what was found and expected, if known."""
    parts = []
    if violation.found is not None:
        parts.append(f"found '{_short(violation.found)}'")
    if violation.expected is not None:
        parts.append(f"expected '{_short(violation.expected)}'")
    return f"{violation.message} ({', '.join(parts)})" if parts else violation.message


def summary(result: CheckResult) -> str:
    infos = f", {_plural(result.infos, 'info')}" if result.infos else ""
    accepted = f" ({len(result.accepted)} more accepted by the baseline)" if result.baseline is not None else ""
    return (f"{_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')}{infos}{accepted} "
            f"in {_plural(len(result.files), 'file')} checked")


def to_text(result: CheckResult) -> str:
    """One line per violation, ``file:line:col: severity rule: message (found '…', expected '…')``, then a summary."""
    lines = [f"{v.file}:{v.line}:{v.column}: {v.severity} {v.rule}: {describe(v)}" for v in result.violations]
    lines.append(summary(result))
    return "\n".join(lines)


def to_json(result: CheckResult) -> str:
    data = {
        "violations": [v.to_dict() for v in result.violations],
        "summary": {"errors": result.errors, "warnings": result.warnings, "infos": result.infos,
                    "files": len(result.files)},
        **({"baseline": {"file": result.baseline, "accepted": [v.to_dict() for v in result.accepted]}}
           if result.baseline is not None else {}),
        "ledger": ledger_json(result.ledgers),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def ledger_json(ledgers) -> dict:
    """The coverage ledgers of a run's sources: each document's, and the characters per bucket in all."""
    from ..document.ledger import BUCKETS

    totals = {bucket: sum(ledger.totals[bucket] for ledger in ledgers) for bucket in BUCKETS}
    return {"documents": [ledger.as_json() for ledger in ledgers], "totals": totals}


def artifact_uri(file: str) -> str:
    """A SARIF artifact URI: a relative path as a percent-encoded relative reference, else a file: URI."""
    path = Path(file)
    return path.resolve().as_uri() if path.is_absolute() else quote(path.as_posix())


#: SARIF's levels for our severities (SARIF calls info "note").
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(result: CheckResult) -> str:
    """A SARIF 2.1.0 log with one run: the rules of bilingual and a result per violation."""
    names = list(RULES)
    rules = [
        {
            "id": rule.name,
            "name": "".join(part.capitalize() for part in rule.name.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary + (" Needs the English source." if rule.needs_source else "")},
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        }
        for rule in RULES.values()
    ]
    results = []
    states = [(v, "new") for v in result.violations] + [(v, "unchanged") for v in result.accepted]
    for v, state in states:
        extra = {key: value for key, value in (("term", v.term), ("found", v.found), ("expected", v.expected),
                                                ("segment", v.segment)) if value is not None}
        entry: dict[str, object] = {
            "ruleId": v.rule,
            "ruleIndex": names.index(v.rule),
            "level": _LEVELS[v.severity],
            "message": {"text": describe(v)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(v.file)},
                "region": {"startLine": v.line, "startColumn": v.column},
            }}],
        }
        if extra:
            entry["properties"] = extra
        if result.baseline is not None:  # compared with a baseline: what it accepts is suppressed, not gone
            entry["baselineState"] = state
            if state == "unchanged":
                entry["suppressions"] = [{"kind": "external", "justification": f"accepted in the baseline {result.baseline}"}]
        results.append(entry)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "bilingual", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


FORMATS = {"text": to_text, "json": to_json, "sarif": to_sarif}
