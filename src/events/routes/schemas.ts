import { anyJson, openObject } from '../../http/index.ts';

/** Response schemas of the admin event routes, shaped as EventBridge's (types.ts). Open objects: nothing is dropped. */
const str = { type: 'string' } as const;
const time = { type: 'string', description: 'ISO 8601' } as const;
const origin = { enum: ['default', 'config', 'api'], description: '`config` comes from hashi.yaml and is changed only there.' } as const;

export const ruleSchema = openObject(
  {
    Name: str,
    EventBusName: str,
    Arn: str,
    Description: str,
    EventPattern: { ...anyJson, description: 'The event pattern (absent for schedules).' },
    ScheduleExpression: str,
    ScheduleExpressionTimezone: str,
    State: { enum: ['ENABLED', 'DISABLED'] },
    Targets: { type: 'array', items: openObject({ Id: str, Arn: str }) },
    Origin: origin,
    CreatedAt: time,
    UpdatedAt: time,
  },
  { title: 'EventRule' },
);

export const archiveSchema = openObject(
  { ArchiveName: str, EventBusName: str, EventPattern: anyJson, RetentionDays: { type: 'number', description: '0 keeps events forever.' }, Description: str, Origin: origin, CreatedAt: time, EventCount: { type: 'number' } },
  { title: 'EventArchive' },
);

export const replaySchema = openObject(
  {
    ReplayName: str,
    ArchiveName: str,
    EventBusName: str,
    EventStartTime: time,
    EventEndTime: time,
    Rules: { type: 'array', items: str },
    State: { enum: ['STARTING', 'RUNNING', 'CANCELLING', 'CANCELLED', 'COMPLETED', 'FAILED'] },
    StateReason: str,
    EventsReplayed: { type: 'number' },
    EventLastReplayedTime: time,
    ReplayStartTime: time,
    ReplayEndTime: time,
  },
  { title: 'EventReplay' },
);

export const envelopeSchema = openObject(
  {
    version: str,
    id: str,
    'detail-type': str,
    source: str,
    account: str,
    time,
    region: str,
    resources: { type: 'array', items: str },
    detail: { type: 'object', additionalProperties: true },
    'replay-name': str,
  },
  { title: 'EventEnvelope', description: "EventBridge's event envelope, as stored and delivered." },
);

export const schemaDefinitionSchema = openObject({
  source: str,
  detailType: str,
  schema: { type: 'object', additionalProperties: true, description: 'JSON Schema of `detail`.' },
  enforce: { type: 'boolean', description: 'true: violating entries are refused; false: counted and logged only.' },
});

export const deadDeliverySchema = openObject({
  JobId: str,
  Rule: str,
  EventBusName: str,
  Target: str,
  TargetArn: str,
  EventId: str,
  ErrorCode: str,
  ErrorMessage: str,
  Reason: { enum: ['permanent', 'exhausted', 'expired', 'lease_expired'] },
  Attempts: { type: 'integer' },
  DeadAt: time,
  Event: { ...anyJson, description: 'The event as the target would have received it.' },
});
