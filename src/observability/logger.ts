import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export interface LoggerSettings {
  level: string;
  /** Where to write; defaults to stdout. Tests pass a stream to capture lines. */
  destination?: NodeJS.WritableStream;
}

/**
 * JSON logs. Secret-bearing fields are redacted by path so a careless
 * `log.info({ headers })` never prints an API key or a signature.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: 'hashi' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["stripe-signature"]',
        'req.headers["webhook-signature"]',
        'req.headers["x-hub-signature-256"]',
        'req.headers["x-shopify-hmac-sha256"]',
        'req.headers["x-slack-signature"]',
        'headers.authorization',
        'headers["x-api-key"]',
        '*.secret',
        '*.secrets',
        '*.apiKey',
        'key',
      ],
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
