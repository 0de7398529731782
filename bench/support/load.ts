import autocannon from 'autocannon';
import { round } from './report.ts';

export interface LoadResult {
  label: string;
  url: string;
  connections: number;
  durationSec: number;
  requests: number;
  reqPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

/** Runs autocannon against one URL on loopback, bounded in time. */
export async function load(label: string, url: string, options: { connections?: number; duration?: number; headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string; requests?: autocannon.Request[] } = {}): Promise<LoadResult> {
  const connections = options.connections ?? 50;
  const duration = options.duration ?? 8;
  const result = await autocannon({
    url,
    connections,
    duration,
    headers: options.headers ?? {},
    method: options.method ?? 'GET',
    ...(options.body ? { body: options.body } : {}),
    ...(options.requests ? { requests: options.requests } : {}),
  });
  const out: LoadResult = {
    label,
    url,
    connections,
    durationSec: duration,
    requests: result.requests.total,
    reqPerSec: round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  console.log(JSON.stringify(out));
  return out;
}
