"""What the views and their findings need is imported while the engine translates (#26: a whole process's
cost over the engine's). After the engine a short run only checks and renders; the imports of the rules
and renderers and the compiling of the page templates (about 0.17 s) used to come after it too, with
part of a core idle during the engine's work.

Run in a fresh interpreter, where nothing has imported the views' modules yet."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import bilingual
    from bilingual.engines.pseudo import PseudoEngine

    WARMED = ("bilingual.checks.runner", "bilingual.checks.issue", "bilingual.render.report")
    seen = []

    class Watching(PseudoEngine):
        def translate(self, texts, source, target):
            deadline = time.monotonic() + 10
            while not all(name in sys.modules for name in WARMED) and time.monotonic() < deadline:
                time.sleep(0.01)
            seen.append(all(name in sys.modules for name in WARMED))
            return super().translate(texts, source, target)

    folder = Path(sys.argv[1]) / "001"
    folder.mkdir()
    (folder / "en.md").write_text("# Title\\n\\nA sentence to translate.\\n", encoding="utf-8")
    assert not any(name in sys.modules for name in WARMED), "imported before the run"
    bilingual.translate([folder], bilingual.RunOptions(Watching(), ("zh",)))
    print(seen)
    """
)


def test_the_views_modules_are_imported_while_the_engine_translates(tmp_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "BILINGUAL_CACHE_DIR": "off",
                                         "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[True]"]
