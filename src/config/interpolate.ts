import { ValidationError } from '../kernel/index.ts';

const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed YAML
 * document. An unset variable without a default is an error naming the path.
 * `$${` escapes a literal `${`.
 */
export function interpolate(value: unknown, env: Readonly<Record<string, string | undefined>>, path = ''): unknown {
  if (typeof value === 'string') return interpolateString(value, env, path);
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, env, path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}

function interpolateString(text: string, env: Readonly<Record<string, string | undefined>>, path: string): string {
  const escaped = text.split('$${');
  return escaped
    .map((part) =>
      part.replace(PATTERN, (_m, name: string, fallback: string | undefined) => {
        const v = env[name];
        if (v !== undefined && v !== '') return v;
        if (fallback !== undefined) return fallback;
        throw new ValidationError('CONFIG_INVALID', `${path}: environment variable ${name} is not set`, {
          details: [{ path, message: `environment variable ${name} is not set` }],
        });
      }),
    )
    .join('${');
}
