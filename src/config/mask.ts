const SECRET_KEY = /(secret|password|passwd|token|apikey|api_key|credential|privatekey|private_key)s?$|^key$/i;
const URL_WITH_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@]+:)([^@]+)(@)/i;

/** A copy of the configuration with secret values replaced, for printing. */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => (SECRET_KEY.test(key) ? mask(v) : maskSecrets(v, '')));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskSecrets(v, k);
    return out;
  }
  if (SECRET_KEY.test(key)) return mask(value);
  if (typeof value === 'string' && URL_WITH_PASSWORD.test(value)) return value.replace(URL_WITH_PASSWORD, '$1****$3');
  return value;
}

function mask(v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return v;
  return '****';
}
