// The site's Web Worker: promocase compiled to WebAssembly, answering what
// site.js asks (the requests `promocase serve` answers over HTTP). It runs off
// the page's thread, so a long compile never freezes the page, and site.js
// ends it when a compile outlasts its time limit.
import init, { Workspace, starter, choices } from "./promocase_web.js";

let workspace = null;
const ready = init({ module_or_path: "./promocase_web_bg.wasm" }).then(() => {
  workspace = new Workspace(new Date().toISOString().slice(0, 10));
});

const today = () => new Date().toISOString().slice(0, 10);

const methods = {
  open: (name, text) => workspace.open(name, text),
  analyse: (name, text) => workspace.analyse(name, text),
  complete: (text, line, column) => workspace.complete(text, line, column),
  hover: (name, text, line, column) => workspace.hover(name, text, line, column),
  explain: (rule) => workspace.explain(rule),
  insert: (text, rule) => workspace.insert(text, rule),
  fixes: (name, text, code, start) => workspace.fixes(name, text, code, start),
  preview: (name, text, doc, known) => workspace.preview(name, text, doc, known),
  pdf: (name, text, doc) => workspace.pdf(name, text, doc),
  rubric: (name, text) => workspace.set_rubric(name, text),
  labels: (name, text) => workspace.set_labels(name, text),
  language: (tag) => workspace.set_language(tag),
  starter: (answers) => starter(answers, today()),
  choices: () => choices(),
};

self.onmessage = async (event) => {
  const { id, method, args } = event.data;
  try {
    await ready;
    const result = methods[method](...args);
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
