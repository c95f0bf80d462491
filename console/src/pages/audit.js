import { useState } from 'preact/hooks';
import { get, path } from '../api.js';
import { href } from '../router.js';
import { DiffList, Field, html, ProblemView, Select, Time } from '../ui.js';
import { useEffect } from 'preact/hooks';

const ENV_TYPES = ['', 'FLAG_CONFIG', 'SEGMENT', 'SDK_KEY'];
const PROJECT_TYPES = ['', 'PROJECT', 'ENVIRONMENT', 'FLAG_DEFINITION', 'SEGMENT', 'SDK_KEY'];

/** The environment's audit log, or the project's (?scope=project), newest first, filtered, a page at a time. */
export function AuditPage({ project, env, query }) {
  const projectScope = query.scope === 'project';
  const url = projectScope ? path`/v1/projects/${project}/audit` : path`/v1/projects/${project}/environments/${env}/audit`;
  const [filters, setFilters] = useState({ principal: '', resourceType: '', resourceKey: '' });
  const [entries, setEntries] = useState([]);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  const load = async (next) => {
    setError(null);
    try {
      const { data } = await get(url, { query: { ...filters, limit: 50, cursor: next || undefined } });
      setEntries(next ? [...entries, ...data.items] : data.items);
      setCursor(data.nextCursor || null);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => { load(null); }, [url]);
  const set = (name) => (value) => setFilters({ ...filters, [name]: value });
  return html`<h1>Audit log: ${projectScope ? `project ${project}` : `environment ${env}`}</h1>
    <p><a href=${href(['p', project, 'audit'], { env, scope: projectScope ? '' : 'project' })}>
      ${projectScope ? 'Show the environment log' : 'Show the project log'}</a></p>
    <form class="toolbar" onSubmit=${(e) => { e.preventDefault(); load(null); }} aria-label="Filter">
      <${Field} label="Principal" path="principal" value=${filters.principal} onInput=${set('principal')} errors=${error ? error.errors : []}/>
      <${Select} label="Resource type" path="resourceType" value=${filters.resourceType} onChange=${set('resourceType')}
        options=${(projectScope ? PROJECT_TYPES : ENV_TYPES).map((t) => [t, t || 'any'])}/>
      <${Field} label="Resource key" path="resourceKey" value=${filters.resourceKey} onInput=${set('resourceKey')} errors=${error ? error.errors : []}/>
      <button type="submit">Filter</button>
    </form>
    <${ProblemView} error=${error}/>
    <ol class="entries">${entries.map((e) => html`<li>
      <div class="entry-head"><b>${e.resourceType}</b> <code>${e.resourceKey}</code>${e.environment && ` in ${e.environment}`}
        · v${e.version} ${e.action} by <span class="principal">${e.principal}</span> · <${Time} iso=${e.at}/></div>
      ${e.comment && html`<blockquote>${e.comment}</blockquote>`}
      <${DiffList} ops=${e.diff}/></li>`)}
      ${entries.length === 0 && html`<li class="muted">No entries.</li>`}</ol>
    ${cursor && html`<button type="button" onClick=${() => load(cursor)}>Load more</button>`}`;
}
