// Differences between two JSON values as JSON-Pointer operations ({op, path, from, to}, the shape of the admin
// API's history diffs), and applying them to another value: how the editor shows what changed meanwhile and
// reapplies the user's own edits on top of the current version after a 412.

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const escape = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (token) => token.replace(/~1/g, '/').replace(/~0/g, '~');

export function diff(before, after, at = '') {
  if (JSON.stringify(before) === JSON.stringify(after)) {
    return [];
  }
  if (isObject(before) && isObject(after)) {
    const ops = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const p = at + '/' + escape(key);
      if (!(key in after)) {
        ops.push({ op: 'remove', path: p, from: before[key] });
      } else if (!(key in before)) {
        ops.push({ op: 'add', path: p, to: after[key] });
      } else {
        ops.push(...diff(before[key], after[key], p));
      }
    }
    return ops;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => diff(item, after[i], at + '/' + i));
  }
  return [{ op: 'replace', path: at, from: before, to: after }];
}

/** Applies operations to a copy of `target`; a path whose parent is gone is created as an object. */
export function patch(target, ops) {
  let root = structuredClone(target);
  for (const { op, path, to } of ops) {
    if (path === '') {
      root = op === 'remove' ? undefined : structuredClone(to);
      continue;
    }
    const tokens = path.split('/').slice(1).map(unescape);
    let parent = root;
    for (const token of tokens.slice(0, -1)) {
      if (parent[token] === undefined || parent[token] === null || typeof parent[token] !== 'object') {
        parent[token] = {};
      }
      parent = parent[token];
    }
    const last = tokens[tokens.length - 1];
    if (op === 'remove') {
      if (Array.isArray(parent)) {
        parent.splice(Number(last), 1);
      } else {
        delete parent[last];
      }
    } else {
      parent[last] = structuredClone(to);
    }
  }
  return root;
}

/** "rules[0].clauses[1]" style for a JSON Pointer, the way the validator names fields. */
export function pointerToPath(pointer) {
  return pointer.split('/').slice(1).map(unescape)
    .reduce((out, token) => (/^\d+$/.test(token) ? `${out}[${token}]` : out ? `${out}.${token}` : token), '');
}
