// The demo gallery: lists the bundled samples as <verified-badge> elements, then starts the
// WebAssembly module, which registers the element; each badge then verifies itself.
// A separate file (not an inline script) so the page works under a strict CSP.

import init from './pkg/verified_badge.js';

const OUTCOME_WORDS = {
  verified: 'Verified',
  invalid: 'Not valid',
  indeterminate: 'Could not be fully checked',
};

const gallery = document.getElementById('gallery');
const summary = document.getElementById('summary');

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** One gallery card: title, expected result, the badge, and a link to the file. */
function card({ file, title, expect }) {
  const src = `samples/${encodeURIComponent(file)}`;
  const badge = el('verified-badge', {}, el('span', { className: 'fallback' }, 'Loading badge…'));
  badge.setAttribute('src', src);
  const verdict = el('p', { className: 'verdict' });
  const item = el(
    'li',
    { className: 'card' },
    el('h3', {}, title),
    el('p', { className: 'expect' }, 'Expected: ', el('strong', {}, OUTCOME_WORDS[expect] ?? expect)),
    badge,
    verdict,
    el('p', { className: 'file' }, el('a', { href: src }, file)),
  );
  item.dataset.expect = expect;
  return item;
}

async function loadSamples() {
  const response = await fetch('samples/index.json');
  if (!response.ok) throw new Error(`samples/index.json: HTTP ${response.status}`);
  const samples = await response.json();
  if (!Array.isArray(samples)) throw new Error('samples/index.json is not a list');
  return samples;
}

/** Counts results as the badges report them, and marks each card as expected or not. */
function watch(total) {
  const results = { verified: 0, invalid: 0, indeterminate: 0 };
  let unexpected = 0;
  let done = 0;
  const onResult = (event) => {
    const item = event.target.closest('.card');
    const outcome = event.detail.outcome;
    const expected = item.dataset.expect;
    const ok = outcome === expected;
    results[outcome] = (results[outcome] ?? 0) + 1;
    if (!ok) unexpected += 1;
    done += 1;
    item.dataset.result = ok ? 'as-expected' : 'unexpected';
    item.querySelector('.verdict').textContent = ok
      ? '✓ Result as expected'
      : `✗ Unexpected: got “${OUTCOME_WORDS[outcome] ?? outcome}”`;
    const parts = Object.entries(results)
      .filter(([, n]) => n > 0)
      .map(([outcome, n]) => `${n} ${OUTCOME_WORDS[outcome].toLowerCase()}`);
    summary.textContent = done < total
      ? `Checked ${done} of ${total}…`
      : `${total} badges checked in this page: ${parts.join(', ')}. ${unexpected === 0 ? 'All as expected.' : `${unexpected} unexpected!`}`;
  };
  for (const outcome of Object.keys(OUTCOME_WORDS)) gallery.addEventListener(`verified-badge:${outcome}`, onResult);
}

try {
  const samples = await loadSamples();
  gallery.replaceChildren(...samples.map(card));
  summary.textContent = `Verifying ${samples.length} badges…`;
  watch(samples.length);
  await init(); // registers <verified-badge>; the badges upgrade and verify themselves
} catch (error) {
  summary.textContent = `The demo could not start: ${error.message}`;
  console.error(error);
}
