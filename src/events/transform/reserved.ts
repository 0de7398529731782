/** EventBridge's predefined placeholders; no InputPathsMap key may take these names. */
export const RULE_ARN = 'aws.events.rule-arn';
export const RULE_NAME = 'aws.events.rule-name';
export const INGESTION_TIME = 'aws.events.event.ingestion-time';
export const EVENT = 'aws.events.event';
export const EVENT_JSON = 'aws.events.event.json';

export const RESERVED_VARIABLES: ReadonlySet<string> = new Set([RULE_ARN, RULE_NAME, INGESTION_TIME, EVENT, EVENT_JSON]);

/** Their contents are not escaped, so they may only stand as a value in a JSON template. */
export const JSON_VALUE_ONLY: ReadonlySet<string> = new Set([EVENT, EVENT_JSON]);

const EVENT_FIELDS: ReadonlyArray<[string, string]> = [
  ['id', 'id'],
  ['account', 'account'],
  ['detailType', 'detail-type'],
  ['time', 'time'],
  ['source', 'source'],
  ['region', 'region'],
  ['resources', 'resources'],
  ['version', 'version'],
];
const KNOWN = new Set(EVENT_FIELDS.map(([, from]) => from));

/** What the bus knows about the delivery, for the predefined placeholders. */
export interface TransformContext {
  ruleName?: string;
  ruleArn?: string;
  /** When the bus received the event; rendered as ISO 8601. */
  ingestionTime?: Date | string;
}

/** The value of a predefined placeholder, or undefined when the context lacks it. */
export function reservedValue(name: string, event: unknown, context: TransformContext): unknown {
  switch (name) {
    case RULE_ARN:
      return context.ruleArn;
    case RULE_NAME:
      return context.ruleName;
    case INGESTION_TIME:
      return context.ingestionTime instanceof Date ? context.ingestionTime.toISOString() : context.ingestionTime;
    case EVENT: {
      // The docs: the original event "without the detail field". As AWS renders it (LocalStack's
      // AWS-validated test_input_transformer_predefined_variables): detail-type becomes detailType,
      // in the order id, account, detailType, time, source, region, resources, version.
      if (event === null || typeof event !== 'object' || Array.isArray(event)) return event;
      const e = event as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [to, from] of EVENT_FIELDS) if (e[from] !== undefined) out[to] = e[from];
      for (const [k, v] of Object.entries(e)) if (!KNOWN.has(k) && k !== 'detail') out[k] = v;
      return out;
    }
    case EVENT_JSON:
      return event;
    default:
      return undefined;
  }
}
