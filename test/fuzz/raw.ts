import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { Rng } from './rng.ts';

// Requests an HTTP client library will not send: broken request lines and
// headers, bodies shorter than their Content-Length, chunked encoding gone
// wrong, trickled bodies, and WebSocket frames that break the protocol. Each
// goes over its own TCP connection and reads whatever comes back.

export interface RawResult {
  /** The status of the first response, or undefined when the server closed without one. */
  status?: number;
  /** The first bytes of the response (for the 5xx report). */
  head: string;
  /** How long until the server closed the connection (ms), or undefined if the client gave up. */
  closedAfterMs?: number;
}

/** Sends `chunks` (with `gapMs` between them), optionally half-closes, and reads until the server closes or `timeoutMs`. */
export function rawExchange(port: number, chunks: Array<string | Buffer>, options: { gapMs?: number; end?: boolean; timeoutMs: number }): Promise<RawResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (closed: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ ...(m ? { status: Number(m[1]) } : {}), head: text.slice(0, 600), ...(closed ? { closedAfterMs: Date.now() - started } : {}) });
    };
    socket.on('data', (d: Buffer) => {
      // Keep only the start of what comes back: the status line is all we judge.
      if (size < 4096) received.push(d);
      size += d.length;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    const timer = setTimeout(() => finish(false), options.timeoutMs);
    socket.once('connect', async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (socket.destroyed) return;
        if (i > 0 && options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
        if (socket.destroyed) return;
        socket.write(chunk);
      }
      if (options.end) socket.end();
    });
  });
}

export interface RawCase {
  kind: string;
  chunks: Array<string | Buffer>;
  end: boolean;
  gapMs?: number;
}

/** One raw request against `path` (a route of the server) with `auth` as its Authorization header. */
export function rawCase(rng: Rng, path: string, auth: string): RawCase {
  const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
  const a = `Authorization: ${auth}`;
  const json = '{"message":"hi","Entries":[{"Source":"a","DetailType":"b","Detail":"{}"}]}';
  const cases: Array<() => RawCase> = [
    // Content-Length larger than what is sent, then the client half-closes.
    () => ({ kind: 'truncated-body', chunks: [head([`POST ${path} HTTP/1.1`, 'Host: x', a, 'Content-Type: application/json', `Content-Length: ${json.length + 1 + rng.int(100_000)}`, 'Connection: close']), json.slice(0, rng.int(json.length))], end: true }),
    () => ({ kind: 'truncated-headers', chunks: [`POST ${path} HTTP/1.1\r\nHost: x\r\n${a}\r\nContent-Ty`], end: true }),
    () => ({ kind: 'bad-chunked', chunks: [head([`POST ${path} HTTP/1.1`, 'Host: x', a, 'Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close']), rng.pick(['zz\r\n{}\r\n0\r\n\r\n', 'ffffffffffffffff\r\n{}\r\n', '5\r\n{"a"\r\n', '2\r\n{}\r\n1\r\n', '-1\r\n\r\n', '0\r\nX-Trailer: \0\r\n\r\n'])], end: true }),
    () => ({ kind: 'cl-and-te', chunks: [head([`POST ${path} HTTP/1.1`, 'Host: x', a, 'Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked', 'Connection: close']), '2\r\n{}\r\n0\r\n\r\n'], end: true }),
    () => ({ kind: 'two-content-lengths', chunks: [head([`POST ${path} HTTP/1.1`, 'Host: x', a, 'Content-Type: application/json', 'Content-Length: 2', 'Content-Length: 7', 'Connection: close']), '{}'], end: true }),
    () => ({ kind: 'bad-content-length', chunks: [head([`POST ${path} HTTP/1.1`, 'Host: x', a, 'Content-Type: application/json', `Content-Length: ${rng.pick(['-1', '1e3', 'abc', '99999999999999999999999', ' 2', '0x2'])}`, 'Connection: close']), '{}'], end: true }),
    () => ({ kind: 'giant-header', chunks: [head([`GET ${path} HTTP/1.1`, 'Host: x', a, `X-Big: ${'b'.repeat(17_000 + rng.int(50_000))}`, 'Connection: close'])], end: true }),
    () => ({ kind: 'many-headers', chunks: [head([`GET ${path} HTTP/1.1`, 'Host: x', a, ...Array.from({ length: 1000 + rng.int(2000) }, (_, i) => `X-H${i}: v`), 'Connection: close'])], end: true }),
    () => ({ kind: 'giant-url', chunks: [head([`GET ${path}?q=${'q'.repeat(9000 + rng.int(20_000))} HTTP/1.1`, 'Host: x', a, 'Connection: close'])], end: true }),
    () => ({ kind: 'header-bytes', chunks: [head([`GET ${path} HTTP/1.1`, 'Host: x', a, rng.pick(['X-Nul: a\0b', 'NoColonHere', ': empty-name', 'X-Fold: a\r\n folded', 'X-Bad\u00ff: v', 'Authorization: Bearer \u00ff\u00fe', `Authorization: Bearer ${randomBytes(8).toString('latin1')}`]), 'Connection: close'])], end: true }),
    () => ({ kind: 'request-line', chunks: [head([rng.pick([`FOO ${path} HTTP/1.1`, `get ${path} HTTP/1.1`, `GET ${path} HTTP/9.9`, `GET ${path}`, `GET http://evil.example${path} HTTP/1.1`, 'OPTIONS * HTTP/1.1', `GET ${path}\u00e9\u00ff HTTP/1.1`, `GET ${path} x HTTP/1.1`, `GET /%ZZ${path} HTTP/1.1`, 'CONNECT 127.0.0.1:22 HTTP/1.1', `PRI * HTTP/2.0`, `GET ${path} HTTP/1.0`, 'GET  HTTP/1.1', `\u0000GET ${path} HTTP/1.1`]), 'Host: x', a, 'Connection: close'])], end: true }),
    () => ({ kind: 'no-host', chunks: [head([`GET ${path} HTTP/1.1`, a, 'Connection: close'])], end: true }),
    () => ({ kind: 'pipelined-garbage', chunks: [head([`GET /healthz HTTP/1.1`, 'Host: x']) + randomBytes(64 + rng.int(512)).toString('latin1')], end: true }),
    () => ({ kind: 'binary-noise', chunks: [randomBytes(16 + rng.int(4096))], end: true }),
    () => ({ kind: 'ws-upgrade-bad', chunks: [head([`GET ${rng.pick(['/v1/chat/ws', path])} HTTP/1.1`, 'Host: x', a, 'Upgrade: websocket', 'Connection: Upgrade', rng.pick(['Sec-WebSocket-Version: 8', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: abc']), rng.pick(['', 'Sec-WebSocket-Key: short', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='])].filter(Boolean))], end: true }),
  ];
  return rng.pick(cases)();
}

/** A body trickled one byte at a time: the server must close it at its body timeout. */
export function slowCase(path: string, auth: string, gapMs: number, bytes: number): RawCase {
  const chunks: string[] = [`POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: ${bytes + 10}\r\n\r\n`];
  for (let i = 0; i < bytes; i++) chunks.push(i === 0 ? '{' : ' ');
  return { kind: 'slow-body', chunks, end: false, gapMs };
}

/** Headers never finished (slowloris): the server must close at its headers timeout. */
export function slowHeadersCase(path: string, gapMs: number, lines: number): RawCase {
  const chunks: string[] = [`GET ${path} HTTP/1.1\r\n`];
  for (let i = 0; i < lines; i++) chunks.push(`X-Slow-${i}: v\r\n`);
  return { kind: 'slow-headers', chunks, end: false, gapMs };
}

/** A WebSocket frame, masked as a client must (unless `unmasked`). */
export function wsFrame(opcode: number, payload: Buffer, options: { fin?: boolean; rsv?: number; unmasked?: boolean; declaredLength?: bigint } = {}): Buffer {
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  const length = options.declaredLength ?? BigInt(payload.length);
  const maskBit = options.unmasked ? 0 : 0x80;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, maskBit | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = maskBit | 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (options.unmasked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i] = masked[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

/** Frames that break the WebSocket protocol itself (sent after a valid handshake). */
export function badWsFrames(rng: Rng): { kind: string; frames: Buffer[] } {
  const text = (s: string) => Buffer.from(s, 'utf8');
  const cases: Array<() => { kind: string; frames: Buffer[] }> = [
    () => ({ kind: 'ws-unmasked', frames: [wsFrame(1, text('{"type":"ping"}'), { unmasked: true })] }),
    () => ({ kind: 'ws-rsv-bits', frames: [wsFrame(1, text('{"type":"ping"}'), { rsv: 1 + rng.int(7) })] }),
    () => ({ kind: 'ws-bad-opcode', frames: [wsFrame(rng.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), text('x'))] }),
    () => ({ kind: 'ws-invalid-utf8', frames: [wsFrame(1, Buffer.from([0x7b, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x7d]))] }),
    () => ({ kind: 'ws-big-control', frames: [wsFrame(9, Buffer.alloc(200, 1))] }),
    () => ({ kind: 'ws-fragmented-control', frames: [wsFrame(9, text('p'), { fin: false })] }),
    () => ({ kind: 'ws-orphan-continuation', frames: [wsFrame(0, text('{"type":"ping"}'))] }),
    () => ({ kind: 'ws-huge-length', frames: [wsFrame(1, text('{'), { declaredLength: rng.pick([2n ** 63n - 1n, 2n ** 40n, 9n * 1024n * 1024n]) })] }),
    () => ({ kind: 'ws-bad-close-code', frames: [wsFrame(8, Buffer.from([0x03, 0xe7]))] }),
    () => ({ kind: 'ws-close-one-byte', frames: [wsFrame(8, Buffer.from([0x03]))] }),
    () => ({ kind: 'ws-interleaved', frames: [wsFrame(1, text('{"type":'), { fin: false }), wsFrame(1, text('"ping"}'))] }),
  ];
  return rng.pick(cases)();
}

/** Text frames whose content is wrong for the chat protocol (valid WebSocket). */
export function badWsMessages(rng: Rng, model: string): string {
  const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
  return rng.pick([
    '',
    'not json',
    '{',
    '{"type":"chat"}',
    '{"type":"chat","message":""}',
    `{"type":"chat","message":"hi\u0000"}`,
    '{"type":"chat","message":"\\ud800"}',
    `{"type":"chat","message":${nest(5000)}}`,
    `{"type":"chat","message":"hi","max_tokens":1e309}`,
    `{"type":"chat","message":"hi","max_tokens":-0,"model":"${model}"}`,
    `{"type":"chat","message":"hi","temperature":"hot"}`,
    '{"type":"chat","messages":[{"role":"nope","content":42}]}',
    '{"type":"chat","message":"hi","images":[{"media_type":"image/png"}]}',
    '{"type":"chat","message":"hi","images":[{"media_type":"image/png","data":"!!!!"}]}',
    '{"type":"cancel","id":{}}',
    '{"type":"cancel"}',
    '{"type":"ping","extra":1}',
    '{"type":"__proto__"}',
    '{"type":"manga.chat","message":1e309}',
    '{"type":"manga.chat","message":"\\u0000","session_id":"\\ud800"}',
    '{"type":"manga.chat"}',
    `{"type":"chat","message":"${'m'.repeat(100_000)}"}`,
    '{"type":"chat","type":"ping"}',
    nest(10_000),
    'null',
    '[]',
    '{"type":null}',
  ]);
}
