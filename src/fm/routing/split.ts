import { sha256Hex } from '../../kernel/index.ts';
import type { SplitVariant } from './config.ts';

/** A session's stable position in [0, 1) for one split; different splits shuffle sessions independently. */
export function stickyFraction(splitName: string, sessionId: string): number {
  return parseInt(sha256Hex(`${splitName}\u0000${sessionId}`).slice(0, 8), 16) / 0x1_0000_0000;
}

/** The variant whose cumulative weight band holds `fraction`; undefined when every weight is 0. */
export function pickWeighted<V extends SplitVariant>(variants: readonly V[], fraction: number): V | undefined {
  const total = variants.reduce((sum, v) => sum + Math.max(0, v.weight), 0);
  if (total <= 0) return undefined;
  let point = fraction * total;
  for (const v of variants) {
    const w = Math.max(0, v.weight);
    if (w > 0 && point < w) return v;
    point -= w;
  }
  return [...variants].reverse().find((v) => v.weight > 0);
}
