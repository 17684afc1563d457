"use strict";
// The site's back-end: the requests the workspace page makes of
// `promocase serve` (api/…), answered in this browser. The checks and the
// documents come from promocase compiled to WebAssembly in a Web Worker
// (worker.js); the cases and unsaved edits are kept in this browser's
// IndexedDB; another tab's save reaches this one over a BroadcastChannel.
// Nothing is sent anywhere: every request below is answered here.
(() => {
  // How long a document may take to compile before its worker is ended;
  // `?compile-limit-ms=N` shortens it (the browser test of the limit uses it).
  const COMPILE_LIMIT_MS = Number(new URLSearchParams(location.search).get("compile-limit-ms")) || 30000;
  const EXAMPLES = [
    ["it-manager-thin.yaml", "ui.example-thin"],
    ["marketing-director.yaml", "ui.example-marketing"],
    ["operations-director.yaml", "ui.example-operations"],
  ];
  // The page's words come from workspace.js (the catalogues' ui.* keys): an
  // element names its key in data-ui, and is worded again when the
  // workspace's language changes.
  const T = (key, args) => (window.promocaseUi ? window.promocaseUi(key, args) : key);
  function worded(node, key, titleKey) {
    node.dataset.ui = key;
    node.textContent = T(key);
    // Before the module has said its words (a first visit), the key would show.
    if (node.textContent === key) node.classList.add("unworded");
    if (titleKey) {
      node.setAttribute("data-ui-title", titleKey);
      node.title = T(titleKey);
    }
    return node;
  }

  // ---- the worker, restarted when a compile outlasts its limit ----
  let worker = null, nextId = 0;
  const pending = new Map();
  function startWorker() {
    worker = new Worker("worker.js", { type: "module" });
    worker.onmessage = (event) => {
      const waiting = pending.get(event.data.id);
      if (!waiting) return;
      pending.delete(event.data.id);
      clearTimeout(waiting.timer);
      if (event.data.error !== undefined) waiting.reject(new Error(event.data.error));
      else waiting.resolve(event.data.result);
    };
    opened.clear();
    // The person's choices outlive the worker and the tab: this browser keeps them.
    if (settings.rubric) call("rubric", [settings.rubric.name, settings.rubric.text]).catch(() => {});
    if (settings.labels) call("labels", [settings.labels.name, settings.labels.text]).catch(() => {});
    if (settings.lang) call("language", [settings.lang]).catch(() => {});
  }
  function call(method, args, limit) {
    return new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = limit ? setTimeout(() => {
        // Typst cannot be interrupted: the worker is ended, and a new one waits.
        // Every request it held is answered with the reason.
        const why = new Error(`the document did not finish within ${limit / 1000} s and was stopped; the next edit starts afresh`);
        for (const [, other] of pending) { clearTimeout(other.timer); other.reject(why); }
        pending.clear();
        worker.terminate();
        startWorker();
        reject(why);
      }, limit) : 0;
      pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, method, args });
    });
  }
  const opened = new Set();
  // A company rubric, a company labels file and the documents' language, as
  // chosen in this browser (kept in its localStorage, never sent anywhere).
  const SETTINGS = "promocase-settings";
  let settings = {};
  try { settings = JSON.parse(localStorage.getItem(SETTINGS) || "{}") || {}; } catch { settings = {}; }
  function keepSettings() {
    try { localStorage.setItem(SETTINGS, JSON.stringify(settings)); } catch { /* private mode: kept for this tab */ }
    window.dispatchEvent(new Event("promocase-settings"));
  }
  startWorker();

  // ---- IndexedDB: "cases" (what Save keeps), "drafts" (unsaved edits) and
  // "files" (a case's file on this computer, where the browser lets the page
  // write it: its handle and when it was last read or written) ----
  const database = new Promise((resolve, reject) => {
    const request = indexedDB.open("promocase", 2);
    request.onupgradeneeded = () => {
      for (const name of ["cases", "drafts", "files"]) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  async function store(name, mode, work) {
    const db = await database;
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(name, mode);
      let result;
      Promise.resolve(work(transaction.objectStore(name), (value) => { result = value; })).catch(reject);
      transaction.oncomplete = () => resolve(result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
  const get = (name, key) => store(name, "readonly", (s, done) => { s.get(key).onsuccess = (e) => done(e.target.result); });
  const keys = (name) => store(name, "readonly", (s, done) => { s.getAllKeys().onsuccess = (e) => done(e.target.result); });
  const put = (name, key, value) => store(name, "readwrite", (s) => { s.put(value, key); });
  const remove = (name, key) => store(name, "readwrite", (s) => { s.delete(key); });

  async function versionOf(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  // ---- answers ----
  const json = (value, status) => new Response(JSON.stringify(value), {
    status: status || 200, headers: { "Content-Type": "application/json" },
  });
  const problem = (status, message) => json({ error: message }, status);
  const channel = new BroadcastChannel("promocase");
  const listeners = [];
  channel.onmessage = (event) => {
    for (const listener of listeners) if (listener.name === event.data.name) listener.handler({ data: event.data.version });
  };

  async function caseText(name) {
    const saved = await get("cases", name);
    if (!saved) throw new Error(`there is no case ${name} in this browser`);
    if (!opened.has(name)) { await call("open", [name, saved.text]); opened.add(name); }
    return saved;
  }

  async function answer(path, options) {
    const url = new URL(path, location.href);
    const route = url.pathname.slice(url.pathname.lastIndexOf("/api/") + 5);
    const name = url.searchParams.get("case") || "";
    const body = options && options.body !== undefined ? options.body : null;
    const data = () => JSON.parse(body);
    switch (route) {
      case "cases": {
        const listing = JSON.parse(await call("choices", []));
        return json({ folder: "this browser", cases: (await keys("cases")).sort(), only: null, ...listing });
      }
      case "open": {
        const wanted = data().name;
        if (!(await get("cases", wanted))) return problem(400, `\`${wanted}\` is not one of the cases in this browser`);
        await caseText(wanted);
        return json({ name: wanted });
      }
      case "new": {
        const answers = data();
        const text = await call("starter", [JSON.stringify(answers)]);
        const base = (answers.name || "case").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join("-") || "case";
        const file = `${base}.yaml`;
        if (await get("cases", file)) return problem(409, `\`${file}\` already exists; nothing was written`);
        await put("cases", file, { text, version: await versionOf(text) });
        return json({ name: file });
      }
      case "case": {
        const saved = await caseText(name);
        return json({ name, text: saved.text, version: saved.version });
      }
      case "analyse": await caseText(name); return json(JSON.parse(await call("analyse", [name, body])));
      case "complete": { const r = data(); return json(JSON.parse(await call("complete", [r.text, r.line, r.column]))); }
      case "hover": { const r = data(); return json(JSON.parse(await call("hover", [name, r.text, r.line, r.column]))); }
      case "explain": {
        const answer = JSON.parse(await call("explain", [url.searchParams.get("rule") || "", url.searchParams.get("lang") || ""]));
        return answer.error ? problem(404, answer.error) : json(answer);
      }
      case "insert": {
        const r = data();
        const answer = JSON.parse(await call("insert", [r.text, r.rule]));
        return answer.error ? problem(409, answer.error) : json(answer);
      }
      case "memory": return json(await call("memory", []));
      case "ui": {
        const answer = JSON.parse(await call("ui", [url.searchParams.get("lang") || ""]));
        return answer.error ? problem(404, answer.error) : json(answer);
      }
      case "fixes": {
        const r = data();
        await caseText(name);
        const answer = JSON.parse(await call("fixes", [name, r.text, r.code, r.start === undefined ? null : r.start]));
        return answer.error ? problem(409, answer.error) : json(answer);
      }
      case "preview": {
        const r = data();
        await caseText(name);
        try {
          const answer = JSON.parse(await call("preview", [name, r.text, r.doc || "proposal", JSON.stringify(r.known || [])], COMPILE_LIMIT_MS));
          return answer.error ? problem(422, answer.error) : json(answer);
        } catch (error) { return problem(503, error.message); }
      }
      case "download": {
        await caseText(name);
        const doc = url.searchParams.get("doc") || "proposal";
        try {
          const bytes = await call("pdf", [name, body, doc], COMPILE_LIMIT_MS);
          const stem = name.replace(/\.ya?ml$/, "");
          const file = doc === "proposal" ? `${stem}.pdf` : `${stem}-${doc}.pdf`;
          return new Response(bytes, { headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${file}"` } });
        } catch (error) { return problem(422, error.message); }
      }
      case "save": {
        const r = data();
        const version = await versionOf(r.text);
        // One transaction from the version check to the write: two tabs never both win.
        const outcome = await store("cases", "readwrite", (s, done) => {
          s.get(name).onsuccess = (event) => {
            const current = event.target.result;
            if (current && current.version !== r.version) { done({ conflict: current }); return; }
            s.put({ text: r.text, version }, name);
            done({ version });
          };
        });
        if (outcome.conflict) {
          return json({ error: "the case changed in another tab since this page loaded it", ...outcome.conflict }, 409);
        }
        await remove("drafts", name);
        channel.postMessage({ name, version });
        return json({ version });
      }
      case "draft": {
        if (options && options.method === "POST") { await put("drafts", name, data()); return json({ kept: true }); }
        return json((await get("drafts", name)) || null);
      }
      default:
        return problem(404, "no such request");
    }
  }

  window.promocaseBackend = {
    fetch: async (path, options) => {
      try { return await answer(path, options); } catch (error) { return problem(500, error.message); }
    },
    // Another tab's save, pushed as `serve` pushes a change on disk.
    events: (path) => {
      const name = new URL(path, location.href).searchParams.get("case") || "";
      const source = {
        addEventListener: (type, handler) => {
          if (type !== "disk") return;
          listeners.push({ name, handler });
          get("cases", name).then((saved) => saved && handler({ data: saved.version }));
        },
      };
      return source;
    },
  };

  // ---- what only the site has: files, examples, company files, the language ----
  async function addCase(file, text, onDisk) {
    let name = file.replace(/[^\p{L}\p{N}._-]+/gu, "-");
    if (!/\.ya?ml$/.test(name)) name += ".yaml";
    const existing = await get("cases", name);
    if (existing && existing.text !== text) {
      const stem = name.replace(/\.ya?ml$/, "");
      let n = 2;
      while (await get("cases", `${stem}-${n}.yaml`)) n += 1;
      name = `${stem}-${n}.yaml`;
    }
    if (!existing || existing.text !== text) await put("cases", name, { text, version: await versionOf(text) });
    if (onDisk) await put("files", name, onDisk);
    // The first case of a visit opens in place; another replaces the open one
    // through a reload, which starts the page afresh on it.
    if (window.promocaseOpenFirst && (await window.promocaseOpenFirst(name))) return;
    location.hash = "#case=" + encodeURIComponent(name);
    location.reload();
  }

  function button(id, key, titleKey, action) {
    const node = worded(document.createElement("button"), key, titleKey);
    node.id = id;
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }
  function picker(id, accept, onText) {
    const input = document.createElement("input");
    input.id = id;
    input.type = "file";
    input.accept = accept;
    input.hidden = true;
    input.addEventListener("change", async () => {
      const file = input.files && input.files[0];
      if (file) onText(file.name, await file.text());
      input.value = "";
    });
    document.body.append(input);
    return input;
  }

  // ---- the case's own file, through the File System Access API where the
  // browser has it (Chromium); elsewhere Open uploads and Save downloads ----
  const YAML_FILES = [{ description: "promocase case", accept: { "text/yaml": [".yaml", ".yml"] } }];
  async function openFromDisk() {
    let handle;
    try { [handle] = await window.showOpenFilePicker({ types: YAML_FILES }); } catch { return; }
    const file = await handle.getFile();
    await addCase(file.name, await file.text(), { handle, modified: file.lastModified });
  }
  async function writable(handle) {
    const mode = { mode: "readwrite" };
    return (await handle.queryPermission(mode)) === "granted" || (await handle.requestPermission(mode)) === "granted";
  }
  // Writes the case to the file it came from (or one the person picks). The
  // browser writes a copy and swaps it in when closed, so the file is never
  // half-written; a file another program changed since the page last read or
  // wrote it is not overwritten.
  async function saveToDisk(name, text, say) {
    let kept = await get("files", name);
    if (!kept && window.showSaveFilePicker) {
      let handle;
      try { handle = await window.showSaveFilePicker({ suggestedName: name, types: YAML_FILES }); } catch { return true; }
      kept = { handle, modified: null };
    }
    if (!kept) return false;
    const file = kept.handle.name;
    try {
      if (!(await writable(kept.handle))) { say(T("ui.file-not-saved", { file, why: T("ui.file-refused") })); return true; }
      const before = await kept.handle.getFile();
      if (kept.modified !== null && before.lastModified !== kept.modified) { say(T("ui.file-changed", { file })); return true; }
      const stream = await kept.handle.createWritable();
      await stream.write(text);
      await stream.close();
      const after = await kept.handle.getFile();
      await put("files", name, { handle: kept.handle, modified: after.lastModified });
      say(T("ui.saved-to-file", { file }));
    } catch (error) {
      say(T("ui.file-not-saved", { file, why: error.message }));
    }
    return true;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const header = document.querySelector("header");
    const spacer = header.querySelector(".spacer");
    const caseFile = picker("caseFile", ".yaml,.yml,text/yaml", addCase);
    const state = (text) => { document.getElementById("state").textContent = text; };
    // A company file the person picks: checked by the module, kept when it loads.
    const companyFile = (method, key, said) => picker(key + "File", ".yaml,.yml,text/yaml", async (name, text) => {
      const answer = JSON.parse(await call(method, [name, text]));
      if (answer.error) { state(answer.error + ": " + answer.messages.join(" ")); return; }
      settings[key] = { name, text };
      opened.clear();
      keepSettings();
      state(said(name, answer));
    });
    const rubricFile = companyFile("rubric", "rubric", (name, answer) => T("ui.judged-by", { name, level: answer.name }));
    const labelsFile = companyFile("labels", "labels", (name, answer) => T("ui.worded-with", { name, language: answer.language }));
    const language = document.createElement("select");
    language.id = "language";
    language.setAttribute("data-ui-aria-label", "ui.documents-language");
    language.setAttribute("data-ui-title", "ui.documents-language");
    language.setAttribute("aria-label", T("ui.documents-language"));
    language.title = T("ui.documents-language");
    call("choices", []).then((text) => {
      const listing = JSON.parse(text);
      language.append(worded(new Option("", ""), "ui.documents-language-of-case"), ...listing.languages.map((l) => new Option(l.label, l.id)));
      language.value = settings.lang || "";
    });
    language.addEventListener("change", async () => {
      const answer = JSON.parse(await call("language", [language.value]));
      if (answer.error) { state(answer.error); return; }
      settings.lang = language.value;
      keepSettings();
    });
    const examplesList = (id) => {
      const examples = document.createElement("select");
      examples.id = id;
      examples.setAttribute("data-ui-aria-label", "ui.examples");
      examples.setAttribute("data-ui-title", "ui.examples");
      examples.style.maxWidth = "10em";
      examples.append(worded(new Option("", ""), "ui.examples"), ...EXAMPLES.map(([file, key]) => worded(new Option("", file), key)));
      examples.addEventListener("change", async () => {
        if (!examples.value) return;
        const response = await fetch("examples/" + examples.value);
        await addCase(examples.value, await response.text());
      });
      return examples;
    };
    const openCase = () => (window.showOpenFilePicker ? openFromDisk() : caseFile.click());
    const save = button("saveFile", "ui.save-to-file", "ui.save-to-file-title", async () => {
      const text = window.promocaseEditor ? window.promocaseEditor.text() : "";
      const name = decodeURIComponent((location.hash.match(/^#case=(.+)$/) || [])[1] || "case.yaml");
      if (await saveToDisk(name, text, state)) return;
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "text/yaml" }));
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 5000);
    });
    header.insertBefore(button("openFile", "ui.open-file", "ui.open-file-title", openCase), spacer);
    header.insertBefore(examplesList("examples"), spacer);
    header.insertBefore(button("rubricButton", "ui.rubric", "ui.rubric-title", () => rubricFile.click()), spacer);
    header.insertBefore(button("labelsButton", "ui.labels", "ui.labels-title", () => labelsFile.click()), spacer);
    header.insertBefore(language, spacer);
    header.insertBefore(save, spacer);
    // A first visit opens on the chooser, which covers the toolbar: it offers
    // the same two ways in, beside the cases this browser keeps.
    const waysIn = document.createElement("p");
    waysIn.append(button("chooserOpenFile", "ui.open-file", "ui.open-file-title", openCase), " ", examplesList("chooserExamples"));
    document.getElementById("caseList").after(waysIn);
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});
  });
})();
