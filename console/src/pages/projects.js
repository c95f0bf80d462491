import { useState } from 'preact/hooks';
import { getAll, get, path, post, put } from '../api.js';
import { href } from '../router.js';
import { Checkbox, Field, FieldErrors, html, Loading, Notice, ProblemView, Select, useLoad } from '../ui.js';

const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const KEY_RULE = 'lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, at most 64';

/** The same key check as the API's validator, so a typo is caught before the request. */
export function keyErrors(path, key) {
  return KEY_PATTERN.test(key) ? [] : [{ path, message: `"${key}" is not a valid key: ${KEY_RULE}` }];
}

/** Runs a write, keeping the problem for the form and a notice for success. */
export function useSubmit() {
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = async (action, success) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await action();
      setNotice(typeof success === 'function' ? success(result) : success);
      return result;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const fieldErrors = error ? error.errors : [];
  return { error, setError, notice, busy, run, fieldErrors };
}

export function ProjectsPage() {
  const state = useLoad(() => getAll('/v1/projects'), []);
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const submit = useSubmit();
  const [localErrors, setLocalErrors] = useState([]);
  const create = async (e) => {
    e.preventDefault();
    const problems = keyErrors('key', key);
    setLocalErrors(problems);
    if (problems.length) {
      return;
    }
    if (await submit.run(() => post('/v1/projects', { key, name: name || key }), `Project ${key} created.`)) {
      setKey('');
      setName('');
      state.reload();
    }
  };
  const errors = [...localErrors, ...submit.fieldErrors];
  return html`<h1>Projects</h1>
    <${Loading} state=${state}>${(projects) => html`<ul class="cards">
      ${projects.map((p) => html`<li><a href=${href(['p', p.key, 'flags'])}>${p.name}</a> <code>${p.key}</code></li>`)}
      ${projects.length === 0 && html`<li class="muted">No projects you hold a role in.</li>`}
    </ul>`}<//>
    <form class="panel" onSubmit=${create} aria-label="Create a project">
      <h2>Create a project</h2>
      <${Field} label="Key" path="key" value=${key} onInput=${setKey} errors=${errors} required/>
      <${Field} label="Name" path="name" value=${name} onInput=${setName} errors=${errors}/>
      <button type="submit" disabled=${submit.busy}>Create project</button>
      <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    </form>`;
}

/** Environments (list, create, protection and review settings) and the project's roles (admins only: others get
 * 403 with the role named). */
export function SettingsPage({ project, environments, reloadEnvironments }) {
  const state = useLoad(() => get(path`/v1/projects/${project}`), [project]);
  return html`<h1>Settings</h1>
    <section class="panel"><h2>Environments</h2>
      <table><thead><tr><th>Key</th><th>Name</th><th>Protected</th><th>Review</th></tr></thead><tbody>
      ${environments.map((e) => html`<tr data-environment=${e.key}><td><code>${e.key}</code></td><td>${e.name}</td>
        <td>${e.protected ? 'yes: changes go through change requests' : 'no'}</td><td>${describeReview(e.review)}</td></tr>`)}
      </tbody></table>
      ${environments.map((e) => html`<${EditEnvironment} key=${e.key + ':' + e.version} project=${project} environment=${e} onSaved=${reloadEnvironments}/>`)}
      <${CreateEnvironment} project=${project} onCreated=${reloadEnvironments}/>
    </section>
    <${Loading} state=${state}>${(response) => html`<${RolesEditor} key=${response.etag} project=${project}
      current=${response.data} etag=${response.etag} onSaved=${state.reload}/>`}<//>`;
}

const ROLES = ['viewer', 'editor', 'admin'];
const DEFAULT_REVIEW = { requiredApprovals: 1, authorMayApply: false, approverRoles: ['editor', 'admin'] };

function describeReview(review) {
  const r = { ...DEFAULT_REVIEW, ...review };
  return `${r.requiredApprovals} approval${r.requiredApprovals === 1 ? '' : 's'} by ${r.approverRoles.join(' or ')}`
    + (r.authorMayApply ? '; the author may apply' : '');
}

/** Name, protection and review settings of one environment (PUT with If-Match: the environment's version). */
function EditEnvironment({ project, environment, onSaved }) {
  const review = { ...DEFAULT_REVIEW, ...environment.review };
  const [name, setName] = useState(environment.name);
  const [isProtected, setProtected] = useState(Boolean(environment.protected));
  const [approvals, setApprovals] = useState(String(review.requiredApprovals));
  const [authorMayApply, setAuthorMayApply] = useState(Boolean(review.authorMayApply));
  const [approverRoles, setApproverRoles] = useState(review.approverRoles);
  const submit = useSubmit();
  const save = async (e) => {
    e.preventDefault();
    const body = { name, protected: isProtected, review: { requiredApprovals: Number(approvals), authorMayApply, approverRoles } };
    const url = path`/v1/projects/${project}/environments/${environment.key}`;
    if (await submit.run(() => put(url, body, { etag: `"${environment.version}"` }), `Environment ${environment.key} saved.`)) {
      onSaved();
    }
  };
  return html`<details class="edit-environment" data-environment=${environment.key}><summary>Edit ${environment.name} (${environment.key})</summary>
    <form onSubmit=${save} aria-label=${`Edit environment ${environment.key}`}>
      <${Field} label="Name" path="name" value=${name} onInput=${setName} errors=${submit.fieldErrors} required/>
      <${Checkbox} label="Protected (changes go through change requests)" path="protected" checked=${isProtected} onChange=${setProtected}/>
      <${Field} type="number" label="Approvals required" path="review.requiredApprovals" value=${approvals} onInput=${setApprovals}
        errors=${submit.fieldErrors} min="1" max="5"/>
      <${Checkbox} label="The author may apply their own approved request" path="review.authorMayApply" checked=${authorMayApply} onChange=${setAuthorMayApply}/>
      <fieldset><legend>Roles that may review</legend>${ROLES.map((role) => html`<${Checkbox} label=${role} path="review.approverRoles"
        checked=${approverRoles.includes(role)} onChange=${(on) => setApproverRoles(on ? [...approverRoles, role] : approverRoles.filter((r) => r !== role))}/>`)}
        <${FieldErrors} errors=${submit.fieldErrors} path="review.approverRoles"/></fieldset>
      <button type="submit" disabled=${submit.busy}>Save environment</button>
      <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    </form></details>`;
}

function CreateEnvironment({ project, onCreated }) {
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [isProtected, setProtected] = useState(false);
  const submit = useSubmit();
  const create = async (e) => {
    e.preventDefault();
    const body = { key, name: name || key, protected: isProtected };
    if (await submit.run(() => post(path`/v1/projects/${project}/environments`, body), `Environment ${key} created.`)) {
      onCreated();
    }
  };
  return html`<form onSubmit=${create} aria-label="Create an environment">
    <h3>Create an environment</h3>
    <${Field} label="Key" path="key" value=${key} onInput=${setKey} errors=${submit.fieldErrors} required/>
    <${Field} label="Name" path="name" value=${name} onInput=${setName} errors=${submit.fieldErrors}/>
    <${Checkbox} label="Protected (changes go through change requests)" checked=${isProtected} onChange=${setProtected}/>
    <button type="submit" disabled=${submit.busy}>Create environment</button>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
  </form>`;
}

function RolesEditor({ project, current, etag, onSaved }) {
  const [rows, setRows] = useState(Object.entries(current.roles || {}));
  const submit = useSubmit();
  const set = (i, at, value) => setRows(rows.map((row, j) => (j === i ? (at === 0 ? [value, row[1]] : [row[0], value]) : row)));
  const save = async (e) => {
    e.preventDefault();
    const body = { name: current.name, roles: Object.fromEntries(rows.filter(([p]) => p.trim())) };
    if (await submit.run(() => put(path`/v1/projects/${project}`, body, { etag }), 'Roles saved.')) {
      onSaved();
    }
  };
  return html`<form class="panel" onSubmit=${save} aria-label="Roles">
    <h2>Roles</h2>
    <p class="muted">Principal (IAM ARN, <code>issuer#subject</code>, local token name, or <code>*</code>) → role.</p>
    ${rows.map(([principal, role], i) => html`<div class="row">
      <${Field} label="Principal" path=${'roles'} value=${principal} onInput=${(v) => set(i, 0, v)} errors=${[]}/>
      <${Select} label="Role" value=${role} options=${[['viewer', 'viewer'], ['editor', 'editor'], ['admin', 'admin']]}
        onChange=${(v) => set(i, 1, v)}/>
      <button type="button" onClick=${() => setRows(rows.filter((_, j) => j !== i))}>Remove</button>
    </div>`)}
    <button type="button" onClick=${() => setRows([...rows, ['', 'viewer']])}>Add a principal</button>
    <button type="submit" class="primary" disabled=${submit.busy}>Save roles</button>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
  </form>`;
}
