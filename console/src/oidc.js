// Sign-in on AWS: OpenID Connect authorization code + PKCE (RFC 7636), no client secret. The console's
// config.json names the issuer and client; the ID token is sent to the HTTP API's JWT authorizer.
import { signIn } from './session.js';

const PENDING = 'vexil.oidc.pending';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discover(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) {
    throw new Error(`cannot read the OpenID configuration of ${issuer} (HTTP ${response.status})`);
  }
  return response.json();
}

function redirectUri() {
  return location.origin + location.pathname;
}

export async function startSignIn(oidc) {
  const metadata = await discover(oidc.issuer);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, route: location.hash }));
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope || 'openid',
    code_challenge: challenge, code_challenge_method: 'S256', state,
  });
  location.assign(url);
}

/** After the provider redirects back with ?code&state: exchanges the code, stores the token, cleans the URL. */
export async function finishSignIn(oidc) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + (pending ? pending.route : '#/'));
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('the sign-in response does not belong to this tab; sign in again');
  }
  const metadata = await discover(oidc.issuer);
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: oidc.clientId, code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) {
    throw new Error(`the identity provider refused the sign-in (HTTP ${response.status})`);
  }
  const tokens = await response.json();
  signIn(tokens.id_token);
  return true;
}
