// The <verified-badge-collection> worker: one WebAssembly instance, off the main thread, that
// loads and verifies every credential of a collection and posts the reports back in batches,
// then their summary. Same origin as the page (pkg/), so a strict CSP's `worker-src 'self'`
// (or `script-src 'self'`) allows it.
//
// Messages in:  { id, items: [{ credential } | { url }], options }   (options as for verify())
// Messages out: { id, type: 'reports', start, reports: [...] } … then { id, type: 'done', summary }
//               or { id, type: 'error', message } when the engine could not start.

import init, { verify, summarize } from './verified_badge.js';

const ready = init();
const MAX_BYTES = 16 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 8000;
/** Reports per message: few enough messages, small enough batches for a smooth progress bar. */
const BATCH = 10;

self.addEventListener('message', async (event) => {
  const { id, items, options } = event.data ?? {};
  try {
    await ready;
  } catch (error) {
    self.postMessage({ id, type: 'error', message: `the engine could not start: ${error?.message ?? error}` });
    return;
  }
  const all = [];
  let batch = [];
  let start = 0;
  for (const item of Array.isArray(items) ? items : []) {
    let report;
    try {
      const input = item?.url ? await load(item.url) : item?.credential;
      report = await verify(input, options ?? {});
    } catch (error) {
      report = unchecked(error?.code ?? 'input.unavailable', error?.message ?? String(error));
    }
    all.push(report);
    batch.push(report);
    if (batch.length === BATCH) {
      self.postMessage({ id, type: 'reports', start, reports: batch });
      start += batch.length;
      batch = [];
    }
  }
  if (batch.length) self.postMessage({ id, type: 'reports', start, reports: batch });
  let summary = null;
  try {
    summary = summarize(all);
  } catch (error) {
    console.error('verified-badge-collection: summarize failed', error);
  }
  self.postMessage({ id, type: 'done', summary });
});

/** The bytes at `url`, bounded in time and size, without cookies or referrer. */
async function load(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(url, { signal: controller.signal, credentials: 'same-origin', referrerPolicy: 'no-referrer' });
    if (!response.ok) throw coded('input.unavailable', `the badge could not be loaded from ${url} (HTTP ${response.status})`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_BYTES) throw coded('input.unavailable', `${url} is larger than 16 MiB`);
    return bytes;
  } catch (error) {
    if (error?.code) throw error;
    const why = controller.signal.aborted ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : 'blocked by CORS or a network error';
    throw coded('input.unavailable', `the badge could not be loaded from ${url} (${why})`);
  } finally {
    clearTimeout(timer);
  }
}

function coded(code, message) {
  return Object.assign(new Error(message), { code });
}

function unchecked(code, message) {
  return { outcome: 'indeterminate', format: 'unknown', checks: [{ id: 'input', status: 'unknown', code, message }], credential: null, embedded: [] };
}
