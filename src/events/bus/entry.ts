import { assertJsonDepth, textProblem } from '../../kernel/index.ts';
import type { EntryErrorCode } from '../errors.ts';
import { CHAIN_DEPTH } from './chain.ts';
import { MAX_ENTRY_BYTES, entrySize } from './entry-size.ts';
import { resolveBusName } from './namespace.ts';

/** A PutEvents entry that passed the per-entry checks. */
export interface NormalizedEntry {
  bus: string;
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources: string[];
  /** ms epoch, truncated to the second as EventBridge keeps it. */
  time: number;
}

export type EntryCheck = { ok: true; entry: NormalizedEntry } | { ok: false; code: EntryErrorCode; message: string };

const MAX_DETAIL_TYPE = 128;
const MAX_SOURCE = 256;

const invalid = (param: string, reason: string): EntryCheck => ({
  ok: false,
  code: 'InvalidArgument',
  message: `Parameter ${param} is not valid. Reason: ${reason}`,
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseDetail(detail: unknown): Record<string, unknown> | undefined {
  if (isObject(detail)) return detail;
  if (typeof detail !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail) as unknown;
  } catch {
    return undefined;
  }
  // Not a per-entry refusal: a Detail this deep is a 400 for the whole call, as the same
  // object sent inline in the body is (the edge's limit), before any entry is processed further.
  assertJsonDepth(parsed, 'Detail');
  return isObject(parsed) ? parsed : undefined;
}

/** The first of the entry's text fields that no store can keep as text, with why. */
function badText(fields: Record<string, unknown>): { param: string; problem: string } | undefined {
  for (const [param, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      const problem = typeof v === 'string' ? textProblem(v) : undefined;
      if (problem !== undefined) return { param, problem };
    }
  }
  return undefined;
}

function parseTime(time: unknown, now: number): number | undefined {
  if (time === undefined || time === null) return now;
  let ms: number;
  if (time instanceof Date) ms = time.getTime();
  // The AWS JSON protocol sends timestamps as epoch seconds.
  else if (typeof time === 'number') ms = time * 1000;
  else if (typeof time === 'string') ms = Date.parse(time);
  else return undefined;
  return Number.isFinite(ms) ? ms : undefined;
}


/**
 * Checks one entry the way EventBridge does, entry by entry, so one bad entry
 * never fails the others. `hasBus` says which buses exist; the bus itself may
 * forward `aws.*` events (scheduled events) that publishers may not send.
 */
export function checkEntry(raw: unknown, now: number, hasBus: (name: string) => boolean, allowReservedSource = false, systemAccount = '000000000000'): EntryCheck {
  if (!isObject(raw)) return invalid('Entry', 'an entry must be an object.');
  const { Source, DetailType, Detail, Resources, Time, EventBusName } = raw;
  if (typeof Source !== 'string' || Source.length === 0) return invalid('Source', 'Source is a required argument.');
  if (Source.length > MAX_SOURCE) return invalid('Source', `Source is longer than ${MAX_SOURCE} characters.`);
  if (Source.startsWith('aws.') && !allowReservedSource) {
    return { ok: false, code: 'NotAuthorizedForSourceException', message: `Not authorized for the source ${Source}: sources starting with "aws." are reserved.` };
  }
  if (typeof DetailType !== 'string' || DetailType.length === 0) return invalid('DetailType', 'DetailType is a required argument.');
  if (DetailType.length > MAX_DETAIL_TYPE) return invalid('DetailType', `DetailType is longer than ${MAX_DETAIL_TYPE} characters.`);
  if (Detail === undefined || Detail === null) return invalid('Detail', 'Detail is a required argument.');
  // Before entrySize's JSON.stringify of an inline Detail, which a deep enough one overflows.
  if (typeof Detail === 'object') assertJsonDepth(Detail, 'Detail');
  const text = badText({ Source, DetailType, EventBusName, Resources });
  if (text) return invalid(text.param, `${text.param} ${text.problem}.`);
  if (Resources !== undefined && (!Array.isArray(Resources) || Resources.some((r) => typeof r !== 'string'))) {
    return invalid('Resources', 'Resources must be a list of strings.');
  }
  const time = parseTime(Time, now);
  if (time === undefined) return invalid('Time', 'Time must be an ISO 8601 timestamp.');
  const busName = EventBusName === undefined || EventBusName === null || EventBusName === '' ? 'default' : EventBusName;
  if (typeof busName !== 'string') return invalid('EventBusName', 'EventBusName must be a string.');
  const size = entrySize(raw);
  if (size > MAX_ENTRY_BYTES) return invalid('Entry', `the entry is ${size} bytes; the limit is ${MAX_ENTRY_BYTES} (256 KB).`);
  const detail = parseDetail(Detail);
  if (!detail) return { ok: false, code: 'MalformedDetail', message: 'Detail is malformed: it must be a JSON object.' };
  const depth = detail[CHAIN_DEPTH];
  if (depth !== undefined && !(typeof depth === 'number' && Number.isInteger(depth) && depth >= 0)) {
    return invalid('Detail', `${CHAIN_DEPTH} is reserved for the loop guard and must be a non-negative integer.`);
  }
  const bus = resolveBusName(systemAccount, busName);
  if (!hasBus(bus)) return { ok: false, code: 'EVENT_BUS_NOT_FOUND', message: `Event bus ${bus} does not exist.` };
  return {
    ok: true,
    entry: { bus, source: Source, detailType: DetailType, detail, resources: (Resources as string[] | undefined) ?? [], time: Math.floor(time / 1000) * 1000 },
  };
}
