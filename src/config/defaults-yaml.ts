import { configSchema } from './schema.ts';

interface SchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: unknown;
}

/**
 * Renders every setting with its default and one-line comment, from the
 * schema itself, so hashi.default.yaml cannot drift from what is validated.
 */
export function renderDefaultsYaml(): string {
  const lines = ['# hashi.default.yaml — every setting, its default, and what it does.', '# Generated from src/config/schema.ts by `hashi config defaults`; do not edit by hand.', ''];
  renderObject(configSchema as unknown as SchemaNode, 0, lines);
  return lines.join('\n') + '\n';
}

function renderObject(node: SchemaNode, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (child.description) lines.push(`${indent}# ${child.description}`);
    if (child.properties && Object.keys(child.properties).length > 0) {
      lines.push(`${indent}${name}:`);
      renderObject(child, depth + 1, lines);
    } else {
      lines.push(`${indent}${name}: ${renderValue(child.default ?? (child.type === 'object' ? {} : null), depth)}`);
    }
    if (depth === 0) lines.push('');
  }
}

function renderValue(value: unknown, depth: number): string {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    return JSON.stringify(value);
  }
  void depth;
  return JSON.stringify(value);
}
