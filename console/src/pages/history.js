import { get, post } from '../api.js';
import { ConfirmAction, DiffList, html, Loading, Time, useLoad } from '../ui.js';
import { useSubmit } from './projects.js';
import { ProblemView, Notice } from '../ui.js';

/** A resource's history (newest first) with readable diffs and a rollback button on each earlier version. */
export function HistoryList({ url, revision, comment, onRolledBack }) {
  const state = useLoad(() => get(url + '/history', { query: { limit: 25 } }).then((r) => r.data.items), [url, revision]);
  const submit = useSubmit();
  const rollback = (version) => submit.run(async () => {
    const body = comment ? { version, comment } : { version };
    const response = await post(url + '/rollback', body);
    onRolledBack({ ...response.data, etag: response.etag });
  }, `Rolled back to the content of version ${version}.`);
  return html`<section class="panel history" aria-label="History"><h2>History</h2>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    <${Loading} state=${state}>${(entries) => html`<ol class="entries">
      ${entries.map((entry, i) => html`<li data-version=${entry.version}>
        <div class="entry-head"><b>v${entry.version}</b> ${entry.action} by <span class="principal">${entry.principal}</span>
          ${entry.breakGlass && html` <span class="badge warn">break-glass</span>`} · <${Time} iso=${entry.at}/></div>
        ${entry.comment && html`<blockquote>${entry.comment}</blockquote>`}
        <${DiffList} ops=${entry.diff}/>
        ${i > 0 && entry.content && html`<${ConfirmAction} label=${`Roll back to v${entry.version}`} danger=${false}
          question=${`Restore the content of version ${entry.version} as a new version?`} confirmLabel="Roll back"
          onConfirm=${() => rollback(entry.version)}/>`}
      </li>`)}
      ${entries.length === 0 && html`<li class="muted">No changes yet.</li>`}
    </ol>`}<//>
  </section>`;
}
