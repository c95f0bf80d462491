// Change requests (issue 15): the review queue, one request with its diff, impact and comments, approve, reject,
// apply and rebase. A server without the routes answers 404, shown as "not available here".
import { useState } from 'preact/hooks';
import { get, orNullWhereAbsent, path, post } from '../api.js';
import { href } from '../router.js';
import { DiffList, Field, html, Loading, Notice, ProblemView, Select, Time, useLoad } from '../ui.js';
import { useSubmit } from './projects.js';

const STATES = ['open', 'approved', 'applied', 'rejected', 'withdrawn', 'stale'];

export function ChangeRequestsPage({ project, env }) {
  const [state, setState] = useState('open');
  const url = path`/v1/projects/${project}/environments/${env}/change-requests`;
  const list = useLoad(() => orNullWhereAbsent(() => get(url, { query: { state } }).then((r) => r.data.items)), [url, state]);
  return html`<h1>Change requests in ${env}</h1>
    <${Select} label="State" value=${state} options=${STATES.map((s) => [s, s])} onChange=${setState}/>
    <${Loading} state=${list}>${(items) => (items === null
      ? html`<p class="muted">Change requests are not available on this server.</p>`
      : html`<ul class="entries">${items.map((r) => html`<li><a href=${href(['p', project, 'changes', r.id], { env })}>${r.title}</a>
          · ${r.state} · by ${r.author} · <${Time} iso=${r.createdAt}/></li>`)}
        ${items.length === 0 && html`<li class="muted">No ${state} requests.</li>`}</ul>`)}<//>`;
}

function describeChange(change) {
  const target = change.flag ? `flag ${change.flag}` : `segment ${change.segment}`;
  if (change.on !== undefined) {
    return `${target}: turn ${change.on ? 'on' : 'off'}`;
  }
  if (change.rollbackTo !== undefined) {
    return `${target}: roll back to version ${change.rollbackTo}`;
  }
  if (change.delete) {
    return `${target}: delete`;
  }
  return `${target}: new ${change.configuration ? 'configuration' : 'definition'}`;
}

export function ChangeRequestPage({ project, env, id }) {
  const url = path`/v1/projects/${project}/environments/${env}/change-requests/${id}`;
  const state = useLoad(() => get(url).then((r) => r.data), [url]);
  const [comment, setComment] = useState('');
  const submit = useSubmit();
  const act = (suffix, body, notice) => submit.run(() => post(url + suffix, body), notice).then(state.reload);
  return html`<${Loading} state=${state}>${(request) => html`<h1>${request.title}</h1>
    <p>State <b class="cr-state">${request.state}</b> · by ${request.author} · <${Time} iso=${request.createdAt}/></p>
    ${request.description && html`<blockquote>${request.description}</blockquote>`}
    <section class="panel"><h2>Changes</h2><ol>${(request.changes || []).map((c) => html`<li>${describeChange(c)}
      ${c.basedOn && ` (based on version ${c.basedOn})`}${c.diff && html`<${DiffList} ops=${c.diff}/>`}</li>`)}</ol></section>
    ${request.impact && html`<section class="panel"><h2>Impact</h2><ul>${Object.entries(request.impact).map(([flag, i]) =>
      html`<li>${flag}: ${i.changed} of ${i.contexts} sample contexts change</li>`)}</ul></section>`}
    <section class="panel"><h2>Reviews</h2><ul>${(request.reviews || []).map((r) => html`<li>${r.decision} by ${r.principal}
      ${r.comment && html`: ${r.comment}`} · <${Time} iso=${r.at}/></li>`)}</ul>
      <${Field} type="textarea" label="Review comment" path="comment" value=${comment} onInput=${setComment} errors=${submit.fieldErrors}/>
      <button type="button" class="primary" disabled=${submit.busy} onClick=${() => act('/reviews', { decision: 'approve', comment }, 'Approved.')}>Approve</button>
      <button type="button" class="danger" disabled=${submit.busy} onClick=${() => act('/reviews', { decision: 'reject', comment }, 'Rejected.')}>Reject</button>
      ${request.state === 'approved' && html`<button type="button" onClick=${() => act('/apply', {}, 'Applied.')}>Apply</button>`}
      ${request.state === 'stale' && html`<button type="button" onClick=${() => act('/rebase', {}, 'Rebased; approvals are void.')}>Rebase</button>`}
      <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    </section>`}<//>`;
}
