// The one-tag embed: <script type="module" src=".../verified-badge.js"></script>
//
// Importing the package's glue registers <verified-badge> at once (badges show their loading
// state); init() then fetches and compiles the WebAssembly next to this file, once per page,
// and every badge verifies itself. Re-exports the whole API for pages that also script it.
import init from './verified_badge.js';

export * from './verified_badge.js';
export { init };

/** Resolves when the engine is ready (every badge on the page then verifies itself). */
export const ready = init();
