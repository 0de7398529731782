import { PermanentError } from '../../../kernel/index.ts';

/** Reads a handled event's detail; a missing field is permanent (a retry gets the same event). */
export class Detail {
  constructor(
    private readonly d: Record<string, unknown>,
    private readonly what: string,
  ) {}

  str(field: string): string {
    const v = this.d[field];
    if (typeof v !== 'string' || v === '') throw new PermanentError(`${this.what} without ${field}`, { code: 'MANGA_EVENT_INVALID' });
    return v;
  }

  optStr(field: string): string | undefined {
    const v = this.d[field];
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  num(field: string): number {
    const v = this.d[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new PermanentError(`${this.what} without a numeric ${field}`, { code: 'MANGA_EVENT_INVALID' });
    return v;
  }

  optNum(field: string): number | undefined {
    const v = this.d[field];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }

  raw(field: string): unknown {
    return this.d[field];
  }
}
