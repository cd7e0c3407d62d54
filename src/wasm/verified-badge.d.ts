// The one-tag embed module: registers <verified-badge> and starts the engine on import.
export * from './verified_badge.js';
export { default as init } from './verified_badge.js';
/** Resolves when the WebAssembly engine is ready. */
export const ready: Promise<unknown>;
