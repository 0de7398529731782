import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WrkResult {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  reqPerSec: number;
  /** Latency percentiles in milliseconds (wrk's HdrHistogram, microsecond resolution). */
  latencyMs: { p50: number; p75: number; p90: number; p99: number };
  non2xx: number;
  socketErrors: number;
}

const UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** Parses a wrk duration such as `412.00us`, `1.23ms` or `2.00s` into milliseconds. */
function ms(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable wrk duration: ${text}`);
  return Number(m[1]) * UNIT[m[2]!]!;
}

/**
 * POSTs `body` to `url` with wrk (one thread: the load generator must not
 * starve the processes it measures on a 2-core machine), bounded in time.
 */
export async function wrk(label: string, url: string, options: { connections: number; seconds: number; body: string; headers: Record<string, string> }): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hashi-wrk-'));
  const script = join(dir, 'post.lua');
  const lines = ['wrk.method = "POST"', `wrk.body = ${JSON.stringify(options.body)}`];
  for (const [k, v] of Object.entries(options.headers)) lines.push(`wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  writeFileSync(script, `${lines.join('\n')}\n`);
  const out = await new Promise<string>((resolve, reject) =>
    execFile('wrk', ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', '-s', script, url], { timeout: (options.seconds + 30) * 1000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );
  const pct = (p: string) => ms(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? 'NaNms');
  const result: WrkResult = {
    label,
    connections: options.connections,
    seconds: options.seconds,
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    reqPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    latencyMs: { p50: pct('50'), p75: pct('75'), p90: pct('90'), p99: pct('99') },
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: [...out.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce((n, m) => n + Number(m[2]), 0),
  };
  console.log(JSON.stringify(result));
  return result;
}
