"""Load: two reviewers saving 200 times each on the same sentences of one issue, with a
``bilingual translate`` run (another process, changing en.md) in between. No save is lost: the
accepted saves of each sentence form one unbroken chain of ETags ending in the file as it is; every
409 named a version that had been replaced; the PO file passes ``msgfmt --check``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from bilingual.review.segments import etag
from review_support import GLOSSARY, api, entry, issue, machine_issue, segments, server  # noqa: F401

pytestmark = pytest.mark.slow
SAVES = 200
POOL = 8  # sentences both reviewers work on: enough overlap for real conflicts


def _translate(issue: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from bilingual.cli import main; main()", "translate", str(issue), "--engine", "pseudo",
               "--glossary", str(GLOSSARY)]
    deadline = time.monotonic() + 120
    while True:
        done = subprocess.run(command, capture_output=True, text=True, cwd=issue.parent)
        if done.returncode != 3 or time.monotonic() > deadline:  # 3: the review server holds the lock; run again
            return done
        time.sleep(0.05)


def test_two_writers_and_a_translate_run_lose_no_save(server, api, issue: Path):
    pool = [r for r in segments(api) if not re.search(r"\{/?\d+\}", r["source"])][:POOL]
    initial = {r["id"]: r["etag"] for r in pool}
    log: list[tuple[str, str, str, str, int, dict]] = []  # writer, id, etag sent, text, status code, reply
    lock = threading.Lock()
    halfway = threading.Event()
    failures: list[str] = []

    def writer(name: str, offset: int) -> None:
        known = dict(initial)
        with httpx.Client(base_url=server.origin, headers={"Authorization": f"Bearer {server.token}"}, timeout=120) as client:
            for i in range(SAVES):
                sid = pool[(i * 3 + offset) % len(pool)]["id"]
                text = f"{name} 的第 {i} 次保存。"
                body = {"issue": "024", "lang": "zh", "id": sid, "text": text,
                        "status": "approved" if i % 2 else "fuzzy", "etag": known[sid]}
                answer = client.put("/api/segments", json=body)
                reply = answer.json()
                with lock:
                    log.append((name, sid, known[sid], text, answer.status_code, reply))
                if answer.status_code not in (200, 409):
                    failures.append(f"{answer.status_code}: {reply}")
                    return
                known[sid] = reply["etag"]
                if i == SAVES // 2 and name == "a":
                    halfway.set()

    threads = [threading.Thread(target=writer, args=(name, k)) for k, name in enumerate("ab")]
    for thread in threads:
        thread.start()
    assert halfway.wait(300)
    with (issue / "en.md").open("a", encoding="utf-8") as source:
        source.write("\nA paragraph added while the reviewers work.\n")
    run = _translate(issue)
    assert run.returncode == 0, run.stderr
    for thread in threads:
        thread.join(600)
    assert not failures, failures[:3]
    assert server.workspace.rebuilder.wait(issue, 120)

    accepted = [item for item in log if item[4] == 200]
    conflicts = [item for item in log if item[4] == 409]
    assert len(log) == 2 * SAVES and accepted and conflicts
    for _, sid, sent, _, _, reply in conflicts:  # a real conflict: the version named had been replaced
        assert reply["etag"] != sent
        assert sent == initial[sid] or any(a[5]["etag"] == sent for a in accepted if a[1] == sid)
    for sid in initial:
        mine = [a for a in accepted if a[1] == sid]
        by_parent = {}
        for item in mine:
            assert item[2] not in by_parent, f"{sid}: two saves accepted against one version: one was lost"
            by_parent[item[2]] = item
        chain, at = [], initial[sid]
        while at in by_parent:
            chain.append(by_parent[at])
            at = by_parent[at][5]["etag"]
        assert len(chain) == len(mine), f"{sid}: every accepted save follows the one before it"
        final = chain[-1] if chain else None
        written = entry(issue / "zh.po", sid)
        assert etag(written) == at, f"{sid}: the file holds the last accepted save"
        if final is not None:
            assert written.msgstr == final[3]
    assert "A paragraph added" in (issue / "zh.po").read_text(encoding="utf-8")
    if shutil.which("msgfmt"):
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(issue / "zh.po")], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
