// <verified-badge-collection>: many badges verified in one Web Worker (one WebAssembly
// instance off the main thread), shown as a grid with a summary — counts, skills aggregated
// by summarize() (sortable, filterable by skill and issuer) and a plain CSS bar chart of the
// top skills. CLR transcripts are shown as a stack: the transcript with the badges it is
// built from, each with its own state.
//
//   <script type="module" src="/pkg/verified-badge-collection.js"></script>
//   <verified-badge-collection src="collection.json"></verified-badge-collection>
//
// `src`: a JSON list of credentials — URLs (relative to the list), JWT strings or credential
// objects — or `{ "credentials": [...], "documents": { url: document } }`. Or inline children:
// <script type="application/json"> holding such a list, and <script type="application/vc+ld+json">
// / <script type="application/vc+jwt"> holding one credential each. Attributes: `src`, `now`
// (RFC 3339), `network` (`off`: no request from the worker). Property: `documents`.
// Events: `verified-badge-collection:progress` ({ done, total }) and
// `verified-badge-collection:done` ({ summary, reports, ms }). Credential text only ever
// becomes text nodes; styles are a constructable stylesheet (strict CSP works).

import { ready, summarize } from './verified-badge.js';

const TAG = 'verified-badge-collection';
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const ONE = ['application/vc+ld+json', 'application/ld+json', 'application/vc+jwt', 'application/jwt'];
/** Milliseconds of badge drawing per animation frame: keeps every task short. */
const FRAME_BUDGET_MS = 24;
const TOP_SKILLS = 10;

const CSS = `
:host { display: block; font: var(--verified-badge-font, 1rem/1.5 system-ui, sans-serif); color: var(--verified-badge-color, #1f2937); }
[hidden] { display: none !important; }
.warm { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.progress { display: flex; gap: .75rem; align-items: center; margin: 0 0 1rem; }
progress { flex: 1; max-width: 24rem; }
.counts { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--verified-badge-border-color, #d0d5dd); border-radius: 8px; padding: .5rem 1rem; }
.counts strong { display: block; font-size: 1.5rem; }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: 1rem 0; }
.controls label { display: grid; gap: .25rem; font-size: .875rem; }
input, select { font: inherit; padding: .25rem .5rem; }
.chart { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: .25rem; max-width: 40rem; }
.chart li { display: grid; grid-template-columns: 12rem 1fr 3rem; gap: .5rem; align-items: center; }
.bar { display: block; height: .9rem; width: calc(var(--share, 0) * 100%); min-width: 2px; background: var(--verified-badge-verified-color, #067647); border-radius: 2px; }
.chart .name, td, th { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 0 0 1rem; }
th, td { text-align: left; padding: .25rem .75rem .25rem 0; border-bottom: 1px solid var(--verified-badge-border-color, #eaecf0); }
td.n, th.n { text-align: right; }
.grid { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
.stack { grid-column: 1 / -1; border-left: 4px solid var(--verified-badge-border-color, #d0d5dd); padding-left: .75rem; }
.stack ol { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem; }
`;

let sheet = null;
function styles() {
  if (!sheet && typeof CSSStyleSheet === 'function') {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

const Base = globalThis.HTMLElement ?? class {};

/** A report for the warm-up badge (never shown). */
const WARM_REPORT = { outcome: 'verified', format: 'json-ld', checks: [{ id: 'proof', status: 'passed', code: 'proof.verified', message: '' }], credential: { types: ['VerifiableCredential'], name: '' }, embedded: [] };

/** The `<verified-badge-collection>` element. */
export class VerifiedBadgeCollectionElement extends Base {
  static observedAttributes = ['src', 'now', 'network'];

  #shadow;
  #run = 0;
  #worker = null;
  #reports = [];
  #items = [];
  #documents = undefined;
  #summary = null;
  #ui = null;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    const s = styles();
    if (s) this.#shadow.adoptedStyleSheets = [s];
  }

  get src() { return this.getAttribute('src') ?? ''; }
  set src(v) { v ? this.setAttribute('src', v) : this.removeAttribute('src'); }
  get now() { return this.getAttribute('now') ?? ''; }
  set now(v) { v ? this.setAttribute('now', v) : this.removeAttribute('now'); }
  get network() { return this.getAttribute('network') === 'off' ? 'off' : 'on'; }
  set network(v) { this.setAttribute('network', v); }
  /** Documents served without the network, by URL (added to the list's own). */
  get documents() { return this.#documents; }
  set documents(v) { this.#documents = v ?? undefined; this.refresh(); }
  /** The reports so far, in the list's order. */
  get reports() { return this.#reports; }
  /** The summary of all reports (from summarize()), once done. */
  get summary() { return this.#summary; }

  connectedCallback() { this.refresh(); }
  disconnectedCallback() {
    this.#run += 1;
    this.#worker?.terminate();
    this.#worker = null;
  }
  attributeChangedCallback(_n, a, b) { if (a !== b) this.refresh(); }

  refresh() {
    if (!this.isConnected) return;
    const run = ++this.#run;
    queueMicrotask(() => { if (run === this.#run) this.#start(run); });
  }

  async #start(run) {
    const started = performance.now();
    this.#build();
    this.#reports = [];
    this.#summary = null;
    let list;
    try {
      [list] = await Promise.all([this.#list(), this.#warmUp()]);
    } catch (error) {
      this.#ui.status.textContent = `The collection could not be loaded: ${error?.message ?? error}`;
      return;
    }
    if (run !== this.#run) return;
    this.#items = list.items;
    const total = list.items.length;
    this.#ui.progress.max = Math.max(total, 1);
    this.#progress(0, total);
    const options = { network: this.network !== 'off', documents: { ...list.documents, ...(this.#documents ?? {}) } };
    if (this.now) options.now = this.now;
    this.#worker?.terminate();
    const worker = new Worker(new URL('./collection-worker.js', import.meta.url), { type: 'module', name: TAG });
    this.#worker = worker;
    const queue = [];
    let drawing = false;
    let verified = false;
    const finish = async (summary) => {
      await ready;
      if (run !== this.#run) return;
      this.#summary = summary;
      this.#drawSummary();
      worker.terminate();
      if (this.#worker === worker) this.#worker = null;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const ms = performance.now() - started;
      this.dispatchEvent(new CustomEvent(`${TAG}:done`, { bubbles: true, composed: true, detail: { summary, reports: this.#reports, ms } }));
    };
    let finalSummary = null;
    const pump = async () => {
      // Badges drawn before the page's engine is ready would all draw at once when it is.
      await ready;
      if (run !== this.#run) return;
      // A time budget per frame, so no task grows long however slow the device. Each badge
      // draws itself in a microtask; awaiting one lets it draw before the clock is read.
      const until = performance.now() + FRAME_BUDGET_MS;
      while (queue.length && performance.now() < until) {
        const [index, report] = queue.shift();
        this.#addBadge(index, report);
        await null;
        if (run !== this.#run) return;
      }
      this.#progress(this.#ui.grid.childElementCount, total);
      if (queue.length) requestAnimationFrame(pump);
      else {
        drawing = false;
        if (verified) finish(finalSummary);
      }
    };
    worker.addEventListener('message', (event) => {
      const m = event.data;
      if (run !== this.#run || m?.id !== run) return;
      if (m.type === 'reports') {
        m.reports.forEach((report, i) => {
          this.#reports[m.start + i] = report;
          queue.push([m.start + i, report]);
        });
        if (!drawing) {
          drawing = true;
          requestAnimationFrame(pump);
        }
      } else if (m.type === 'done') {
        verified = true;
        finalSummary = m.summary;
        if (!drawing) finish(finalSummary);
      } else if (m.type === 'error') {
        this.#ui.status.textContent = m.message;
      }
    });
    worker.addEventListener('error', (e) => {
      this.#ui.status.textContent = `The verifier could not start (${e.message ?? 'worker error'}).`;
    });
    worker.postMessage({ id: run, items: list.items, options });
  }

  /** `{ items: [{ credential } | { url }], documents }` from `src` or the inline children. */
  async #list() {
    const src = this.src.trim();
    let json;
    let base = this.ownerDocument.baseURI;
    const items = [];
    if (src) {
      base = new URL(src, base).href;
      const response = await fetch(base, { credentials: 'same-origin', referrerPolicy: 'no-referrer' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      json = await response.json();
    } else {
      for (const child of this.children) {
        if (child.localName !== 'script') continue;
        const type = child.type.trim().toLowerCase();
        if (type === 'application/json') json = JSON.parse(child.textContent);
        else if (ONE.includes(type)) items.push({ credential: child.textContent.trim() });
      }
    }
    const list = Array.isArray(json) ? json : Array.isArray(json?.credentials) ? json.credentials : [];
    for (const entry of list) {
      if (typeof entry === 'string') {
        const text = entry.trim();
        items.push(JWS.test(text) ? { credential: text } : { url: new URL(text, base).href });
      } else if (entry && typeof entry === 'object' && typeof (entry.src ?? entry.url) === 'string' && !entry['@context']) {
        items.push({ url: new URL(entry.src ?? entry.url, base).href });
      } else if (entry && typeof entry === 'object') {
        items.push({ credential: entry });
      }
    }
    const documents = json && typeof json === 'object' && !Array.isArray(json) && json.documents && typeof json.documents === 'object' ? json.documents : {};
    return { items, documents };
  }

  /**
   * Draws one badge, out of sight, while the list loads: the first badge a page draws pays
   * for compiling the renderer and styling the badge (~100 ms in Chromium), which would
   * otherwise land in the middle of the collection's drawing.
   */
  async #warmUp() {
    await ready;
    const box = el('div', { class: 'warm', 'aria-hidden': 'true' });
    const badge = document.createElement('verified-badge');
    badge.setAttribute('layout', 'badge');
    badge.report = WARM_REPORT;
    box.append(badge);
    this.#shadow.append(box);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    box.remove();
  }

  #build() {
    const status = el('span', { role: 'status', part: 'status' });
    const progress = el('progress', { part: 'progress', 'aria-label': 'Verifying the collection' });
    const counts = el('ul', { class: 'counts', part: 'counts' });
    const skillFilter = el('input', { type: 'search', part: 'skill-filter' });
    const issuerFilter = el('select', { part: 'issuer-filter' }, el('option', { value: '' }, 'All issuers'));
    const sort = el('select', { part: 'sort' },
      el('option', { value: 'verified' }, 'Most verified'), el('option', { value: 'count' }, 'Most claimed'), el('option', { value: 'name' }, 'Name'));
    const controls = el('div', { class: 'controls', part: 'controls' },
      el('label', {}, 'Filter by skill', skillFilter), el('label', {}, 'Issuer', issuerFilter), el('label', {}, 'Sort skills', sort));
    const chart = el('ol', { class: 'chart', part: 'chart', 'aria-label': 'Top skills (verified badges)' });
    const skills = el('table', { part: 'skills' });
    const grid = el('ul', { class: 'grid', part: 'grid', 'aria-label': 'Badges' });
    const summary = el('section', { part: 'summary', hidden: '' }, counts, controls,
      el('h3', {}, 'Top skills'), chart, el('h3', {}, 'Skills'), skills);
    this.#shadow.replaceChildren(el('div', { class: 'progress' }, progress, status), summary, grid);
    this.#ui = { status, progress, counts, skillFilter, issuerFilter, sort, chart, skills, grid, summary };
    const redraw = () => this.#drawSummary();
    skillFilter.addEventListener('input', redraw);
    issuerFilter.addEventListener('change', redraw);
    sort.addEventListener('change', redraw);
  }

  #progress(done, total) {
    const verifiedSoFar = this.#reports.filter(Boolean).length;
    this.#ui.progress.value = verifiedSoFar;
    this.#ui.status.textContent = verifiedSoFar < total ? `Verifying ${verifiedSoFar} of ${total}…` : `${total} badges verified and shown`;
    if (verifiedSoFar >= total && done >= total) this.#ui.progress.hidden = true;
    this.dispatchEvent(new CustomEvent(`${TAG}:progress`, { bubbles: true, composed: true, detail: { done: verifiedSoFar, total } }));
  }

  #badge(report, item, size) {
    const badge = document.createElement('verified-badge');
    badge.setAttribute('layout', 'badge');
    badge.setAttribute('size', size);
    if (this.getAttribute('lang')) badge.setAttribute('lang', this.getAttribute('lang'));
    if (item?.credential !== undefined) badge.credential = item.credential;
    badge.report = report;
    return badge;
  }

  #addBadge(index, report) {
    const li = el('li', { part: 'item' });
    li.dataset.index = String(index);
    li.append(this.#badge(report, this.#items[index], 'medium'));
    const parts = (report.embedded ?? []).filter((e) => e.kind === 'achievement');
    if (parts.length) {
      li.className = 'stack';
      li.setAttribute('part', 'item stack');
      li.append(el('p', {}, `Built from ${parts.length} badges:`),
        el('ol', { 'aria-label': 'Badges this credential is built from' }, ...parts.map((p) => el('li', { part: 'stack-item' }, this.#badge(p, undefined, 'small')))));
    }
    this.#ui.grid.append(li);
    this.#applyFilter(li);
  }

  #selected() {
    return { skill: this.#ui.skillFilter.value.trim().toLowerCase(), issuer: this.#ui.issuerFilter.value };
  }

  #matches(report, { skill, issuer }) {
    const c = report?.credential;
    if (issuer && (c?.issuer?.id ?? c?.issuer?.name ?? '') !== issuer) return false;
    if (!skill) return true;
    return (c?.achievement?.alignments ?? []).some((a) => String(a.targetName ?? '').toLowerCase().includes(skill));
  }

  #applyFilter(li, selected = this.#selected()) {
    li.hidden = !this.#matches(this.#reports[Number(li.dataset.index)], selected);
  }

  #drawSummary() {
    if (!this.#summary) return;
    const ui = this.#ui;
    const selected = this.#selected();
    ui.summary.hidden = false;
    const all = this.#summary;
    ui.counts.replaceChildren(
      ...[['verified', 'Verified', all.verified], ['invalid', 'Not valid', all.invalid], ['indeterminate', 'Could not be checked', all.indeterminate], ['total', 'Total', all.total]].map(
        ([key, words, n]) => el('li', { 'data-count': key }, el('strong', {}, String(n)), words),
      ),
    );
    if (ui.issuerFilter.options.length === 1) {
      for (const i of all.issuers) ui.issuerFilter.append(el('option', { value: i.group ?? i.name }, i.name));
    }
    // The skill tallies of the badges the issuer filter keeps (computed by the same summarize()).
    const kept = selected.issuer ? this.#reports.filter((r) => this.#matches(r, { skill: '', issuer: selected.issuer })) : null;
    let skills = (kept ? summarize(kept) : all).skills.filter((s) => !selected.skill || s.name.toLowerCase().includes(selected.skill));
    const by = ui.sort.value;
    skills = [...skills].sort((a, b) => (by === 'name' ? a.name.localeCompare(b.name) : b[by] - a[by] || b.count - a.count || a.name.localeCompare(b.name)));
    const top = [...skills].sort((a, b) => b.verified - a.verified || a.name.localeCompare(b.name)).slice(0, TOP_SKILLS);
    const max = Math.max(1, ...top.map((s) => s.verified));
    ui.chart.replaceChildren(
      ...top.map((s) => {
        const bar = el('span', { class: 'bar', part: 'bar' });
        bar.style.setProperty('--share', String(s.verified / max));
        return el('li', { 'data-skill': s.name }, el('span', { class: 'name' }, s.name), bar, el('span', {}, String(s.verified)));
      }),
    );
    ui.skills.replaceChildren(
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Skill'), el('th', { scope: 'col' }, 'Framework'), el('th', { scope: 'col', class: 'n' }, 'Verified'), el('th', { scope: 'col', class: 'n' }, 'Claimed'))),
      el('tbody', {}, ...skills.map((s) => el('tr', { 'data-skill': s.name }, el('td', {}, s.name), el('td', {}, s.group ?? ''), el('td', { class: 'n' }, String(s.verified)), el('td', { class: 'n' }, String(s.count))))),
    );
    for (const li of ui.grid.children) this.#applyFilter(li, selected);
  }
}

/** Registers the element (once; nothing where there is no registry). */
export function defineCollection(tag = TAG, registry = globalThis.customElements) {
  if (!registry || typeof registry.define !== 'function' || registry.get(tag)) return false;
  registry.define(tag, tag === TAG ? VerifiedBadgeCollectionElement : class extends VerifiedBadgeCollectionElement {});
  return true;
}

defineCollection();
