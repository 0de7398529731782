/**
 * Token-bucket arithmetic shared by the memory adapter and mirrored by the
 * Redis Lua script: refill since `at`, cap at `burst`, then try to take `cost`.
 */
export function refill(tokens: number, at: number, now: number, ratePerSec: number, burst: number, cost: number): { tokens: number; allowed: boolean; retryAfterMs: number } {
  const elapsed = Math.max(0, now - at) / 1000;
  const available = Math.min(burst, tokens + elapsed * ratePerSec);
  if (available >= cost) return { tokens: available - cost, allowed: true, retryAfterMs: 0 };
  return { tokens: available, allowed: false, retryAfterMs: Math.ceil(((cost - available) / ratePerSec) * 1000) };
}
