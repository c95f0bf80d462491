// Unit tests of the CloudFront Function sdk-gate.js, with Node's built-in runner: node --test sdk-gate.test.mjs
// The function source is loaded as CloudFront would run it, with its two runtime modules supplied: a fake
// KeyValueStore behind `cf.kvs()` and Node's `crypto` (the same createHash/update/digest API as cloudfront-js-2.0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import nodeCrypto from 'node:crypto';

const SOURCE = readFileSync(new URL('./sdk-gate.js', import.meta.url), 'utf8');
const IMPORTS = "import cf from 'cloudfront';\nimport crypto from 'crypto';\n";

// Two keys and their SHA-256 hex digests, computed independently (Python hashlib), not with the code under test.
const KEY_A = 'sdk-' + 'A'.repeat(43);
const HASH_A = '2d692ddb99fa94f93af2811bf209fd957d3d702be5b12927a481cd8e14fde036';
const KEY_B = 'sdk-abcdefghijklmnopqrstuvwxyz_-ABCDEFGHIJKLMNO';
const HASH_B = 'bacb39e935575181d662f63a56c5947e6f996196b64f3c427d9f3c8a695e4deb';

/**
 * A KeyValueStore double: get() resolves a stored value and rejects an absent key, exists() tells whether a key
 * is stored, like the real helpers. A store with `faults` also fails the named calls ('get', 'exists'), as a
 * KeyValueStore outage would.
 */
function fakeKvs(entries, faults = []) {
    const lookups = [];
    const existsChecks = [];
    return {
        lookups,
        existsChecks,
        async get(key) {
            lookups.push(key);
            if (faults.includes('get')) {
                throw new Error('KeyValueStore: internal error');
            }
            if (!Object.prototype.hasOwnProperty.call(entries, key)) {
                throw new Error('KeyValueStore: key not found');
            }
            return entries[key];
        },
        async exists(key) {
            existsChecks.push(key);
            if (faults.includes('exists')) {
                throw new Error('KeyValueStore: internal error');
            }
            return Object.prototype.hasOwnProperty.call(entries, key);
        }
    };
}

/** Evaluates sdk-gate.js with the given store and returns its handler. */
function loadGate(kvs) {
    assert.ok(SOURCE.startsWith(IMPORTS), 'sdk-gate.js must start with exactly the two runtime imports');
    const body = SOURCE.slice(IMPORTS.length);
    const cf = { kvs: () => kvs };
    return new Function('cf', 'crypto', body + '\nreturn handler;')(cf, nodeCrypto);
}

function viewerRequest(uri, headers = {}, method = 'GET') {
    const cloudFrontHeaders = {};
    for (const [name, value] of Object.entries(headers)) {
        cloudFrontHeaders[name] = { value };
    }
    return {
        version: '1.0',
        context: { eventType: 'viewer-request' },
        viewer: { ip: '192.0.2.1' },
        request: { method, uri, querystring: { cb: { value: '1' } }, headers: cloudFrontHeaders, cookies: {} }
    };
}

const STORE = { [HASH_A]: 'shop/prod', [HASH_B]: 'blog/staging' };

async function call(uri, headers, method, entries = STORE, faults = []) {
    const kvs = fakeKvs(entries, faults);
    const result = await loadGate(kvs)(viewerRequest(uri, headers, method));
    return { result, kvs };
}

function assertAnsweredAtEdge(result, status) {
    assert.equal(result.statusCode, status);
    assert.equal(result.uri, undefined, 'an edge answer is a response, not a forwarded request');
    assert.equal(result.headers['content-type'].value, 'application/problem+json');
    assert.equal(result.headers['cache-control'].value, 'no-store');
    const problem = JSON.parse(result.body.data);
    assert.equal(problem.status, status);
    assert.equal(typeof problem.detail, 'string');
}

test('a valid key is rewritten onto its environment for every SDK path', async () => {
    const cases = [
        ['/sdk/v1/snapshot', '/snapshots/shop/prod/current.json'],
        ['/sdk/v1/killswitch', '/snapshots/shop/prod/killswitch.json'],
        ['/sdk/v1/snapshots/42', '/snapshots/shop/prod/v/00000000000000000042.json'],
        ['/sdk/v1/snapshots/12345678901234567890', '/snapshots/shop/prod/v/12345678901234567890.json'],
        ['/sdk/v1/deltas/41/42', '/snapshots/shop/prod/d/00000000000000000042-00000000000000000041.json']
    ];
    for (const [uri, rewritten] of cases) {
        const { result, kvs } = await call(uri, { authorization: KEY_A, 'if-none-match': '"abc"' });
        assert.equal(result.uri, rewritten, uri);
        assert.deepEqual(kvs.lookups, [HASH_A], 'the store is keyed by hex(SHA-256(key))');
        assert.equal(result.headers.authorization, undefined, 'the SDK key never travels to the origin');
        assert.deepEqual(result.headers['if-none-match'], { value: '"abc"' }, 'conditional requests stay intact');
        assert.deepEqual(result.querystring, {}, 'query strings are dropped (not part of the cache key)');
    }
});

test('each key maps to its own environment', async () => {
    const { result } = await call('/sdk/v1/snapshot', { authorization: KEY_B });
    assert.equal(result.uri, '/snapshots/blog/staging/current.json');
});

test('HEAD is served like GET', async () => {
    const { result } = await call('/sdk/v1/killswitch', { authorization: KEY_A }, 'HEAD');
    assert.equal(result.uri, '/snapshots/shop/prod/killswitch.json');
});

test('a missing or empty Authorization header is answered 401 at the edge', async () => {
    for (const headers of [{}, { authorization: '' }]) {
        const { result, kvs } = await call('/sdk/v1/snapshot', headers);
        assertAnsweredAtEdge(result, 401);
        assert.equal(result.headers['www-authenticate'].value, 'SdkKey');
        assert.deepEqual(kvs.lookups, []);
    }
});

test('a malformed key is answered 401 without a store lookup', async () => {
    const malformed = [
        'A'.repeat(47),                       // no sdk- prefix
        'sdk-' + 'A'.repeat(42),              // one character short
        'sdk-' + 'A'.repeat(44),              // one character long
        'sdk-' + 'A'.repeat(42) + '+',        // not base64url
        'sdk-' + 'A'.repeat(42) + '=',        // padding is not part of the key
        'Bearer ' + KEY_A,                    // the key is sent bare, not as a bearer token
        KEY_A + ' ',                          // trailing whitespace
        'SDK-' + 'A'.repeat(43)               // the prefix is lowercase
    ];
    for (const authorization of malformed) {
        const { result, kvs } = await call('/sdk/v1/snapshot', { authorization });
        assertAnsweredAtEdge(result, 401);
        assert.deepEqual(kvs.lookups, [], authorization);
    }
});

test('an oversized header is answered 401 without hashing or a store lookup', async () => {
    const { result, kvs } = await call('/sdk/v1/snapshot', { authorization: 'sdk-' + 'A'.repeat(16 * 1024) });
    assertAnsweredAtEdge(result, 401);
    assert.deepEqual(kvs.lookups, []);
});

test('a well-formed key that is unknown or revoked is answered 403', async () => {
    const unknown = 'sdk-' + 'B'.repeat(43);
    const { result, kvs } = await call('/sdk/v1/snapshot', { authorization: unknown });
    assertAnsweredAtEdge(result, 403);
    const hash = nodeCrypto.createHash('sha256').update(unknown).digest('hex');
    assert.deepEqual(kvs.lookups, [hash]);
    assert.deepEqual(kvs.existsChecks, [hash], 'the store confirms the key is absent before a 403');
    assert.equal(result.headers['retry-after'], undefined);

    // Revocation deletes the hash from the store; the same key is then refused.
    const revoked = await call('/sdk/v1/snapshot', { authorization: KEY_A }, 'GET', { [HASH_B]: 'blog/staging' });
    assertAnsweredAtEdge(revoked.result, 403);
});

test('a store entry that is not <project>/<env> fails closed with 503, not as a revocation', async () => {
    for (const value of ['', 'shop', 'shop/prod/extra', '../etc/passwd', 'Shop/Prod', 'shop/prod?x=1']) {
        const { result } = await call('/sdk/v1/snapshot', { authorization: KEY_A }, 'GET', { [HASH_A]: value });
        assertAnsweredAtEdge(result, 503);
        assert.equal(result.headers['retry-after'].value, '30');
    }
});

test('a KeyValueStore fault is answered 503 with Retry-After, never 403', async () => {
    // The store is down: get() and exists() both fail, for a valid key and for an unknown one alike.
    for (const key of [KEY_A, 'sdk-' + 'B'.repeat(43)]) {
        const { result } = await call('/sdk/v1/snapshot', { authorization: key }, 'GET', STORE, ['get', 'exists']);
        assertAnsweredAtEdge(result, 503);
        assert.equal(result.headers['retry-after'].value, '30');
        assert.equal(result.headers['cache-control'].value, 'no-store');
    }
});

test('a failed get() of a key the store does hold is 503, so a transient fault never revokes a key', async () => {
    const { result, kvs } = await call('/sdk/v1/snapshot', { authorization: KEY_A }, 'GET', STORE, ['get']);
    assertAnsweredAtEdge(result, 503);
    assert.deepEqual(kvs.existsChecks, [HASH_A]);
});

test('a valid key is served without asking exists(): the second lookup is only for failed gets', async () => {
    const { result, kvs } = await call('/sdk/v1/snapshot', { authorization: KEY_A });
    assert.equal(result.uri, '/snapshots/shop/prod/current.json');
    assert.deepEqual(kvs.existsChecks, []);
});

test('any other path is refused with 404 before the key is even looked at', async () => {
    const paths = ['/', '/sdk/v1/snapshot/', '/sdk/v1/snapshots', '/sdk/v1/snapshots/', '/sdk/v1/snapshots/abc',
        '/sdk/v1/snapshots/-1', '/sdk/v1/snapshots/123456789012345678901', '/sdk/v1/snapshots/1/2',
        '/snapshots/shop/prod/current.json', '/sdk/v2/snapshot', '/SDK/v1/snapshot', '/sdk/v1/killswitch.json',
        '/sdk/v1/deltas', '/sdk/v1/deltas/41', '/sdk/v1/deltas/41/', '/sdk/v1/deltas/a/42', '/sdk/v1/deltas/41/42/43',
        '/sdk/v1/deltas/-1/42', '/sdk/v1/deltas/41/123456789012345678901'];
    for (const uri of paths) {
        const { result, kvs } = await call(uri, { authorization: KEY_A });
        assertAnsweredAtEdge(result, 404);
        assert.deepEqual(kvs.lookups, [], uri);
    }
});

test('methods other than GET and HEAD are refused with 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
        const { result } = await call('/sdk/v1/snapshot', { authorization: KEY_A }, method);
        assertAnsweredAtEdge(result, 405);
        assert.equal(result.headers.allow.value, 'GET, HEAD');
    }
});

test('POST /sdk/v1/events with a valid key is rewritten onto its environment\'s ingest path', async () => {
    const hash = 'a'.repeat(64);
    const { result, kvs } = await call('/sdk/v1/events', { authorization: KEY_B, 'x-amz-content-sha256': hash,
        'content-type': 'application/json' }, 'POST');
    assert.equal(result.uri, '/events/blog/staging');
    assert.deepEqual(kvs.lookups, [HASH_B], 'the key is checked exactly as for snapshots');
    assert.equal(result.headers.authorization, undefined, 'the SDK key never travels to the ingest');
    assert.deepEqual(result.headers['x-amz-content-sha256'], { value: hash }, 'OAC signs the body with its hash');
    assert.deepEqual(result.querystring, {});
});

test('events are refused like snapshots: 401 without or with a malformed key, 403 revoked, 503 store fault', async () => {
    const missing = await call('/sdk/v1/events', {}, 'POST');
    assertAnsweredAtEdge(missing.result, 401);
    assert.deepEqual(missing.kvs.lookups, []);
    const malformed = await call('/sdk/v1/events', { authorization: 'Bearer ' + KEY_A }, 'POST');
    assertAnsweredAtEdge(malformed.result, 401);
    const revoked = await call('/sdk/v1/events', { authorization: KEY_A }, 'POST', { [HASH_B]: 'blog/staging' });
    assertAnsweredAtEdge(revoked.result, 403);
    const down = await call('/sdk/v1/events', { authorization: KEY_A }, 'POST', STORE, ['get', 'exists']);
    assertAnsweredAtEdge(down.result, 503);
    assert.equal(down.result.headers['retry-after'].value, '30');
});

test('events accept POST only (405 with Allow: POST), and snapshots never accept POST', async () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
        const { result, kvs } = await call('/sdk/v1/events', { authorization: KEY_A }, method);
        assertAnsweredAtEdge(result, 405);
        assert.equal(result.headers.allow.value, 'POST');
        assert.deepEqual(kvs.lookups, [], method);
    }
    for (const uri of ['/sdk/v1/events/', '/sdk/v1/events/shop/prod', '/events/shop/prod', '/sdk/v1/event']) {
        const { result } = await call(uri, { authorization: KEY_A }, 'POST');
        assertAnsweredAtEdge(result, 404);
    }
});

test('the source is plain cloudfront-js-2.0: only its runtime modules, and within the 10 KB size limit', () => {
    const imports = [...SOURCE.matchAll(/^import .* from '([^']+)';$/gm)].map(m => m[1]);
    assert.deepEqual(imports, ['cloudfront', 'crypto']);
    assert.doesNotMatch(SOURCE, /\brequire\s*\(/);
    assert.ok(Buffer.byteLength(SOURCE, 'utf8') <= 10 * 1024, 'CloudFront Functions accept at most 10 KB of code');
});
