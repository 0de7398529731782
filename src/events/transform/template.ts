import { assertJsonDepth } from '../../kernel/index.ts';
import { transformError } from './errors.ts';
import { JSON_VALUE_ONLY, RESERVED_VARIABLES } from './reserved.ts';

export const MAX_TEMPLATE_LENGTH = 8192;

export type Piece = { kind: 'text'; text: string } | { kind: 'var'; name: string; inString: boolean };

export interface ParsedTemplate {
  /** A template that is a JSON object: values are inserted as JSON, and the output is minified JSON. */
  json: boolean;
  pieces: Piece[];
}

const PLACEHOLDER = /^<([A-Za-z0-9_.\-]+)>/;

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  transformError('INPUT_TRANSFORMER_INVALID', message, details);

/** Splits a template into text and `<placeholder>` pieces, noting which sit inside JSON strings. */
function tokenize(template: string, json: boolean): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch === '<') {
      const m = PLACEHOLDER.exec(template.slice(i));
      if (m !== null) {
        if (text !== '') pieces.push({ kind: 'text', text });
        text = '';
        pieces.push({ kind: 'var', name: m[1] as string, inString: json && inString });
        i += m[0].length - 1;
        continue;
      }
    }
    text += ch;
    if (!json) continue;
    if (inString && ch === '\\') {
      text += template[i + 1] ?? '';
      i++;
    } else if (ch === '"') inString = !inString;
  }
  if (text !== '') pieces.push({ kind: 'text', text });
  return pieces;
}

/** Renders with stand-in values so the JSON shape can be checked once, at configuration time. */
function checkJsonShape(pieces: Piece[]): void {
  const filled = pieces.map((p) => (p.kind === 'text' ? p.text : p.inString ? '' : 'null')).join('');
  let parsed: unknown;
  try {
    parsed = JSON.parse(filled);
  } catch (err) {
    throw invalid(`InputTemplate is not valid JSON once placeholders are filled: ${(err as Error).message}`);
  }
  // Every rendering re-serialises the filled template (JSON.stringify is recursive).
  assertJsonDepth(parsed, 'InputTemplate');
}

function checkPlaceholders(pieces: Piece[], json: boolean, variables: ReadonlySet<string>): void {
  pieces.forEach((p, i) => {
    if (p.kind !== 'var') return;
    if (!variables.has(p.name) && !RESERVED_VARIABLES.has(p.name)) {
      throw invalid(`InputTemplate contains invalid placeholder ${p.name}.`, { placeholder: p.name });
    }
    if (JSON_VALUE_ONLY.has(p.name) && (!json || p.inString)) {
      throw invalid(`InputTemplate contains placeholder ${p.name} valid only for JSON template.`, { placeholder: p.name });
    }
    const next = pieces[i + 1];
    if (json && !p.inString && next?.kind === 'text' && /^\s*:/.test(next.text)) {
      throw invalid(`InputTemplate uses placeholder ${p.name} as an object key; placeholders can only be values.`, { placeholder: p.name });
    }
  });
}

/**
 * Parses and checks an InputTemplate against the variables InputPathsMap
 * defines. A template whose trimmed text is wrapped in `{ }` is a JSON template.
 */
export function parseTemplate(template: string, variables: ReadonlySet<string>): ParsedTemplate {
  if (typeof template !== 'string' || template.length === 0) throw invalid('InputTemplate must be a non-empty string');
  if (template.length > MAX_TEMPLATE_LENGTH) throw invalid(`InputTemplate is longer than ${MAX_TEMPLATE_LENGTH} characters`);
  const trimmed = template.trim();
  const json = trimmed.startsWith('{') && trimmed.endsWith('}');
  const pieces = tokenize(template, json);
  checkPlaceholders(pieces, json, variables);
  if (json) checkJsonShape(pieces);
  return { json, pieces };
}

/**
 * How EventBridge writes an object or a list into text: its JSON without any
 * quotes — `{acc_id:0a787ecb-4015,sf_id:baz}`, `[ACTIVE,INACTIVE]` (recorded
 * from AWS in LocalStack's test_input_transformer_nested_keys_replacement).
 */
export function unquoted(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(unquoted).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}:${unquoted(v)}`).join(',')}}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const isStructured = (value: unknown): boolean => value !== null && typeof value === 'object';

/**
 * Text for one value, as EventBridge renders it (AWS-validated snapshots in
 * LocalStack's test_events_inputs.py): outside quotes in a JSON template the
 * value as JSON, and a missing value as `""`; inside quotes the value's text
 * escaped, a missing value as nothing — an object or a list there is refused
 * (EventBridge delivers nothing); in a plain template strings raw, objects and
 * lists without quotes, missing as nothing.
 */
export function renderValue(value: unknown, json: boolean, inString: boolean, name = ''): string {
  if (json && !inString) return value === undefined ? '""' : JSON.stringify(value);
  if (value === undefined) return '';
  if (json && isStructured(value)) {
    throw invalid(`InputTemplate puts ${Array.isArray(value) ? 'a list' : 'an object'} (<${name}>) inside a JSON string; EventBridge delivers nothing for such an input`, { placeholder: name });
  }
  const text = typeof value === 'string' ? value : isStructured(value) ? unquoted(value) : JSON.stringify(value);
  return json ? JSON.stringify(text).slice(1, -1) : text;
}
