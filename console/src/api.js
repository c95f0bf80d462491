// The one door to the admin API (docs/openapi.yaml): bearer token, JSON bodies, ETag/If-Match, comments, and
// RFC 9457 problems turned into ApiError. A 401 signs the user out and tells the app (which keeps drafts).
import { currentToken, signOut } from './session.js';

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

/**
 * The result of `load`, or null where the server has no such route or resource (404 or 405): routes of newer
 * issues on an older server, or a flag without a current rollout plan.
 */
export async function orNullWhereAbsent(load) {
  try {
    return await load();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      return null;
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
