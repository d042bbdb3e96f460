/**
 * A JSON code editor (CodeMirror 6 with its JSON language, line numbers, bracket matching and
 * undo/redo history) mounted in a preact ref. CodeMirror needs no framework and evaluates no
 * code (it runs under the extension pages' `script-src 'self'` policy); its styles go in
 * through constructable style sheets or a `<style>` element, which both policies allow.
 */
import { useEffect, useRef } from 'preact/hooks';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, redo, undo } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { json } from '@codemirror/lang-json';

/** What the dialog can do with the editor. */
export interface JsonEditorHandle {
  /** Current text. */
  text(): string;
  /** Replaces the whole text as one undoable change. */
  replace(text: string): void;
  undo(): void;
  redo(): void;
  focus(): void;
}

/** Props: the first text, a label for screen readers, and a callback per change of the text. */
export interface JsonCodeEditorProps {
  initial: string;
  label: string;
  onChange: (text: string) => void;
  /** Receives the handle once mounted. */
  handle: (h: JsonEditorHandle) => void;
}

// Colours follow the panel's DevTools theme (styles.css variables).
const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--fg)', height: '100%', fontSize: '12px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-alt)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--bg-hover)' },
  '&.cm-focused': { outline: '1px solid var(--accent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--bg-sel)' },
  '.cm-scroller': { overflow: 'auto' },
});

/** The editor (see the module comment). Tab is left to focus navigation (Escape, Tab leave the editor). */
export function JsonCodeEditor({ initial, label, onChange, handle }: JsonCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          json(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'profile-json' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) cb.current(u.state.doc.toString());
          }),
          theme,
        ],
      }),
    });
    handle({
      text: () => view.state.doc.toString(),
      replace: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
      undo: () => void undo(view),
      redo: () => void redo(view),
      focus: () => view.focus(),
    });
    view.focus();
    return () => view.destroy();
  }, []);
  return <div class="json-editor" ref={host} />;
}
