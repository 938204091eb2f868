"""README's recipe for turning an OPUS-MT release into an Argos package works, for zh and ja.

The block between the ``opus-recipe`` markers in README.md runs as it is written (bash), on a
zip of a tiny OPUS-MT-format model (tests/fixtures/models/opus-mt/, built by
``build.py --variants opus``); then ``bilingual translate`` uses the installed package and must
give back the sentences that model memorised.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from conftest_argos import FIXTURE_MODELS, closed_port_url, corpus

README = ROOT / "README.md"
NAMES = {"zh": "Chinese", "ja": "Japanese"}


def recipe() -> str:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- opus-recipe:begin[^>]*-->\n```sh\n(.*?)```\n<!-- opus-recipe:end -->", text, re.S)
    assert block, "README.md lost its opus-recipe block"
    return block.group(1)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_the_readme_recipe_makes_a_package_bilingual_translates_with(tmp_path: Path, lang: str) -> None:
    release = FIXTURE_MODELS / "opus-mt" / f"en-{lang}"
    with zipfile.ZipFile(tmp_path / f"opus-mt-en-{lang}.zip", "w") as archive:  # files at the top, as OPUS-MT ships them
        for path in sorted(release.iterdir()):
            archive.write(path, path.name)
    first, *rest = recipe().splitlines()
    assert first.startswith("export L=zh NAME=Chinese")
    script = "set -euo pipefail\n" + f"export L={lang} NAME={NAMES[lang]}\n" + "\n".join(rest) + "\n"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "ARGOS_PACKAGE_INDEX": closed_port_url(),
        "BILINGUAL_CACHE_DIR": "off",
    }
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "packages" / f"translate-en_{lang}-1_0" / "sentencepiece.model").is_file()

    rows = corpus()[:12]  # what the tiny release memorised
    doc = tmp_path / "doc"
    doc.mkdir()
    (doc / "en.md").write_text("".join(f"{row['en']}\n\n" for row in rows[:4]), encoding="utf-8")
    translate = [str(Path(sys.executable).parent / "bilingual"), "translate", str(doc), "--to", lang, "--no-glossary", "--beam-size", "1"]
    done = subprocess.run(translate, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (doc / f"{lang}.md").read_text(encoding="utf-8") == "".join(f"{row[lang]}\n\n" for row in rows[:4])
