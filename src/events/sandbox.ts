/**
 * A second, light entry into events/ for `hashi events test-pattern |
 * test-transform | next-runs`: only the pure pattern, transform and schedule
 * code, none of the bus, store, HTTP routes or their packages that index.ts
 * brings. The one deep import eslint.config.js lets other folders make here.
 */
export * as sandbox from './sandbox/index.ts';
