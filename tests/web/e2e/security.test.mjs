// Hostile input and hostile networks, in headless Chromium:
// - a hostile credential (script in names, javascript: URLs, an SVG with script as its image,
//   CSS injection attempts) executes nothing and breaks nothing else on the page;
// - with every request to other origins blocked, a did:key badge verifies and a
//   status-listed badge shows "Status unknown" with the reason in its details;
// - a page under a strict CSP (no 'unsafe-inline', only 'wasm-unsafe-eval') works.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, settledBadges, serveHtml, screenshot, WORDS, DEMO_URL, ORIGIN } from './helpers.mjs';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../www/samples');
const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A page on the demo origin with `body`, under the strict CSP header. */
function page(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>test page</title>
<link rel="stylesheet" href="/site.css">
<script type="module" src="/pkg/verified-badge.js"></script></head>
<body><main><h1>Test page</h1><p id="canary">The page's own text.</p>${body}</main></body></html>`;
}

/** JSON for a <script> data block: the HTML parser decodes nothing there, so `<` is escaped in JSON. */
const scriptJson = (text) => JSON.stringify(JSON.parse(text)).replace(/</g, '\\u003c');

test('a hostile credential executes nothing and breaks nothing else', async () => {
  const credential = JSON.parse(await readFile(path.join(SAMPLES, 'endorsed.json'), 'utf8'));
  const svgWithScript = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" onload="parent.__pwned=\'svg-onload\'"><script>parent.__pwned="svg-script"</script><rect width="10" height="10" fill="red"/></svg>')}`;
  const a = credential.credentialSubject.achievement;
  a.name = '<img src=x onerror="window.__pwned=\'name\'"><script>window.__pwned="script"</script>';
  a.description = '</style><style>*{display:none!important}</style><b onclick=alert(1)>bold?</b>';
  a.image = { id: svgWithScript, type: 'Image' };
  a.criteria = { id: 'javascript:window.__pwned="criteria"', narrative: '"; background: url(javascript:alert(1)); x:"' };
  a.alignment = [{ type: ['Alignment'], targetName: 'click me', targetUrl: 'javascript:window.__pwned="alignment"' }];
  credential.issuer.name = '\u202eevil\u202c <svg onload=alert(1)>';
  credential.issuer.url = 'javascript:window.__pwned="issuer"';
  credential.issuer.image = 'data:text/html,<script>parent.__pwned="iframe"</script>';
  credential.evidence = [{ id: 'JaVaScRiPt:window.__pwned="evidence"', name: '<a href="javascript:alert(1)">evidence</a>' }];
  const body = `
    <verified-badge id="hostile"><script type="application/vc+ld+json">${scriptJson(JSON.stringify(credential))}</script></verified-badge>
    <verified-badge id="good" src="/samples/valid.json"></verified-badge>`;
  const { context, page: p, problems } = await openPage(browser, 'about:blank', {
    route: (ctx) => serveHtml(ctx, `${ORIGIN}/__test/hostile.html`, page(body), { 'content-security-policy': STRICT_CSP }),
  });
  try {
    await p.goto(`${ORIGIN}/__test/hostile.html`);
    const badges = await settledBadges(p);
    const hostile = badges[0];
    assert.equal(hostile.state, 'invalid', 'edited after signing');
    assert.equal(badges[1].state, 'verified', 'the other badge on the page still verifies');
    // Open the details: everything hostile is drawn too.
    await p.locator('#hostile [part="details-button"]').click();
    await p.waitForTimeout(300);
    const seen = await p.evaluate(() => {
      const root = document.getElementById('hostile').shadowRoot;
      return {
        pwned: window.__pwned ?? null,
        scripts: root.querySelectorAll('script, iframe, object, embed, style, foreignObject').length,
        handlers: [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.localName}.${a.name}`)),
        hrefs: [...root.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
        imgs: [...root.querySelectorAll('img')].map((e) => e.getAttribute('src').slice(0, 40)),
        name: root.querySelector('[part="name"]').textContent,
        canaryVisible: document.getElementById('canary').checkVisibility(),
        goodVisible: document.getElementById('good').checkVisibility(),
        links: [...root.querySelectorAll('a')].map((a) => a.rel),
      };
    });
    assert.equal(seen.pwned, null, 'nothing ran');
    assert.equal(seen.scripts, 0, 'no element of the credential became markup');
    assert.deepEqual(seen.handlers, []);
    assert.ok(seen.hrefs.every((h) => h.startsWith('https://')), seen.hrefs.join());
    assert.ok(seen.links.every((rel) => rel === 'noopener noreferrer'));
    assert.ok(seen.imgs.every((s) => s.startsWith('data:image/svg+xml') || s.startsWith('https:')), seen.imgs.join());
    assert.ok(seen.name.includes('<script>'), 'the name is shown as text');
    assert.ok(seen.canaryVisible && seen.goodVisible, 'the page and the other badge are untouched');
    await screenshot(p, 'hostile.png');
    await p.waitForTimeout(200);
    assert.equal(await p.evaluate(() => window.__pwned ?? null), null);
    assert.deepEqual(problems.filter((x) => !x.startsWith('HTTP 404')), []);
  } finally {
    await context.close();
  }
});

test('with every request to other origins blocked: did:key verifies, a status-listed badge shows "Status unknown"', async () => {
  const body = `
    <verified-badge id="didkey" src="/samples/valid.json"></verified-badge>
    <verified-badge id="listed" src="/samples/revoked.json"></verified-badge>
    <verified-badge id="jwt" src="/samples/valid.jwt"></verified-badge>`;
  const blocked = [];
  const { context, page: p, problems } = await openPage(browser, 'about:blank', {
    route: async (ctx) => {
      await ctx.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === ORIGIN) return route.fallback();
        blocked.push(url.href);
        return route.abort('blockedbyclient');
      });
      await serveHtml(ctx, `${ORIGIN}/__test/offline.html`, page(body), { 'content-security-policy': STRICT_CSP.replace("connect-src 'self'", "connect-src 'self' https:") });
    },
  });
  try {
    await p.goto(`${ORIGIN}/__test/offline.html`);
    const [didkey, listed, jwt] = await settledBadges(p);
    assert.equal(didkey.state, 'verified');
    assert.equal(jwt.state, 'verified');
    assert.equal(listed.state, 'status-unknown');
    assert.equal(listed.label, WORDS['status-unknown']);
    assert.ok(blocked.includes('https://example.edu/status/revocation'), `the list was asked for: ${blocked}`);
    const message = await p.evaluate(() => document.getElementById('listed').report.checks.find((c) => c.id === 'status').message);
    assert.match(message, /blocked by CORS or a network error/);
    const details = await p.evaluate(() => document.getElementById('listed').shadowRoot.querySelector('[part="checks"]').textContent);
    assert.match(details, /status\.unreachable/);
    // Chromium logs each blocked request as a console error; those are the point of this test.
    const other = problems.filter((x) => !x.includes('example.edu') && !x.includes('ERR_BLOCKED_BY_CLIENT'));
    assert.deepEqual(other, []);
  } finally {
    await context.close();
  }
});

test('network="off" makes no request at all, and says why', async () => {
  const valid = await readFile(path.join(SAMPLES, 'revoked.json'), 'utf8');
  const body = `
    <verified-badge id="inline" network="off"><script type="application/vc+ld+json">${scriptJson(valid)}</script></verified-badge>
    <verified-badge id="remote" network="off" src="/samples/valid.json"></verified-badge>`;
  const requests = [];
  const { context, page: p, problems } = await openPage(browser, 'about:blank', {
    route: (ctx) => serveHtml(ctx, `${ORIGIN}/__test/off.html`, page(body), { 'content-security-policy': STRICT_CSP }),
  });
  try {
    p.on('request', (r) => requests.push(r.url()));
    await p.goto(`${ORIGIN}/__test/off.html`);
    const [inline, remote] = await settledBadges(p);
    assert.equal(inline.state, 'status-unknown');
    assert.equal(remote.state, 'indeterminate');
    assert.match(remote.detail, /could not be loaded/);
    assert.ok(!requests.some((u) => u.includes('/samples/') || u.includes('example.edu')), requests.join('\n'));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('under a strict CSP (no unsafe-inline) the badge works, with no violation', async () => {
  const { context, page: p, problems } = await openPage(browser, 'about:blank', {
    route: (ctx) => serveHtml(ctx, `${ORIGIN}/__test/csp.html`, page('<verified-badge src="/samples/baked.png" trust="/samples/trusted-issuers.json"></verified-badge><verified-badge src="/samples/untrusted.json" trust="/samples/trusted-issuers.json"></verified-badge>'), { 'content-security-policy': STRICT_CSP }),
  });
  try {
    await p.goto(`${ORIGIN}/__test/csp.html`);
    const [baked, untrusted] = await settledBadges(p);
    assert.equal(baked.state, 'verified');
    assert.equal(untrusted.state, 'untrusted');
    assert.equal(untrusted.label, 'Issuer not trusted');
    // The styles applied (constructable stylesheet, allowed without 'unsafe-inline').
    const border = await p.evaluate(() => getComputedStyle(document.querySelector('verified-badge').shadowRoot.querySelector('[part="badge"]')).borderTopWidth);
    assert.equal(border, '4px');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
