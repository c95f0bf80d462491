// Shared pieces of the pages. Everything user-supplied goes through htm's text nodes and attributes, never
// through innerHTML, so names, keys and comments can never become markup.
import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { pointerToPath } from './json-diff.js';

export { html };

let nextId = 0;
export function useId(prefix = 'f') {
  const ref = useRef(null);
  if (ref.current === null) {
    ref.current = `${prefix}-${++nextId}`;
  }
  return ref.current;
}

/** Loads with `load()` when `deps` change; `reload()` loads again. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ loading: true });
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    return load().then((data) => setState({ data }), (error) => setState({ error }));
  }, deps);
  useEffect(() => { reload(); }, [reload]);
  return { ...state, reload };
}

/** Errors for one field: its own path, or anything below it (a values list gets `values[1]`'s message). */
export function errorsAt(errors, path) {
  return (errors || []).filter((e) => e.path === path || e.path.startsWith(path + '[') || e.path.startsWith(path + '.'));
}

export function FieldErrors({ id, errors, path, exact = false }) {
  const mine = exact ? (errors || []).filter((e) => e.path === path) : errorsAt(errors, path);
  if (!mine.length) {
    return null;
  }
  return html`<ul class="field-errors" id=${id} data-error-for=${path}>
    ${mine.map((e) => html`<li>${e.message}</li>`)}</ul>`;
}

/** A labelled input whose problems (by API path) show right under it. */
export function Field({ label, path, errors, value, onInput, type = 'text', hint, required, ...rest }) {
  const id = useId();
  const invalid = errorsAt(errors, path).length > 0;
  return html`<div class="field">
    <label for=${id} class=${required ? 'required' : undefined}>${label}</label>
    ${type === 'textarea'
      ? html`<textarea id=${id} name=${path} data-path=${path} aria-invalid=${invalid} aria-describedby=${id + '-err'}
          value=${value} onInput=${(e) => onInput(e.target.value)} ...${rest}></textarea>`
      : html`<input id=${id} name=${path} data-path=${path} type=${type} aria-invalid=${invalid}
          aria-describedby=${id + '-err'} value=${value} onInput=${(e) => onInput(e.target.value)} ...${rest}/>`}
    ${hint && html`<small>${hint}</small>`}
    <${FieldErrors} id=${id + '-err'} errors=${errors} path=${path}/>
  </div>`;
}

export function Checkbox({ label, checked, onChange, path, ...rest }) {
  const id = useId();
  return html`<div class="field check">
    <input id=${id} type="checkbox" data-path=${path} checked=${checked} onChange=${(e) => onChange(e.target.checked)} ...${rest}/>
    <label for=${id}>${label}</label>
  </div>`;
}

export function Select({ label, value, options, onChange, path, errors, ...rest }) {
  const id = useId();
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} data-path=${path} aria-describedby=${id + '-err'} onChange=${(e) => onChange(e.target.value)} ...${rest}>
      ${options.map(([v, text]) => html`<option value=${v} selected=${String(v) === String(value)}>${text}</option>`)}
    </select>
    <${FieldErrors} id=${id + '-err'} errors=${errors} path=${path}/>
  </div>`;
}

/** An API problem, said plainly: what failed, each field error, and for a 403 which role is needed. */
export function ProblemView({ error }) {
  if (!error) {
    return null;
  }
  const problem = error.problem || {};
  return html`<div class="problem" role="alert">
    <strong>${problem.title || 'Request failed'}${error.status ? ` (${error.status})` : ''}</strong>
    <p>${error.message}</p>
    ${error.status === 403 && error.neededRole && html`<p class="role-needed">This needs the <b>${error.neededRole}</b> role in this project. Ask a project admin to grant it.</p>`}
    ${error.errors && error.errors.length > 0 && html`<ul>${error.errors.map((e) => html`<li><code>${e.path || '(body)'}</code>: ${e.message}</li>`)}</ul>`}
  </div>`;
}

export function Loading({ state, children }) {
  if (state.error) {
    return html`<${ProblemView} error=${state.error}/>`;
  }
  if (state.data === undefined) {
    return html`<p aria-busy="true">Loading…</p>`;
  }
  return children(state.data);
}

function show(value) {
  return value === undefined ? '∅' : JSON.stringify(value);
}

/** History diffs, readably: one line per changed field, old → new. */
export function DiffList({ ops }) {
  if (!ops || !ops.length) {
    return html`<p class="muted">No differences.</p>`;
  }
  return html`<ul class="diff">${ops.map((op) => html`<li class=${'diff-' + op.op}>
    <code>${pointerToPath(op.path) || '(whole)'}</code>
    ${op.op === 'add' ? html` added: <ins>${show(op.to)}</ins>`
      : op.op === 'remove' ? html` removed: <del>${show(op.from)}</del>`
      : html` <del>${show(op.from)}</del> → <ins>${show(op.to)}</ins>`}
  </li>`)}</ul>`;
}

/** A destructive action asks first, inline (no window.confirm: keyboard and screen readers get a real region). */
export function ConfirmAction({ label, question, confirmLabel, onConfirm, disabled, danger = true }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return html`<button type="button" class=${danger ? 'danger' : ''} disabled=${disabled} onClick=${() => setAsking(true)}>${label}</button>`;
  }
  return html`<div class="confirm" role="alertdialog" aria-label=${question}>
    <p>${question}</p>
    <button type="button" class="danger" disabled=${busy} onClick=${async () => {
      setBusy(true);
      try { await onConfirm(); } finally { setBusy(false); setAsking(false); }
    }}>${confirmLabel}</button>
    <button type="button" onClick=${() => setAsking(false)}>Cancel</button>
  </div>`;
}

export function Time({ iso }) {
  if (!iso) {
    return null;
  }
  return html`<time datetime=${iso} title=${iso}>${new Date(iso).toLocaleString()}</time>`;
}

export function Notice({ text }) {
  return text ? html`<p class="notice" role="status">${text}</p>` : null;
}
