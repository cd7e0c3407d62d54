// The <verified-badge> custom element: a small lifecycle shell.
//
// Reads its attributes (the source of truth), fetches the credential, calls the Rust engine
// to verify and draw, and dispatches an event. It draws nothing itself: rendering is Rust
// (src/wasm/render.rs) with text nodes only. Shipped inside the package as a wasm-bindgen
// snippet; the WASM start function calls connectEngine() and then define() (see element.rs).
//
// Usage:
//   <verified-badge src="/badges/rust.json"></verified-badge>
//   <verified-badge>
//     <script type="application/vc+ld+json">{ "@context": [...], ... }</script>
//   </verified-badge>
//
// Attributes: src (URL of the credential), now (RFC 3339; for demos and tests).
// Reflected: state = loading | verified | invalid | expired | indeterminate.
// Events (bubbling, composed; detail = the report): verified-badge:verified,
// verified-badge:invalid, verified-badge:indeterminate.

const TAG = 'verified-badge';
const INLINE = 'application/vc+ld+json';

/** @type {{ verify: Function, render: Function } | null} */
let engine = null;
/** @type {Set<VerifiedBadgeElement>} elements connected before the engine arrived */
const waiting = new Set();

/** Called once by the WASM start function with the Rust verify and render functions. */
export function connectEngine(verify, render) {
  engine = { verify, render };
  for (const element of waiting) element.refresh();
  waiting.clear();
}

// Importing this module must work where there is no DOM (Node.js): the base class falls back
// to a plain class there, and define() does nothing.
const Base = globalThis.HTMLElement ?? class {};

/** The `<verified-badge>` element. */
export class VerifiedBadgeElement extends Base {
  static observedAttributes = ['src', 'now'];

  #shadow;
  #report = null;
  #run = 0;
  #queued = false;
  #observer = null;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
  }

  /** URL of the credential (JSON). */
  get src() {
    return this.getAttribute('src') ?? '';
  }
  set src(value) {
    this.setAttribute('src', value);
  }

  /** The time to check validity against (RFC 3339); empty means the current time. */
  get now() {
    return this.getAttribute('now') ?? '';
  }
  set now(value) {
    if (value == null || value === '') this.removeAttribute('now');
    else this.setAttribute('now', value);
  }

  /** The last report, or null while loading. */
  get report() {
    return this.#report;
  }

  /** The state shown: loading, verified, invalid, expired or indeterminate. */
  get state() {
    return this.getAttribute('state') ?? 'loading';
  }

  connectedCallback() {
    // An inline <script> child may be added or edited after the element is connected.
    this.#observer ??= new MutationObserver(() => this.refresh());
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
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

  async #update() {
    const run = ++this.#run;
    const current = () => run === this.#run && this.isConnected;
    this.#report = null;
    this.#draw(null);
    let report;
    try {
      const input = await this.#credential();
      if (!current()) return;
      const now = this.now;
      report = await engine.verify(input, now ? { now } : undefined);
    } catch (error) {
      report = unchecked(error?.code ?? 'input.unavailable', error?.message ?? String(error));
    }
    if (!current()) return;
    this.#report = report;
    this.#draw(report);
    this.dispatchEvent(
      new CustomEvent(`${TAG}:${report.outcome}`, { bubbles: true, composed: true, detail: report }),
    );
  }

  #draw(report) {
    const lang = this.closest('[lang]')?.getAttribute('lang') || undefined;
    let state;
    try {
      state = engine.render(this.#shadow, report, { lang });
    } catch (error) {
      console.error('verified-badge: could not draw the badge', error);
      state = report ? 'indeterminate' : 'loading';
    }
    this.setAttribute('state', state);
  }

  /** The credential: the bytes at `src`, or the text of an inline script child. */
  async #credential() {
    const src = this.src.trim();
    if (src) {
      const url = new URL(src, this.ownerDocument.baseURI);
      let response;
      try {
        response = await fetch(url, { headers: { accept: 'application/vc+ld+json, application/json;q=0.9, */*;q=0.5' } });
      } catch (error) {
        throw coded('input.unavailable', `the badge could not be loaded from ${url.href} (${error.message})`);
      }
      if (!response.ok) {
        throw coded('input.unavailable', `the badge could not be loaded from ${url.href} (HTTP ${response.status})`);
      }
      return new Uint8Array(await response.arrayBuffer());
    }
    for (const child of this.children) {
      if (child.localName === 'script' && child.type.trim().toLowerCase() === INLINE) return child.textContent;
    }
    throw coded('input.missing', `no credential: set the src attribute or add a <script type="${INLINE}"> child`);
  }
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
