import { transformError } from './errors.ts';
import { evaluateJsonPath, parseJsonPath, type JsonPath } from './json-path.ts';
import { RESERVED_VARIABLES, reservedValue, type TransformContext } from './reserved.ts';
import { parseTemplate, renderValue, type ParsedTemplate } from './template.ts';

export const MAX_VARIABLES = 100;
const KEY = /^[A-Za-z0-9_-]{1,256}$/;

export interface InputTransformerSpec {
  /** Variable name → JSONPath into the event (at most 100). */
  inputPathsMap?: Record<string, string>;
  inputTemplate: string;
}

export interface CompiledTransformer {
  readonly template: ParsedTemplate;
  readonly paths: ReadonlyMap<string, JsonPath>;
}

function compilePaths(map: Record<string, string>): Map<string, JsonPath> {
  const invalid = (message: string, key: string) => transformError('INPUT_TRANSFORMER_INVALID', message, { variable: key });
  const entries = Object.entries(map);
  if (entries.length > MAX_VARIABLES) {
    throw transformError('INPUT_TRANSFORMER_INVALID', `InputPathsMap has ${entries.length} variables; at most ${MAX_VARIABLES} are allowed`);
  }
  const paths = new Map<string, JsonPath>();
  for (const [key, path] of entries) {
    if (RESERVED_VARIABLES.has(key)) throw invalid(`InputPathsMap variable ${key} is a reserved name`, key);
    if (key.toLowerCase().startsWith('aws.')) throw invalid(`InputPathsMap variable ${key} cannot start with "aws."`, key);
    if (!KEY.test(key)) throw invalid(`InputPathsMap variable ${JSON.stringify(key)} must be 1-256 letters, digits, _ or -`, key);
    if (typeof path !== 'string') throw invalid(`InputPathsMap variable ${key} must map to a JSONPath string`, key);
    paths.set(key, parseJsonPath(path));
  }
  return paths;
}

/** Validates an InputTransformer once (as PutTargets would) and prepares it for rendering. */
export function compileTransformer(spec: InputTransformerSpec): CompiledTransformer {
  const paths = compilePaths(spec.inputPathsMap ?? {});
  return { template: parseTemplate(spec.inputTemplate, new Set(paths.keys())), paths };
}

/**
 * The text the target receives. Missing paths render as `""` in JSON value
 * positions and as nothing inside strings or plain-text templates; JSON
 * templates come out minified. Throws (and the delivery is dead-lettered)
 * when an object or list lands inside a JSON string.
 */
export function renderTransformer(compiled: CompiledTransformer, event: unknown, context: TransformContext = {}): string {
  const { json, pieces } = compiled.template;
  const out = pieces
    .map((p) => {
      if (p.kind === 'text') return p.text;
      const path = compiled.paths.get(p.name);
      const value = path === undefined ? reservedValue(p.name, event, context) : evaluateJsonPath(path, event);
      return renderValue(value, json, p.inString, p.name);
    })
    .join('');
  return json ? JSON.stringify(JSON.parse(out)) : out;
}

/** One-shot convenience: compile and render. */
export function transformInput(spec: InputTransformerSpec, event: unknown, context: TransformContext = {}): string {
  return renderTransformer(compileTransformer(spec), event, context);
}
