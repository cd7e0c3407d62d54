// The <verified-badge> custom element: a small lifecycle shell.
//
// Reads its attributes (the source of truth), loads the credential, calls the Rust engine to
// verify and draw, handles the details dialog's buttons, and dispatches an event. It draws
// nothing of the credential itself: rendering is Rust (src/wasm/render.rs), text nodes only.
// Shipped inside the package as a wasm-bindgen snippet: the package's glue imports it, which
// registers the element at once; the WASM start function then hands over the engine
// (connectEngine), and every badge waiting in its loading state verifies itself.
//
// Usage:
//   <script type="module" src="/pkg/verified-badge.js"></script>
//   <verified-badge src="/badges/rust.png"></verified-badge>
//   <verified-badge><script type="application/vc+ld+json">{ … }</script></verified-badge>
//   <verified-badge><script type="application/vc+jwt">eyJ…</script></verified-badge>
//
// Attributes (reflected as properties): src, size (small|medium|large), layout (badge|card),
// theme (light|dark|auto), lang, network (off: no request at all), now (RFC 3339),
// trust (URL, or the id of a <script type="application/json"> in the page, of a JSON list of
// trusted issuer ids), verify (auto|manual). Properties only: credential, documents, report
// (set it to show a report made elsewhere without verifying again).
// Reflected state: loading | idle | verified | invalid | expired | revoked | suspended |
// status-unknown | untrusted | indeterminate.
// Events (bubbling, composed; detail = the report): verified-badge:verified,
// verified-badge:invalid, verified-badge:indeterminate.

const TAG = 'verified-badge';
const INLINE_TYPES = ['application/vc+ld+json', 'application/ld+json', 'application/json', 'application/vc+jwt', 'application/jwt'];
const MAX_SRC_BYTES = 16 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 8000;

/** @type {{ verify: Function, render: Function, inspect: Function, checkRecipient: Function, renderRecipient: Function } | null} */
let engine = null;
/** @type {Set<VerifiedBadgeElement>} elements connected before the engine arrived */
const waiting = new Set();
/** Trust lists by URL, shared by every badge on the page. */
const trustLists = new Map();

/** Called once by the WASM start function with the Rust functions the shell uses. */
export function connectEngine(rust) {
  engine = rust;
  for (const element of waiting) element.refresh();
  waiting.clear();
}

// Before the engine arrives the element shows the page's fallback children, or this word.
const WAITING_WORDS = { en: 'Verifying…', de: 'Wird geprüft…', es: 'Verificando…', fr: 'Vérification…' };

// Importing this module must work where there is no DOM (Node.js): the base class falls back
// to a plain class there, and define() does nothing.
const Base = globalThis.HTMLElement ?? class {};

/** The `<verified-badge>` element. */
export class VerifiedBadgeElement extends Base {
  static observedAttributes = ['src', 'now', 'lang', 'network', 'trust', 'verify'];

  #shadow;
  #report = null;
  #extras = null;
  #input = null;
  #credential = undefined;
  #documents = undefined;
  #preset = undefined;
  #run = 0;
  #queued = false;
  #force = false;
  #observer = null;
  #opener = null;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.addEventListener('click', (event) => this.#onClick(event));
    this.#shadow.addEventListener('submit', (event) => this.#onSubmit(event));
    this.#shadow.addEventListener('close', (event) => this.#onDialogClose(event), true);
  }

  /** URL of the credential: a baked PNG or SVG, JSON, or a JWT. */
  get src() { return this.getAttribute('src') ?? ''; }
  set src(value) { this.#setOrRemove('src', value); }

  /** `small` | `medium` (default) | `large`. */
  get size() { return oneOf(this.getAttribute('size'), ['small', 'medium', 'large'], 'medium'); }
  set size(value) { this.#setOrRemove('size', value); }

  /** `card` (default: image, name, issuer, date, status) | `badge` (compact). */
  get layout() { return oneOf(this.getAttribute('layout'), ['badge', 'card'], 'card'); }
  set layout(value) { this.#setOrRemove('layout', value); }

  /** `light` | `dark` | `auto` (default: follows the system). */
  get theme() { return oneOf(this.getAttribute('theme'), ['light', 'dark', 'auto'], 'auto'); }
  set theme(value) { this.#setOrRemove('theme', value); }

  /** `off` forbids every request (the credential must be inline or set as a property). */
  get network() { return this.getAttribute('network') === 'off' ? 'off' : 'on'; }
  set network(value) { this.#setOrRemove('network', value); }

  /** The time to check validity against (RFC 3339); empty means the current time. */
  get now() { return this.getAttribute('now') ?? ''; }
  set now(value) { this.#setOrRemove('now', value); }

  /** A trust list: URL, or id of a `<script type="application/json">` holding it. */
  get trust() { return this.getAttribute('trust') ?? ''; }
  set trust(value) { this.#setOrRemove('trust', value); }

  /** `auto` (default) verifies at once; `manual` waits for the Verify button or verifyNow(). */
  get verify() { return this.getAttribute('verify') === 'manual' ? 'manual' : 'auto'; }
  set verify(value) { this.#setOrRemove('verify', value); }

  /** The credential itself (object, JSON or JWT text, or file bytes); overrides src and inline. */
  get credential() { return this.#credential; }
  set credential(value) {
    this.#credential = value ?? undefined;
    this.refresh();
  }

  /** Documents served without the network, by URL (status lists, DID documents). */
  get documents() { return this.#documents; }
  set documents(value) {
    this.#documents = value ?? undefined;
    this.refresh();
  }

  /**
   * The last report, or null while loading. Setting a report (from `verify()`, e.g. made in a
   * worker by <verified-badge-collection>) shows it without verifying again; the details then
   * show its checks, and `credential`, when also set, is what "Download" saves. Set `null` to
   * verify again.
   */
  get report() { return this.#report; }
  set report(value) {
    this.#preset = value ?? undefined;
    this.refresh();
  }

  /** The state shown. */
  get state() { return this.getAttribute('state') ?? 'loading'; }

  connectedCallback() {
    // An inline <script> child may be added or edited after the element is connected.
    this.#observer ??= new MutationObserver(() => this.refresh());
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    if (!engine) this.#drawWaiting();
    this.refresh();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    waiting.delete(this);
    this.#run += 1; // abandons a verification in flight
  }

  attributeChangedCallback(_name, previous, value) {
    if (previous !== value) this.refresh();
  }

  /** Verifies now, also in `verify="manual"` mode; resolves with the report. */
  verifyNow() {
    this.#force = true;
    this.refresh();
    return new Promise((resolve) => {
      const done = (event) => {
        for (const o of OUTCOMES) this.removeEventListener(`${TAG}:${o}`, done);
        resolve(event.detail);
      };
      for (const o of OUTCOMES) this.addEventListener(`${TAG}:${o}`, done);
    });
  }

  /** Verifies and draws again (batched: many changes in one task cause one run). */
  refresh() {
    if (this.#queued || !this.isConnected) return;
    if (!engine) {
      waiting.add(this);
      return;
    }
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.isConnected) this.#update();
    });
  }

  /** Opens the details dialog (when there is a report). */
  showDetails() {
    const dialog = this.#shadow.querySelector('dialog');
    if (!dialog || !this.#report || dialog.open) return;
    this.#opener = this.#shadow.activeElement ?? this.#shadow.querySelector('[data-action="open"]');
    dialog.showModal();
    dialog.querySelector('[data-action="close"]')?.focus();
  }

  #setOrRemove(name, value) {
    if (value == null || value === '') this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  get #lang() {
    return (
      this.getAttribute('lang') ||
      this.closest('[lang]')?.getAttribute('lang') ||
      this.ownerDocument?.documentElement?.lang ||
      globalThis.navigator?.language ||
      'en'
    );
  }

  async #update() {
    const run = ++this.#run;
    const current = () => run === this.#run && this.isConnected;
    const manual = this.verify === 'manual' && !this.#force;
    this.#force = false;
    this.#report = null;
    this.#extras = null;
    if (this.#preset !== undefined) {
      this.#input = this.#credential ?? null;
      this.#report = this.#preset;
      this.#draw(this.#preset);
      this.dispatchEvent(new CustomEvent(`${TAG}:${this.#preset.outcome}`, { bubbles: true, composed: true, detail: this.#preset }));
      return;
    }
    this.#draw(null, { idle: manual });
    if (manual) return;
    let report;
    try {
      const input = await this.#load();
      if (!current()) return;
      this.#input = input;
      this.#extras = engine.inspect(input);
      const options = { network: this.network !== 'off' };
      if (this.now) options.now = this.now;
      if (this.#documents) options.documents = this.#documents;
      if (this.trust) options.trust = await this.#trustList();
      if (!current()) return;
      report = await engine.verify(input, options);
    } catch (error) {
      this.#input = null;
      report = unchecked(error?.code ?? 'input.unavailable', error?.message ?? String(error));
    }
    if (!current()) return;
    this.#report = report;
    const dialog = this.#shadow.querySelector('dialog');
    const wasOpen = dialog?.open;
    this.#draw(report);
    if (wasOpen) this.#shadow.querySelector('[data-action="reverify"]')?.focus();
    this.dispatchEvent(new CustomEvent(`${TAG}:${report.outcome}`, { bubbles: true, composed: true, detail: report }));
  }

  #drawWaiting() {
    if (this.#shadow.firstChild) return;
    const box = document.createElement('span');
    box.setAttribute('part', 'loading');
    box.setAttribute('role', 'status');
    box.setAttribute('aria-busy', 'true');
    const slot = document.createElement('slot');
    slot.textContent = WAITING_WORDS[this.#lang.slice(0, 2).toLowerCase()] ?? WAITING_WORDS.en;
    box.append(slot);
    this.#shadow.append(box);
  }

  #draw(report, { idle = false } = {}) {
    let state;
    try {
      state = engine.render(this.#shadow, report, { lang: this.#lang, extras: this.#extras, idle });
    } catch (error) {
      console.error('verified-badge: could not draw the badge', error);
      state = report ? 'indeterminate' : 'loading';
    }
    this.setAttribute('state', state);
  }

  /** The credential: the property, the bytes at `src`, or the text of an inline script child. */
  async #load() {
    if (this.#credential !== undefined) {
      const c = this.#credential;
      if (c instanceof ArrayBuffer) return new Uint8Array(c);
      if (typeof Blob === 'function' && c instanceof Blob) return new Uint8Array(await c.arrayBuffer());
      return c;
    }
    const src = this.src.trim();
    if (src) {
      if (this.network === 'off') {
        throw coded('input.unavailable', 'the badge is not loaded: this badge may make no request (network="off")');
      }
      const url = new URL(src, this.ownerDocument.baseURI);
      return fetchBytes(url);
    }
    for (const child of this.children) {
      if (child.localName === 'script' && INLINE_TYPES.includes(child.type.trim().toLowerCase())) {
        return child.textContent.trim();
      }
    }
    throw coded('input.missing', 'no credential: set the src attribute or add a <script type="application/vc+ld+json"> child');
  }

  /** `{ issuers }` from the trust list, or `{ error }` with the reason it could not be read. */
  async #trustList() {
    const value = this.trust.trim();
    try {
      const inline = /^[A-Za-z][\w-]*$/.test(value) ? this.ownerDocument.getElementById(value) : null;
      if (inline) return { issuers: issuersOf(JSON.parse(inline.textContent)) };
      if (this.network === 'off') return { error: 'the trust list may not be loaded with network="off"' };
      const url = new URL(value, this.ownerDocument.baseURI).href;
      if (!trustLists.has(url)) {
        const loading = fetchBytes(new URL(url)).then((bytes) => issuersOf(JSON.parse(new TextDecoder().decode(bytes))));
        loading.catch(() => trustLists.delete(url));
        trustLists.set(url, loading);
      }
      return { issuers: await trustLists.get(url) };
    } catch (error) {
      return { error: error?.message ?? String(error) };
    }
  }

  #onClick(event) {
    const target = event.target instanceof Element ? event.target : null;
    const dialog = this.#shadow.querySelector('dialog');
    // A click on the backdrop (the dialog element itself, outside its content) closes it.
    if (target === dialog) {
      dialog.close();
      return;
    }
    const action = target?.closest('[data-action]')?.getAttribute('data-action');
    switch (action) {
      case 'open':
        this.showDetails();
        break;
      case 'close':
        dialog?.close();
        break;
      case 'reverify':
      case 'verify':
        // A preset report is verified again only when the credential itself is at hand.
        if (this.#credential !== undefined) this.#preset = undefined;
        this.#force = true;
        this.refresh();
        break;
      case 'download':
        this.#download();
        break;
      default:
        // A click anywhere else on the badge face opens the details too.
        if (target?.closest('[part="badge"]')) this.showDetails();
    }
  }

  #onSubmit(event) {
    const form = event.target;
    if (!(form instanceof Element) || form.getAttribute('data-action') !== 'recipient') return;
    event.preventDefault();
    const value = form.querySelector('input')?.value?.trim() ?? '';
    if (!value || !this.#input) return;
    let answer = 'unreadable';
    try {
      answer = engine.checkRecipient(this.#input, { email: value }).match;
    } catch (error) {
      console.error('verified-badge: the recipient check failed', error);
    }
    engine.renderRecipient(this.#shadow, answer, { lang: this.#lang });
  }

  #onDialogClose(event) {
    if (event.target?.localName !== 'dialog') return;
    const opener = this.#opener;
    this.#opener = null;
    const back = opener?.isConnected ? opener : this.#shadow.querySelector('[data-action="open"]');
    back?.focus();
  }

  #download() {
    const input = this.#input;
    if (input == null) return;
    const [type, extension] = kindOf(input);
    const body = typeof input === 'string' || input instanceof Uint8Array ? input : JSON.stringify(input, null, 2);
    const url = URL.createObjectURL(new Blob([body], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${slug(this.#report?.credential?.achievement?.name ?? this.#report?.credential?.name)}.${extension}`;
    a.rel = 'noopener';
    this.#shadow.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

const OUTCOMES = ['verified', 'invalid', 'indeterminate'];

function oneOf(value, allowed, fallback) {
  return allowed.includes(value) ? value : fallback;
}

/** The bytes at `url`, bounded in time and size; throws a coded error with the reason. */
async function fetchBytes(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, {
      signal: controller.signal,
      credentials: 'same-origin',
      referrerPolicy: 'no-referrer',
      headers: { accept: 'application/vc+ld+json, application/vc+jwt, image/png, image/svg+xml, application/json;q=0.9, */*;q=0.5' },
    });
    if (!response.ok) throw coded('input.unavailable', `the badge could not be loaded from ${url.href} (HTTP ${response.status})`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_SRC_BYTES) throw coded('input.unavailable', `${url.href} is larger than 16 MiB`);
    return bytes;
  } catch (error) {
    if (error?.code) throw error;
    const why = controller.signal.aborted ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : 'blocked by CORS or a network error';
    throw coded('input.unavailable', `the badge could not be loaded from ${url.href} (${why})`);
  } finally {
    clearTimeout(timer);
  }
}

/** A trust list: `["did:…", …]` or `{ "issuers": ["did:…" | { "id": "did:…" }, …] }`. */
function issuersOf(json) {
  const list = Array.isArray(json) ? json : json?.issuers;
  if (!Array.isArray(list)) throw new Error('the trust list is not a list of issuer ids');
  return list.map((i) => (typeof i === 'string' ? i : i?.id)).filter((i) => typeof i === 'string');
}

/** MIME type and file extension of a credential input, for the download. */
function kindOf(input) {
  if (input instanceof Uint8Array) {
    if (input[0] === 0x89 && input[1] === 0x50 && input[2] === 0x4e && input[3] === 0x47) return ['image/png', 'png'];
    const head = new TextDecoder().decode(input.subarray(0, 256)).trimStart();
    if (head.startsWith('<')) return ['image/svg+xml', 'svg'];
    return head.startsWith('{') ? ['application/vc+ld+json', 'json'] : ['application/vc+jwt', 'jwt'];
  }
  if (typeof input === 'string' && !input.trimStart().startsWith('{')) return ['application/vc+jwt', 'jwt'];
  return ['application/vc+ld+json', 'json'];
}

function slug(name) {
  const s = String(name ?? 'credential').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return s || 'credential';
}

function coded(code, message) {
  return Object.assign(new Error(message), { code });
}

/** A report for a credential that could not even be read, so events always carry a report. */
function unchecked(code, message) {
  return {
    outcome: 'indeterminate',
    format: 'unknown',
    checks: [{ id: 'input', status: 'unknown', code, message }],
    credential: null,
    embedded: [],
  };
}

/** Whether this global scope has a custom element registry (not in Node.js or a worker). */
export function hasRegistry() {
  return typeof globalThis.customElements?.define === 'function';
}

/**
 * Registers the element as `tag` in `registry`. Does nothing (returns false) where there is no
 * custom element registry, e.g. in Node.js, or when the tag is already taken.
 */
export function define(tag = TAG, registry = globalThis.customElements) {
  if (!registry || typeof registry.define !== 'function' || registry.get(tag)) return false;
  // A class can be registered only once, so other tags get a subclass.
  registry.define(tag, tag === TAG ? VerifiedBadgeElement : class extends VerifiedBadgeElement {});
  return true;
}

// Registered as soon as the package is imported: badges show their loading state while the
// WebAssembly downloads, and verify themselves once it is ready.
define();
