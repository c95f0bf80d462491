// Release automation (issue 14: schedules, rollout plans, guards) and promotion (issue 15), over the routes those
// issues fix. A server without them answers 404, shown as "not available here".
import { useState } from 'preact/hooks';
import { ApiError, del, get, orNullWhereAbsent, path, post } from '../api.js';
import { Checkbox, ConfirmAction, DiffList, Field, html, Loading, Notice, ProblemView, Select, Time, useLoad } from '../ui.js';
import { useSubmit } from './projects.js';

function Unavailable({ what }) {
  return html`<p class="muted">${what} is not available on this server.</p>`;
}

export function SchedulesPanel({ project, env, flag }) {
  const url = path`/v1/projects/${project}/environments/${env}/flags/${flag}/schedules`;
  const state = useLoad(() => orNullWhereAbsent(() => get(url).then((r) => r.data.items)), [url]);
  const [at, setAt] = useState('');
  const [change, setChange] = useState('on');
  const [rollbackTo, setRollbackTo] = useState('');
  const [comment, setComment] = useState('');
  const submit = useSubmit();
  const create = async (e) => {
    e.preventDefault();
    const body = {
      at: at ? new Date(at).toISOString() : '', comment: comment || undefined,
      change: change === 'rollback' ? { rollbackTo: Number(rollbackTo) } : { on: change === 'on' },
    };
    if (await submit.run(() => post(url, body), 'Schedule created.')) {
      state.reload();
    }
  };
  return html`<section class="panel schedules" aria-label="Schedules"><h2>Scheduled changes</h2>
    <${Loading} state=${state}>${(items) => (items === null ? html`<${Unavailable} what="Scheduling"/>` : html`
      <ul>${items.map((s) => html`<li>${s.state || s.status} · <${Time} iso=${s.at}/> · <code>${JSON.stringify(s.change)}</code>
        ${s.comment && html` · ${s.comment}`}
        ${(s.state || s.status) === 'pending' && html` <${ConfirmAction} label="Cancel" question="Cancel this schedule?" confirmLabel="Cancel schedule"
          onConfirm=${() => submit.run(() => del(url + '/' + encodeURIComponent(s.id)), 'Schedule cancelled.').then(state.reload)}/>`}</li>`)}
        ${items.length === 0 && html`<li class="muted">No schedules.</li>`}</ul>
      <form onSubmit=${create} aria-label="Schedule a change">
        <${Field} type="datetime-local" label="When" path="at" value=${at} onInput=${setAt} errors=${submit.fieldErrors} required/>
        <${Select} label="Change" path="change" value=${change} errors=${submit.fieldErrors}
          options=${[['on', 'turn on'], ['off', 'turn off'], ['rollback', 'roll back to a version']]} onChange=${setChange}/>
        ${change === 'rollback' && html`<${Field} type="number" label="Version" path="change.rollbackTo" value=${rollbackTo}
          onInput=${setRollbackTo} errors=${submit.fieldErrors} min="1"/>`}
        <${Field} label="Comment" path="comment" value=${comment} onInput=${setComment} errors=${submit.fieldErrors}/>
        <button type="submit" disabled=${submit.busy}>Schedule</button>
      </form>`)}<//>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
  </section>`;
}

/** "1:PT1H, 5:PT2H, 100" → [{percent: 1, hold: 'PT1H'}, …]. */
export function parseSteps(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((step) => {
    const [percent, hold] = step.split(':').map((s) => s.trim());
    return hold ? { percent: Number(percent), hold } : { percent: Number(percent) };
  });
}

export function RolloutPanel({ project, env, flag, variations }) {
  const url = path`/v1/projects/${project}/environments/${env}/flags/${flag}/rollouts`;
  const state = useLoad(() => orNullWhereAbsent(() => get(url + '/current').then((r) => r.data)), [url]);
  const [variation, setVariation] = useState(0);
  const [steps, setSteps] = useState('1:PT1H, 5:PT2H, 25:PT4H, 100');
  const [guards, setGuards] = useState('');
  const submit = useSubmit();
  const act = (verb) => submit.run(() => post(`${url}/current/${verb}`, {}), `Rollout: ${verb} done.`).then(state.reload);
  const start = async (e) => {
    e.preventDefault();
    const body = { variation: Number(variation), steps: parseSteps(steps) };
    const guardList = guards.split(',').map((g) => g.trim()).filter(Boolean);
    if (guardList.length) {
      body.guards = guardList;
    }
    if (await submit.run(() => post(url, body), 'Rollout started.')) {
      state.reload();
    }
  };
  return html`<section class="panel rollout" aria-label="Rollout"><h2>Progressive rollout</h2>
    <${Loading} state=${state}>${(plan) => (!plan || ['aborted', 'completed'].includes(plan.state)
      ? html`${plan && html`<p>Last plan: ${plan.state}.</p>`}
        <form onSubmit=${start} aria-label="Start a rollout">
          <${Select} label="Variation to release" path="variation" value=${variation} errors=${submit.fieldErrors}
            options=${variations.map((v, i) => [i, `${i}: ${JSON.stringify(v.value)}`])} onChange=${setVariation}/>
          <${Field} label="Steps (percent:hold, …)" path="steps" value=${steps} onInput=${setSteps} errors=${submit.fieldErrors}/>
          <${Field} label="Guard alarms (comma-separated)" path="guards" value=${guards} onInput=${setGuards} errors=${submit.fieldErrors}/>
          <button type="submit" disabled=${submit.busy}>Start rollout</button>
        </form>`
      : html`<${RolloutProgress} plan=${plan}/>
        <button type="button" onClick=${() => act(plan.state === 'paused' ? 'resume' : 'pause')}>${plan.state === 'paused' ? 'Resume' : 'Pause'}</button>
        <button type="button" onClick=${() => act('advance')}>Advance to the next step</button>
        <${ConfirmAction} label="Abort" question="Abort the rollout and restore the configuration from before it?" confirmLabel="Abort rollout"
          onConfirm=${() => act('abort')}/>`)}<//>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
  </section>`;
}

function RolloutProgress({ plan }) {
  const steps = plan.steps || [];
  const index = plan.step ?? plan.currentStep ?? 0;
  const percent = steps[index] ? steps[index].percent : 0;
  return html`<div class="progress">
    <p>State <b>${plan.state}</b> · step ${index + 1} of ${steps.length} · ${percent}%
      ${plan.nextStepAt && html` · next step <${Time} iso=${plan.nextStepAt}/>`}</p>
    <progress max="100" value=${percent} aria-label="Rollout percentage">${percent}%</progress>
    ${(plan.history || []).length > 0 && html`<ol>${plan.history.map((h) => html`<li>${h.percent}% · <${Time} iso=${h.at}/></li>`)}</ol>`}
  </div>`;
}

const INCLUDES = ['targets', 'rules', 'fallthrough', 'offVariation', 'on'];

export function PromotePanel({ project, flag, env, environments }) {
  const [from, setFrom] = useState(env);
  const [to, setTo] = useState((environments.find((e) => e.key !== env) || {}).key || '');
  const [include, setInclude] = useState(['targets', 'rules', 'fallthrough']);
  const [result, setResult] = useState(null);
  const submit = useSubmit();
  const options = environments.map((e) => [e.key, e.name]);
  const promote = async (e) => {
    e.preventDefault();
    if (from === to) {
      submit.setError(new ApiError(400, { title: 'Invalid promotion', detail: 'choose two different environments', errors: [{ path: 'to', message: 'must differ from "from"' }] }));
      return;
    }
    const response = await submit.run(() => post(path`/v1/projects/${project}/flags/${flag}/promote`, { from, to, include }), 'Promoted.');
    if (response) {
      setResult(response.data);
    }
  };
  return html`<form class="panel promote" onSubmit=${promote} aria-label="Promote">
    <h2>Promote between environments</h2>
    <${Select} label="From" path="from" value=${from} options=${options} onChange=${setFrom} errors=${submit.fieldErrors}/>
    <${Select} label="To" path="to" value=${to} options=${options} onChange=${setTo} errors=${submit.fieldErrors}/>
    <fieldset><legend>Copy</legend>${INCLUDES.map((name) => html`<${Checkbox} label=${name} checked=${include.includes(name)}
      onChange=${(on) => setInclude(on ? [...include, name] : include.filter((n) => n !== name))}/>`)}</fieldset>
    <button type="submit" disabled=${submit.busy}>Promote</button>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
    ${result && result.diff && html`<${DiffList} ops=${result.diff}/>`}
    ${result && result.changeRequest && html`<p>Opened change request ${result.changeRequest.id}.</p>`}
  </form>`;
}
