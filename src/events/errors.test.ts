import { describe, expect, it } from 'vitest';
import { HTTP_CODES } from '../http/index.ts';
import { KERNEL_CODES } from '../kernel/index.ts';
import { BUS_CODES, ENTRY_ERRORS, EVENTS_CODES } from './errors.ts';

describe('event bus error codes', () => {
  it('are UPPER_SNAKE, documented, and clash with no kernel or HTTP code', () => {
    for (const [code, spec] of Object.entries(EVENTS_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(spec.description.length).toBeGreaterThan(10);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(Object.keys({ ...KERNEL_CODES, ...HTTP_CODES })).not.toContain(code);
    }
  });

  it('document every per-entry ErrorCode, EventBridge names and three Hashi ones', () => {
    const hashiOwn = Object.keys(ENTRY_ERRORS).filter((c) => /^[A-Z_]+$/.test(c));
    expect(hashiOwn.sort()).toEqual(['EVENT_BUS_NOT_FOUND', 'EVENT_LOOP_REFUSED', 'EVENT_SCHEMA_VIOLATION']);
    expect(Object.keys(BUS_CODES)).toContain('EVENT_BUS_NOT_FOUND');
  });
});
