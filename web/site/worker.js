// The site's Web Worker: promocase compiled to WebAssembly, answering what
// site.js asks (the requests `promocase serve` answers over HTTP). It runs off
// the page's thread, so a long compile never freezes the page, and site.js
// ends it when a compile outlasts its time limit.
import init, { Workspace, starter, choices, ui, fonts_every_document_uses } from "./promocase_web.js";

let workspace = null, exports = null;
const ready = init({ module_or_path: "./promocase_web_bg.wasm" }).then((module) => {
  exports = module;
  workspace = new Workspace(new Date().toISOString().slice(0, 10));
});

// The faces every document uses are fetched while the module starts (and the
// case is judged), so the first preview compiles once; a face only some
// document needs is still fetched when a compile asks for it (withFonts).
// They are handed to the module only when a compile comes: checking a font
// takes the worker's thread, which the first findings should have.
// Failing here is not fatal: withFonts asks again and says what failed.
const preloaded = ready
  .then(() => Promise.all(Array.from(fonts_every_document_uses(), async (asset) => {
    const response = await fetch(`fonts/${asset}.font`);
    return response.ok ? [asset, new Uint8Array(await response.arrayBuffer())] : null;
  })))
  .catch(() => []);
let preloadedGiven = false;

const today = () => new Date().toISOString().slice(0, 10);

const methods = {
  open: (name, text) => workspace.open(name, text),
  analyse: (name, text) => workspace.analyse(name, text),
  complete: (text, line, column) => workspace.complete(text, line, column),
  hover: (name, text, line, column) => workspace.hover(name, text, line, column),
  explain: (rule, lang) => workspace.explain(rule, lang),
  insert: (text, rule) => workspace.insert(text, rule),
  fixes: (name, text, code, start) => workspace.fixes(name, text, code, start),
  preview: (name, text, doc, known) => withFonts(() => {
    const answer = workspace.preview(name, text, doc, known);
    const fonts = JSON.parse(answer).fonts;
    return fonts ? { fonts } : { answer };
  }),
  pdf: (name, text, doc) => withFonts(() => {
    try { return { answer: workspace.pdf(name, text, doc) }; } catch (error) {
      const fonts = fontsWanted(error);
      if (fonts) return { fonts };
      throw error;
    }
  }),
  rubric: (name, text) => workspace.set_rubric(name, text),
  labels: (name, text) => workspace.set_labels(name, text),
  language: (tag) => workspace.set_language(tag),
  starter: (answers) => starter(answers, today()),
  choices: () => choices(),
  ui: (lang) => ui(lang),
  // The module's memory and the files this worker fetched (the module, the
  // fonts), for the site's benchmark (benches/site.rs).
  memory: () => ({
    module: exports.memory.buffer.byteLength,
    fetched: performance.getEntriesByType("resource").map((entry) => entry.name),
  }),
};

// The module carries no font: a compile names the files it needs (one family
// at a time), they are fetched from this site (and kept by its service
// worker), and the compile runs again. A document uses about five of the
// seventeen faces; the others are never downloaded.
function fontsWanted(error) {
  try { return JSON.parse(String(error && error.message ? error.message : error)).fonts; } catch { return null; }
}
async function addFont(asset) {
  const response = await fetch(`fonts/${asset}.font`);
  if (!response.ok) throw new Error(`the font file fonts/${asset}.font did not load (${response.status})`);
  const refused = workspace.add_font(asset, new Uint8Array(await response.arrayBuffer()));
  if (refused) throw new Error(refused);
}
async function withFonts(attempt) {
  if (!preloadedGiven) {
    preloadedGiven = true;
    for (const file of await preloaded) if (file) workspace.add_font(file[0], file[1]);
  }
  for (let round = 0; round < 20; round += 1) {
    const outcome = attempt();
    if (!outcome.fonts) return outcome.answer;
    await Promise.all(outcome.fonts.map(addFont));
  }
  throw new Error("the document kept asking for fonts");
}

self.onmessage = async (event) => {
  const { id, method, args } = event.data;
  try {
    await ready;
    const result = await methods[method](...args);
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
