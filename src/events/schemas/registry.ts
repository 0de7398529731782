import type { ValidateFunction } from 'ajv';
import { ValidationError, createAjv, formatIssues, toIssues, type SchemaIssue } from '../../kernel/index.ts';
import type { SchemaDefinition } from '../types.ts';

export type SchemaCheck = { ok: true } | { ok: false; enforced: boolean; issues: SchemaIssue[]; message: string };

interface Entry {
  definition: SchemaDefinition;
  validate: ValidateFunction;
}

const key = (source: string, detailType: string) => `${source}\u0000${detailType}`;

/**
 * JSON Schemas for `detail`, per (source, detail-type), compiled once. An
 * enforced schema refuses violating entries; the others only report them.
 */
export class SchemaRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(definitions: SchemaDefinition[]) {
    const ajv = createAjv();
    definitions.forEach((definition, i) => {
      const k = key(definition.source, definition.detailType);
      if (this.entries.has(k)) {
        throw new ValidationError('EVENT_SCHEMA_INVALID', `events.schemas[${i}]: a schema for (${definition.source}, ${definition.detailType}) is already defined`);
      }
      let validate: ValidateFunction;
      try {
        validate = ajv.compile(definition.schema);
      } catch (err) {
        throw new ValidationError('EVENT_SCHEMA_INVALID', `events.schemas[${i}] (${definition.source}, ${definition.detailType}): ${(err as Error).message}`, { cause: err });
      }
      this.entries.set(k, { definition, validate });
    });
  }

  check(source: string, detailType: string, detail: Record<string, unknown>): SchemaCheck {
    const entry = this.entries.get(key(source, detailType));
    if (!entry || entry.validate(detail)) return { ok: true };
    const issues = toIssues(entry.validate.errors).map((i) => ({ ...i, path: i.path === '(root)' ? 'detail' : `detail.${i.path}` }));
    return {
      ok: false,
      enforced: entry.definition.enforce,
      issues,
      message: `Detail does not match the schema of (${source}, ${detailType}): ${formatIssues(issues)}`,
    };
  }

  list(): SchemaDefinition[] {
    return [...this.entries.values()].map((e) => e.definition);
  }
}
