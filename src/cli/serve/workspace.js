"use strict";
// One page, two back-ends: `promocase serve` answers these requests over HTTP;
// the site (web/site) answers the same requests from the WebAssembly build in a
// Web Worker, and sets `window.promocaseBackend` before this script runs.
const backend = window.promocaseBackend || {
  fetch: (path, options) => fetch(path, options),
  events: (path) => new EventSource(path),
};
// Everything the person typed is data: it is only ever set as text (textContent,
// a textarea's value) or sent to the server, never written as HTML.
const $ = (id) => document.getElementById(id);
let version = null, name = "", saved = "", messages = [], pages = [], previewTimer = 0, analyseTimer = 0, draftTimer = 0, previewRetries = 0, sequence = 0;

// Every request names the case this page edits, so each tab saves to its own file.
const api = (path) => path + (path.includes("?") ? "&" : "?") + "case=" + encodeURIComponent(name);
const dirty = () => editor.text() !== saved;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function setState(message) { $("state").textContent = message; }
function showState() { setState(dirty() ? "unsaved edits" : "saved"); }

function renderAnalysis(a) {
  messages = a.messages || [];
  const list = $("findings");
  list.replaceChildren();
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...messages].sort((x, y) => order[x.severity] - order[y.severity]
    || (x.span ? x.span.line : 0) - (y.span ? y.span.line : 0));
  $("findingsTitle").textContent = a.loads
    ? `Findings · ${a.errors} errors, ${a.warnings} warnings, ${a.notes} notes`
    : "The file does not load";
  for (const m of sorted) {
    const word = m.severity === "info" ? "note" : m.severity;
    const item = el("li", {},
      el("span", { class: "where" }, m.span ? `${m.span.line}:${m.span.column}` : ""),
      el("span", { class: "sev sev-" + m.severity }, word),
      el("span", { class: "code" }, m.code), document.createElement("br"),
      m.message);
    if (m.hint) item.append(el("div", { class: "hint" }, "hint: " + m.hint));
    if (m.span) item.addEventListener("click", () => editor.select(m.span));
    if (m.kind === "check") {
      const more = el("button", { type: "button", class: "more", "aria-expanded": "false" }, "Why it matters · example");
      more.addEventListener("click", (event) => { event.stopPropagation(); explain(m.code, item, more); });
      item.append(more);
    }
    if (m.kind === "check" || m.suggestion) {
      const fix = el("button", { type: "button", class: "more", "aria-expanded": "false" }, "Fix…");
      fix.addEventListener("click", (event) => { event.stopPropagation(); offerFixes(m, item, fix); });
      item.append(fix);
    }
    list.append(item);
  }
  const box = $("readiness");
  box.replaceChildren();
  if (a.readiness) {
    const r = a.readiness;
    box.append(el("div", { class: "score" }, `${r.score} / 100`), el("div", {}, `for ${r.level_name}`));
    if (r.blocked_by.length) box.append(el("div", { class: "blocked" }, `at most ${a.cap} while these rules find errors: ` + r.blocked_by.join(", ")));
    const table = el("table", { class: "dims" });
    for (const d of r.dimensions) {
      if (d.weight === 0) continue;
      table.append(el("tr", {}, el("td", {}, d.name), el("td", { class: "st-" + d.status }, a.statuses[d.status])));
    }
    box.append(table);
  } else {
    box.append(el("div", { class: "blocked" }, "Fix the file's mistakes to see the readiness."));
  }
  const changes = $("changes");
  changes.replaceChildren();
  if (a.changes) {
    const c = a.changes;
    const delta = c.score.after - c.score.before;
    changes.append(el("div", {}, `Score ${c.score.before} → ${c.score.after} (${delta >= 0 ? "+" : ""}${delta}) · ${c.fixed.length} findings fixed · ${c.new.length} new`));
    for (const d of c.dimensions) changes.append(el("div", {}, `${d.improved ? "better" : "worse"}: ${d.name} ${a.statuses[d.before]} → ${a.statuses[d.after]}`));
  } else {
    changes.append("No comparison while the file does not load.");
  }
  editor.show(messages);
}

// The quick fixes the language server offers for a message (replace a
// misspelt key, insert the rule's example, waive it with a reason to write),
// as buttons under it. Each answer carries the whole text after the fix, which
// the editor takes in one step (one undo takes it back).
async function offerFixes(m, item, button) {
  const open = item.querySelector(".fixes");
  if (open) { open.remove(); button.setAttribute("aria-expanded", "false"); return; }
  const text = editor.text();
  const response = await post(api("api/fixes"), { text, code: m.code, start: m.span ? m.span.start : null }, true);
  const answer = await response.json().catch(() => ({}));
  const box = el("div", { class: "explain fixes" });
  box.addEventListener("click", (event) => event.stopPropagation());
  const note = el("span", { class: "hint" });
  if (!response.ok) box.append(el("div", { class: "hint" }, answer.error || "no fix"));
  else if (!answer.fixes.length) box.append(el("div", { class: "hint" }, "No fix to apply here: the hint says what to write."));
  for (const fix of answer.fixes || []) {
    const apply = el("button", { type: "button", class: "fix" }, fix.title);
    apply.addEventListener("click", () => {
      if (editor.text() !== text) { note.textContent = " the text changed meanwhile; open Fix… again"; return; }
      editor.setText(fix.text);
      editor.select({ line: fix.line, column: 1, end_line: fix.line, end_column: 1 });
      note.textContent = ` applied at line ${fix.line}: check the words and figures`;
    });
    box.append(apply, " ");
  }
  box.append(note);
  item.append(box);
  button.setAttribute("aria-expanded", "true");
}

// The rule's explanation (what `promocase explain` prints) under its finding,
// with its example and an action that puts the example where it belongs.
async function explain(rule, item, button) {
  const open = item.querySelector(".explain");
  if (open) { open.remove(); button.setAttribute("aria-expanded", "false"); return; }
  const response = await backend.fetch("api/explain?rule=" + encodeURIComponent(rule));
  if (!response.ok) return;
  const x = await response.json();
  const box = el("div", { class: "explain" },
    el("div", { class: "summary" }, x.summary),
    el("div", { class: "hint" }, `${x.dimension} · ${x.severities.map((s) => s.level + " " + s.severity).join(", ")}`));
  for (const paragraph of x.paragraphs) box.append(el("p", {}, paragraph));
  box.append(el("div", { class: "hint" }, "A case that satisfies it:"), el("pre", {}, x.example));
  const insert = el("button", { type: "button" }, "Insert this example into my case");
  const note = el("span", { class: "hint" });
  insert.addEventListener("click", async () => {
    const text = editor.text();
    const answer = await post("api/insert", { text, rule }, true);
    const result = await answer.json().catch(() => ({}));
    if (!answer.ok) { note.textContent = " " + (result.error || "not inserted"); return; }
    if (editor.text() !== text) { note.textContent = " the text changed meanwhile; press again"; return; }
    editor.insertLines(result.insertions);
    note.textContent = " inserted: replace its names and figures with yours";
  });
  box.append(insert, note);
  box.addEventListener("click", (event) => event.stopPropagation());
  item.append(box);
  button.setAttribute("aria-expanded", "true");
}

async function post(path, body, json) {
  return backend.fetch(path, {
    method: "POST",
    headers: { "Content-Type": json ? "application/json" : "text/plain; charset=utf-8" },
    body: json ? JSON.stringify(body) : body,
  });
}

async function analyseNow() {
  const mine = ++sequence;
  const response = await post(api("api/analyse"), editor.text(), false);
  if (mine !== sequence || !response.ok) return;
  renderAnalysis(await response.json());
}

async function previewNow() {
  const doc = $("doc").value;
  const response = await post(api("api/preview"), { text: editor.text(), doc, known: pages.map((p) => p.hash) }, true);
  const holder = $("preview");
  if (response.status === 429 && previewRetries < 5) {
    // Busy with other previews: this one follows in a moment.
    previewRetries += 1;
    clearTimeout(previewTimer); previewTimer = setTimeout(previewNow, 700);
    return;
  }
  previewRetries = 0;
  if (!response.ok) {
    holder.classList.add("stale");
    const problem = await response.json().catch(() => ({}));
    $("previewNote").textContent = "Out of date: " + (problem.error || "the preview failed");
    return;
  }
  holder.classList.remove("stale");
  $("previewNote").textContent = "";
  const result = await response.json();
  const next = result.pages.map((page, i) => {
    const same = pages.find((p) => p.hash === page.hash);
    if (same) return same;
    const url = URL.createObjectURL(new Blob([page.svg], { type: "image/svg+xml" }));
    return { hash: page.hash, url };
  });
  for (const old of pages) if (!next.includes(old)) URL.revokeObjectURL(old.url);
  // Only pages whose content changed get a new image; the scroll position stays.
  const box = $("pages");
  next.forEach((page, i) => {
    const img = box.children[i] || box.appendChild(el("img", { alt: `Page ${i + 1}` }));
    if (img.getAttribute("src") !== page.url) img.setAttribute("src", page.url);
  });
  while (box.children.length > next.length) box.lastChild.remove();
  pages = next;
}

// Unsaved edits go to the server as they are typed, which keeps them where only
// this user can read them (not in the browser's storage, which whatever serves
// this port later could read), so a closed tab or a crash loses nothing.
function keepDraft() {
  if (!dirty() || version === null) return;
  post(api("api/draft"), { text: editor.text(), version }, true).catch(() => {});
}

// The site's back-end changes the rubric, the labels or the language: judge
// and preview again (serve takes these from its command line).
window.addEventListener("promocase-settings", () => { if (version !== null) { analyseNow(); previewNow(); } });

function edited() {
  showState();
  clearTimeout(draftTimer); draftTimer = setTimeout(keepDraft, 250);
  clearTimeout(analyseTimer); analyseTimer = setTimeout(analyseNow, 200);
  clearTimeout(previewTimer); previewTimer = setTimeout(previewNow, 450);
}

async function save() {
  const text = editor.text();
  const response = await post(api("api/save"), { text, version }, true);
  const answer = await response.json().catch(() => ({}));
  if (response.status === 409) {
    conflict(answer, "The file changed on disk since this page loaded it.");
    return;
  }
  if (!response.ok) { setState("not saved: " + (answer.error || response.status)); return; }
  version = answer.version; saved = text;
  $("banner").classList.remove("show");
  showState();
  if (answer.written_back) setState("saved: the file had been deleted, and is back");
}

let diskNow = null;
function conflict(disk, why) {
  diskNow = disk;
  $("bannerText").textContent = why + " Choose which text to keep.";
  $("banner").classList.add("show");
}
$("takeDisk").addEventListener("click", () => {
  saved = diskNow.text; version = diskNow.version; editor.setText(diskNow.text);
  $("banner").classList.remove("show"); edited();
});
$("keepMine").addEventListener("click", () => {
  version = diskNow.version; $("banner").classList.remove("show"); save();
});

async function download() {
  const doc = $("doc").value;
  const response = await post(api("api/download?doc=" + encodeURIComponent(doc)), editor.text(), false);
  if (!response.ok) { setState("no PDF: the text does not load"); return; }
  const blob = await response.blob();
  const disposition = response.headers.get("Content-Disposition") || "";
  const file = (disposition.match(/filename="([^"]+)"/) || [])[1] || doc + ".pdf";
  const link = el("a", { href: URL.createObjectURL(blob), download: file });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 5000);
}

// A change made elsewhere (the server pushes the file's version as it moves):
// taken when there is nothing unsaved here, offered otherwise.
async function diskMoved(seen) {
  if (seen === version) return;
  const response = await backend.fetch(api("api/case"));
  if (!response.ok) return;
  const disk = await response.json();
  if (disk.version === version) return;
  if (!dirty()) {
    saved = disk.text; version = disk.version; editor.setText(disk.text); edited();
  } else if (!$("banner").classList.contains("show")) {
    conflict(disk, "The file changed on disk while you have unsaved edits.");
  }
}

// The case of this tab: the only one when the server serves a file, else the
// one named in the address (so a reload keeps it), else the person's choice.
async function opened(file) {
  const response = await post("api/open", { name: file }, true);
  if (!response.ok) return false;
  name = file;
  history.replaceState(null, "", "#case=" + encodeURIComponent(file));
  return true;
}

async function choose() {
  const response = await backend.fetch("api/cases");
  if (!response.ok) { setState("cannot list the cases: " + response.status); return false; }
  const listing = await response.json();
  if (listing.only) { name = listing.only; return true; }
  const wanted = decodeURIComponent((location.hash.match(/^#case=(.+)$/) || [])[1] || "");
  if (wanted && listing.cases.includes(wanted) && (await opened(wanted))) return true;
  $("folderNote").textContent = listing.cases.length
    ? `Cases in ${listing.folder}:`
    : `${listing.folder} holds no case yet.`;
  const list = $("caseList");
  list.replaceChildren();
  for (const file of listing.cases) {
    const button = el("button", { type: "button" }, file);
    button.addEventListener("click", async () => {
      if (await opened(file)) { $("chooser").classList.remove("show"); start(); }
    });
    list.append(button);
  }
  for (const [id, values] of [["levels", listing.levels], ["tracks", listing.tracks]]) {
    const select = $(id);
    select.replaceChildren(...values.map((v) => el("option", { value: v.id }, v.label)));
  }
  $("levels").value = "director";
  $("chooser").classList.add("show");
  setState("no case open");
  return false;
}

$("newCase").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answers = Object.fromEntries(new FormData(event.target).entries());
  const response = await post("api/new", answers, true);
  const result = await response.json().catch(() => ({}));
  if (!response.ok) {
    $("newProblem").textContent = result.error || "the case was not written";
    return;
  }
  name = result.name;
  history.replaceState(null, "", "#case=" + encodeURIComponent(name));
  $("chooser").classList.remove("show");
  start();
});

async function start() {
  if (!name && !(await choose())) return;
  const response = await backend.fetch(api("api/case"));
  if (!response.ok) { setState("cannot load the case: " + response.status); return; }
  const disk = await response.json();
  version = disk.version; saved = disk.text;
  $("file").textContent = name;
  document.title = name + " · promocase";
  // Unsaved edits of an earlier visit come back, if the file did not change since.
  const kept = await backend.fetch(api("api/draft"));
  const draft = kept.ok ? await kept.json().catch(() => null) : null;
  editor.setText(draft && draft.version === version && draft.text !== saved ? draft.text : disk.text);
  edited();
  if (!events) {
    events = backend.events(api("api/events"));
    events.addEventListener("disk", (event) => diskMoved(event.data));
  }
}
let events = null;

// Completion and hover are answered by the server, from the format's schema and the rubric.
async function ask(path, text, line, column) {
  const response = await post(path, { text, line, column }, true);
  return response.ok ? response.json() : null;
}
const editor = PromocaseEditor.createEditor($("editor"), {
  doc: "",
  onChange: () => { if (version !== null) edited(); },
  complete: (text, line, column) => ask("api/complete", text, line, column),
  hover: async (text, line, column) => ((await ask(api("api/hover"), text, line, column)) || {}).text,
});
// For the end-to-end test and the console: the editor's small API.
window.promocaseEditor = editor;
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
});
window.addEventListener("beforeunload", (event) => { if (dirty()) { event.preventDefault(); event.returnValue = ""; } });
// Leaving the page sends the last keystrokes at once, not after the pause.
window.addEventListener("pagehide", () => {
  if (!dirty() || version === null) return;
  backend.fetch(api("api/draft"), { method: "POST", keepalive: true, headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: editor.text(), version }) }).catch(() => {});
});
$("save").addEventListener("click", () => save());
$("download").addEventListener("click", download);
$("doc").addEventListener("change", () => { pages = []; $("pages").replaceChildren(); previewNow(); });
start();
