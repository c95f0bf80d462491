// The dry run shared by the flag editor (a draft) and the change-request page (a proposal): sample contexts typed
// as JSON, evaluated by POST .../evaluate against proposed configurations; nothing is stored.
import { useState } from 'preact/hooks';
import { path, post } from '../api.js';
import { Field, html } from '../ui.js';
import { useSubmit } from './projects.js';

export function useDryRun({ project, env, initialContexts }) {
  const [contexts, setContexts] = useState(initialContexts);
  const [result, setResult] = useState(null);
  const [errors, setErrors] = useState([]);
  const submit = useSubmit();
  /** Evaluates `flags` for the typed contexts with `proposed` (flag key → configuration); a JSON typo stays local. */
  const run = async (flags, proposed) => {
    let parsed;
    try {
      parsed = JSON.parse(contexts);
    } catch (e) {
      setErrors([{ path: 'contexts', message: `not JSON: ${e.message}` }]);
      return;
    }
    setErrors([]);
    const response = await submit.run(() => post(path`/v1/projects/${project}/environments/${env}/evaluate`,
      { contexts: Array.isArray(parsed) ? parsed : [parsed], flags, proposed }));
    if (response) {
      setResult(response.data);
    }
  };
  const field = (rows) => html`<${Field} type="textarea" label="Sample contexts (JSON array)" path="contexts" value=${contexts}
    onInput=${setContexts} errors=${[...errors, ...submit.fieldErrors]} rows=${rows}/>`;
  return { result, submit, run, field };
}

/** One flag's impact: how many contexts change, and each from → to pair. */
export function ImpactSummary({ impact, label = '' }) {
  return html`${`${label}${impact.changed} of ${impact.contexts} contexts would change`}${impact.transitions.map((t) =>
    html` <span class="transition">${JSON.stringify(t.fromValue)} → ${JSON.stringify(t.toValue)}: ${t.count}</span>`)}`;
}
