import { ValidationError, defineCodes } from '../../kernel/index.ts';

export const SCHEDULE_CODES = defineCodes({
  SCHEDULE_INVALID: {
    status: 400,
    description: 'A schedule expression is not a valid EventBridge rate(...) or cron(...) expression.',
  },
});

export function scheduleError(expression: string, reason: string): ValidationError {
  return new ValidationError('SCHEDULE_INVALID', `Schedule expression ${JSON.stringify(expression)} is not valid: ${reason}`, {
    details: { expression, reason },
  });
}
