import type { IrRequest } from '../../ir/types.ts';
import type { TargetInfo } from '../types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import type { Json } from './json.ts';

/**
 * What a translating builder does with `IrRequest.extra`: a builder of the
 * client's own dialect forwards the fields verbatim (same wire names, same
 * meaning); any other refuses the first one with a 400 naming it — a field
 * the IR does not model cannot be carried faithfully to another dialect.
 * Values that ask for nothing the target does not already do (OpenAI
 * `store: false`: no provider the gateway translates to stores answers)
 * need no refusal.
 */
export function carryExtra(request: IrRequest, dialect: string, target: TargetInfo): Json {
  const extra = request.extra ?? {};
  if (request.origin === dialect) return { ...extra };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || value === null || harmless(key, value)) continue;
    throw new UnsupportedFieldError(key, target, `the gateway cannot carry this ${request.origin ?? 'client'} field to a ${dialect} provider`);
  }
  return {};
}

const harmless = (key: string, value: unknown): boolean => key === 'store' && value === false;
