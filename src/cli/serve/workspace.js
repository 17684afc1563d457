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

// The page's own words, in the workspace's language: the catalogues' ui.*
// keys, fetched from the back-end (serve, or the site's module). A text is
// only ever set as text; `{name}` placeholders are filled by plain
// replacement.
let texts = {}, uiLang = "", lastAnalysis = null;
const UI_CHOICE = "promocase-workspace-language";
function T(key, args) {
  let text = texts[key] || key;
  for (const [name, value] of Object.entries(args || {})) text = text.split("{" + name + "}").join(String(value));
  return text;
}
window.promocaseUi = T;
// A value's word in the workspace's language, or the analysis's own.
function word(key, fallback) { return texts[key] || fallback; }
function chosenLanguage() { try { return localStorage.getItem(UI_CHOICE) || ""; } catch { return ""; } }
async function speak(lang) {
  const response = await backend.fetch("api/ui?lang=" + encodeURIComponent(lang));
  if (!response.ok) return false;
  const answer = await response.json();
  texts = answer.texts; uiLang = answer.lang;
  document.documentElement.lang = answer.lang;
  document.documentElement.dir = answer.dir;
  for (const node of document.querySelectorAll("[data-ui]")) {
    node.textContent = T(node.dataset.ui);
    node.classList.remove("unworded");
  }
  for (const attribute of ["title", "aria-label"]) {
    for (const node of document.querySelectorAll(`[data-ui-${attribute}]`)) node.setAttribute(attribute, T(node.getAttribute(`data-ui-${attribute}`)));
  }
  if (version !== null) showState();
  if (lastAnalysis) renderAnalysis(lastAnalysis);
  return true;
}

function setState(message) { $("state").textContent = message; }
function showState() { setState(dirty() ? T("ui.state-unsaved") : T("ui.state-saved")); }

function renderAnalysis(a) {
  lastAnalysis = a;
  // The workspace speaks the case's language unless the person chose one.
  if (!chosenLanguage() && a.language && a.language !== uiLang) speak(a.language);
  messages = a.messages || [];
  const list = $("findings");
  list.replaceChildren();
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...messages].sort((x, y) => order[x.severity] - order[y.severity]
    || (x.span ? x.span.line : 0) - (y.span ? y.span.line : 0));
  $("findingsTitle").textContent = a.loads
    ? T("ui.findings-tally", { errors: a.errors, warnings: a.warnings, notes: a.notes })
    : T("ui.does-not-load");
  for (const m of sorted) {
    const word = T(m.severity === "info" ? "ui.severity-note" : "ui.severity-" + m.severity);
    const item = el("li", {},
      el("span", { class: "where" }, m.span ? `${m.span.line}:${m.span.column}` : ""),
      el("span", { class: "sev sev-" + m.severity }, word),
      el("span", { class: "code" }, m.code), document.createElement("br"),
      m.message);
    if (m.hint) item.append(el("div", { class: "hint" }, T("ui.hint", { hint: m.hint })));
    if (m.span) item.addEventListener("click", () => editor.select(m.span));
    if (m.kind === "check") {
      const more = el("button", { type: "button", class: "more", "aria-expanded": "false" }, T("ui.why"));
      more.addEventListener("click", (event) => { event.stopPropagation(); explain(m.code, item, more); });
      item.append(more);
    }
    if (m.kind === "check" || m.suggestion) {
      const fix = el("button", { type: "button", class: "more", "aria-expanded": "false" }, T("ui.fix"));
      fix.addEventListener("click", (event) => { event.stopPropagation(); offerFixes(m, item, fix); });
      item.append(fix);
    }
    list.append(item);
  }
  const box = $("readiness");
  box.replaceChildren();
  if (a.readiness) {
    const r = a.readiness;
    box.append(el("div", { class: "score" }, el("bdi", { dir: "ltr" }, `${r.score} / 100`)), el("div", {}, T("ui.readiness-for", { level: a.builtin_rubric ? word("level." + r.level, r.level_name) : r.level_name })));
    if (r.blocked_by.length) box.append(el("div", { class: "blocked" }, T("ui.readiness-capped", { cap: a.cap, rules: r.blocked_by.join(", ") })));
    const table = el("table", { class: "dims" });
    for (const d of r.dimensions) {
      if (d.weight === 0) continue;
      table.append(el("tr", {}, el("td", {}, word("dimension." + d.id, d.name)), el("td", { class: "st-" + d.status }, word("evidence-status." + d.status, a.statuses[d.status]))));
    }
    box.append(table);
  } else {
    box.append(el("div", { class: "blocked" }, T("ui.readiness-not-loading")));
  }
  const changes = $("changes");
  changes.replaceChildren();
  if (a.changes) {
    const c = a.changes;
    const delta = c.score.after - c.score.before;
    changes.append(el("div", {}, T("ui.changes-summary", { before: c.score.before, after: c.score.after, delta: (delta >= 0 ? "+" : "") + delta, fixed: c.fixed.length, new: c.new.length })));
    for (const d of c.dimensions) changes.append(el("div", {}, T(d.improved ? "ui.changes-better" : "ui.changes-worse", { dimension: word("dimension." + d.id, d.name), before: word("evidence-status." + d.before, a.statuses[d.before]), after: word("evidence-status." + d.after, a.statuses[d.after]) })));
  } else {
    changes.append(T("ui.changes-not-loading"));
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
  else if (!answer.fixes.length) box.append(el("div", { class: "hint" }, T("ui.fix-none")));
  for (const fix of answer.fixes || []) {
    const apply = el("button", { type: "button", class: "fix" }, fix.title);
    apply.addEventListener("click", () => {
      if (editor.text() !== text) { note.textContent = " " + T("ui.fix-text-changed"); return; }
      editor.setText(fix.text);
      editor.select({ line: fix.line, column: 1, end_line: fix.line, end_column: 1 });
      note.textContent = " " + T("ui.fix-applied", { line: fix.line });
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
  const response = await backend.fetch("api/explain?rule=" + encodeURIComponent(rule) + "&lang=" + encodeURIComponent(uiLang));
  if (!response.ok) return;
  const x = await response.json();
  const box = el("div", { class: "explain" },
    el("div", { class: "summary" }, x.summary),
    el("div", { class: "hint" }, `${x.dimension} · ${x.severities.map((s) => s.level + " " + s.severity).join(", ")}`));
  for (const paragraph of x.paragraphs) box.append(el("p", {}, paragraph));
  box.append(el("div", { class: "hint" }, T("ui.example-intro")), el("pre", {}, x.example));
  const insert = el("button", { type: "button" }, T("ui.example-insert"));
  const note = el("span", { class: "hint" });
  insert.addEventListener("click", async () => {
    const text = editor.text();
    const answer = await post("api/insert", { text, rule }, true);
    const result = await answer.json().catch(() => ({}));
    if (!answer.ok) { note.textContent = " " + (result.error || T("ui.example-not-inserted")); return; }
    if (editor.text() !== text) { note.textContent = " " + T("ui.example-text-changed"); return; }
    editor.insertLines(result.insertions);
    note.textContent = " " + T("ui.example-inserted");
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

// Glyph outlines by id, from every piece received. A piece comes without the
// glyphs the pieces received before define (render/preview.rs): they are put
// back here, so the image is whole.
const glyphs = new Map();
function withGlyphs(svg) {
  const own = new Set();
  for (const symbol of svg.matchAll(/<symbol id="([^"]+)"[\s\S]*?<\/symbol>/g)) {
    own.add(symbol[1]);
    glyphs.set(symbol[1], symbol[0]);
  }
  const missing = new Set();
  let lost = 0;
  for (const use of svg.matchAll(/href="#([^"]+)"/g)) {
    if (own.has(use[1])) continue;
    if (glyphs.has(use[1])) missing.add(use[1]);
    else lost += 1;
  }
  if (missing.size === 0) return { svg, lost };
  const defs = "<defs>" + [...missing].map((id) => glyphs.get(id)).join("") + "</defs>";
  const end = svg.lastIndexOf("</svg>");
  return { svg: svg.slice(0, end) + defs + svg.slice(end), lost };
}

// The pieces of the pages shown, by name: a page's SVG is its pieces' SVG one
// after the other, then </svg>. The server sends only the pieces of changed
// pages that are not here (render/preview.rs).
let pieces = new Map();
// One preview at a time: the server counts on the pieces of the pages shown
// when it was asked; an edit during a preview asks again once it is answered.
let previewing = false, previewAgain = false;

async function previewNow() {
  if (previewing) { previewAgain = true; return; }
  previewing = true; previewAgain = false;
  try { await previewOnce(); } finally {
    previewing = false;
    if (previewAgain) previewNow();
  }
}

async function previewOnce() {
  const doc = $("doc").value;
  // The pages shown when asked: the answer names those it does not send.
  const asked = pages;
  const response = await post(api("api/preview"), { text: editor.text(), doc, known: asked.map((p) => p.hash) }, true);
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
    $("previewNote").textContent = T("ui.preview-stale", { why: problem.error || T("ui.preview-failed") });
    return;
  }
  holder.classList.remove("stale");
  $("previewNote").textContent = "";
  const result = await response.json();
  // Another document was chosen meanwhile: its preview follows (previewAgain).
  if (doc !== $("doc").value) return;
  for (const piece of result.pieces || []) pieces.set(piece.name, piece.svg);
  const next = result.pages.map((page) => {
    const same = asked.find((p) => p.hash === page.hash);
    if (same) return same;
    const names = page.pieces || [];
    let lostPieces = 0;
    const svg = names.map((name) => pieces.get(name) ?? (lostPieces += 1, "")).join("") + "</svg>";
    const whole = withGlyphs(svg);
    const url = URL.createObjectURL(new Blob([whole.svg], { type: "image/svg+xml" }));
    // The page's size, so an image not drawn yet already takes its place.
    const size = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg.slice(0, 400)) || [];
    return { hash: page.hash, names, url, width: size[1], height: size[2], lost: whole.lost + lostPieces };
  });
  for (const old of pages) if (!next.includes(old)) URL.revokeObjectURL(old.url);
  const kept = new Set(next.flatMap((page) => page.names));
  for (const name of [...pieces.keys()]) if (!kept.has(name)) pieces.delete(name);
  // Only pages whose content changed get a new image; the scroll position stays.
  const box = $("pages");
  next.forEach((page, i) => {
    // Pages out of sight are drawn when scrolled to: drawing every page's SVG
    // at once kept the first one from showing for a second.
    const img = box.children[i] || box.appendChild(el("img", { alt: T("ui.page", { number: i + 1 }), loading: "lazy", decoding: "async" }));
    if (img.getAttribute("src") !== page.url) {
      if (page.width) { img.setAttribute("width", page.width); img.setAttribute("height", page.height); }
      img.setAttribute("src", page.url);
      // A glyph neither the page nor the pages shown before define (never
      // expected): marked, so it is seen rather than silently missing.
      if (page.lost) img.dataset.lostGlyphs = page.lost; else delete img.dataset.lostGlyphs;
    }
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

// A text that arrives whole (a case opened, or changed on disk) is judged and
// previewed at once: edited()'s pauses wait for typing to stop.
function arrived() {
  edited();
  clearTimeout(analyseTimer); clearTimeout(previewTimer);
  analyseNow(); previewNow();
}

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
    conflict(answer, T("ui.changed-on-disk"));
    return;
  }
  if (!response.ok) { setState(T("ui.state-not-saved", { why: answer.error || response.status })); return; }
  version = answer.version; saved = text;
  $("banner").classList.remove("show");
  showState();
  if (answer.written_back) setState(T("ui.state-written-back"));
}

let diskNow = null;
function conflict(disk, why) {
  diskNow = disk;
  $("bannerText").textContent = why + " " + T("ui.choose-text");
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
  if (!response.ok) { setState(T("ui.state-no-pdf")); return; }
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
    saved = disk.text; version = disk.version; editor.setText(disk.text); arrived();
  } else if (!$("banner").classList.contains("show")) {
    conflict(disk, T("ui.changed-with-edits"));
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
  if (!response.ok) { setState(T("ui.state-cannot-list", { why: response.status })); return false; }
  const listing = await response.json();
  if (listing.only) { name = listing.only; return true; }
  const wanted = decodeURIComponent((location.hash.match(/^#case=(.+)$/) || [])[1] || "");
  if (wanted && listing.cases.includes(wanted) && (await opened(wanted))) return true;
  $("folderNote").textContent = listing.cases.length
    ? T("ui.cases-in", { folder: listing.folder })
    : T("ui.no-cases", { folder: listing.folder });
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
  setState(T("ui.state-no-case"));
  return false;
}

$("newCase").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answers = Object.fromEntries(new FormData(event.target).entries());
  // The starter is written in the workspace's language.
  answers.language = uiLang;
  const response = await post("api/new", answers, true);
  const result = await response.json().catch(() => ({}));
  if (!response.ok) {
    $("newProblem").textContent = result.error || T("ui.new-not-written");
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
  if (!response.ok) { setState(T("ui.state-cannot-load", { why: response.status })); return; }
  const disk = await response.json();
  version = disk.version; saved = disk.text;
  $("file").textContent = name;
  document.title = name + " · promocase";
  // Unsaved edits of an earlier visit come back, if the file did not change since.
  const kept = await backend.fetch(api("api/draft"));
  const draft = kept.ok ? await kept.json().catch(() => null) : null;
  editor.setText(draft && draft.version === version && draft.text !== saved ? draft.text : disk.text);
  arrived();
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
// Opens the case `file` of the back-end when none is open yet (the site's
// first visit picks one without reloading the page, which would start its
// worker again); `false` when a case is open already.
window.promocaseOpenFirst = async (file) => {
  if (version !== null || !(await opened(file))) return false;
  $("chooser").classList.remove("show");
  await start();
  return true;
};
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
// The workspace's language: the person's choice, else the case's (once it
// loads), else the browser's, else English.
$("uiLang").addEventListener("change", async () => {
  const lang = $("uiLang").value;
  try { if (lang) localStorage.setItem(UI_CHOICE, lang); else localStorage.removeItem(UI_CHOICE); } catch { /* kept for this page */ }
  await speak(lang || (lastAnalysis && lastAnalysis.language) || (navigator.language || "en").split("-")[0]) || (await speak("en"));
});
(async () => {
  const chosen = chosenLanguage();
  if (!(await speak(chosen || (navigator.language || "en").split("-")[0]))) await speak("en");
  const listing = await backend.fetch("api/cases").then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  for (const language of listing.languages || []) $("uiLang").append(el("option", { value: language.id }, language.label));
  $("uiLang").value = chosen;
  setState(T("ui.loading"));
  start();
})();
