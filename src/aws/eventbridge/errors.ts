import { isHashiError } from '../../kernel/index.ts';
import { AwsError, isAwsError } from '../protocol/aws-error.ts';
import type { SigV4Failure } from '../sigv4/index.ts';

/** EventBridge's exception for each Hashi code (the rest of the 4xx codes are ValidationException). */
const BY_CODE: Record<string, string> = {
  EVENT_BUS_NOT_FOUND: 'ResourceNotFoundException',
  EVENT_RULE_NOT_FOUND: 'ResourceNotFoundException',
  EVENT_ARCHIVE_NOT_FOUND: 'ResourceNotFoundException',
  EVENT_REPLAY_NOT_FOUND: 'ResourceNotFoundException',
  EVENT_RULE_MANAGED: 'ManagedRuleException',
  EVENT_ARCHIVE_MANAGED: 'ManagedRuleException',
  EVENT_BUS_MANAGED: 'ManagedRuleException',
  EVENT_BUS_EXISTS: 'ResourceAlreadyExistsException',
  EVENT_ARCHIVE_EXISTS: 'ResourceAlreadyExistsException',
  EVENT_REPLAY_EXISTS: 'ResourceAlreadyExistsException',
  EVENT_PATTERN_INVALID: 'InvalidEventPatternException',
  EVENT_REPLAY_STATE: 'IllegalStatusException',
};

/** Hashi errors from the bus → EventBridge exceptions (all 400 but InternalException, as EventBridge). */
export function eventBridgeError(err: unknown): AwsError {
  if (isAwsError(err)) return err;
  // An IP rule of the edge (server.ipRules, the key's plan): refused as AWS refuses access, with the edge's 403.
  if (isHashiError(err) && err.code === 'IP_NOT_ALLOWED') return new AwsError('AccessDeniedException', err.message, 403);
  if (isHashiError(err) && err.status < 500) return new AwsError(BY_CODE[err.code] ?? 'ValidationException', err.message, 400);
  return new AwsError('InternalException', 'An internal error occurred; quote the request id when reporting it.', 500);
}

/**
 * Refused signatures, named as EventBridge (an AWS JSON 1.1 service) names
 * them: an unknown key is UnrecognizedClientException, a bad or expired
 * signature InvalidSignatureException, all 400.
 */
export function eventBridgeAuthError(failure: SigV4Failure | 'throttled' | 'internal', message: string): AwsError {
  switch (failure) {
    case 'missing':
      return new AwsError('MissingAuthenticationTokenException', message, 400);
    case 'incomplete':
      return new AwsError('IncompleteSignatureException', message, 400);
    case 'unknown-key':
      return new AwsError('UnrecognizedClientException', message, 400);
    case 'throttled':
      return new AwsError('ThrottlingException', `Rate exceeded: ${message}`, 400);
    case 'internal':
      return new AwsError('InternalException', message, 500);
    default:
      return new AwsError('InvalidSignatureException', message, 400);
  }
}
