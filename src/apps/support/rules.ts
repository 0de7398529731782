import type { RuleDefinition } from '../../events/index.ts';
import { SUPPORT_SOURCE, TICKET_CREATED } from './events.ts';
import type { SupportSettings } from './settings.ts';
import { PURGE_FUNCTION } from './workflow/purge.ts';
import { START_FUNCTION } from './workflow/start.ts';

export const SOLVE_RULE = 'support-solve-ticket';
export const PURGE_RULE = 'support-purge-tickets';

/**
 * The app's rules on the default bus, put on every start. A rule of the same
 * name in hashi.yaml (events.rules) wins: the app leaves it alone.
 */
export function supportRules(settings: SupportSettings): RuleDefinition[] {
  return [
    {
      Name: SOLVE_RULE,
      Description: 'Support Desk: start the solution workflow for every new ticket.',
      EventPattern: { source: [SUPPORT_SOURCE], 'detail-type': [TICKET_CREATED] },
      Targets: [{ Id: 'start-solution', Arn: `function:${START_FUNCTION}`, RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 3600 } }],
    },
    {
      Name: PURGE_RULE,
      Description: 'Support Desk: fail stuck tickets and delete expired ones.',
      ScheduleExpression: settings.purgeSchedule,
      Targets: [{ Id: 'purge', Arn: `function:${PURGE_FUNCTION}` }],
    },
  ];
}
