"""The review server's JSON API, against the real server on 127.0.0.1 (a free port, stopped after each test)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from review_support import api, change, entry, issue, machine_issue, segments, server  # noqa: F401

SEGMENT_FIELDS = {"id", "source", "text", "status", "terms", "findings", "etag"}


def plain(rows: list[dict]) -> list[dict]:
    """The sentences without placeholders: any text is a valid translation of them."""
    return [row for row in rows if not re.search(r"\{/?\d+\}", row["source"])]


def test_issues_list_counts_per_language_and_status(api):
    answer = api.get("/api/issues")
    assert answer.status_code == 200
    (only,) = answer.json()
    assert only["issue"] == "024"
    for lang in ("zh", "ja"):
        counts = only["langs"][lang]
        assert counts["total"] > 50
        assert counts["machine"] == counts["total"] and counts["approved"] == 0


def test_segments_hold_the_documented_fields(api):
    rows = segments(api)
    assert rows and all(SEGMENT_FIELDS <= set(row) for row in rows)
    assert {row["status"] for row in rows} == {"machine"}
    with_terms = [row for row in rows if row["terms"]]
    assert with_terms, "the sample issue has glossary terms"
    paper = next(t for row in with_terms for t in row["terms"] if t["en"] == "paper")
    assert paper["target"] == "论文" and "报纸" in paper["forbidden"]


def test_an_approval_is_written_to_the_po_file_and_the_edition_rebuilt(api, server, issue: Path):
    row = next(r for r in plain(segments(api)) if r["kind"] == "paragraph")
    fixed = "人工审校的译文。"
    answer = api.put("/api/segments", json=change(row, fixed))
    assert answer.status_code == 200, answer.text
    saved = answer.json()
    assert saved["status"] == "approved" and saved["text"] == fixed and saved["etag"] != row["etag"]
    written = entry(issue / "zh.po", row["id"])
    assert written.approved and written.msgstr == fixed
    assert "machine suggestion: " + row["text"] in written.translator
    assert server.workspace.rebuilder.wait(issue, 60)
    assert fixed in (issue / "zh.md").read_text(encoding="utf-8")
    assert fixed in (issue / "aligned.html").read_text(encoding="utf-8")
    again = next(r for r in segments(api) if r["id"] == row["id"])
    assert again["status"] == "approved" and again["suggestion"] == row["text"]


def test_a_fuzzy_save_keeps_the_entry_unapproved_and_out_of_the_engines_reach(api, issue: Path):
    row = segments(api)[3]
    answer = api.put("/api/segments", json=change(row, row["text"] + "（改）", status="fuzzy"))
    assert answer.status_code == 200, answer.text
    written = entry(issue / "zh.po", row["id"])
    assert written.fuzzy and written.msgstr.endswith("（改）")
    assert not any(line.startswith("machine: ") for line in written.translator.split("\n"))


def test_a_stale_etag_is_refused_with_the_current_version_and_nothing_written(api, server, issue: Path):
    row = plain(segments(api))[2]
    first = api.put("/api/segments", json=change(row, "第一个人的译文。"))
    assert first.status_code == 200
    assert server.workspace.rebuilder.wait(issue, 60)
    before = (issue / "zh.po").read_bytes()
    second = api.put("/api/segments", json=change(row, "第二个人的译文。"))
    assert second.status_code == 409
    body = second.json()
    assert body["text"] == "第一个人的译文。" and body["etag"] == first.json()["etag"]
    assert (issue / "zh.po").read_bytes() == before


BAD = {
    "unknown id": (lambda row: change(row, "译文。") | {"id": "0000000000.9"}, "unknown id"),
    "text not a string": (lambda row: change(row, "x") | {"text": 5}, "'text' must be a string"),
    "etag missing": (lambda row: {k: v for k, v in change(row, "x").items() if k != "etag"}, "'etag' is missing"),
    "bad status": (lambda row: change(row, "x", status="done"), "'status' must be"),
    "unknown issue": (lambda row: change(row, "x") | {"issue": "999"}, "unknown issue"),
    "unknown language": (lambda row: change(row, "x", lang="fr"), "unknown language"),
    "extra field": (lambda row: change(row, "x") | {"approved": True}, "unknown field"),
    "placeholders missing": (lambda row: change(row, "没有占位符的译文。"), "placeholders missing"),
    "adds HTML": (lambda row: change(row, row["source"].replace("{1}", "{1}<img src=x onerror=alert(1)>", 1)), "adds HTML"),
    "empty approval": (lambda row: change(row, "  "), "empty text"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_refused_with_one_line_and_nothing_written(api, issue: Path, case: str):
    row = next(r for r in segments(api) if "{1}" in r["source"])
    before = {p.name: p.read_bytes() for p in issue.iterdir() if p.is_file()}
    make, reason = BAD[case]
    answer = api.put("/api/segments", json=make(row))
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert reason in error and "\n" not in error
    assert {p.name: p.read_bytes() for p in issue.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("body, reason", [(b"{not json", "not JSON"), (b"[1, 2]", "JSON object")])
def test_a_body_that_is_not_a_change_is_refused(api, body: bytes, reason: str):
    answer = api.put("/api/segments", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and reason in answer.json()["error"]


def test_a_po_file_changed_on_disk_is_reloaded_not_overwritten(api, issue: Path):
    from bilingual.memory.po import read_catalog, render

    theirs, mine = plain(segments(api))[4:6]
    po = issue / "zh.po"
    catalog = read_catalog(po)
    edited = tuple(
        e.__class__(**{**e.__dict__, "msgstr": "别人在 Poedit 里改的。", "flags": ()}) if e.msgctxt == theirs["id"] else e
        for e in catalog.entries
    )
    po.write_text(render(catalog.__class__(catalog.metadata, edited, catalog.header, catalog.header_fuzzy)), encoding="utf-8")
    reloaded = {r["id"]: r for r in segments(api)}
    assert reloaded[theirs["id"]]["text"] == "别人在 Poedit 里改的。" and reloaded[theirs["id"]]["status"] == "approved"
    stale = api.put("/api/segments", json=change(theirs, "我的版本。"))
    assert stale.status_code == 409
    assert api.put("/api/segments", json=change(mine, "我的译文。")).status_code == 200
    assert entry(po, theirs["id"]).msgstr == "别人在 Poedit 里改的。"
    assert entry(po, mine["id"]).msgstr == "我的译文。"


def test_a_save_waits_for_a_translate_run_holding_the_issue(api, issue: Path):
    from bilingual.folderlock import locked

    row = plain(segments(api))[6]
    held = threading.Event()
    release = threading.Event()

    def translate_run() -> None:
        with locked([issue]):
            held.set()
            release.wait(30)

    runner = threading.Thread(target=translate_run)
    runner.start()
    held.wait(10)
    answers: list[httpx.Response] = []
    saver = threading.Thread(target=lambda: answers.append(api.put("/api/segments", json=change(row, "等锁之后的译文。"))))
    saver.start()
    saver.join(0.5)
    assert saver.is_alive(), "the save must wait while the issue is locked"
    release.set()
    runner.join(10)
    saver.join(30)
    assert answers[0].status_code == 200
    assert entry(issue / "zh.po", row["id"]).msgstr == "等锁之后的译文。"


def test_the_command_prints_its_address_first_and_stops_on_ctrl_c(issue: Path):
    command = [sys.executable, "-c", "from bilingual.cli import main; main()", "review", str(issue.parent), "--port", "0", "--no-open",
               "--no-glossary"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=issue.parent.parent)
    try:
        first = process.stdout.readline().strip()
        match = re.fullmatch(r"review: http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{20,})", first)
        assert match, first
        port, token = match.groups()
        answer = httpx.get(f"http://127.0.0.1:{port}/api/issues", headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert answer.status_code == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_review_help_stays_fast_without_the_web_stack():
    code = "import sys; from bilingual.cli import app; print(any(m.split('.')[0] in ('starlette', 'uvicorn') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ}, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.168.1.5", False)])
def test_only_a_loopback_host_goes_without_a_warning(host: str, loopback: bool):
    from bilingual.review.server import is_loopback

    assert is_loopback(host) is loopback


def test_a_save_recomputes_the_sentences_check_findings(api):
    row = next(r for r in segments(api) if "论文" in r["text"] and any(t["en"] == "paper" for t in r["terms"]))
    assert not any("报纸" in (f["found"] or "") for f in row["findings"])
    answer = api.put("/api/segments", json=change(row, row["text"].replace("论文", "报纸"), status="fuzzy"))
    assert answer.status_code == 200, answer.text
    findings = answer.json()["findings"]
    assert any(f["severity"] == "error" and "报纸" in (f["found"] or "") for f in findings), findings
    listed = next(r for r in segments(api) if r["id"] == row["id"])
    assert any("报纸" in (f["found"] or "") for f in listed["findings"])


def test_a_port_in_use_is_one_line_and_exit_2(issue: Path, runner):
    import socket

    from bilingual.cli import app

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["review", str(issue.parent), "--port", str(port), "--no-open", "--no-glossary"])
    assert result.exit_code == 2
    assert result.stderr.startswith("bilingual: error: cannot listen on 127.0.0.1:") and result.stderr.count("\n") == 1


def test_a_folder_without_issues_is_one_line_and_exit_2(tmp_path: Path, runner):
    from bilingual.cli import app

    (tmp_path / "notes.md").write_text("# Notes\n", encoding="utf-8")
    result = runner.invoke(app, ["review", str(tmp_path), "--port", "0", "--no-open", "--no-glossary"])
    assert result.exit_code == 2
    assert "holds no issue folders" in result.stderr and result.stderr.count("\n") == 1


def test_a_sentence_that_needs_the_engine_stops_the_rebuild_not_the_save(api, server, issue: Path):
    row = plain(segments(api))[1]
    with (issue / "en.md").open("a", encoding="utf-8") as source:
        source.write("\nA paragraph nobody has translated yet.\n")
    edition = (issue / "zh.md").read_bytes()
    answer = api.put("/api/segments", json=change(row, "已保存的译文。"))
    assert answer.status_code == 200
    assert server.workspace.rebuilder.wait(issue, 60)
    assert entry(issue / "zh.po", row["id"]).msgstr == "已保存的译文。"
    assert (issue / "zh.md").read_bytes() == edition
    (state,) = api.get("/api/issues").json()
    assert "2 sentence(s) (zh: 1, ja: 1) need the engine" in state["rebuild"]["problem"]
    assert "run bilingual translate" in state["rebuild"]["problem"] and "\n" not in state["rebuild"]["problem"]


def test_a_save_gives_up_on_a_run_that_keeps_the_issue_and_writes_nothing(api, issue: Path, monkeypatch):
    from bilingual.review import save
    from bilingual.folderlock import locked

    monkeypatch.setattr(save, "LOCK_WAIT", 0.3)
    row = plain(segments(api))[7]
    before = (issue / "zh.po").read_bytes()
    with locked([issue]):
        answer = api.put("/api/segments", json=change(row, "等不到锁的译文。"))
    assert answer.status_code == 503
    assert "being translated by another run" in answer.json()["error"]
    assert (issue / "zh.po").read_bytes() == before
    assert api.put("/api/segments", json=change(row, "锁释放后的译文。")).status_code == 200


def test_a_body_too_large_is_refused(api):
    answer = api.put("/api/segments", content=b"{" + b" " * (2 << 20) + b"}", headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
