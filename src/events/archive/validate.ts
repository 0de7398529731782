import { ValidationError, isHashiError } from '../../kernel/index.ts';
import { validatePattern } from '../patterns/index.ts';
import type { ArchiveDefinition } from '../types.ts';

/** An archive after validation. */
export interface Archive {
  name: string;
  bus: string;
  pattern?: Record<string, unknown>;
  /** 0: kept forever. */
  retentionDays: number;
  description?: string;
}

export const DEFAULT_RETENTION_DAYS = 30;
// An archive of another account than events.account is stored as `<account>/<name>`.
const NAME = /^(\d{12}\/)?[.\-_A-Za-z0-9]{1,48}$/;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const invalid = (message: string, field: string) => new ValidationError('EVENT_ARCHIVE_INVALID', `${field}: ${message}`, { details: { field } });

export function validateArchive(raw: unknown, hasBus: (name: string) => boolean): Archive {
  if (!isObject(raw)) throw invalid('an archive must be an object', '(root)');
  const def = raw as unknown as ArchiveDefinition;
  if (typeof def.ArchiveName !== 'string' || !NAME.test(def.ArchiveName)) throw invalid('must be 1-48 of letters, digits, ".", "-" or "_"', 'ArchiveName');
  const bus = def.EventBusName ?? 'default';
  if (typeof bus !== 'string' || !hasBus(bus)) {
    throw new ValidationError('EVENT_BUS_NOT_FOUND', `EventBusName: event bus ${String(bus)} does not exist`, { details: { field: 'EventBusName' } });
  }
  const retention = def.RetentionDays ?? DEFAULT_RETENTION_DAYS;
  if (typeof retention !== 'number' || !Number.isInteger(retention) || retention < 0) throw invalid('must be a whole number of days (0 keeps events forever)', 'RetentionDays');
  const archive: Archive = { name: def.ArchiveName, bus, retentionDays: retention };
  if (def.Description !== undefined) {
    if (typeof def.Description !== 'string' || def.Description.length > 512) throw invalid('must be a string of at most 512 characters', 'Description');
    archive.description = def.Description;
  }
  if (def.EventPattern !== undefined && def.EventPattern !== null) {
    let pattern: unknown = def.EventPattern;
    try {
      if (typeof pattern === 'string') pattern = JSON.parse(pattern) as unknown;
      validatePattern(pattern);
    } catch (err) {
      const message = isHashiError(err) ? err.message : 'Event pattern is not valid JSON';
      // The pattern's own code (EVENT_PATTERN_INVALID, or JSON_TOO_DEEP), as rules report it.
      throw new ValidationError(isHashiError(err) ? err.code : 'EVENT_PATTERN_INVALID', `EventPattern: ${message}`, { details: { field: 'EventPattern', ...(isHashiError(err) && isObject(err.details) ? err.details : {}) } });
    }
    archive.pattern = pattern as Record<string, unknown>;
  }
  return archive;
}
