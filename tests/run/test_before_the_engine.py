"""What a ``bilingual translate`` process imports before its engine starts (#26: a whole process's cost over
the engine's). Everything imported before the engine is on the run's critical path: the engine cannot start
until it is done. What the views need (the rules, the renderers, the page templates) is loaded while the engine
translates (``run.outcome._warm_views``), and the network stack is only for ``bilingual models install``; a
translate run used to import both before its engine, the views through the file names of its outputs
(``render.outputs.OutputPaths``, which imported the whole ``render`` package) and the network through the
package store (``bilingual.packages``, which imported the downloader).

Run as a user runs it: the real CLI and the real Argos engine with the fixture en→zh package, in a fresh
interpreter where nothing has imported anything yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT
from conftest_argos import fixture_model

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import bilingual.run.outcome as outcome

    warm, probe = outcome._warm_views, sys.argv[1]

    def seen_before_the_engine():
        with open(probe, "w", encoding="utf-8") as out:
            json.dump(sorted(sys.modules), out)
        return warm()

    outcome._warm_views = seen_before_the_engine
    from bilingual.cli import main
    sys.argv = ["bilingual", "translate", sys.argv[2], "--to", "zh", "--beam-size", "1", "--no-glossary"]
    main()
    """
)

#: Modules a translate run has no use for before its engine starts (a prefix names a package and its modules).
NOT_BEFORE_THE_ENGINE = (
    "bilingual.render",  # the views: warmed while the engine runs
    "bilingual.checks",
    "jinja2",
    "bilingual.packages.network",  # downloading packages: `bilingual models install` only
    "bilingual.packages.transport",
    "bilingual.packages.index",
    "http.client",
    "urllib.request",  # (not ssl: ctranslate2 imports asyncio, which imports it)
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The modules loaded when the run's engine is about to start."""
    root = tmp_path_factory.mktemp("before-engine")
    packages = root / "packages"
    packages.mkdir()
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "BILINGUAL_CACHE_DIR": "off",
           "PYTHONPATH": str(ROOT / "src")}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(root / "xdg" / name.lower())
    model = fixture_model("en_zh")
    install = subprocess.run([sys.executable, "-c", "import sys; from bilingual.packages import install_file; install_file(sys.argv[1])",
                              str(model)], env=env, cwd=root, capture_output=True, text=True, timeout=120)
    assert install.returncode == 0, install.stderr
    issue = root / "issues" / "001"
    issue.mkdir(parents=True)
    (issue / "en.md").write_text("# A title\n\nA sentence to translate.\n", encoding="utf-8")
    seen = root / "seen.json"
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(seen), str(issue)], env=env, cwd=root,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "sent to argos" in done.stdout, done.stdout
    return json.loads(seen.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NOT_BEFORE_THE_ENGINE)
def test_a_translate_run_does_not_import_it_before_its_engine(imported: list[str], name: str):
    early = [module for module in imported if module == name or module.startswith(name + ".")]
    assert early == []


def test_what_the_run_needs_is_imported(imported: list[str]):
    """The probe sees the run: the engine's model and the Markdown parser are loaded by then."""
    assert {"bilingual.engines.argos", "bilingual.document.markdown", "markdown_it"} <= set(imported)
