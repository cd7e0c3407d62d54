// The gallery: one card per sample (from samples/index.json) with the state it must show,
// then the sizes, layouts, themes and languages sections. Each badge verifies itself.

import { el, themed, dark } from './common.js';

const STATE_WORDS = {
  verified: 'Verified',
  invalid: 'Not valid',
  expired: 'Expired',
  revoked: 'Revoked',
  suspended: 'Suspended',
  'status-unknown': 'Status unknown',
  untrusted: 'Issuer not trusted',
  indeterminate: 'Could not be fully checked',
};

const gallery = document.getElementById('gallery');
const summary = document.getElementById('summary');
const themeSwitch = document.getElementById('theme-switch');
if (dark) {
  themeSwitch.href = './';
  themeSwitch.textContent = 'Show this page light';
}

async function text(file) {
  const response = await fetch(`samples/${encodeURIComponent(file)}`);
  if (!response.ok) throw new Error(`samples/${file}: HTTP ${response.status}`);
  return response.text();
}

/** One gallery card: title, expected state, the badge, and a link to the file. */
async function card(sample) {
  const { file, title, state } = sample;
  const src = `samples/${encodeURIComponent(file)}`;
  const badge = themed(el('verified-badge'));
  badge.dataset.file = file;
  if (sample.documents) {
    // The status lists are served to the badge, as a page that has them would: no fetch.
    const documents = {};
    for (const [url, listFile] of Object.entries(sample.documents)) documents[url] = await text(listFile);
    badge.documents = documents;
  }
  if (sample.trust) badge.setAttribute('trust', `samples/${sample.trust}`);
  if (state === 'status-unknown') {
    // Inline, with no network: the status list can never be reached, and nothing is requested.
    badge.setAttribute('network', 'off');
    badge.append(el('script', { type: 'application/vc+ld+json', textContent: await text(file) }));
  } else {
    badge.setAttribute('src', src);
  }
  const item = el(
    'li',
    { className: 'card' },
    el('h3', {}, title),
    el('p', { className: 'expect' }, 'Expected: ', el('strong', {}, STATE_WORDS[state] ?? state)),
    badge,
    el('p', { className: 'verdict' }),
    el('p', { className: 'file' }, el('a', { href: src }, file)),
  );
  item.dataset.expect = state;
  return item;
}

/** Marks each card as expected or not, and counts. */
function watch(total) {
  let done = 0;
  let unexpected = 0;
  const onResult = (event) => {
    const item = event.target.closest('.card');
    if (!item || item.dataset.result) return;
    const shown = event.target.state;
    const ok = shown === item.dataset.expect;
    if (!ok) unexpected += 1;
    done += 1;
    item.dataset.result = ok ? 'as-expected' : 'unexpected';
    item.querySelector('.verdict').textContent = ok ? '✓ Shown as expected' : `✗ Unexpected: shows “${STATE_WORDS[shown] ?? shown}”`;
    summary.textContent = done < total
      ? `Checked ${done} of ${total}…`
      : `${total} badges checked in this page. ${unexpected === 0 ? 'All as expected.' : `${unexpected} unexpected!`}`;
  };
  for (const outcome of ['verified', 'invalid', 'indeterminate']) gallery.addEventListener(`verified-badge:${outcome}`, onResult);
}

try {
  const response = await fetch('samples/index.json');
  if (!response.ok) throw new Error(`samples/index.json: HTTP ${response.status}`);
  const samples = await response.json();
  watch(samples.length);
  gallery.replaceChildren(...(await Promise.all(samples.map(card))));
  summary.textContent = `Verifying ${samples.length} badges…`;
} catch (error) {
  summary.textContent = `The demo could not start: ${error.message}`;
  console.error(error);
}
