// The Embed page: options → the snippet to copy, and the same element live as the preview.

import { el, themed } from './common.js';

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
