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
  note.textContent = `${why} ${link.length} characters.`;
  await showQr(link, run);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Modules of quiet zone around the code (the QR spec asks for 4), and PNG pixels a module. */
const QUIET = 4;
const PNG_SCALE = 8;
let qrModule = null;

/** The site's QR encoder (/qr/, a module of its own: the badge package carries none), loaded on first use. */
async function qrModules(text) {
  qrModule ??= import('./qr/site_qr.js').then(async (m) => {
    await m.default();
    return m;
  });
  return (await qrModule).qrModules(text);
}

/** Draws the QR code of `link` with DOM calls (no markup parsing) and offers it as SVG and PNG. */
async function showQr(link, run) {
  const figure = document.getElementById('share-qr');
  let modules;
  try {
    modules = await qrModules(link);
  } catch {
    modules = undefined;
  }
  if (run !== shareRun) return;
  if (!modules) {
    figure.hidden = true;
    return;
  }
  const side = Math.round(Math.sqrt(modules.length));
  const size = side + 2 * QUIET;
  // The dark modules' positions, quiet zone included: drawn as SVG and as PNG below.
  const dark = [];
  for (let i = 0; i < modules.length; i++) if (modules[i]) dark.push([(i % side) + QUIET, Math.floor(i / side) + QUIET]);
  const d = dark.map(([x, y]) => `M${x} ${y}h1v1h-1z`).join('');
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'QR code of the share link');
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('width', size);
  rect.setAttribute('height', size);
  rect.setAttribute('fill', '#fff');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(rect, path);
  document.getElementById('share-qr-code').replaceChildren(svg);

  const svgLink = document.getElementById('share-qr-svg');
  const pngLink = document.getElementById('share-qr-png');
  for (const a of [svgLink, pngLink]) if (a.href.startsWith('blob:')) URL.revokeObjectURL(a.href);
  const file = svg.cloneNode(true);
  file.setAttribute('xmlns', SVG_NS);
  file.setAttribute('width', size * PNG_SCALE);
  file.setAttribute('height', size * PNG_SCALE);
  svgLink.href = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(file)], { type: 'image/svg+xml' }));
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * PNG_SCALE;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000';
  for (const [x, y] of dark) g.fillRect(x * PNG_SCALE, y * PNG_SCALE, PNG_SCALE, PNG_SCALE);
  const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (run !== shareRun) return;
  if (png) pngLink.href = URL.createObjectURL(png);
  pngLink.hidden = !png;
  // Past version 25 or so phones struggle; a #src= link makes a far smaller code.
  document.getElementById('share-qr-dense').hidden = side <= 117;
  figure.hidden = false;
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
