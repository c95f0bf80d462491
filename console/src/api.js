// The one door to the admin API (docs/openapi.yaml): bearer token, JSON bodies, ETag/If-Match, comments, and
// RFC 9457 problems turned into ApiError. A 401 signs the user out and tells the app (which keeps drafts).
import { currentPrincipal, currentToken, signOut } from './session.js';

let apiBase = '';
let onUnauthorized = () => {};

export function configureApi(base, unauthorized) {
  apiBase = base.replace(/\/$/, '');
  onUnauthorized = unauthorized;
}

export class ApiError extends Error {
  constructor(status, problem, etag) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.etag = etag;
  }

  /** The problem's field errors: [{path, message}]. */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** Path segments are encoded one by one, so user-typed keys can never change the route. */
export function path(strings, ...values) {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}

export async function call(method, url, { body, etag, comment, query } = {}) {
  const headers = { Accept: 'application/json' };
  const token = currentToken();
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  // Only the local stack honours it (its one admin token may act as any principal, e.g. a second reviewer).
  const principal = currentPrincipal();
  if (principal) {
    headers['X-Vexil-Principal'] = principal;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (etag) {
    headers['If-Match'] = etag;
  }
  if (comment) {
    headers['X-Vexil-Comment'] = comment;
  }
  const search = query ? '?' + new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) : '';
  const response = await fetch(apiBase + url + search, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text };
    }
  }
  const responseEtag = response.headers.get('ETag');
  if (!response.ok) {
    const error = new ApiError(response.status, data || { title: response.statusText }, responseEtag);
    error.neededRole = response.status === 403 ? requiredRole(method, url) : undefined;
    if (response.status === 401) {
      signOut();
      onUnauthorized(error);
    }
    throw error;
  }
  return { status: response.status, etag: responseEtag, data };
}

export const get = (url, options) => call('GET', url, options);
export const put = (url, body, options = {}) => call('PUT', url, { ...options, body });
export const post = (url, body, options = {}) => call('POST', url, { ...options, body });
export const del = (url, options) => call('DELETE', url, options);

/** What `orNullWhereAbsent` gives where the server has no such feature deployed (501, e.g. no release store). */
export const UNAVAILABLE = Symbol('unavailable');

/**
 * The result of `load`; null where there is no such resource or route (404 or 405: a flag without a rollout plan,
 * or an older server), UNAVAILABLE where the feature is not deployed on this server (501).
 */
export async function orNullWhereAbsent(load) {
  try {
    return await load();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      return null;
    }
    if (e instanceof ApiError && e.status === 501) {
      return UNAVAILABLE;
    }
    throw e;
  }
}

/** Every page of a paged list (`items`, `nextCursor`). */
export async function getAll(url, query = {}) {
  const items = [];
  let cursor;
  do {
    const { data } = await get(url, { query: { ...query, cursor } });
    items.push(...data.items);
    cursor = data.nextCursor;
  } while (cursor);
  return items;
}

/** The role an operation needs (docs/openapi.yaml, "Roles"), for telling the user what a 403 means. */
export function requiredRole(method, url) {
  // Reviewing, applying, editing and withdrawing a change request are refused for who the caller is (its author,
  // not an approver role): the problem's detail says which rule, not a missing project role.
  if (/\/change-requests\/[^/]+(\/(reviews|apply|withdraw))?$/.test(url) && method !== 'GET') {
    return undefined;
  }
  if (method === 'GET' || /\/evaluate$/.test(url)) {
    return 'viewer';
  }
  if (/^\/v1\/projects\/[^/]+$/.test(url) || /\/sdk-keys/.test(url)
      || (/^\/v1\/projects\/[^/]+\/environments(\/[^/]+)?$/.test(url))) {
    return 'admin';
  }
  if (/^\/v1\/projects$/.test(url)) {
    return 'project creator';
  }
  return 'editor';
}
