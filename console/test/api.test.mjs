// node --test: what the console tells a user about a refusal, and how it tells "no such thing" from "not deployed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, orNullWhereAbsent, requiredRole, UNAVAILABLE } from '../src/api.js';

const CR = '/v1/projects/shop/environments/production/change-requests/cr-1';

test('a 403 names the role the operation needs', () => {
  assert.equal(requiredRole('GET', '/v1/projects/shop/flags'), 'viewer');
  assert.equal(requiredRole('PUT', '/v1/projects/shop/environments/production'), 'admin');
  assert.equal(requiredRole('POST', '/v1/projects/shop/environments/production/change-requests'), 'editor');
  assert.equal(requiredRole('POST', '/v1/projects/shop/environments/production/flags/f/rollouts/current/pause'), 'editor');
});

test('a refused review, apply, edit or withdrawal of a change request names no role: who the caller is decides', () => {
  for (const [method, url] of [['POST', CR + '/reviews'], ['POST', CR + '/apply'], ['POST', CR + '/withdraw'], ['PUT', CR]]) {
    assert.equal(requiredRole(method, url), undefined, `${method} ${url}`);
  }
  assert.equal(requiredRole('POST', CR + '/rebase'), 'editor');
});

test('404 and 405 read as absent, 501 as not deployed here, anything else is thrown', async () => {
  const failing = (status) => () => Promise.reject(new ApiError(status, { title: 'x' }));
  assert.equal(await orNullWhereAbsent(failing(404)), null);
  assert.equal(await orNullWhereAbsent(failing(405)), null);
  assert.equal(await orNullWhereAbsent(failing(501)), UNAVAILABLE);
  await assert.rejects(orNullWhereAbsent(failing(500)), (e) => e.status === 500);
  assert.equal(await orNullWhereAbsent(() => Promise.resolve('plan')), 'plan');
});
