// bilingual review: check's findings on the page, each once: on its sentence's row, or in the
// issue's own list (#issue-findings) when it belongs to no one sentence. Loaded before review.js,
// whose state, el() and cellOf() these functions use when called.
"use strict";

function findingText(f) {
  const found = [f.found !== null ? `found '${f.found}'` : null, f.expected !== null ? `expected '${f.expected}'` : null].filter(Boolean);
  return `${f.severity} ${f.rule} · ${f.file}:${f.line}: ${f.message}` + (found.length ? ` (${found.join(", ")})` : "");
}

function findingsList(findings, label) {
  const list = el("ul", { class: "findings", "aria-label": label });
  for (const f of findings) {
    list.append(el("li", { class: `finding ${f.severity}`, lang: "en", "data-file": f.file, "data-line": f.line,
      "data-rule": f.rule, "data-severity": f.severity }, findingText(f)));
  }
  return list;
}

function renderIssueFindings() {
  // What check reports for the issue that no sentence row shows: the document as a whole, or a
  // passage it cannot tie to one sentence. Each with its file and line.
  const box = document.getElementById("issue-findings");
  const own = state.findings.filter((f) => f.row === null);
  box.hidden = own.length === 0;
  box.replaceChildren(
    el("h2", {}, `Findings of no one sentence (${own.length})`),
    el("p", { class: "muted" }, "What bilingual check reports for the issue as a whole, or for a passage it cannot tie to one sentence: fix them in the file and line named."),
    findingsList(own, "Findings of the issue"));
}

async function refreshFindings() {
  // The editions were rebuilt: check's findings again, for the rows and the issue's list (edits in the boxes stay).
  const { status, data } = await api("GET", `/api/findings?issue=${encodeURIComponent(state.issue)}`);
  if (status !== 200) return;
  state.findings = data;
  for (const lang of state.langs) {
    for (const id of state.order) {
      const seg = state.rows[lang][id];
      const mine = data.filter((f) => f.row === id && f.lang === lang);
      if (JSON.stringify(mine) === JSON.stringify(seg.findings)) continue;
      seg.findings = mine;
      const cell = cellOf(lang, id);
      if (!cell) continue;
      cell.querySelector("ul.findings")?.remove();
      if (mine.length) cell.append(findingsList(mine, "Check findings"));
    }
  }
  renderIssueFindings();
  renderProgress();
  applyFilters();
}
