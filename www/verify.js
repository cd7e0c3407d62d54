// The Verify page: a file (dropped or picked), pasted text, a URL or a sample → the badge,
// the full report with every check, and "Is this yours?". Everything stays in the page.

import { el, themed, checkRecipient } from './common.js';
import { readFragment, decodeCredential } from './share.js';

const STATUS_WORDS = { passed: 'Passed', failed: 'Failed', unknown: 'Unknown', skipped: 'Skipped' };
const OUTCOME_WORDS = { verified: 'Verified', invalid: 'Not valid', indeterminate: 'Could not be fully checked' };

const slot = document.getElementById('result-badge');
const reportBox = document.getElementById('report');
const recipientForm = document.getElementById('recipient');
const recipientResult = document.getElementById('recipient-result');
const drop = document.getElementById('drop');
const file = document.getElementById('file');
let current = null;

/** Shows a fresh badge for `credential` (text or bytes) and waits for its report. */
function show(credential, label) {
  current = credential;
  const badge = themed(el('verified-badge'));
  badge.credential = credential;
  slot.replaceChildren(badge);
  reportBox.replaceChildren(el('p', {}, `Verifying ${label}…`));
  recipientForm.hidden = true;
  recipientResult.textContent = '';
  const onReport = (event) => {
    if (event.target !== badge) return;
    drawReport(event.detail, badge.state);
  };
  for (const o of Object.keys(OUTCOME_WORDS)) badge.addEventListener(`verified-badge:${o}`, onReport);
}

/** The report as a table: every check, its result, its code and message (text only). */
function drawReport(report, state) {
  const rows = report.checks.map((c) =>
    el('tr', {}, el('td', {}, c.id), el('td', { className: `status-${c.status}` }, STATUS_WORDS[c.status] ?? c.status), el('td', {}, el('code', {}, c.code)), el('td', {}, c.message)),
  );
  const table = el(
    'table',
    { className: 'report' },
    el('caption', { className: 'skip' }, 'Every check'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Check'), el('th', { scope: 'col' }, 'Result'), el('th', { scope: 'col' }, 'Code'), el('th', { scope: 'col' }, 'Message'))),
    el('tbody', {}, ...rows),
  );
  const parts = [
    el('p', {}, 'Outcome: ', el('strong', {}, OUTCOME_WORDS[report.outcome] ?? report.outcome), ` (shown as “${state}”), format ${report.format}.`),
    table,
  ];
  if (report.embedded?.length) {
    parts.push(el('h3', {}, 'Embedded credentials'));
    parts.push(el('ul', {}, ...report.embedded.map((e) => el('li', {}, `${e.kind} at ${e.path}: `, el('strong', {}, OUTCOME_WORDS[e.outcome] ?? e.outcome)))));
  }
  reportBox.replaceChildren(...parts);
  recipientForm.hidden = report.credential == null;
}

async function fromFile(f) {
  if (!f) return;
  show(new Uint8Array(await f.arrayBuffer()), f.name);
}

file.addEventListener('change', () => fromFile(file.files?.[0]));
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  fromFile(event.dataTransfer?.files?.[0]);
});

document.getElementById('check-text').addEventListener('click', () => {
  const text = document.getElementById('text').value.trim();
  if (text) show(text, 'the pasted text');
});

/** Fetches the credential at `value` (by this browser; the server must allow it) and shows it. */
async function fromUrl(value) {
  try {
    const response = await fetch(new URL(value, location.href), { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    show(new Uint8Array(await response.arrayBuffer()), value);
  } catch (error) {
    slot.replaceChildren();
    reportBox.replaceChildren(el('p', {}, `${value} could not be loaded (${error.message}; the server must allow cross-origin requests).`));
  }
}

document.getElementById('check-url').addEventListener('click', () => {
  const value = document.getElementById('url').value.trim();
  if (value) fromUrl(value);
});

/**
 * A share link (`verified-badge share`, or the Embed page): the credential is in the fragment,
 * which never reaches a server; it is inflated and verified here.
 */
async function fromFragment() {
  const shared = readFragment(location.hash);
  if (!shared) return;
  if (shared.src) {
    document.getElementById('url').value = shared.src;
    fromUrl(shared.src);
    return;
  }
  try {
    show(await decodeCredential(shared.c), 'the shared badge');
  } catch (error) {
    slot.replaceChildren();
    reportBox.replaceChildren(el('p', {}, `The shared link could not be read: ${error.message}.`));
  }
}
window.addEventListener('hashchange', fromFragment);
fromFragment();

const sampleSelect = document.getElementById('sample');
fetch('samples/index.json')
  .then((r) => r.json())
  .then((samples) => {
    for (const s of samples) sampleSelect.append(el('option', { value: s.file }, `${s.title} (${s.file})`));
  })
  .catch(() => {});
sampleSelect.addEventListener('change', async () => {
  if (!sampleSelect.value) return;
  const response = await fetch(`samples/${encodeURIComponent(sampleSelect.value)}`);
  show(new Uint8Array(await response.arrayBuffer()), sampleSelect.value);
});

recipientForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const email = document.getElementById('email').value.trim();
  if (!email || current == null) return;
  const words = {
    match: 'Yes: this badge was issued to this address.',
    mismatch: 'No: this badge was not issued to this address.',
    'no-identifier': 'This badge does not name an email address to compare with.',
    'unsupported-hash': 'This badge stores the address in a form that cannot be compared.',
    unreadable: 'The badge could not be read.',
  };
  const result = checkRecipient(current, { email });
  recipientResult.textContent = words[result.match] ?? result.message;
});
