/**
 * The `events:` section: the event bus. Rules, targets and archives keep
 * EventBridge's shapes (PascalCase, as in CloudFormation) so they paste
 * across; patterns, kinds and functions are checked when the bus starts.
 */
const NAME = '^[.\\-_A-Za-z0-9]{1,64}$';

const targetSchema = {
  type: 'object',
  required: ['Id', 'Arn'],
  additionalProperties: false,
  properties: {
    Id: { type: 'string', pattern: NAME, description: 'Unique in the rule.' },
    Arn: { type: 'string', minLength: 3, description: '<kind>:<name>: function:NAME, bus:NAME, queue:NAME (an SQS queue), http:… (or an event-bus, SQS or Lambda ARN).' },
    Input: { type: 'string', description: 'Constant JSON text delivered instead of the event.' },
    InputPath: { type: 'string', description: 'JSONPath of the part of the event to deliver.' },
    InputTransformer: {
      type: 'object',
      required: ['InputTemplate'],
      additionalProperties: false,
      properties: {
        InputPathsMap: { type: 'object', additionalProperties: { type: 'string' } },
        InputTemplate: { type: 'string' },
      },
    },
    RetryPolicy: {
      type: 'object',
      additionalProperties: false,
      properties: {
        MaximumRetryAttempts: { type: 'integer', minimum: 0, maximum: 185 },
        MaximumEventAgeInSeconds: { type: 'integer', minimum: 60, maximum: 86400 },
      },
    },
    Config: { type: 'object', description: 'Options of the target kind (e.g. http).' },
    SqsParameters: {
      type: 'object',
      additionalProperties: false,
      properties: { MessageGroupId: { type: 'string', minLength: 1, maxLength: 128 } },
      description: 'A FIFO queue target: the MessageGroupId of its messages.',
    },
  },
} as const;

const ruleSchema = {
  type: 'object',
  required: ['Name'],
  additionalProperties: false,
  properties: {
    Name: { type: 'string', pattern: NAME },
    EventBusName: { type: 'string', default: 'default' },
    Description: { type: 'string', maxLength: 512 },
    EventPattern: { type: ['object', 'string'], description: 'An EventBridge event pattern.' },
    ScheduleExpression: { type: 'string', description: 'rate(…) or cron(…), UTC; or the one-time at(yyyy-mm-ddThh:mm:ss).' },
    ScheduleExpressionTimezone: { type: 'string', description: 'IANA time zone an at() expression is read in (default UTC).' },
    State: { enum: ['ENABLED', 'DISABLED'], default: 'ENABLED' },
    Targets: { type: 'array', maxItems: 5, default: [], items: targetSchema },
  },
} as const;

const archiveSchema = {
  type: 'object',
  required: ['ArchiveName'],
  additionalProperties: false,
  properties: {
    ArchiveName: { type: 'string', pattern: '^[.\\-_A-Za-z0-9]{1,48}$' },
    EventBusName: { type: 'string', default: 'default' },
    EventPattern: { type: ['object', 'string'] },
    RetentionDays: { type: 'integer', minimum: 0, default: 30, description: '0 keeps events forever.' },
    Description: { type: 'string', maxLength: 512 },
  },
} as const;

const schemaEntry = {
  type: 'object',
  required: ['source', 'detailType', 'schema'],
  additionalProperties: false,
  properties: {
    source: { type: 'string', minLength: 1 },
    detailType: { type: 'string', minLength: 1 },
    schema: { type: 'object', description: 'JSON Schema of detail (without the loop-guard fields).' },
    enforce: { type: 'boolean', default: true, description: 'true: violating entries are refused; false: counted and logged.' },
  },
} as const;

export const eventsSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'The event bus: buses, rules, archives, schemas, loop guard, scheduler.',
  properties: {
    account: { type: 'string', pattern: '^[0-9]{12}$', default: '000000000000', description: 'Account id written into event envelopes and ARNs.' },
    region: { type: 'string', minLength: 1, default: 'local', description: 'Region written into event envelopes and ARNs.' },
    buses: { type: 'array', items: { type: 'string', pattern: '^[.\\-_A-Za-z0-9/]{1,256}$' }, default: [], description: 'Named event buses besides "default".' },
    maxChainDepth: { type: 'integer', minimum: 0, maximum: 100, default: 3, description: 'Loop guard: an event deeper than this in a chain of caused events is refused.' },
    retentionDays: { type: 'integer', minimum: 0, default: 7, description: 'Days the event log keeps published events (0: forever); archives have their own retention.' },
    rulesRefreshMs: { type: 'integer', minimum: 0, default: 1000, description: "How soon a replica sees rules changed by another replica's admin API." },
    purgeIntervalMs: { type: 'integer', minimum: 60000, default: 3600000, description: 'How often expired archive entries and logged events are purged.' },
    scheduler: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Scheduled rules (one replica fires each tick).',
      properties: {
        enabled: { type: 'boolean', default: true, description: 'Run the scheduler in serve and worker.' },
        intervalMs: { type: 'integer', minimum: 100, default: 5000, description: 'How often due ticks are checked.' },
      },
    },
    rules: { type: 'array', default: [], description: 'Rules (EventBridge PutRule + Targets shapes).', items: ruleSchema },
    archives: { type: 'array', default: [], description: 'Archives per bus with optional pattern and retention.', items: archiveSchema },
    schemas: { type: 'array', default: [], description: 'JSON Schemas of detail per (source, detailType).', items: schemaEntry },
  },
} as const;
