/**
 * MangaAssist chat turn latency through the HTTP edge (app.inject, SQLite,
 * offline provider, the 450-product sample catalogue): a product question
 * answered with retrieval, history and MessageReceived, against the FM
 * gateway's own POST /v1/chat with the same question (no retrieval, no app
 * tables) measured in the same run — the ratio is what the app adds.
 * Then the same manga turn over real sockets: JSON over HTTP (fetch) vs a
 * `manga.chat` turn on the gateway's WebSocket (send → complete), one client,
 * turns in sequence. Also times `seed` (450 products with embeddings).
 *   npx tsx bench/manga-chat.ts [turns=300]
 * Writes bench/results/manga-chat.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { createHashi } from '../src/main.ts';
import { silentLogger } from '../src/observability/index.ts';
import WebSocket from 'ws';
import { environment, percentile, round, writeResult } from './support/report.ts';

const TURNS = Number(process.argv[2] ?? 300);
const QUESTIONS = [
  'Do you have The Last Ramen Samurai in English? How much is volume 3?',
  'Any horror manga about ghosts in Kyoto?',
  '星降る配達人の第2巻の値段はいくらですか？',
  'Is there a sports manga about volleyball?',
  'How much is shipping for a small order?',
];

async function timed(n: number, call: (i: number) => Promise<{ statusCode: number }>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await call(i);
    ms.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
  }
  return ms.sort((a, b) => a - b);
}

const summary = (ms: number[]) => ({ p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), p99: round(percentile(ms, 99)), mean: round(ms.reduce((a, b) => a + b, 0) / ms.length) });

const dataDir = mkdtempSync(join(tmpdir(), 'hashi-bench-manga-'));
const config = loadConfig({ text: 'admin:\n  key: bench\nlog:\n  level: silent\nplans:\n  default: { rps: 100000, burst: 100000, dailyQuota: 0 }\n', env: {}, overrides: { dataDir } });
const hashi = await createHashi(config, { http: true, logger: silentLogger() });
try {
  const t0 = performance.now();
  const seeded = await hashi.manga!.seed();
  const seedMs = performance.now() - t0;
  await hashi.manga!.warm();
  const key = (await hashi.keys.create({ tenant: 'bench' })).key;
  const headers = { authorization: `Bearer ${key}` };
  const app = hashi.app!;
  const ask = (i: number) => QUESTIONS[i % QUESTIONS.length]!;
  // Warm both paths first. A unique suffix per request keeps the FM response cache out of both measurements.
  await timed(20, (i) => app.inject({ method: 'POST', url: '/v1/chat', headers, payload: { message: `${ask(i)} #w${i}` } }));
  await timed(20, (i) => app.inject({ method: 'POST', url: '/manga/v1/chat', headers, payload: { session_id: `w-${i}`, message: `${ask(i)} #w${i}` } }));
  const gateway = await timed(TURNS, (i) => app.inject({ method: 'POST', url: '/v1/chat', headers, payload: { message: `${ask(i)} #${i}` } }));
  const manga = await timed(TURNS, (i) => app.inject({ method: 'POST', url: '/manga/v1/chat', headers, payload: { session_id: `s-${i % 50}`, message: `${ask(i)} #${i}` } }));
  // Over real sockets: HTTP JSON vs the WebSocket turn, same questions, interleaved per turn.
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const socket = new WebSocket(`${base.replace('http', 'ws')}/v1/chat/ws?api_key=${key}`);
  const frames: Array<(frame: { type: string; id?: string }) => void> = [];
  socket.on('message', (data) => frames.shift()?.(JSON.parse(String(data)) as { type: string }));
  await new Promise<void>((resolve) => frames.push(() => resolve()));
  const wsTurn = (i: number) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const id = `t${i}`;
      const onFrame = (frame: { type: string; id?: string }) => {
        if (frame.type === 'complete' && frame.id === id) resolve(performance.now() - t0);
        else if (frame.type === 'error') reject(new Error(JSON.stringify(frame)));
        else frames.push(onFrame);
      };
      frames.push(onFrame);
      socket.send(JSON.stringify({ type: 'manga.chat', id, session_id: `ws-${i % 50}`, message: `${ask(i)} #ws${i}` }));
    });
  const httpTurn = async (i: number) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/manga/v1/chat`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ session_id: `h-${i % 50}`, message: `${ask(i)} #h${i}` }) });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    await res.json();
    return performance.now() - t0;
  };
  for (let i = 0; i < 20; i++) {
    await wsTurn(1000 + i);
    await httpTurn(1000 + i);
  }
  const overWs: number[] = [];
  const overHttp: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    overHttp.push(await httpTurn(i));
    overWs.push(await wsTurn(i));
  }
  socket.close();
  overWs.sort((a, b) => a - b);
  overHttp.sort((a, b) => a - b);
  const result = {
    ...environment(['nodemailer']),
    turns: TURNS,
    catalogue: { products: seeded.products, seedMs: round(seedMs) },
    baseline: { name: 'POST /v1/chat (FM gateway only, offline provider)', ms: summary(gateway) },
    manga: { name: 'POST /manga/v1/chat (history + MessageReceived + hybrid retrieval over 450 products + FM, offline provider)', ms: summary(manga) },
    ratio: { p50: round(percentile(manga, 50) / percentile(gateway, 50)), p95: round(percentile(manga, 95) / percentile(gateway, 95)) },
    sockets: {
      http: { name: 'POST /manga/v1/chat over a real HTTP connection (fetch, keep-alive)', ms: summary(overHttp) },
      websocket: { name: '{"type":"manga.chat"} on /v1/chat/ws: send → complete (start and chunks streamed meanwhile)', ms: summary(overWs) },
      ratio: { p50: round(percentile(overWs, 50) / percentile(overHttp, 50)), p95: round(percentile(overWs, 95) / percentile(overHttp, 95)) },
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\nwrote ${writeResult('manga-chat', result)}\n`);
} finally {
  await hashi.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
