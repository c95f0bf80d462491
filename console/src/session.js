// The signed-in session: the bearer token lives in sessionStorage only (never localStorage, never a URL after
// sign-in), so it ends with the tab.
const TOKEN_KEY = 'vexil.token';
const PRINCIPAL_KEY = 'vexil.principal';

export function currentToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** `principal` (local stack only): act as that principal, sent as X-Vexil-Principal (docs/console.md). */
export function signIn(token, principal = '') {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
  if (principal.trim()) {
    sessionStorage.setItem(PRINCIPAL_KEY, principal.trim());
  } else {
    sessionStorage.removeItem(PRINCIPAL_KEY);
  }
}

/** The principal named at sign-in, or null (the token's own). */
export function currentPrincipal() {
  return sessionStorage.getItem(PRINCIPAL_KEY);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(PRINCIPAL_KEY);
}

/**
 * The one-click local sign-in: the banner's URL carries `#token=<admin token>`. The token moves into
 * sessionStorage and the address bar loses it (history.replaceState), so it is neither bookmarked nor kept in
 * the tab's history. Returns true when a token was taken.
 */
export function takeTokenFromAddress() {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (!match) {
    return false;
  }
  signIn(decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search + '#/');
  return true;
}

/** Drafts kept across a sign-in (a 401 in the middle of an edit must not lose the edit). */
export const drafts = {
  load(key) {
    const text = sessionStorage.getItem('vexil.draft:' + key);
    return text ? JSON.parse(text) : null;
  },
  save(key, draft) {
    sessionStorage.setItem('vexil.draft:' + key, JSON.stringify(draft));
  },
  clear(key) {
    sessionStorage.removeItem('vexil.draft:' + key);
  },
};
