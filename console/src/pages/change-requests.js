// Change requests (issue 15): the review queue (filtered by state, author and flag), one request with each change's
// diff against its target now, the impact on sample contexts, the reviews and their comments, and the actions its
// state allows (approve, reject, apply, rebase, withdraw, edit the title and description). A server without the
// routes answers 404 or 501, shown as "not available on this server".
import { useState } from 'preact/hooks';
import { get, orNullWhereAbsent, path, post, put, UNAVAILABLE } from '../api.js';
import { useSubmit } from './projects.js';
import { contentOf, getVersioned } from '../editing.js';
import { diff } from '../json-diff.js';
import { href } from '../router.js';
import { ConfirmAction, DiffList, Field, html, Loading, Notice, ProblemView, Select, Time, useLoad } from '../ui.js';
import { ImpactSummary, useDryRun } from './dry-run.js';

/** States in which the request has not been applied and can still change. */
const PENDING = ['open', 'approved', 'stale'];
const STATES = ['open', 'approved', 'applying', 'applied', 'rejected', 'withdrawn', 'stale'];

export function ChangeRequestsPage({ project, env }) {
  const [filters, setFilters] = useState({ state: 'open', author: '', flag: '' });
  const url = path`/v1/projects/${project}/environments/${env}/change-requests`;
  const list = useLoad(() => orNullWhereAbsent(() => get(url, { query: filters }).then((r) => r.data.items)),
    [url, filters.state, filters.author, filters.flag]);
  const set = (name) => (value) => setFilters({ ...filters, [name]: value });
  return html`<h1>Change requests in ${env}</h1>
    <div class="filters" role="search" aria-label="Filter change requests">
      <${Select} label="State" value=${filters.state} options=${[['', 'any'], ...STATES.map((s) => [s, s])]} onChange=${set('state')}/>
      <${Field} label="Author" path="author" value=${filters.author} onInput=${set('author')} errors=${list.error ? list.error.errors : []}/>
      <${Field} label="Flag" path="flag" value=${filters.flag} onInput=${set('flag')} errors=${list.error ? list.error.errors : []}/>
    </div>
    <${Loading} state=${list}>${(items) => (items === null || items === UNAVAILABLE
      ? html`<p class="muted">Change requests are not available on this server.</p>`
      : html`<ul class="entries change-requests">${items.map((r) => html`<li data-request=${r.id}>
          <a href=${href(['p', project, 'changes', r.id], { env })}>${r.title}</a> · <b>${r.state}</b> · ${r.approvals.length} of ${r.requiredApprovals} approvals · by ${r.author} · <${Time} iso=${r.createdAt}/></li>`)}
        ${items.length === 0 && html`<li class="muted">No ${filters.state} requests.</li>`}</ul>`)}<//>`;
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

function targetUrl(project, env, change) {
  return change.flag
    ? path`/v1/projects/${project}/environments/${env}/flags/${change.flag}`
    : path`/v1/projects/${project}/environments/${env}/segments/${change.segment}`;
}

/** The content a change proposes, given its target as it was at `basedOn` and the content of a rollback's version. */
function proposedContent(change, before, rollbackContent) {
  if (change.configuration) {
    return change.configuration;
  }
  if (change.definition) {
    return change.definition;
  }
  if (change.on !== undefined) {
    return { ...(before || { fallthrough: { variation: 0 } }), on: change.on };
  }
  return rollbackContent || null;
}

/** How many history entries are read to find a target's earlier versions (newest first). */
const HISTORY_DEPTH = 100;

/** The contents of `versions` of a target, from its history (null for versions beyond HISTORY_DEPTH). */
async function contentsAt(url, versions) {
  const wanted = versions.filter((v) => v > 0);
  if (!wanted.length) {
    return {};
  }
  const entries = await get(url + '/history', { query: { limit: HISTORY_DEPTH } }).then((r) => r.data.items);
  return Object.fromEntries(wanted.map((v) => [v, (entries.find((e) => e.version === v) || {}).content || null]));
}

/**
 * Each change with its target now and as it was when the change was written: the diff a reviewer reads is from
 * `basedOn` to the proposal (also after the apply), and whether the target moved since.
 */
async function loadTargets(project, env, changes) {
  return Promise.all(changes.map(async (change) => {
    const url = targetUrl(project, env, change);
    const target = await getVersioned(url);
    const version = target ? target.version : 0;
    const earlier = await contentsAt(url, [change.basedOn !== version ? change.basedOn : 0, change.rollbackTo || 0]);
    const before = change.basedOn === version ? contentOf(target) : earlier[change.basedOn] || null;
    return { change, version, before, proposed: proposedContent(change, before, earlier[change.rollbackTo]) };
  }));
}

function ChangeView({ item, pending }) {
  const { change, version, before, proposed } = item;
  const moved = pending && version !== change.basedOn;
  return html`<li class="change">${describeChange(change)} <span class="muted">(based on version ${change.basedOn})</span>
    ${moved && html`<p class="problem-inline" role="note">Its target changed since: it is now at version ${version}.</p>`}
    ${change.delete ? null : proposed ? html`<${DiffList} ops=${diff(before || {}, proposed)}/>`
      : html`<p class="muted">The content of version ${change.rollbackTo}, as a new version.</p>`}</li>`;
}

/** The proposal's effect on sample contexts, over the same dry run as the flag editor's (nothing is stored). */
function ImpactPanel({ project, env, targets }) {
  const proposed = Object.fromEntries(targets.filter((t) => t.change.flag && t.proposed).map((t) => [t.change.flag, t.proposed]));
  const flags = Object.keys(proposed);
  const dryRun = useDryRun({ project, env, initialContexts: '[{"key": "alice"}, {"key": "bob"}]' });
  const { result, submit } = dryRun;
  if (!flags.length) {
    return null;
  }
  return html`<section class="panel impact-panel" aria-label="Impact"><h2>Impact</h2>
    ${dryRun.field('2')}
    <button type="button" onClick=${() => dryRun.run(flags, proposed)} disabled=${submit.busy}>Evaluate the proposal</button>
    <${ProblemView} error=${submit.error}/>
    ${result && html`<ul class="impact" role="status">${Object.entries(result.impact || {}).map(([flag, impact]) =>
      html`<li><${ImpactSummary} impact=${impact} label=${flag + ': '}/></li>`)}</ul>`}
  </section>`;
}

function Reviews({ request }) {
  return html`<p class="approvals">${request.approvals.length} of ${request.requiredApprovals} required approvals
      ${request.approvals.length > 0 && html` (${request.approvals.join(', ')})`}</p>
    <ul class="reviews">${request.reviews.map((r) => html`<li class=${r.voided ? 'voided' : ''}><b>${r.decision}</b> by ${r.principal}
      ${r.comment && html`: “${r.comment}”`} · <${Time} iso=${r.at}/>${r.voided && ' · voided by a later edit'}</li>`)}
      ${request.reviews.length === 0 && html`<li class="muted">No reviews yet.</li>`}</ul>`;
}

function EditRequest({ request, etag, url, onSaved }) {
  const [title, setTitle] = useState(request.title);
  const [description, setDescription] = useState(request.description || '');
  const submit = useSubmit();
  const save = async (e) => {
    e.preventDefault();
    const body = { title, description, changes: request.changes, ...(request.applyAt ? { applyAt: request.applyAt } : {}) };
    if (await submit.run(() => put(url, body, { etag }), 'Saved; every approval is void.')) {
      onSaved();
    }
  };
  return html`<details class="panel"><summary>Edit the title and description (voids the approvals)</summary>
    <form onSubmit=${save} aria-label="Edit the request">
      <${Field} label="Title" path="title" value=${title} onInput=${setTitle} errors=${submit.fieldErrors} required/>
      <${Field} type="textarea" label="Description" path="description" value=${description} onInput=${setDescription} errors=${submit.fieldErrors}/>
      <button type="submit" disabled=${submit.busy}>Save the request</button>
      <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    </form></details>`;
}

export function ChangeRequestPage({ project, env, id }) {
  const url = path`/v1/projects/${project}/environments/${env}/change-requests/${id}`;
  const state = useLoad(async () => {
    const { data, etag } = await get(url);
    return { request: data, etag, targets: await loadTargets(project, env, data.changes) };
  }, [url]);
  const [comment, setComment] = useState('');
  const submit = useSubmit();
  const act = (suffix, body, notice) => submit.run(() => post(url + suffix, body), notice).then((result) => {
    state.reload();
    return result;
  });
  return html`<${Loading} state=${state}>${({ request, etag, targets }) => html`<h1>${request.title}</h1>
    <p>State <b class="cr-state">${request.state}</b> · by ${request.author} · <${Time} iso=${request.createdAt}/>
      ${request.applyAt && html` · not before <${Time} iso=${request.applyAt}/>`}</p>
    ${request.description && html`<blockquote>${request.description}</blockquote>`}
    ${request.outcome && html`<p class="outcome">${request.outcome}</p>`}
    <section class="panel changes"><h2>Changes</h2><ol>${targets.map((item) => html`<${ChangeView} item=${item} pending=${PENDING.includes(request.state)}/>`)}</ol></section>
    <${ImpactPanel} project=${project} env=${env} targets=${targets}/>
    <section class="panel review" aria-label="Reviews"><h2>Reviews</h2>
      <${Reviews} request=${request}/>
      ${request.state === 'open' && html`
        <${Field} type="textarea" label="Review comment" path="comment" value=${comment} onInput=${setComment} errors=${submit.fieldErrors}/>
        <button type="button" class="primary" disabled=${submit.busy} onClick=${() => act('/reviews', { decision: 'approve', ...(comment.trim() ? { comment: comment.trim() } : {}) }, 'Approved.')}>Approve</button>
        <button type="button" class="danger" disabled=${submit.busy} onClick=${() => act('/reviews', { decision: 'reject', ...(comment.trim() ? { comment: comment.trim() } : {}) }, 'Rejected.')}>Reject</button>`}
      ${request.state === 'approved' && html`<button type="button" class="primary" disabled=${submit.busy} onClick=${() => act('/apply', undefined, 'Applied.')}>Apply</button>`}
      ${request.state === 'stale' && html`<button type="button" disabled=${submit.busy} onClick=${() => act('/rebase', undefined, 'Rebased; approvals are void.')}>Rebase</button>`}
      ${PENDING.includes(request.state) && html` <${ConfirmAction} label="Withdraw" question="Withdraw this request for good?"
        confirmLabel="Withdraw request" onConfirm=${() => act('/withdraw', undefined, 'Withdrawn.')}/>`}
      <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    </section>
    ${PENDING.includes(request.state) && html`<${EditRequest} key=${etag} request=${request} etag=${etag} url=${url} onSaved=${state.reload}/>`}
    <p><a href=${href(['p', project, 'changes'], { env })}>All change requests</a></p>`}<//>`;
}
