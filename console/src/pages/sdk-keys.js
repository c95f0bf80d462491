import { useState } from 'preact/hooks';
import { del, get, path, post } from '../api.js';
import { ConfirmAction, Field, html, Loading, Notice, ProblemView, Time, useId, useLoad } from '../ui.js';
import { useSubmit } from './projects.js';

/** The secret of a new key, shown once: Vexil keeps only its hash, so this is the only time to copy it. */
function NewSecret({ created, onDone }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return html`<div class="secret" role="status">
    <p><b>Copy the secret of "${created.name || created.id}" now.</b> It is shown only once: Vexil keeps only its hash.</p>
    <label for=${id}>SDK key secret</label>
    <input id=${id} class="secret-value" readonly value=${created.secret} onFocus=${(e) => e.target.select()}/>
    <button type="button" onClick=${() => navigator.clipboard.writeText(created.secret).then(() => setCopied(true))}>Copy</button>
    ${copied && html` <span>Copied.</span>`}
    <button type="button" onClick=${onDone}>I have stored it</button>
  </div>`;
}

export function SdkKeysPage({ project, env }) {
  const url = path`/v1/projects/${project}/environments/${env}/sdk-keys`;
  const state = useLoad(() => get(url).then((r) => r.data.items), [url]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState(null);
  const submit = useSubmit();
  const create = async (e) => {
    e.preventDefault();
    const response = await submit.run(() => post(url, name ? { name } : {}));
    if (response) {
      setCreated(response.data);
      setName('');
      state.reload();
    }
  };
  const revoke = (key) => submit.run(() => del(url + '/' + encodeURIComponent(key.id)), `Key ${key.name || key.id} revoked.`).then(state.reload);
  return html`<h1>SDK keys in ${env}</h1>
    ${created && html`<${NewSecret} created=${created} onDone=${() => setCreated(null)}/>`}
    <form class="panel" onSubmit=${create} aria-label="Create an SDK key"><h2>Create an SDK key</h2>
      <${Field} label="Name (e.g. the service that uses it)" path="name" value=${name} onInput=${setName} errors=${submit.fieldErrors} maxLength="200"/>
      <button type="submit" class="primary" disabled=${submit.busy}>Create key</button>
    </form>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    <${Loading} state=${state}>${(keys) => html`<table class="keys"><thead><tr><th>Name</th><th>Id</th><th>Created</th><th>Status</th><th></th></tr></thead><tbody>
      ${keys.map((k) => html`<tr data-key-id=${k.id}><td>${k.name || '—'}</td><td><code>${k.id}</code></td>
        <td><${Time} iso=${k.createdAt}/> by ${k.createdBy}</td>
        <td class="status">${k.active ? 'active' : html`revoked <${Time} iso=${k.revokedAt}/>`}</td>
        <td>${k.active && html`<${ConfirmAction} label="Revoke" question=${`Revoke ${k.name || k.id}? SDKs using it stop receiving updates.`}
          confirmLabel="Revoke key" onConfirm=${() => revoke(k)}/>`}</td></tr>`)}
    </tbody></table>`}<//>`;
}
