import { useEffect, useState } from 'preact/hooks';
import { get, path, put } from '../api.js';
import { href, navigate } from '../router.js';
import { Field, html, Loading, Notice, ProblemView, useLoad } from '../ui.js';
import { getVersioned, useVersionedEditor } from '../editing.js';
import { SaveBar } from './save-bar.js';
import { HistoryList } from './history.js';
import { keyErrors, useSubmit } from './projects.js';

export function SegmentsPage({ project, env }) {
  const state = useLoad(() => get(path`/v1/projects/${project}/environments/${env}/segments`).then((r) => r.data.items), [project, env]);
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState([]);
  const submit = useSubmit();
  const create = async (e) => {
    e.preventDefault();
    const problems = keyErrors('key', key);
    setErrors(problems);
    if (!problems.length && await submit.run(() => put(path`/v1/projects/${project}/environments/${env}/segments/${key}`,
      { name: key, included: [], excluded: [], rules: [] }, { comment: undefined }), `Segment ${key} created.`)) {
      navigate(['p', project, 'segments', key], { env });
    }
  };
  return html`<h1>Segments in ${env}</h1>
    <${Loading} state=${state}>${(segments) => html`<table><thead><tr><th>Segment</th><th>Included</th><th>Rules</th><th>Version</th></tr></thead><tbody>
      ${segments.map((s) => html`<tr><td><a href=${href(['p', project, 'segments', s.key], { env })}>${s.name || s.key}</a> <code>${s.key}</code></td>
        <td>${(s.included || []).length}</td><td>${(s.rules || []).length}</td><td>${s.version}</td></tr>`)}
      </tbody></table>${segments.length === 0 && html`<p class="muted">No segments yet.</p>`}`}<//>
    <form class="panel" onSubmit=${create} aria-label="Create a segment"><h2>Create a segment</h2>
      <${Field} label="Key" path="key" value=${key} onInput=${setKey} errors=${[...errors, ...submit.fieldErrors]} required/>
      <button type="submit" disabled=${submit.busy}>Create segment</button>
      <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    </form>`;
}

export function SegmentPage({ project, env, environment, segment }) {
  const url = path`/v1/projects/${project}/environments/${env}/segments/${segment}`;
  const state = useLoad(() => getVersioned(url), [url]);
  return html`<${Loading} state=${state}>${(current) => html`<${SegmentEditor} url=${url} current=${current}
    project=${project} env=${env} segment=${segment} commentRequired=${Boolean(environment && environment.protected)}/>`}<//>`;
}

function lines(list) {
  return (list || []).join('\n');
}

function SegmentEditor({ url, current, project, env, segment, commentRequired }) {
  const editor = useVersionedEditor({ url, draftKey: `${project}/${env}/segments/${segment}`, base: current,
    initial: { name: segment, included: [], excluded: [], rules: [] }, commentRequired });
  const draft = editor.draft;
  const set = (name) => (value) => editor.setDraft({ ...draft, [name]: value });
  const [rulesText, setRulesText] = useState(JSON.stringify(draft.rules || [], null, 2));
  const [rulesError, setRulesError] = useState([]);
  // A rollback, a reapplied conflict or a save replaces the draft: show its rules.
  useEffect(() => setRulesText(JSON.stringify(editor.draft.rules || [], null, 2)), [editor.revision]);
  const setRules = (text) => {
    setRulesText(text);
    try {
      editor.setDraft({ ...draft, rules: JSON.parse(text) });
      setRulesError([]);
    } catch (e) {
      setRulesError([{ path: 'rules', message: `not JSON: ${e.message}` }]);
    }
  };
  const errors = [...editor.errors, ...rulesError];
  return html`<h1>Segment ${draft.name} <code>${segment}</code></h1>
    <section class="panel" key=${editor.revision} aria-label="Segment">
      <${Field} label="Name" path="name" value=${draft.name || ''} onInput=${set('name')} errors=${errors}/>
      <${Field} label="Description" path="description" value=${draft.description || ''} onInput=${(d) => set('description')(d || undefined)} errors=${errors}/>
      <${Field} type="textarea" label="Included context keys (one per line)" path="included" value=${lines(draft.included)} errors=${errors}
        onInput=${(t) => set('included')(t.split('\n').map((s) => s.trim()).filter(Boolean))}/>
      <${Field} type="textarea" label="Excluded context keys (one per line)" path="excluded" value=${lines(draft.excluded)} errors=${errors}
        onInput=${(t) => set('excluded')(t.split('\n').map((s) => s.trim()).filter(Boolean))}/>
      <${Field} type="textarea" label="Rules (JSON: [{clauses, weight, bucketBy, contextKind}])" path="rules" value=${rulesText}
        onInput=${setRules} errors=${errors} rows="6"/>
      <${SaveBar} editor=${editor} commentRequired=${commentRequired} label="Save segment"/>
    </section>
    <${HistoryList} url=${url} revision=${editor.revision} comment=${editor.comment.trim()}
      onRolledBack=${(resource) => editor.accept(resource)}/>`;
}
