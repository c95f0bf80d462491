import { useState } from 'preact/hooks';
import { ApiError, get, getAll, path, put } from '../api.js';
import { getVersioned } from '../editing.js';
import { href, navigate } from '../router.js';
import { Checkbox, Field, html, Loading, Notice, ProblemView, Select, useId, useLoad } from '../ui.js';
import { keyErrors, useSubmit } from './projects.js';

/** Stale flags per environment; an empty list where the deployment has no insights store (501). */
async function staleFlags(project, env) {
  try {
    return (await get(path`/v1/projects/${project}/environments/${env}/stale-flags`)).data.items;
  } catch (e) {
    if (e instanceof ApiError && e.status === 501) {
      return [];
    }
    throw e;
  }
}

async function loadFlags(project, environments) {
  const flags = await getAll(path`/v1/projects/${project}/flags`);
  const configs = {};
  const stale = {};
  await Promise.all(environments.map(async (e) => {
    stale[e.key] = await staleFlags(project, e.key);
    await Promise.all(flags.map(async (f) => { configs[e.key + '/' + f.key] = await getVersioned(path`/v1/projects/${project}/environments/${e.key}/flags/${f.key}`); }));
  }));
  return { flags, configs, stale };
}

export function FlagsPage({ project, env, environments }) {
  const state = useLoad(() => loadFlags(project, environments), [project]);
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [comment, setComment] = useState('');
  const toggle = useSubmit();
  const searchId = useId();
  const flip = (flagKey, envKey, config) => toggle.run(async () => {
    const { etag, version, updatedAt, updatedBy, ...content } = config;
    await put(path`/v1/projects/${project}/environments/${envKey}/flags/${flagKey}`, { ...content, on: !config.on },
      { etag, comment });
    await state.reload();
  }, `${flagKey} turned ${config.on ? 'off' : 'on'} in ${envKey}.`);
  return html`<h1>Flags</h1>
    <${Loading} state=${state}>${({ flags, configs, stale }) => {
      const tags = [...new Set(flags.flatMap((f) => f.tags || []))].sort();
      const needle = search.trim().toLowerCase();
      const shown = flags.filter((f) => (!tag || (f.tags || []).includes(tag))
        && (!needle || f.key.includes(needle) || (f.name || '').toLowerCase().includes(needle)));
      return html`<div class="toolbar">
          <div class="field"><label for=${searchId}>Search flags</label>
            <input id=${searchId} type="search" value=${search} onInput=${(e) => setSearch(e.target.value)}/></div>
          <${Select} label="Tag" value=${tag} options=${[['', 'All tags'], ...tags.map((t) => [t, t])]} onChange=${setTag}/>
          <${Field} label="Comment for toggles" path="comment" value=${comment} onInput=${setComment} errors=${[]}
            hint="Required in protected environments."/>
        </div>
        <${ProblemView} error=${toggle.error}/><${Notice} text=${toggle.notice}/>
        <table class="flags"><thead><tr><th>Flag</th><th>Tags</th>
          ${environments.map((e) => html`<th>${e.name}</th>`)}</tr></thead>
        <tbody>${shown.map((f) => {
          const staleIn = environments.filter((e) => stale[e.key].some((s) => s.flag === f.key));
          return html`<tr data-flag=${f.key}>
            <td><a href=${href(['p', project, 'flags', f.key], { env })}>${f.name || f.key}</a> <code>${f.key}</code>
              ${f.temporary && html` <span class="badge">temporary</span>`}
              ${staleIn.length > 0 && html` <span class="badge warn" title=${staleIn.map((e) => stale[e.key].find((s) => s.flag === f.key).reasons.map((r) => r.message).join('; ')).join(' | ')}>stale in ${staleIn.map((e) => e.key).join(', ')}</span>`}</td>
            <td>${(f.tags || []).join(', ')}</td>
            ${environments.map((e) => {
              const config = configs[e.key + '/' + f.key];
              return html`<td>${config
                ? html`<label class="switch"><input type="checkbox" role="switch" checked=${config.on} disabled=${toggle.busy}
                    aria-label=${`${f.key} in ${e.key}`} onChange=${() => flip(f.key, e.key, config)}/>
                    <span>${config.on ? 'on' : 'off'}</span></label>`
                : html`<span class="muted">not configured</span>`}</td>`;
            })}</tr>`;
        })}</tbody></table>
        ${shown.length === 0 && html`<p class="muted">No flags match.</p>`}`;
    }}<//>
    <${CreateFlag} project=${project} env=${env}/>`;
}

const TYPES = [['boolean', 'boolean'], ['string', 'string'], ['number', 'number'], ['json', 'json']];

/** Variation values typed one per line; parsed as the flag type says (the API checks them again). */
function parseVariations(type, text) {
  if (type === 'boolean') {
    return [{ value: true, name: 'on' }, { value: false, name: 'off' }];
  }
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    if (type === 'number') {
      return { value: Number(line) };
    }
    if (type === 'json') {
      try {
        return { value: JSON.parse(line) };
      } catch {
        return { value: line };
      }
    }
    return { value: line };
  });
}

function CreateFlag({ project, env }) {
  const [form, setForm] = useState({ key: '', name: '', type: 'boolean', variations: '', tags: '', temporary: false });
  const [localErrors, setLocalErrors] = useState([]);
  const submit = useSubmit();
  const set = (name) => (value) => setForm({ ...form, [name]: value });
  const create = async (e) => {
    e.preventDefault();
    const problems = keyErrors('key', form.key);
    const variations = parseVariations(form.type, form.variations);
    if (!variations.length) {
      problems.push({ path: 'variations', message: 'a flag needs at least one variation' });
    }
    if (form.type === 'number' && variations.some((v) => Number.isNaN(v.value))) {
      problems.push({ path: 'variations', message: 'every variation of a number flag must be a number' });
    }
    setLocalErrors(problems);
    if (problems.length) {
      return;
    }
    const body = {
      name: form.name || form.key, type: form.type, variations, temporary: form.temporary,
      tags: form.tags.split(',').map((t) => t.trim()).filter(Boolean),
    };
    if (await submit.run(() => put(path`/v1/projects/${project}/flags/${form.key}`, body), `Flag ${form.key} created.`)) {
      navigate(['p', project, 'flags', form.key], { env });
    }
  };
  const errors = [...localErrors, ...submit.fieldErrors];
  return html`<form class="panel" onSubmit=${create} aria-label="Create a flag">
    <h2>Create a flag</h2>
    <${Field} label="Key" path="key" value=${form.key} onInput=${set('key')} errors=${errors} required/>
    <${Field} label="Name" path="name" value=${form.name} onInput=${set('name')} errors=${errors}/>
    <${Select} label="Type" path="type" value=${form.type} options=${TYPES} onChange=${set('type')} errors=${errors}/>
    ${form.type !== 'boolean' && html`<${Field} type="textarea" label="Variations (one value per line)" path="variations"
      value=${form.variations} onInput=${set('variations')} errors=${errors}/>`}
    <${Field} label="Tags (comma-separated)" path="tags" value=${form.tags} onInput=${set('tags')} errors=${errors}/>
    <${Checkbox} label="Temporary (a release flag to remove later)" checked=${form.temporary} onChange=${set('temporary')}/>
    <button type="submit" class="primary" disabled=${submit.busy}>Create flag</button>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
  </form>`;
}
