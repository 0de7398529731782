import { defineCodes } from '../kernel/index.ts';
import { PATTERN_CODES } from './patterns/index.ts';
import { SCHEDULE_CODES } from './schedules/index.ts';
import { TRANSFORM_CODES } from './transform/index.ts';

/** Errors thrown by the bus, its admin API and its delivery jobs. */
export const BUS_CODES = defineCodes({
  EVENTS_REQUEST_INVALID: { status: 400, description: 'A PutEvents call as a whole is invalid: no entries, or more than 10.' },
  EVENT_BUS_NOT_FOUND: { status: 404, description: "The named event bus does not exist (neither an account's default, in events.buses, nor created)." },
  EVENT_BUS_INVALID: { status: 400, description: 'An event bus name or description is invalid, or the bus is a default bus (which cannot be deleted).' },
  EVENT_BUS_EXISTS: { status: 409, description: 'An event bus with this name already exists.' },
  EVENT_BUS_MANAGED: { status: 409, description: 'The event bus comes from hashi.yaml (events.buses); change it there.' },
  EVENT_BUS_IN_USE: { status: 409, description: 'The event bus still has rules; delete them first (as EventBridge requires).' },
  EVENT_RULE_INVALID: { status: 400, description: 'A rule definition is invalid; the message names the field (patterns: the offending path).' },
  EVENT_RULE_NOT_FOUND: { status: 404, description: 'No rule with this name on this bus.' },
  EVENT_RULE_MANAGED: { status: 409, description: 'The rule comes from hashi.yaml; change it there.' },
  EVENT_TARGET_INVALID: { status: 400, description: 'A target is invalid: Id, Arn, input options or RetryPolicy.' },
  EVENT_TARGET_KIND_UNKNOWN: { status: 400, description: "A target's Arn names a kind no capability registered (function, bus, queue, http, …)." },
  EVENT_FUNCTION_UNKNOWN: { status: 400, description: 'A function target names a function no application registered.' },
  EVENT_TARGET_UNAVAILABLE: { status: 503, description: 'Delivery found no handler for the target on this worker; it is retried.' },
  EVENT_DELIVERY_REFUSED: { status: 422, description: 'A bus target refused the forwarded event (e.g. loop guard); it goes to the DLQ.' },
  EVENT_ARCHIVE_INVALID: { status: 400, description: 'An archive definition is invalid.' },
  EVENT_ARCHIVE_NOT_FOUND: { status: 404, description: 'No archive with this name.' },
  EVENT_ARCHIVE_MANAGED: { status: 409, description: 'The archive comes from hashi.yaml; remove it there first.' },
  EVENT_ARCHIVE_EXISTS: { status: 409, description: 'An archive with this name already exists.' },
  EVENT_REPLAY_INVALID: { status: 400, description: 'A replay request is invalid (window, rules, name).' },
  EVENT_REPLAY_EXISTS: { status: 409, description: 'A replay with this name already exists.' },
  EVENT_REPLAY_NOT_FOUND: { status: 404, description: 'No replay with this name.' },
  EVENT_REPLAY_STATE: { status: 409, description: 'The replay cannot be cancelled in its state (COMPLETED, FAILED or CANCELLED).' },
  EVENT_SCHEMA_INVALID: { status: 400, description: 'A schema in events.schemas is not a valid JSON Schema.' },
  EVENT_NOT_FOUND: { status: 404, description: 'No stored event with this id (it may have been purged).' },
});

/**
 * Per-entry `ErrorCode`s of a PutEvents result. EventBridge's own codes where
 * EventBridge performs the same check (so its clients read them the same way),
 * Hashi codes for Hashi's own checks.
 */
export const ENTRY_ERRORS = defineCodes({
  InvalidArgument: { status: 400, description: 'EventBridge: a parameter of the entry is missing or invalid (Source, DetailType, Resources, Time, size > 256 KB).' },
  MalformedDetail: { status: 400, description: 'EventBridge: Detail is not a JSON object.' },
  NotAuthorizedForSourceException: { status: 403, description: 'EventBridge: sources starting with "aws." are reserved.' },
  InternalFailure: { status: 500, description: 'EventBridge: the entry could not be processed.' },
  EVENT_BUS_NOT_FOUND: { status: 404, description: 'Hashi: EventBusName names no configured bus.' },
  EVENT_SCHEMA_VIOLATION: { status: 400, description: 'Hashi: Detail violates the enforced schema of its (source, detail-type); the message lists the errors.' },
  EVENT_LOOP_REFUSED: { status: 422, description: 'Hashi: the entry would exceed events.maxChainDepth (a likely event loop).' },
});

export type EntryErrorCode = keyof typeof ENTRY_ERRORS;

/** Every code of the events capability, for the documentation table. */
export const EVENTS_CODES = defineCodes({ ...BUS_CODES, ...PATTERN_CODES, ...SCHEDULE_CODES, ...TRANSFORM_CODES });
