// The Embed page: options → the snippet to copy, and the same element live as the preview.

import { el, themed } from './common.js';
import { shareLink, snippets, MAX_LINK_CHARS } from './share.js';

const form = document.getElementById('maker');
const snippet = document.getElementById('snippet');
const preview = document.getElementById('preview');
const copied = document.getElementById('copied');
const ATTRIBUTES = ['src', 'size', 'layout', 'theme', 'lang', 'network', 'trust', 'verify'];
const DEFAULTS = { size: 'medium', layout: 'card', theme: 'auto', network: 'on', verify: 'auto' };
const SCRIPT = new URL('pkg/verified-badge.js', location.href).href;

function update() {
  const data = new FormData(form);
  const attrs = [];
  for (const name of ATTRIBUTES) {
    const value = String(data.get(name) ?? '').trim();
    if (value && DEFAULTS[name] !== value) attrs.push([name, value]);
  }
  const quote = (v) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const attrText = attrs.map(([n, v]) => ` ${n}="${quote(v)}"`).join('');
  snippet.textContent = `<script type="module" src="${SCRIPT}"></script>\n\n<verified-badge${attrText}></verified-badge>`;
  const badge = el('verified-badge');
  for (const [name, value] of attrs) badge.setAttribute(name, value);
  preview.replaceChildren(themed(badge));
  share(String(data.get('src') ?? '').trim());
}

const VERIFY_PAGE = new URL('verify.html', location.href).href;
let shareRun = 0;

/** The share link and snippets for the badge at `src`: carried in the link when it is JSON or JWT text and short enough, else `#src=`. */
async function share(src) {
  const run = ++shareRun;
  const note = document.getElementById('share-note');
  if (!src) return;
  const url = new URL(src, location.href).href;
  let text = null;
  let title = 'Open Badge';
  try {
    const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    const body = response.ok ? await response.text() : '';
    if (/^\s*[{\[]/.test(body) || /^[\w-]+\.[\w-]+\.[\w-]*\s*$/.test(body)) text = body.trim();
    if (text?.startsWith('{')) {
      const doc = JSON.parse(text);
      const name = doc?.credentialSubject?.achievement?.name ?? doc?.name;
      if (typeof name === 'string' && name.trim()) title = name.trim();
    }
  } catch {
    text = null;
  }
  let link = text ? await shareLink(VERIFY_PAGE, { text }) : await shareLink(VERIFY_PAGE, { src: url });
  let why = text ? 'The badge is in the link.' : 'The link points to the badge’s URL (#src=): its server must allow cross-origin requests.';
  if (link.length > MAX_LINK_CHARS) {
    link = await shareLink(VERIFY_PAGE, { src: url });
    why = `The badge is too large for a link (over ${MAX_LINK_CHARS} characters), so the link points to its URL (#src=).`;
  }
  if (run !== shareRun) return;
  const image = /\.(png|svg)$/i.test(new URL(url).pathname) ? url : null;
  const { markdown, html } = snippets(link, title, image);
  const anchor = document.getElementById('share-link');
  anchor.href = link;
  anchor.textContent = `Verify: ${title}`;
  document.getElementById('share-url').value = link;
  document.getElementById('share-md').value = markdown;
  document.getElementById('share-html').value = html;
  note.textContent = `${why} ${link.length} characters. A QR code of the link: verified-badge share --qr badge.png.`;
}

let timer = 0;
form.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(update, 250);
});
form.addEventListener('submit', (event) => event.preventDefault());
document.getElementById('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    copied.textContent = 'Copied.';
  } catch {
    copied.textContent = 'Select the snippet and copy it.';
  }
});
update();
