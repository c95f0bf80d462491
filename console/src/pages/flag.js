import { ApiError, get, getAll, path, post } from '../api.js';
import { href } from '../router.js';
import { ConfirmAction, html, Loading, Notice, ProblemView, useLoad } from '../ui.js';
import { contentOf, getVersioned, useVersionedEditor } from '../editing.js';
import { TargetingEditor, weightErrors } from './targeting.js';
import { SaveBar } from './save-bar.js';
import { HistoryList } from './history.js';
import { FlagInsightsChart } from './insights.js';
import { PromotePanel, RolloutPanel, SchedulesPanel } from './automation.js';
import { useSubmit } from './projects.js';
import { ImpactSummary, useDryRun } from './dry-run.js';

export function FlagPage({ project, env, environment, environments, flag }) {
  const state = useLoad(async () => {
    const [definition, config, segments, flags] = await Promise.all([
      get(path`/v1/projects/${project}/flags/${flag}`).then((r) => r.data),
      getVersioned(path`/v1/projects/${project}/environments/${env}/flags/${flag}`),
      get(path`/v1/projects/${project}/environments/${env}/segments`).then((r) => r.data.items),
      getAll(path`/v1/projects/${project}/flags`),
    ]);
    return { definition, config, segments, flags };
  }, [project, env, flag]);
  return html`<${Loading} state=${state}>${(data) => html`<${FlagView} ...${data} project=${project} env=${env}
    environment=${environment} environments=${environments} flag=${flag}/>`}<//>`;
}

function Definition({ definition }) {
  return html`<section class="panel definition" aria-label="Definition">
    <h1>${definition.name} <code>${definition.key}</code></h1>
    ${definition.temporary && html`<span class="badge">temporary</span>`}
    ${definition.description && html`<p>${definition.description}</p>`}
    <p>Type <b>${definition.type}</b>${definition.maintainer && html` · maintained by ${definition.maintainer}`}
      ${(definition.tags || []).length > 0 && html` · tags ${definition.tags.join(', ')}`}</p>
    <h2>Variations</h2>
    <ol start="0" class="variations">${definition.variations.map((v) => html`<li><code>${JSON.stringify(v.value)}</code>${v.name && ' ' + v.name}</li>`)}</ol>
  </section>`;
}

function FlagView({ project, env, environment, environments, flag, definition, config, segments, flags }) {
  const url = path`/v1/projects/${project}/environments/${env}/flags/${flag}`;
  const initial = { on: false, offVariation: definition.variations.length > 1 ? 1 : 0, fallthrough: { variation: 0 } };
  const commentRequired = Boolean(environment && environment.protected);
  const editor = useVersionedEditor({
    url, draftKey: `${project}/${env}/flags/${flag}`, base: config, initial, commentRequired, validate: weightErrors,
  });
  const reviewed = commentRequired && environment.review;
  // The request is not a new version of the flag: the editor keeps its base, and drops the proposed draft.
  const saveAsChangeRequest = () => editor.save((draft) => post(path`/v1/projects/${project}/environments/${env}/change-requests`, {
    title: `Change ${flag} in ${env}`, description: editor.comment.trim() || undefined,
    changes: [{ flag, configuration: draft, ...(editor.baseContent ? { basedOn: Number(editor.baseEtag.replace(/"/g, '')) } : {}) }],
  }).catch(atEditorPaths).then((response) => {
    if (editor.baseContent) {
      editor.accept({ ...editor.baseContent, etag: editor.baseEtag });
    }
    location.hash = href(['p', project, 'changes', response.data.id], { env });
    return { status: response.status, changeRequest: response.data };
  }));
  const kill = useSubmit();
  const doKill = () => {
    const problems = editor.checkComment();
    if (problems.length) {
      editor.setErrors(problems);
      return Promise.resolve();
    }
    return kill.run(async () => {
      const response = await post(url + '/kill', editor.comment.trim() ? { comment: editor.comment.trim() } : {});
      editor.accept({ ...response.data, etag: response.etag }, editor.dirty);
    }, `${flag} is killed: off in ${env}.`);
  };
  return html`<${Definition} definition=${definition}/>
    <section class="panel" aria-label="Targeting">
      <h2>Targeting in ${environment ? environment.name : env}</h2>
      <p class="muted">${editor.baseContent ? `Editing version ${editor.baseEtag.replace(/"/g, '')}.` : 'Not configured here yet: it is served off. Saving creates its configuration.'}</p>
      <${TargetingEditor} key=${editor.revision} config=${editor.draft} onChange=${editor.setDraft} variations=${definition.variations}
        segments=${segments} flags=${flags} flagKey=${flag} errors=${editor.errors}/>
      <${SaveBar} editor=${editor} commentRequired=${commentRequired}
        label=${reviewed ? 'Propose as a change request' : 'Save targeting'}
        onSave=${reviewed ? saveAsChangeRequest : undefined}/>
      ${reviewed && html`<p class="muted">This environment needs review: saving opens a change request.</p>`}
      <div class="kill">
        <${ConfirmAction} label="Kill switch" question=${`Turn ${flag} off in ${env} for everyone now?`}
          confirmLabel=${`Kill ${flag}`} onConfirm=${doKill}/>
        <${ProblemView} error=${kill.error}/><${Notice} text=${kill.notice}/>
      </div>
    </section>
    <${DryRun} project=${project} env=${env} flag=${flag} draft=${editor.draft}/>
    <${HistoryList} url=${url} revision=${editor.revision} comment=${editor.comment.trim()}
      onRolledBack=${(resource) => editor.accept(resource, editor.dirty)}/>
    <p><a href=${href(['p', project, 'audit'], { env })}>Environment audit log</a> ·
      <a href=${href(['p', project, 'audit'], { env, scope: 'project' })}>Project audit log</a></p>
    <${FlagInsightsChart} project=${project} env=${env} flag=${flag} variations=${definition.variations} revision=${editor.revision}/>
    <${SchedulesPanel} project=${project} env=${env} flag=${flag} current=${editor.baseContent}/>
    <${RolloutPanel} project=${project} env=${env} flag=${flag} variations=${definition.variations}/>
    <${PromotePanel} project=${project} flag=${flag} env=${env} environments=${environments}/>`;
}

/** A refused proposal's problems at the editor's own paths (`changes[0].configuration.rules[0]…` → `rules[0]…`), so each shows
 * under its control as a direct save's would. */
function atEditorPaths(error) {
  if (!(error instanceof ApiError)) {
    throw error;
  }
  const errors = error.errors.map((e) => ({ ...e, path: (e.path || '').replace(/^changes\[0\](\.configuration)?\.?/, '') }));
  const mapped = new ApiError(error.status, { ...error.problem, errors }, error.etag);
  mapped.neededRole = error.neededRole;
  throw mapped;
}

function describe(evaluation) {
  if (!evaluation) {
    return '—';
  }
  const reason = evaluation.reason.kind + (evaluation.reason.ruleId ? ` (${evaluation.reason.ruleId})` : '')
    + (evaluation.reason.errorKind ? ` (${evaluation.reason.errorKind})` : '');
  return `${JSON.stringify(evaluation.value)} · ${reason}`;
}

/** Before saving: evaluate sample contexts against the draft, with values, reasons and the impact summary. */
function DryRun({ project, env, flag, draft }) {
  const dryRun = useDryRun({ project, env, initialContexts: '[{"key": "alice"}, {"key": "bob", "country": "DE"}]' });
  const { result, submit } = dryRun;
  const impact = result && result.impact && result.impact[flag];
  return html`<section class="panel dry-run" aria-label="Dry run">
    <h2>Dry run</h2>
    ${dryRun.field('3')}
    <button type="button" onClick=${() => dryRun.run([flag], { [flag]: draft })} disabled=${submit.busy}>Evaluate the draft</button>
    <${ProblemView} error=${submit.error}/>
    ${impact && html`<p class="impact" role="status"><${ImpactSummary} impact=${impact}/></p>`}
    ${result && html`<table class="results"><thead><tr><th>Context</th><th>Now</th><th>With the draft</th></tr></thead><tbody>
      ${result.results.map((r) => html`<tr><td>${r.context.key || JSON.stringify(r.context.keys)}</td>
        <td>${describe(r.flags[flag])}</td><td>${describe(r.flags[flag] && r.flags[flag].proposed)}</td></tr>`)}
    </tbody></table>`}
  </section>`;
}

export { contentOf };
