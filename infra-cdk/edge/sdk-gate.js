import cf from 'cloudfront';
import crypto from 'crypto';

// Vexil SDK gate: a CloudFront Function (cloudfront-js-2.0) on viewer-request.
// It maps "Authorization: <sdkKey>" to "<project>/<env>" through the KeyValueStore associated with the function
// (key hex(SHA-256(utf8(sdkKey))), written by SdkKeySyncHandler) and rewrites the URI onto that environment's
// objects in the snapshot bucket (GET/HEAD), or onto /events/<project>/<env> of the insights ingest (POST
// /sdk/v1/events, docs/insights.md). See docs/snapshot-delivery.md and docs/deploy.md.
//   no Authorization header                     -> 401
//   a header that is not shaped like an SDK key -> 401 (no credential was presented)
//   a well-formed key that is unknown/revoked   -> 403 (the store said so: get() failed and exists() is false)
//   the store failed, or holds a malformed entry -> 503 with Retry-After (never 403: a store fault must not look
//                                                  like a revocation, which SDKs treat as "retry slowly")
//   any other path or method                    -> 404 / 405
// The rewritten URI is the cache key; the Authorization header is removed so it can never reach the origin.
// Events are never cached (their behaviour's cache policy is CachingDisabled); the ingest trusts the environment in
// the rewritten path because its function URL accepts only CloudFront's signed (OAC) requests.

const kvs = cf.kvs();

// sdk- followed by 43 base64url characters (32 random bytes): docs/architecture.md "Fixed names".
const SDK_KEY = /^sdk-[A-Za-z0-9_-]{43}$/;
// The value stored for a key: <project>/<env>, each a Vexil resource key.
const ENVIRONMENT = /^[a-z0-9][a-z0-9._-]{0,63}\/[a-z0-9][a-z0-9._-]{0,63}$/;
const VERSION_PATH = /^\/sdk\/v1\/snapshots\/([0-9]{1,20})$/;
// /sdk/v1/deltas/{from}/{to} -> d/<to>-<from>.json (docs/snapshot-format.md, "Deltas").
const DELTA_PATH = /^\/sdk\/v1\/deltas\/([0-9]{1,20})\/([0-9]{1,20})$/;
const EVENTS_PATH = '/sdk/v1/events';
const ZEROS = '00000000000000000000';
// Seconds an SDK should wait after a store fault: a few poll intervals' worth, so that a fleet backs off together.
const RETRY_AFTER_SECONDS = '30';

function problem(statusCode, statusDescription, detail, extraHeaders) {
    const headers = {
        'content-type': { value: 'application/problem+json' },
        'cache-control': { value: 'no-store' }
    };
    for (const name in extraHeaders) {
        headers[name] = { value: extraHeaders[name] };
    }
    return {
        statusCode: statusCode,
        statusDescription: statusDescription,
        headers: headers,
        body: {
            encoding: 'text',
            data: JSON.stringify({ title: statusDescription, status: statusCode, detail: detail })
        }
    };
}

// The object under snapshots/<project>/<env>/ that an SDK path names, or null for any other path.
function objectFor(uri) {
    if (uri === '/sdk/v1/snapshot') {
        return 'current.json';
    }
    if (uri === '/sdk/v1/killswitch') {
        return 'killswitch.json';
    }
    const version = VERSION_PATH.exec(uri);
    if (version) {
        return 'v/' + (ZEROS + version[1]).slice(-20) + '.json';
    }
    const delta = DELTA_PATH.exec(uri);
    if (delta) {
        return 'd/' + (ZEROS + delta[2]).slice(-20) + '-' + (ZEROS + delta[1]).slice(-20) + '.json';
    }
    return null;
}

// Where a gated path goes: the methods it accepts and its origin URI for an environment; null for any other path.
function routeFor(uri) {
    if (uri === EVENTS_PATH) {
        return { methods: ['POST'], target: function (environment) { return '/events/' + environment; } };
    }
    const object = objectFor(uri);
    if (object === null) {
        return null;
    }
    return {
        methods: ['GET', 'HEAD'],
        target: function (environment) { return '/snapshots/' + environment + '/' + object; }
    };
}

function unavailable() {
    return problem(503, 'Service Unavailable', 'The SDK key could not be checked; retry later.',
        { 'retry-after': RETRY_AFTER_SECONDS });
}

// get() rejects both for an absent key and for a store fault, and the two are not told apart by a documented
// error. So only the store's own "no such key" (exists() resolving false) makes a 403; anything else is a 503.
async function refusedOrUnavailable(hash) {
    let exists;
    try {
        exists = await kvs.exists(hash);
    } catch (storeFault) {
        return unavailable();
    }
    return exists === false ? problem(403, 'Forbidden', 'Unknown or revoked SDK key.') : unavailable();
}

async function handler(event) {
    const request = event.request;
    const route = routeFor(request.uri);
    if (route === null) {
        return problem(404, 'Not Found', 'Unknown path; SDKs call /sdk/v1/snapshot, /sdk/v1/snapshots/{version}, '
            + '/sdk/v1/deltas/{from}/{to}, /sdk/v1/killswitch or /sdk/v1/events.');
    }
    if (route.methods.indexOf(request.method) < 0) {
        const allow = route.methods.join(', ');
        return problem(405, 'Method Not Allowed', 'This path accepts ' + allow + ' only.', { allow: allow });
    }
    const header = request.headers.authorization;
    if (!header || header.value === '') {
        return problem(401, 'Unauthorized', 'Send the SDK key as the Authorization header.',
            { 'www-authenticate': 'SdkKey' });
    }
    const sdkKey = header.value;
    // The length check first keeps an oversized header from reaching the regular expression.
    if (sdkKey.length !== 47 || !SDK_KEY.test(sdkKey)) {
        return problem(401, 'Unauthorized', 'The Authorization header is not an SDK key (sdk- and 43 base64url '
            + 'characters).', { 'www-authenticate': 'SdkKey' });
    }
    const hash = crypto.createHash('sha256').update(sdkKey).digest('hex');
    let environment;
    try {
        environment = await kvs.get(hash);
    } catch (lookupFailed) {
        return refusedOrUnavailable(hash);
    }
    if (typeof environment !== 'string' || !ENVIRONMENT.test(environment)) {
        // Fail closed on a store entry that is not <project>/<env>: a fault of the store, not of the key.
        return unavailable();
    }
    request.uri = route.target(environment);
    delete request.headers.authorization;
    request.querystring = {};
    return request;
}
