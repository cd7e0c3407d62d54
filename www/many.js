// 50 badges on one page, for the benchmark: the time from navigation start to the first badge
// painted as verified, and to all 50 painted with their verdict (measured, never asserted).
// Results go to #timing and to window.__badgeTimings.

import { el, themed } from './common.js';

const COUNT = 50;
const FILES = ['valid.json', 'endorsed.json', 'valid.jwt', 'baked.png', 'expired.json'];
const box = document.getElementById('many');
const timing = document.getElementById('timing');
let first = null;
let done = 0;

/** Resolves after the next frame is painted. */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

for (const outcome of ['verified', 'invalid', 'indeterminate']) {
  box.addEventListener(`verified-badge:${outcome}`, async (event) => {
    done += 1;
    const all = done === COUNT;
    const isFirstVerified = first === null && event.detail.outcome === 'verified';
    if (isFirstVerified) first = -1;
    if (!isFirstVerified && !all) return;
    await painted();
    const now = Math.round(performance.now());
    if (isFirstVerified) first = now;
    if (all) {
      window.__badgeTimings = { firstVerifiedMs: first, allMs: now, count: COUNT };
      timing.textContent = `${COUNT} badges verified and drawn: first verified badge after ${first} ms, all ${COUNT} after ${now} ms (from navigation start).`;
    }
  });
}

const badges = [];
for (let i = 0; i < COUNT; i += 1) {
  badges.push(themed(el('verified-badge', { src: `samples/${FILES[i % FILES.length]}` })));
  badges[i].setAttribute('layout', 'badge');
}
box.append(...badges);
