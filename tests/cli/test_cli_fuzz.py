"""No traceback ever reaches a user (issue #27): hypothesis walks the CLI with every command, a
random choice of its flags and a random choice of hostile files (broken, binary, deep, huge
numbers, impossible dates, a pipe, a device, a folder, a missing path), and every run ends with
exit 0, 1, 2 or 3 and, on failure, one line on stderr, never a traceback nor the last-resort
"this is a bug" line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.cli import app
from bilingual.cli.helptext import BUG_HINT
from conftest import FIXTURES, ROOT

CLI_EXAMPLES = int(os.environ.get("BILINGUAL_FUZZ_EXAMPLES", "60"))
FUZZ = FIXTURES / "fuzz"

#: name → how to make it inside the work folder (a relative path the command gets).
FILES = {
    "issue": "issues/024",
    "issues": "issues",
    "en.md": "issues/024/en.md",
    "zh.md": "issues/024/zh.md",
    "zh.po": "issues/024/zh.po",
    "glossary": "glossary",
    "missing": "nowhere/zh.po",
    "folder": "empty",
    "fifo": "pipe.md",
    "device": "zero.po",
    "binary": "binary.md",
    **{f"fuzz:{p.parent.name}/{p.name}": f"fuzz/{p.parent.name}/{p.name}" for p in sorted(FUZZ.glob("*/*"))},
}

COMMANDS = {
    "translate": (["translate"], ["--engine", "pseudo", "--to", "zh", "--no-align", "--approved-only", "--no-glossary",
                                  "--out", "out"]),
    "check": (["check"], ["--lang", "zh", "--no-glossary", "--format", "json", "--format", "sarif", "--fail-on", "info",
                          "--source", "@file"]),
    "segment": (["segment"], []),
    "import": (["import"], ["--lang", "zh", "--tree", "issues=issues/{lang}", "--tree", "nowhere"]),
    "status": (["status"], ["--format", "json"]),
    "align": (["align"], ["--to", "zh", "--no-glossary", "--no-check"]),
    "publish": (["publish"], ["--out", "site", "--to", "zh"]),
    "diff": (["diff"], ["--format", "json", "--format", "html", "--source", "@file"]),
    "evaluate": (["evaluate"], ["--lang", "zh", "--no-glossary", "--source", "@file"]),
    "glossary lint": (["glossary", "lint"], []),
    "glossary show": (["glossary", "show", "paper"], ["--glossary", "@file"]),
    "glossary export": (["glossary", "export"], ["--format", "csv", "--lang", "ja", "--out", "out.csv"]),
    "glossary import": (["glossary", "import"], ["--lang", "zh", "--out", "glossary/new.yaml"]),
    "glossary suggest": (["glossary", "suggest"], ["--lang", "zh", "--no-glossary", "--out", "suggested.yaml"]),
    "models list": (["models", "list"], []),
    "models install": (["models", "install"], []),
}


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-fuzz")
    shutil.copytree(ROOT / "issues", folder / "issues")
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    shutil.copytree(FUZZ, folder / "fuzz")
    (folder / "empty").mkdir()
    os.mkfifo(folder / "pipe.md")
    os.symlink("/dev/zero", folder / "zero.po")
    (folder / "binary.md").write_bytes(b"\x00\x01\xff" * 100)
    return folder


@st.composite
def invocation(draw) -> list[str]:
    name = draw(st.sampled_from(sorted(COMMANDS)))
    words, flags = COMMANDS[name]
    files = st.sampled_from(sorted(FILES))
    args = list(words) + [FILES[f] for f in draw(st.lists(files, min_size=0, max_size=2))]
    chosen = draw(st.lists(st.sampled_from(flags), max_size=3, unique=True)) if flags else []
    for flag in chosen:
        if flag == "@file":
            args.append(FILES[draw(files)])
        else:
            args.append(flag)
    return args


@settings(max_examples=CLI_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(invocation())
def test_no_traceback_ever_reaches_stderr(work, runner, monkeypatch, args):
    monkeypatch.chdir(work)
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", str(work / "fuzz/index/deep-100000.json"))
    result = runner.invoke(app, args)
    err = result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code, err)
    assert "Traceback" not in err and BUG_HINT not in err, (args, err)
    if result.exit_code == 2:
        errors = [line for line in err.splitlines() if line.startswith("bilingual: error:")]
        assert err.strip() and len(errors) <= 1, (args, err)  # glossary lint lists its problems on stdout
    assert not any(ord(c) < 0x20 and c not in "\n\t\r" for c in err), (args, repr(err))
