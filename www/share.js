// Share links: the credential travels in the URL fragment, which browsers never send to a
// server — `#c=<base64url(deflate-raw(credential text))>` — or `#src=<url>` for one hosted
// elsewhere. The same encoding as `verified-badge share` (the CLI). No dependency: the
// browser's CompressionStream / DecompressionStream do the deflate.

/** Links longer than this are too long for many browsers, chat apps and QR readers. */
export const MAX_LINK_CHARS = 8000;
/** A shared credential larger than this (inflated) is refused: a zip bomb is not a badge. */
const MAX_TEXT_BYTES = 1 << 20;

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (not base64url)');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** `base64url(deflate-raw(text))`. */
export async function encodeCredential(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** The credential text in a `#c=` value; throws with a sentence when it is damaged or too large. */
export async function decodeCredential(value) {
  const stream = new Blob([fromBase64Url(value)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let step;
    try {
      step = await reader.read();
    } catch {
      throw new Error('the link is damaged (not compressed data)');
    }
    if (step.done) break;
    size += step.value.length;
    if (size > MAX_TEXT_BYTES) {
      reader.cancel().catch(() => {});
      throw new Error('the shared credential is too large');
    }
    chunks.push(step.value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(chunks).arrayBuffer());
}

/** `{ c }` or `{ src }` from a fragment (`#c=…` / `#src=…`), or `null`. */
export function readFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const c = params.get('c');
  if (c) return { c };
  const src = params.get('src');
  if (src) return { src };
  return null;
}

/** The share link to `page` for credential `text`, or for the hosted credential at `src`. */
export async function shareLink(page, { text, src }) {
  const base = String(page).split('#')[0];
  return src ? `${base}#src=${encodeURIComponent(src)}` : `${base}#c=${await encodeCredential(text)}`;
}

/** The Markdown and HTML snippets for a link (names are escaped: they come from the credential). */
export function snippets(link, title, image) {
  const md = title.replace(/[\\[\]()*_`<>!#]/g, (c) => `\\${c}`);
  const mdUrl = (u) => u.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
  const html = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return image
    ? {
        markdown: `[![Verify: ${md}](${mdUrl(image)})](${mdUrl(link)})`,
        html: `<a href="${html(link)}" rel="noopener"><img src="${html(image)}" alt="Verify: ${html(title)}" width="120"></a>`,
      }
    : {
        markdown: `[Verify: ${md}](${mdUrl(link)})`,
        html: `<a href="${html(link)}" rel="noopener">Verify: ${html(title)}</a>`,
      };
}
