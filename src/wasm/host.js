// The host's I/O for the sans-I/O core (src/wasm/host.rs drives the loop): fetching the
// documents a verification asks for, and checking ES256 / RS256 / PS256 signatures with
// WebCrypto. Nothing here decides anything: answers go back to the core, which judges.
//
// One cache per page, shared by every badge: 50 badges naming one status list fetch it once.
// Entries live 5 minutes, or for a status list credential's own `ttl` (milliseconds).

const TTL_MS = 5 * 60 * 1000;
const MAX_TTL_MS = 24 * 60 * 60 * 1000;
const TIMEOUT_MS = 8000;
const MAX_BYTES = 1024 * 1024;

/** @type {Map<string, { expires: number, promise: Promise<{ body?: string, error?: string }> }>} */
const cache = new Map();

/**
 * The text at an `https:` URL: `{ body }`, or `{ error }` with a plain reason. Never rejects.
 * Successes are cached for the page; failures only while in flight (so "Verify again" retries).
 */
export function fetchDocument(url) {
  const now = Date.now();
  const hit = cache.get(url);
  if (hit && hit.expires > now) return hit.promise;
  const entry = { expires: Infinity, promise: null };
  entry.promise = load(url).then((result) => {
    if (result.error !== undefined) cache.delete(url);
    else entry.expires = Date.now() + ttlOf(result.body);
    return result;
  });
  cache.set(url, entry);
  return entry.promise;
}

/** Forgets every cached document (tests, and pages that know their lists changed). */
export function clearDocumentCache() {
  cache.clear();
}

async function load(url) {
  if (!/^https:\/\//i.test(url)) return { error: 'only https: URLs are fetched' };
  if (typeof globalThis.fetch !== 'function') return { error: 'this environment cannot fetch' };
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : null;
  try {
    let response;
    try {
      response = await fetch(url, {
        signal: controller?.signal,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        headers: { accept: 'application/vc+ld+json, application/ld+json, application/json;q=0.9, */*;q=0.5' },
      });
    } catch (error) {
      if (controller?.signal.aborted) return { error: `no answer within ${TIMEOUT_MS / 1000} s` };
      // The browser does not tell a page which of the two it was.
      return { error: 'blocked by CORS or a network error' };
    }
    if (!response.ok) return { error: `the server answered HTTP ${response.status}` };
    const declared = Number(response.headers.get('content-length'));
    if (declared > MAX_BYTES) return { error: 'the document is larger than 1 MiB' };
    const body = await readLimited(response);
    if (body === null) return { error: 'the document is larger than 1 MiB' };
    return { body };
  } catch (error) {
    if (controller?.signal.aborted) return { error: `no answer within ${TIMEOUT_MS / 1000} s` };
    return { error: 'the download failed' };
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

/** The body as text, or null once it passes MAX_BYTES (the download is cancelled). */
async function readLimited(response) {
  if (!response.body?.getReader) {
    const text = await response.text();
    return text.length > MAX_BYTES ? null : text;
  }
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** How long a fetched document may be reused: a status list's `ttl` (ms), else 5 minutes. */
function ttlOf(body) {
  try {
    const ttl = JSON.parse(body)?.credentialSubject?.ttl;
    if (typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0) return Math.min(ttl, MAX_TTL_MS);
  } catch {
    // Not JSON (a JWT, a JWK set as text…): the default applies.
  }
  return TTL_MS;
}

/**
 * Checks one signature with WebCrypto. Resolves `true` / `false`, or `null` when this
 * environment has no WebCrypto (the check then stays unknown instead of failing).
 * A key that WebCrypto refuses to import is unusable: `false`.
 */
export function checkSignature(alg, jwkText, message, signature) {
  // The arrays may be views into WASM memory, which can move once we await: copy them first.
  const data = Uint8Array.from(message);
  const sig = Uint8Array.from(signature);
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return Promise.resolve(null);
  return verifyWith(subtle, alg, jwkText, data, sig).catch(() => false);
}

async function verifyWith(subtle, alg, jwkText, data, sig) {
  const jwk = JSON.parse(jwkText);
  switch (alg) {
    case 'ES256': {
      const params = { name: 'ECDSA', namedCurve: 'P-256' };
      const key = jwk.sec1
        ? await subtle.importKey('raw', base64url(jwk.sec1), params, false, ['verify'])
        : await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, params, false, ['verify']);
      return subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, data);
    }
    case 'RS256': {
      const params = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
      const key = await subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e }, params, false, ['verify']);
      return subtle.verify(params, key, sig, data);
    }
    case 'PS256': {
      const params = { name: 'RSA-PSS', hash: 'SHA-256' };
      const key = await subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e }, params, false, ['verify']);
      return subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, key, sig, data);
    }
    default:
      return false;
  }
}

function base64url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
