// The workspace's editor: CodeMirror 6 with YAML highlighting, line numbers,
// the check's findings underlined at their ranges, completion and hover
// answered by the server (from the case format's schema and the rubric).
// build.sh bundles this file into src/cli/serve/editor.js, which the binary
// serves; building promocase itself never needs Node.
import { EditorView, keymap, lineNumbers, highlightActiveLine, hoverTooltip } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { syntaxHighlighting, defaultHighlightStyle, indentUnit } from "@codemirror/language";
import { autocompletion } from "@codemirror/autocomplete";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";

// Line and column (1-based, in characters as promocase counts them) of a position.
function lineColumn(state, pos) {
  const line = state.doc.lineAt(pos);
  return { line: line.number, column: pos - line.from + 1 };
}

// The position of a 1-based line and column.
function position(state, line, column) {
  const doc = state.doc;
  const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
  return Math.min(l.to, l.from + Math.max(0, column - 1));
}

export function createEditor(parent, options) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        history(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        yaml(),
        syntaxHighlighting(defaultHighlightStyle),
        indentUnit.of("  "),
        EditorState.tabSize.of(2),
        keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap, ...searchKeymap]),
        autocompletion({
          override: [
            async (context) => {
              const at = lineColumn(context.state, context.pos);
              const answer = await options.complete(context.state.doc.toString(), at.line, at.column);
              if (!answer || answer.items.length === 0) return null;
              return {
                from: position(context.state, at.line, answer.from),
                options: answer.items.map((item) => ({
                  label: item.label,
                  type: item.kind === "field" ? "property" : item.kind === "rule" ? "keyword" : "enum",
                  info: item.detail || undefined,
                })),
                validFor: /^[\w-]*$/,
              };
            },
          ],
        }),
        hoverTooltip(async (view, pos) => {
          const at = lineColumn(view.state, pos);
          const text = await options.hover(view.state.doc.toString(), at.line, at.column);
          if (!text) return null;
          return {
            pos,
            above: true,
            create() {
              const dom = document.createElement("div");
              dom.className = "cm-promocase-hover";
              dom.textContent = text;
              return { dom };
            },
          };
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange();
        }),
        EditorView.theme({
          "&": { height: "100%", fontSize: "13px" },
          ".cm-scroller": { fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace" },
          ".cm-promocase-hover": { maxWidth: "420px", padding: "6px 8px", whiteSpace: "pre-wrap", fontSize: "12.5px" },
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    // The findings, underlined: each message with a span becomes a diagnostic.
    show(messages) {
      const state = view.state;
      const diagnostics = messages
        .filter((m) => m.span)
        .map((m) => {
          const from = position(state, m.span.line, m.span.column);
          const to = Math.max(from, position(state, m.span.end_line, m.span.end_column));
          return {
            from,
            to,
            severity: m.severity === "info" ? "info" : m.severity,
            source: m.code,
            message: m.message + (m.hint ? "\nhint: " + m.hint : ""),
          };
        });
      view.dispatch(setDiagnostics(state, diagnostics));
    },
    select(span) {
      const anchor = position(view.state, span.line, span.column);
      const head = Math.max(anchor, position(view.state, span.end_line, span.end_column));
      view.dispatch({ selection: { anchor, head }, scrollIntoView: true });
      view.focus();
    },
    // Text put at line starts (1-based lines of the current text, one past
    // the last for its end), as one change that undo takes back; the cursor
    // goes to the first.
    insertLines(insertions) {
      const doc = view.state.doc;
      const at = (line) => (line > doc.lines ? doc.length : doc.line(line).from);
      const changes = insertions.map((i) => ({ from: at(i.line), insert: i.text }));
      view.dispatch({ changes, selection: { anchor: at(insertions[0].line) }, scrollIntoView: true });
      view.focus();
    },
    focusEnd() {
      const end = view.state.doc.length;
      view.dispatch({ selection: { anchor: end }, scrollIntoView: true });
      view.focus();
    },
  };
}
