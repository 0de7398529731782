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

// Request bodies as the bus checks them (it answers EVENT_RULE_INVALID and the like, naming the field):
// the route schemas stay loose so those checks speak, and these describe the fields in the document only.
const patternOrText = { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }], description: 'An event pattern, or its JSON text.' } as const;
const targetInput = openObject(
  {
    Id: { type: 'string', description: '1–64 of [.-_A-Za-z0-9], unique in the rule.' },
    Arn: { type: 'string', description: '`function:<name>`, `bus:<name>`, `queue:<name>` (or an SQS queue ARN), `http:<subscription>`.' },
    Input: { type: 'string', description: 'Constant JSON text sent instead of the event.' },
    InputPath: { type: 'string', description: 'A JSONPath into the event.' },
    InputTransformer: openObject({ InputPathsMap: { type: 'object', additionalProperties: { type: 'string' } }, InputTemplate: str }),
    RetryPolicy: openObject({ MaximumRetryAttempts: { type: 'integer' }, MaximumEventAgeInSeconds: { type: 'integer' } }),
    Config: { type: 'object', additionalProperties: true, description: 'Options of the target kind (e.g. headers for http).' },
    SqsParameters: openObject({ MessageGroupId: str }),
  },
  { required: ['Id', 'Arn'] },
);

export const ruleInput = openObject(
  {
    Name: { type: 'string', description: '1–64 of [.-_A-Za-z0-9], unique per bus (PUT: from the path).' },
    EventBusName: { type: 'string', default: 'default' },
    Description: str,
    EventPattern: patternOrText,
    ScheduleExpression: { type: 'string', description: 'rate(…), cron(…) in UTC, or the one-time at(yyyy-mm-ddThh:mm:ss). Exactly one of EventPattern and ScheduleExpression.' },
    ScheduleExpressionTimezone: { type: 'string', description: 'The IANA time zone an at() expression is read in (default UTC).' },
    State: { enum: ['ENABLED', 'DISABLED'], default: 'ENABLED' },
    Targets: { type: 'array', maxItems: 5, items: targetInput },
  },
  { title: 'EventRuleInput', description: "EventBridge's PutRule + PutTargets in one body." },
);

export const archiveInput = openObject(
  {
    ArchiveName: { type: 'string', description: '1–48 of [.-_A-Za-z0-9].' },
    EventBusName: { type: 'string', default: 'default' },
    EventPattern: patternOrText,
    RetentionDays: { type: 'integer', minimum: 0, default: 30, description: '0 keeps events forever.' },
    Description: str,
  },
  { title: 'EventArchiveInput', required: ['ArchiveName'] },
);

export const replayInput = openObject(
  {
    ReplayName: str,
    ArchiveName: str,
    EventStartTime: { type: 'string', description: 'ISO 8601; events whose time is in [EventStartTime, EventEndTime) are replayed.' },
    EventEndTime: time,
    Rules: { type: 'array', items: str, description: "Only these rules of the archive's bus (default: every rule)." },
    Description: str,
  },
  { title: 'EventReplayInput', required: ['ReplayName', 'ArchiveName', 'EventStartTime', 'EventEndTime'] },
);
