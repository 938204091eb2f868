// bilingual review: the page. Every text from a PO file, the glossary or Markdown is set with
// textContent, never parsed as HTML. Talks to the JSON API of the same server (cookie + Origin).
"use strict";

const LANG_TAG = { en: "en", zh: "zh-Hans", ja: "ja" };
const LANG_NAME = { en: "English", zh: "中文", ja: "日本語" };
const STATUS_TEXT = {
  approved: "approved", machine: "machine", fuzzy: "fuzzy", imported: "imported from edition",
  changed: "source changed", untranslated: "untranslated",
};
const state = { issues: [], issue: null, langs: [], rows: {}, order: [], blocks: [], findings: [], current: null, lang: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(method, path, body) {
  const options = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const answer = await fetch(path, options);
  let data = null;
  try { data = await answer.json(); } catch (e) { data = { error: "the server's answer was not JSON" }; }
  return { status: answer.status, data };
}

// -- text with placeholders ------------------------------------------------------------------

const TOKEN = /\{\/?\d{1,4}\}/g;

function withChips(text, markup) {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) out.append(text.slice(last, match.index));
    out.append(el("code", { class: "ph", title: (markup && markup[match[0]]) || "markup from the source" }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.append(text.slice(last));
  return out;
}

function wordDiff(before, after) {
  // Word-level LCS diff: what changed in the source since the translation was made.
  const a = before.split(/(\s+)/), b = after.split(/(\s+)/);
  const n = a.length, m = b.length;
  if (n * m > 250000) return el("span", {}, el("del", {}, before), " ", el("ins", {}, after));
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--)
    dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out = el("span", { class: "diff" });
  const put = (tag, text) => {
    // Runs of inserted or deleted words become one element each.
    const last = out.lastChild;
    if (tag && last && last.nodeName.toLowerCase() === tag) last.textContent += text;
    else out.append(tag ? el(tag, {}, text) : text);
  };
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { put(null, a[i]); i++; j++; }
    else if (j < m && (i === n || dp[i][j + 1] >= dp[i + 1][j])) { put("ins", b[j]); j++; }
    else { put("del", a[i]); i++; }
  }
  return out;
}

// -- loading -------------------------------------------------------------------------------

async function loadIssues() {
  const { status, data } = await api("GET", "/api/issues");
  if (status !== 200) { showError(data.error); return; }
  state.issues = data;
  renderIssueList();
  const wanted = decodeURIComponent(location.hash.slice(1));
  const chosen = data.find((i) => i.issue === wanted) || data[0];
  if (chosen && chosen.issue !== state.issue) await openIssue(chosen.issue);
}

async function openIssue(name) {
  state.issue = name;
  if (location.hash.slice(1) !== encodeURIComponent(name)) history.replaceState(null, "", "#" + encodeURIComponent(name));
  const info = state.issues.find((i) => i.issue === name);
  state.langs = Object.keys(info.langs);
  state.lang = state.lang && state.langs.includes(state.lang) ? state.lang : state.langs[0];
  state.rows = {};
  const answers = await Promise.all([
    ...state.langs.map((lang) => api("GET", `/api/segments?issue=${encodeURIComponent(name)}&lang=${lang}`)),
    api("GET", `/api/blocks?issue=${encodeURIComponent(name)}`),
    api("GET", `/api/findings?issue=${encodeURIComponent(name)}`),
  ]);
  for (const [k, lang] of state.langs.entries()) {
    if (answers[k].status !== 200) { showError(answers[k].data.error); return; }
    state.rows[lang] = Object.fromEntries(answers[k].data.map((row) => [row.id, row]));
  }
  state.order = answers[0].data.map((row) => row.id);
  state.blocks = answers[state.langs.length].status === 200 ? answers[state.langs.length].data : [];
  const found = answers[state.langs.length + 1];
  state.findings = found.status === 200 ? found.data : [];
  renderIssueList();
  renderDocument();
  renderIssueFindings();
  renderProgress();
}

function showError(message) {
  const main = document.getElementById("doc");
  main.replaceChildren(el("p", { class: "error", role: "alert" }, message || "something went wrong"));
}

// -- the issue list and progress -------------------------------------------------------------

function counts(lang) {
  const result = { total: 0, approved: 0, findings: 0 };
  for (const id of state.order) {
    const row = state.rows[lang][id];
    result.total++;
    result[row.status] = (result[row.status] || 0) + 1;
    if (row.findings.length) result.findings++;
  }
  return result;
}

function renderIssueList() {
  const nav = document.getElementById("issues");
  const list = el("ul");
  for (const info of state.issues) {
    const label = Object.entries(info.langs).map(([lang, c]) => `${lang} ${c.approved}/${c.total}`).join(" · ");
    const link = el("a", { href: "#" + encodeURIComponent(info.issue), "aria-current": info.issue === state.issue ? "page" : null },
      el("strong", {}, info.issue), " ", el("span", { class: "muted" }, label));
    link.addEventListener("click", (event) => { event.preventDefault(); openIssue(info.issue); });
    list.append(el("li", {}, link));
  }
  nav.replaceChildren(list);
}

function renderProgress() {
  const box = document.getElementById("progress");
  box.replaceChildren();
  for (const lang of state.langs) {
    const c = counts(lang);
    const percent = c.total ? Math.round((100 * c.approved) / c.total) : 100;
    const details = ["machine", "fuzzy", "imported", "changed", "untranslated"].filter((s) => c[s]).map((s) => `${c[s]} ${STATUS_TEXT[s]}`);
    if (c.findings) details.push(`${c.findings} with findings`);
    box.append(el("div", { class: "progress", "data-lang": lang },
      el("span", { class: "lang" }, LANG_NAME[lang] || lang), " ",
      el("progress", { max: c.total || 1, value: c.approved, "aria-label": `${lang} approved` }), " ",
      el("span", { class: "count" }, `${c.approved}/${c.total} approved (${percent}%)`),
      details.length ? el("span", { class: "muted" }, " · " + details.join(", ")) : null));
  }
  const info = state.issues.find((i) => i.issue === state.issue);
  if (info) for (const lang of state.langs) {
    const c = counts(lang);
    info.langs[lang].approved = c.approved;
    info.langs[lang].total = c.total;
  }
  renderIssueList();
}

// -- the document ----------------------------------------------------------------------------

function renderDocument() {
  const main = document.getElementById("doc");
  const head = el("div", { class: "row head" }, el("div", { lang: "en" }, "English"),
    ...state.langs.map((lang) => el("div", { lang: LANG_TAG[lang] || lang }, LANG_NAME[lang] || lang)));
  const items = [];
  let lastUnit = null;
  let unitBox = null;
  const blocks = [...state.blocks];
  for (const id of state.order) {
    const first = state.rows[state.langs[0]][id];
    while (blocks.length && blocks[0].line < first.line) items.push(blockView(blocks.shift()));
    if (first.unit !== lastUnit) {
      unitBox = el("section", { class: `unit ${first.kind}`, "data-unit": first.unit, "data-kind": first.kind },
        el("div", { class: "where muted" }, `${first.kind} · en.md:${first.line}`));
      items.push(unitBox);
      lastUnit = first.unit;
    }
    unitBox.append(rowView(id));
  }
  items.push(...blocks.map(blockView));
  main.replaceChildren(head, ...items);
  for (const box of main.querySelectorAll("textarea")) fit(box);
  applyFilters();
}

function fit(box) {
  // A text box as tall as its text, so a sentence is read whole without scrolling inside it.
  box.style.height = "auto";
  box.style.height = box.scrollHeight + 2 + "px";
}

function blockView(block) {
  return el("section", { class: `unit verbatim ${block.kind}`, "data-kind": block.kind },
    el("div", { class: "where muted" }, `${block.kind} · en.md:${block.line} · the same in every language`),
    el("pre", { lang: "en" }, block.markdown));
}

function rowView(id) {
  const english = state.rows[state.langs[0]][id];
  const row = el("div", { class: "row", "data-id": id, id: "s-" + id });
  row.append(el("div", { class: "cell en", lang: "en" }, el("p", { class: "source" }, withChips(english.source, english.markup))));
  for (const lang of state.langs) row.append(cellView(lang, state.rows[lang][id]));
  return row;
}

function cellView(lang, seg) {
  const cell = el("div", { class: `cell target ${seg.status}`, "data-lang": lang, "data-status": seg.status, lang: LANG_TAG[lang] || lang });
  const label = `${LANG_NAME[lang] || lang} translation of ${seg.id}`;
  const box = el("textarea", { rows: 2, "aria-label": label, spellcheck: "false" });
  box.value = seg.text;
  box.addEventListener("focus", () => { state.current = seg.id; state.lang = lang; markCurrent(); });
  box.addEventListener("input", () => { fit(box); cell.classList.toggle("edited", box.value !== state.rows[lang][seg.id].text); });
  const approve = el("button", { type: "button", class: "approve", title: "Approve (Ctrl+Enter)" }, "Approve");
  const fuzzy = el("button", { type: "button", class: "fuzzy", title: "Save without approving (Ctrl+Shift+Enter)" }, "Save as fuzzy");
  const revert = el("button", { type: "button", class: "revert", title: "Revert your edit (Esc)" }, "Revert");
  approve.addEventListener("click", () => save(lang, seg.id, "approved"));
  fuzzy.addEventListener("click", () => save(lang, seg.id, "fuzzy"));
  revert.addEventListener("click", () => revertEdit(lang, seg.id));
  cell.append(
    el("div", { class: "meta" }, el("span", { class: `state ${seg.status}` }, STATUS_TEXT[seg.status] || seg.status)),
    box,
    el("div", { class: "actions" }, approve, fuzzy, revert),
  );
  if (seg.status === "changed" && seg.previous) cell.append(el("p", { class: "previous", lang: "en" }, "Source changed: ", wordDiff(seg.previous, seg.source)));
  if (seg.before) cell.append(el("p", { class: "suggestion" }, el("span", { class: "muted", lang: "en" }, "Approved before the change: "), seg.before));
  if (seg.suggestion && seg.suggestion !== seg.text) cell.append(el("p", { class: "suggestion" }, el("span", { class: "muted", lang: "en" }, "Machine: "), seg.suggestion));
  if (seg.terms.length) {
    const terms = el("ul", { class: "terms", "aria-label": "Glossary terms" });
    for (const term of seg.terms) {
      const used = term.allowed.some((t) => seg.text.includes(t));
      terms.append(el("li", { class: used ? "term ok" : "term missing", title: term.note || null },
        el("span", { lang: "en" }, term.found), " → ", el("mark", { class: "term" }, term.target || "(not set)"),
        term.forbidden.length ? el("span", { class: "muted" }, ` not ${term.forbidden.join(", ")}`) : null));
    }
    cell.append(terms);
  }
  if (seg.findings.length) cell.append(findingsList(seg.findings, "Check findings"));
  return cell;
}

function cellOf(lang, id) {
  return document.querySelector(`.row[data-id="${CSS.escape(id)}"] .cell[data-lang="${CSS.escape(lang)}"]`);
}

// -- saving ----------------------------------------------------------------------------------

async function save(lang, id, status) {
  const cell = cellOf(lang, id);
  const seg = state.rows[lang][id];
  const text = cell.querySelector("textarea").value;
  cell.classList.add("saving");
  const { status: code, data } = await api("PUT", "/api/segments",
    { issue: state.issue, lang, id, text, status, etag: seg.etag });
  cell.classList.remove("saving");
  if (code === 200) {
    state.rows[lang][id] = data;
    state.findings = state.findings.filter((f) => !(f.row === id && f.lang === lang)).concat(data.findings);
    replaceCell(lang, id, data);
    renderProgress();
    watchRebuild();
  } else if (code === 409) {
    showConflict(lang, id, text, data);
  } else {
    showCellError(cell, data.error || `error ${code}`);
  }
  return code;
}

function replaceCell(lang, id, seg) {
  const old = cellOf(lang, id);
  const fresh = cellView(lang, seg);
  old.replaceWith(fresh);
  fit(fresh.querySelector("textarea"));
  applyFilters();
  return fresh;
}

function showCellError(cell, message) {
  cell.querySelector(".error")?.remove();
  cell.append(el("p", { class: "error", role: "alert", lang: "en" }, message));
}

function showConflict(lang, id, mine, theirs) {
  // Someone else saved this sentence meanwhile: show their version; nothing of either is lost.
  const seg = { ...state.rows[lang][id], text: theirs.text, status: theirs.status, etag: theirs.etag };
  state.rows[lang][id] = seg;
  const cell = replaceCell(lang, id, seg);
  const box = cell.querySelector("textarea");
  box.value = mine;
  cell.classList.add("edited");
  const useTheirs = el("button", { type: "button", class: "theirs" }, "Use theirs");
  useTheirs.addEventListener("click", () => { box.value = theirs.text; cell.classList.remove("edited"); note.remove(); });
  const note = el("div", { class: "conflict", role: "alert", lang: "en" },
    el("strong", {}, "Changed elsewhere while you edited. "), "Their version (" + (STATUS_TEXT[theirs.status] || theirs.status) + "): ",
    el("q", { class: "theirs-text", lang: LANG_TAG[lang] || lang }, theirs.text),
    " Your text is still in the box: approve it to replace theirs, or ", useTheirs);
  cell.insertBefore(note, box);
  renderProgress();
}

function revertEdit(lang, id) {
  const cell = cellOf(lang, id);
  cell.querySelector("textarea").value = state.rows[lang][id].text;
  cell.classList.remove("edited");
  cell.querySelector(".conflict")?.remove();
}

let rebuildTimer = null;
function watchRebuild() {
  const line = document.getElementById("rebuild");
  line.textContent = "rebuilding the editions…";
  clearTimeout(rebuildTimer);
  const poll = async () => {
    const { status, data } = await api("GET", "/api/issues");
    if (status !== 200) return;
    const info = data.find((i) => i.issue === state.issue);
    if (!info) return;
    if (info.rebuild.pending) { rebuildTimer = setTimeout(poll, 700); return; }
    line.textContent = info.rebuild.problem ? info.rebuild.problem : "editions and views rebuilt";
    line.classList.toggle("error", Boolean(info.rebuild.problem));
    await refreshFindings();
  };
  rebuildTimer = setTimeout(poll, 400);
}

// -- filters and keys ------------------------------------------------------------------------

function applyFilters() {
  const unapproved = document.getElementById("f-unapproved").checked;
  const findings = document.getElementById("f-findings").checked;
  const changed = document.getElementById("f-changed").checked;
  for (const row of document.querySelectorAll(".row[data-id]")) {
    const segs = state.langs.map((lang) => state.rows[lang][row.dataset.id]);
    const show = (!unapproved || segs.some((s) => s.status !== "approved"))
      && (!findings || segs.some((s) => s.findings.length))
      && (!changed || segs.some((s) => s.status === "changed"));
    row.hidden = !show;
  }
  for (const unit of document.querySelectorAll("section.unit")) {
    const rows = unit.querySelectorAll(".row[data-id]");
    unit.hidden = rows.length ? [...rows].every((r) => r.hidden) : unapproved || findings || changed;
  }
}

function visibleIds() {
  return [...document.querySelectorAll(".row[data-id]")].filter((r) => !r.hidden && !r.closest("section").hidden).map((r) => r.dataset.id);
}

function move(step) {
  const ids = visibleIds();
  if (!ids.length) return;
  const at = ids.indexOf(state.current);
  const next = ids[Math.min(ids.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
  focusCell(state.lang || state.langs[0], next);
}

function focusCell(lang, id) {
  const cell = cellOf(lang, id);
  if (!cell) return;
  state.current = id;
  const box = cell.querySelector("textarea");
  box.focus();
  cell.scrollIntoView({ block: "center" });
  markCurrent();
}

function markCurrent() {
  for (const node of document.querySelectorAll(".row.current")) node.classList.remove("current");
  const row = document.getElementById("s-" + state.current);
  if (row) row.classList.add("current");
}

document.addEventListener("keydown", (event) => {
  const inBox = event.target instanceof HTMLTextAreaElement;
  const cell = inBox ? event.target.closest(".cell") : null;
  if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
    event.preventDefault();
    move(event.key === "ArrowDown" ? 1 : -1);
  } else if (!inBox && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "j" || event.key === "k")) {
    event.preventDefault();
    move(event.key === "j" ? 1 : -1);
  } else if (cell && (event.ctrlKey || event.metaKey) && event.key === "Enter") {
    event.preventDefault();
    const id = cell.closest(".row").dataset.id;
    save(cell.dataset.lang, id, event.shiftKey ? "fuzzy" : "approved").then((code) => { if (code === 200 && !event.shiftKey) move(1); });
  } else if (cell && event.key === "Escape") {
    event.preventDefault();
    revertEdit(cell.dataset.lang, cell.closest(".row").dataset.id);
  }
});

for (const id of ["f-unapproved", "f-findings", "f-changed"]) document.getElementById(id).addEventListener("change", applyFilters);
window.addEventListener("hashchange", () => {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && wanted !== state.issue && state.issues.some((i) => i.issue === wanted)) openIssue(wanted);
});
loadIssues();
