import { DiffList, Field, html, Notice, ProblemView, Time } from '../ui.js';

/** What changed meanwhile (412), the user's own edits, and the two ways out. */
export function ConflictPanel({ editor }) {
  const { conflict } = editor;
  if (!conflict) {
    return null;
  }
  const current = conflict.current;
  return html`<section class="conflict" role="alert" aria-label="Conflict">
    <h3>Someone changed this while you were editing</h3>
    <p>${current
      ? html`It is now version ${current.version}, saved by <b>${current.updatedBy}</b> at <${Time} iso=${current.updatedAt}/>.`
      : 'It no longer exists.'} Your save was not applied.</p>
    <h4>Changed meanwhile</h4><${DiffList} ops=${conflict.theirs}/>
    <h4>Your edits</h4><${DiffList} ops=${conflict.mine}/>
    <button type="button" class="primary" onClick=${editor.reapply}>Reapply my edits on top</button>
    <button type="button" onClick=${editor.discard}>Discard my edits</button>
  </section>`;
}

/** The comment and the save button; problems and notices right beside them. */
export function SaveBar({ editor, label = 'Save', commentRequired, extra, onSave = () => editor.save() }) {
  return html`<div class="save-bar">
    <${Field} label=${commentRequired ? 'Comment (required in this protected environment)' : 'Comment'} path="comment"
      value=${editor.comment} onInput=${editor.setComment} errors=${editor.errors} required=${commentRequired}/>
    <button type="button" class="primary" disabled=${editor.busy} onClick=${onSave}>${label}</button>
    ${extra}
    ${editor.dirty && html`<span class="muted"> Unsaved changes.</span>`}
    <${ProblemView} error=${editor.problem}/><${Notice} text=${editor.notice}/>
    <${ConflictPanel} editor=${editor}/>
  </div>`;
}
