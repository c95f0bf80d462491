// Release automation (issue 14: schedules, rollout plans, guards) and promotion (issue 15), over the routes those
// issues fix. A server without a release store answers 501, shown as "not available on this server".
import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, get, orNullWhereAbsent, path, post, UNAVAILABLE } from '../api.js';
import { Checkbox, ConfirmAction, DiffList, Field, html, Loading, Notice, ProblemView, Select, Time, useLoad } from '../ui.js';
import { useSubmit } from './projects.js';
import { href } from '../router.js';

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
    <${Loading} state=${state}>${(items) => (items === UNAVAILABLE || items === null ? html`<${Unavailable} what="Scheduling"/>` : html`
      <ul class="schedules-list">${items.map((s) => html`<li data-schedule=${s.id}><b>${s.status}</b> · <${Time} iso=${s.at}/> · ${describeScheduled(s.change)}
        · by ${s.createdBy}${s.comment && html` · ${s.comment}`}
        ${s.appliedVersion && ` · applied as v${s.appliedVersion}`}${s.detail && html` · <span class="muted">${s.detail}</span>`}
        ${s.status === 'pending' && html` <${ConfirmAction} label="Cancel" question="Cancel this schedule?" confirmLabel="Cancel schedule"
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

function describeScheduled(change) {
  if (change.rollbackTo !== undefined) {
    return `roll back to version ${change.rollbackTo}`;
  }
  if (Object.keys(change).length === 1 && change.on !== undefined) {
    return change.on ? 'turn on' : 'turn off';
  }
  return 'a new configuration';
}

/** "1:PT1H, 5:PT2H, 100" → [{percent: 1, hold: 'PT1H'}, …]. */
export function parseSteps(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((step) => {
    const [percent, hold] = step.split(':').map((s) => s.trim());
    return hold ? { percent: Number(percent), hold } : { percent: Number(percent) };
  });
}

const ACTIVE = ['running', 'paused', 'aborting'];
/** How often a running plan is read again, so the progress bar moves without a reload. */
const LIVE_REFRESH_MS = 2000;

export function RolloutPanel({ project, env, flag, variations }) {
  const url = path`/v1/projects/${project}/environments/${env}/flags/${flag}/rollouts`;
  const state = useLoad(() => orNullWhereAbsent(() => get(url + '/current').then((r) => r.data)), [url]);
  const [variation, setVariation] = useState(0);
  const [steps, setSteps] = useState('1:PT1H, 5:PT2H, 25:PT4H, 100');
  const [guards, setGuards] = useState('');
  const [bakeTime, setBakeTime] = useState('');
  const [comment, setComment] = useState('');
  const submit = useSubmit();
  const plan = state.data;
  const live = plan && plan !== UNAVAILABLE && ACTIVE.includes(plan.status);
  useEffect(() => {
    if (!live) {
      return undefined;
    }
    const timer = setInterval(state.reload, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, state.reload]);
  const act = (verb) => submit.run(() => post(`${url}/current/${verb}`, comment.trim() ? { comment: comment.trim() } : {}),
    ROLLOUT_NOTICES[verb]).then(state.reload);
  const start = async (e) => {
    e.preventDefault();
    const body = { variation: Number(variation), steps: parseSteps(steps) };
    const guardList = guards.split(',').map((g) => g.trim()).filter(Boolean);
    if (guardList.length) {
      body.guards = guardList;
    }
    if (bakeTime.trim()) {
      body.bakeTime = bakeTime.trim();
    }
    if (comment.trim()) {
      body.comment = comment.trim();
    }
    if (await submit.run(() => post(url, body), 'Rollout started: step 1 is applied.')) {
      state.reload();
    }
  };
  const commentField = html`<${Field} label="Rollout comment" path="comment" value=${comment} onInput=${setComment} errors=${submit.fieldErrors}/>`;
  return html`<section class="panel rollout" aria-label="Rollout"><h2>Progressive rollout</h2>
    <${Loading} state=${state}>${(current) => (current === UNAVAILABLE ? html`<${Unavailable} what="Progressive rollout"/>`
      : !current || !ACTIVE.includes(current.status)
      ? html`${current && html`<p class="last-plan">Last plan ${current.id}: <b>${current.status}</b>
          ${current.restoredVersion && ` (configuration restored as version ${current.restoredVersion})`}
          ${current.detail && html` · ${current.detail}`}</p>`}
        <form onSubmit=${start} aria-label="Start a rollout">
          <${Select} label="Variation to release" path="variation" value=${variation} errors=${submit.fieldErrors}
            options=${variations.map((v, i) => [i, `${i}: ${JSON.stringify(v.value)}`])} onChange=${setVariation}/>
          <${Field} label="Steps (percent:hold, …)" path="steps" value=${steps} onInput=${setSteps} errors=${submit.fieldErrors}
            hint="e.g. 1:PT1H, 5:PT2H, 100 — holds are ISO-8601 durations; the last step needs none"/>
          <${Field} label="Guard alarms (comma-separated)" path="guards" value=${guards} onInput=${setGuards} errors=${submit.fieldErrors}/>
          <${Field} label="Bake time after the last step (e.g. PT1H)" path="bakeTime" value=${bakeTime} onInput=${setBakeTime}
            errors=${submit.fieldErrors} hint="how long the guards keep watching once the plan completes"/>
          ${commentField}
          <button type="submit" disabled=${submit.busy}>Start rollout</button>
        </form>`
      : html`<${RolloutProgress} plan=${current}/>
        ${commentField}
        ${current.status !== 'aborting' && html`
          <button type="button" disabled=${submit.busy} onClick=${() => act(current.status === 'paused' ? 'resume' : 'pause')}>${current.status === 'paused' ? 'Resume' : 'Pause'}</button>
          <button type="button" disabled=${submit.busy} onClick=${() => act('advance')}>Advance to the next step</button>
          <${ConfirmAction} label="Abort" question="Abort the rollout and restore the configuration from before it?" confirmLabel="Abort rollout"
            onConfirm=${() => act('abort')}/>`}`)}<//>
    <${ProblemView} error=${submit.error}/><${Notice} text=${submit.notice}/>
  </section>`;
}

function appliedStep(plan, number) {
  const applied = (plan.applied || []).find((a) => a.step === number);
  return applied && html` · applied as v${applied.version} by ${applied.principal} <${Time} iso=${applied.at}/>`;
}

const ROLLOUT_NOTICES = {
  pause: 'Rollout paused.', resume: 'Rollout resumed.', advance: 'Advanced to the next step.',
  abort: 'Rollout aborted: the configuration from before it is restored.',
};

function RolloutProgress({ plan }) {
  const steps = plan.steps || [];
  // `step` counts the steps applied (1 = the first); the flag now serves that step's percentage.
  const percent = plan.step > 0 && steps[plan.step - 1] ? steps[plan.step - 1].percent : 0;
  return html`<div class="progress">
    <p class="rollout-status">Plan ${plan.id} <b>${plan.status}</b> · step ${plan.step} of ${steps.length} · ${percent}%
      ${plan.status === 'running' && plan.nextStepAt && html` · <span class="next-step">next step (${steps[plan.step] ? steps[plan.step].percent + '%' : ''}) at <${Time} iso=${plan.nextStepAt}/></span>`}
      ${plan.status === 'paused' && plan.holdRemaining && html` · <span class="hold-remaining">hold remaining ${plan.holdRemaining}</span>`}</p>
    ${plan.detail && html`<p class="muted">${plan.detail}</p>`}
    <progress max="100" value=${percent} aria-label="Rollout percentage">${percent}%</progress>
    <ol class="rollout-steps">${steps.map((s, i) => html`<li class=${i < plan.step ? 'done' : ''}>${s.percent}%${s.hold ? ` for ${s.hold}` : ''}
      ${appliedStep(plan, i + 1)}</li>`)}</ol>
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
    ${result && result.mode === 'direct' && result.configuration && html`<p>Written in ${to} as version ${result.configuration.version}.</p>`}
    ${result && result.changeRequest && html`<p>${to} is protected: opened change request
      <a href=${href(['p', project, 'changes', result.changeRequest.id], { env: to })}>${result.changeRequest.title}</a> for review.</p>`}
  </form>`;
}
