import { ValidationError } from '../../../kernel/index.ts';

/** Where a page of the newest-first listing stopped: the last ticket's (created_at, id). */
export interface Cursor {
  createdAt: number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt}:${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const m = /^(\d{1,15}):(tkt_[0-9a-z]{26})$/.exec(decoded);
  if (!m) throw new ValidationError('CURSOR_INVALID', 'cursor is not one this API returned');
  return { createdAt: Number(m[1]), id: m[2]! };
}
