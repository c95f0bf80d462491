// node --test: the diff and patch the editor uses to show a conflict and reapply the user's edits on top.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diff, patch, pointerToPath } from '../src/json-diff.js';

const base = { on: false, targets: [], rules: [{ id: 'a', clauses: [{ attribute: 'country', values: ['DE'] }] }], fallthrough: { variation: 1 } };

test('a diff names each changed leaf with its old and new value', () => {
  const after = { ...base, on: true, fallthrough: { variation: 0 } };
  assert.deepEqual(diff(base, after), [
    { op: 'replace', path: '/on', from: false, to: true },
    { op: 'replace', path: '/fallthrough/variation', from: 1, to: 0 },
  ]);
});

test('added and removed members, and arrays whose length changes, are whole operations', () => {
  const after = { ...base, offVariation: 1, targets: [{ variation: 0, keys: ['zoe'] }] };
  delete after.fallthrough;
  assert.deepEqual(diff(base, after), [
    { op: 'replace', path: '/targets', from: [], to: [{ variation: 0, keys: ['zoe'] }] },
    { op: 'remove', path: '/fallthrough', from: { variation: 1 } },
    { op: 'add', path: '/offVariation', to: 1 },
  ]);
});

test("reapplying my edits on top of someone else's keeps both", () => {
  const mine = { ...base, targets: [{ variation: 0, keys: ['zoe'] }] };
  const theirs = { ...base, on: true };
  const merged = patch(theirs, diff(base, mine));
  assert.deepEqual(merged, { ...base, on: true, targets: [{ variation: 0, keys: ['zoe'] }] });
  assert.deepEqual(theirs, { ...base, on: true }, 'the current version is not modified');
});

test('my edit of the same field wins when reapplied, since it is the edit the user asks for', () => {
  const mine = { ...base, on: true };
  const theirs = { ...base, on: false, fallthrough: { variation: 0 } };
  assert.deepEqual(patch(theirs, diff(base, mine)), { ...base, on: true, fallthrough: { variation: 0 } });
});

test('pointers read like the validator paths', () => {
  assert.equal(pointerToPath('/rules/0/clauses/1/values'), 'rules[0].clauses[1].values');
  assert.equal(pointerToPath('/a~1b/c~0d'), 'a/b.c~d');
  assert.equal(pointerToPath(''), '');
});
