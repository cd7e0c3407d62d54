// Shared by every demo page: the package (one import registers <verified-badge> and starts
// the engine), the dark-page switch, and the service worker that keeps the site working offline.

export * from './pkg/verified-badge.js';

/** `?theme=dark` shows the page, and every badge on it, dark. */
export const dark = new URLSearchParams(location.search).get('theme') === 'dark';
if (dark) document.documentElement.classList.add('dark');

/** Applies the page theme to badges that do not choose their own. */
export function themed(badge) {
  if (dark && !badge.hasAttribute('theme')) badge.setAttribute('theme', 'dark');
  return badge;
}
for (const badge of document.querySelectorAll('verified-badge')) themed(badge);

export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

async function offline() {
  const line = document.querySelector('[data-offline]');
  if (!('serviceWorker' in navigator) || !line) return;
  try {
    await navigator.serviceWorker.register('sw.js', { scope: './' });
    await navigator.serviceWorker.ready;
    line.textContent = navigator.serviceWorker.controller
      ? '✓ Saved for offline use: this site works without a connection.'
      : '✓ Saved for offline use: after this visit the site works without a connection.';
  } catch (error) {
    line.textContent = '';
    console.warn('verified-badge demo: no offline copy', error);
  }
}
offline();
