import 'uplot/dist/uPlot.min.css';
import './style.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { configureApi, get, path } from './api.js';
import { currentPrincipal, currentToken, signIn, signOut, takeTokenFromAddress } from './session.js';
import { finishSignIn, startSignIn } from './oidc.js';
import { href, navigate, useRoute } from './router.js';
import { html, Loading, ProblemView, useId, useLoad } from './ui.js';
import { ProjectsPage, SettingsPage } from './pages/projects.js';
import { FlagsPage } from './pages/flags.js';
import { FlagPage } from './pages/flag.js';
import { SegmentsPage, SegmentPage } from './pages/segments.js';
import { SdkKeysPage } from './pages/sdk-keys.js';
import { AuditPage } from './pages/audit.js';
import { InsightsPage } from './pages/insights.js';
import { ChangeRequestsPage, ChangeRequestPage } from './pages/change-requests.js';

function SignIn({ config, reason, onSignedIn }) {
  const [token, setToken] = useState('');
  const [principal, setPrincipal] = useState('');
  const [error, setError] = useState(null);
  const id = useId();
  const principalId = useId();
  const submit = async (e) => {
    e.preventDefault();
    signIn(token, principal);
    try {
      await get('/v1/projects', { query: { limit: 1 } });
      onSignedIn();
    } catch (err) {
      setError(err);
    }
  };
  return html`<main class="sign-in">
    <h1>Sign in to Vexil</h1>
    ${reason && html`<p class="notice" role="status">${reason}</p>`}
    <${ProblemView} error=${error}/>
    ${config.oidc && html`<p><button type="button" class="primary" onClick=${() => startSignIn(config.oidc).catch(setError)}>
      Sign in with ${config.oidc.name || 'your identity provider'}</button></p>`}
    ${!config.oidc && html`<form onSubmit=${submit}>
      <p>Open the console URL that <code>./vexil-local</code> prints, or paste the admin token.</p>
      <div class="field"><label for=${id}>Admin token</label>
        <input id=${id} type="password" autocomplete="off" value=${token} onInput=${(e) => setToken(e.target.value)} required/></div>
      <div class="field"><label for=${principalId}>Act as principal (optional, local stack only)</label>
        <input id=${principalId} autocomplete="off" value=${principal} aria-describedby=${principalId + '-hint'}
          onInput=${(e) => setPrincipal(e.target.value)}/>
        <small id=${principalId + '-hint'}>The local admin token may act as anyone (X-Vexil-Principal), e.g. a second reviewer
          of a change request. Leave empty to act as the token's own principal.</small></div>
      <button type="submit" class="primary">Sign in</button>
    </form>`}
  </main>`;
}

const PROJECT_PAGES = [
  ['flags', 'Flags'], ['segments', 'Segments'], ['keys', 'SDK keys'], ['insights', 'Insights'],
  ['audit', 'Audit log'], ['changes', 'Change requests'], ['settings', 'Settings'],
];

function ProjectShell({ project, page, rest, query }) {
  const state = useLoad(() => get(path`/v1/projects/${project}/environments`).then((r) => r.data.items), [project]);
  return html`<${Loading} state=${state}>${(environments) => {
    const env = environments.find((e) => e.key === query.env) || environments[0];
    const envKey = env ? env.key : undefined;
    const props = { project, env: envKey, environment: env, environments, rest, query, reloadEnvironments: state.reload };
    return html`<nav class="project-nav" aria-label="Project">
        <strong class="project-name">${project}</strong>
        <ul>${PROJECT_PAGES.map(([key, label]) => html`<li><a href=${href(['p', project, key], { env: envKey })}
          aria-current=${page === key ? 'page' : undefined}>${label}</a></li>`)}</ul>
        ${environments.length > 0 && html`<${EnvironmentPicker} env=${envKey} environments=${environments}/>`}
      </nav>
      ${page === 'flags' && !rest[0] && html`<${FlagsPage} ...${props}/>`}
      ${page === 'flags' && rest[0] && html`<${FlagPage} key=${rest[0] + envKey} flag=${rest[0]} ...${props}/>`}
      ${page === 'segments' && !rest[0] && html`<${SegmentsPage} ...${props}/>`}
      ${page === 'segments' && rest[0] && html`<${SegmentPage} key=${rest[0] + envKey} segment=${rest[0]} ...${props}/>`}
      ${page === 'keys' && html`<${SdkKeysPage} key=${envKey} ...${props}/>`}
      ${page === 'insights' && html`<${InsightsPage} key=${envKey} ...${props}/>`}
      ${page === 'audit' && html`<${AuditPage} key=${envKey + query.scope} ...${props}/>`}
      ${page === 'changes' && !rest[0] && html`<${ChangeRequestsPage} key=${envKey} ...${props}/>`}
      ${page === 'changes' && rest[0] && html`<${ChangeRequestPage} key=${rest[0]} id=${rest[0]} ...${props}/>`}
      ${page === 'settings' && html`<${SettingsPage} ...${props}/>`}`;
  }}<//>`;
}

function EnvironmentPicker({ env, environments }) {
  const id = useId();
  const change = (key) => {
    const [hashPath] = location.hash.split('?');
    location.hash = hashPath + '?env=' + encodeURIComponent(key);
  };
  return html`<div class="field env-picker"><label for=${id}>Environment</label>
    <select id=${id} onChange=${(e) => change(e.target.value)}>
      ${environments.map((e) => html`<option value=${e.key} selected=${e.key === env}>${e.name} (${e.key})${e.protected ? ' · protected' : ''}</option>`)}
    </select></div>`;
}

function App({ config }) {
  const route = useRoute();
  const [signedIn, setSignedIn] = useState(Boolean(currentToken()));
  const [reason, setReason] = useState(null);
  useEffect(() => {
    configureApi(config.apiBase || '', () => {
      setReason('Your session has ended. Sign in again: your unsaved edits are kept and come back after sign-in.');
      setSignedIn(false);
    });
    // The banner URL opened in a tab that already shows the console changes only the fragment: no new load.
    const tokenInAddress = () => {
      if (takeTokenFromAddress()) {
        setReason(null);
        setSignedIn(true);
      }
    };
    addEventListener('hashchange', tokenInAddress);
    return () => removeEventListener('hashchange', tokenInAddress);
  }, []);
  if (!signedIn) {
    return html`<${SignIn} config=${config} reason=${reason} onSignedIn=${() => { setReason(null); setSignedIn(true); }}/>`;
  }
  const [first, project, page = 'flags', ...rest] = route.parts;
  return html`<header class="top">
      <a class="brand" href="#/">Vexil</a>
      ${currentPrincipal() && html`<span class="acting-as">Acting as <b>${currentPrincipal()}</b></span>`}
      <button type="button" onClick=${() => { signOut(); setReason('Signed out.'); setSignedIn(false); }}>Sign out</button>
    </header>
    <main>
      ${first === 'p' && project
        ? html`<${ProjectShell} key=${project} project=${project} page=${page} rest=${rest} query=${route.query}/>`
        : html`<${ProjectsPage}/>`}
    </main>`;
}

async function loadConfig() {
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}

async function boot() {
  const config = await loadConfig();
  takeTokenFromAddress();
  let failure = null;
  if (config.oidc) {
    await finishSignIn(config.oidc).catch((e) => { failure = e; });
  }
  configureApi(config.apiBase || '', () => {});
  const root = document.getElementById('app');
  root.textContent = '';
  render(html`${failure && html`<p class="problem" role="alert">${failure.message}</p>`}<${App} config=${config}/>`, root);
}

boot();
export { navigate };
