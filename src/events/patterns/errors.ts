import { ValidationError, defineCodes } from '../../kernel/index.ts';

export const PATTERN_CODES = defineCodes({
  EVENT_PATTERN_INVALID: {
    status: 400,
    description: 'An event pattern breaks EventBridge pattern grammar; the message names the offending path.',
  },
  EVENT_INVALID: {
    status: 400,
    description: 'An event to match is not a JSON object (EventBridge: "Parameter Event is not valid.").',
  },
});

/** The path shown when the fault is the pattern as a whole. */
export const ROOT_PATH = '<root>';

/**
 * Builds the single error every pattern fault becomes. The reason text follows
 * EventBridge's own wording (InvalidEventPatternException), prefixed by the path.
 */
export function patternError(path: string, reason: string, extra: Record<string, unknown> = {}): ValidationError {
  const where = path === '' ? ROOT_PATH : path;
  return new ValidationError('EVENT_PATTERN_INVALID', `${where}: ${reason}`, {
    details: { path: where, reason, ...extra },
  });
}
