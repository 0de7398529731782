import pino, { type Logger, type LoggerOptions } from 'pino';
import { CREDENTIAL_NAMES, redactHeaders, redactUrl } from '../kernel/index.ts';

export type { Logger };

export interface LoggerSettings {
  level: string;
  /** Where to write; defaults to stdout. Tests pass a stream to capture lines. */
  destination?: NodeJS.WritableStream;
}

type Line = Record<string, unknown>;
const isRecord = (v: unknown): v is Line => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every line passes through the kernel's one redaction before it is written:
 * a `headers` object (also `req.headers`) goes through `redactHeaders`, a
 * `url` (also `req.url`) through `redactUrl`, so a careless
 * `log.info({ headers, url })` never prints an API key, an admin key or a
 * whole signature, whatever the spelling of the header or parameter.
 */
function redactLine(line: Line): Line {
  let out = line;
  const patch = (key: string, value: unknown) => {
    if (out === line) out = { ...line };
    out[key] = value;
  };
  if (isRecord(line.headers)) patch('headers', redactHeaders(line.headers as Record<string, string>));
  if (typeof line.url === 'string') patch('url', redactUrl(line.url));
  if (isRecord(line.req)) {
    const req: Line = { ...line.req };
    if (isRecord(req.headers)) req.headers = redactHeaders(req.headers as Record<string, string>);
    if (typeof req.url === 'string') req.url = redactUrl(req.url);
    patch('req', req);
  }
  return out;
}

/** JSON logs, redacted as above; secret-bearing fields elsewhere are redacted by path. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: 'hashi' },
    formatters: { log: redactLine },
    redact: {
      // The same header list one level down (e.g. `{ request: { headers } }`), and fields named like secrets.
      paths: [...CREDENTIAL_NAMES.secrets.map((h) => `*.headers["${h}"]`), '*.secret', '*.secrets', '*.apiKey', 'key'],
      censor: '[redacted]',
    },
  };
  return settings.destination
    ? pino(options, settings.destination as pino.DestinationStream)
    : pino(options);
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
