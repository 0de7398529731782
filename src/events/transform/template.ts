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

/** Text for one value: JSON outside strings, escaped inside them, raw in plain templates. */
export function renderValue(value: unknown, json: boolean, inString: boolean): string {
  if (json && !inString) return value === undefined ? 'null' : JSON.stringify(value);
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return json ? JSON.stringify(text).slice(1, -1) : text;
}
