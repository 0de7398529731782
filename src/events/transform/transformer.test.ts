import { describe, expect, it } from 'vitest';
import { isHashiError } from '../../kernel/index.ts';
import { compileTransformer, transformInput, type InputTransformerSpec } from './index.ts';

// Sources:
//  DOC = Amazon EventBridge User Guide, "Transforming Amazon EventBridge target input"
//        (example event, Input Path, the Input Template example table, predefined variables,
//        "Common issues with transforming input")
//  API = EventBridge API Reference, InputTransformer (InputTemplate examples, 100 variables, 8192 chars)
//  AWS:<test> = behaviour recorded against EventBridge in localstack/localstack
//        tests/aws/services/events/test_events_inputs.py and its .snapshot.json

const EC2 = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const PATHS = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const CONTEXT = { ruleName: 'example', ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example', ingestionTime: new Date('2015-11-11T21:29:55Z') };
const run = (inputTemplate: string, inputPathsMap: Record<string, string> = PATHS, event: unknown = EC2) =>
  transformInput({ inputPathsMap, inputTemplate }, event, CONTEXT);

describe('DOC input template examples, each row', () => {
  it('Simple string', () => {
    expect(run('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });
  it('String with escaped quotes (as the console shows it)', () => {
    expect(run('"instance \\"<instance>\\" is in <state>"')).toBe('"instance \\"i-0123456789\\" is in RUNNING"');
  });
  it('Simple JSON: string variables are inserted quoted, and the JSON is minified', () => {
    expect(run('{\n  "instance" : <instance>,\n  "state": <state>\n}')).toBe('{"instance":"i-0123456789","state":"RUNNING"}');
  });
  it('JSON with strings and variables: inside quotes the value is inserted escaped', () => {
    const out = run('{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}');
    expect(JSON.parse(out)).toEqual({ instance: 'i-0123456789', state: 'RUNNING', instanceStatus: 'instance "i-0123456789" is in RUNNING' });
  });
  it('JSON with a mix of variables and static information', () => {
    const out = run('{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}');
    expect(JSON.parse(out)).toEqual({ instance: 'i-0123456789', state: [9, 'RUNNING', true], Transformed: 'Yes' });
  });
  it('Including reserved variables in JSON (aws.events.event is the event without detail, detail-type as detailType)', () => {
    const out = run('{\n  "instance" : <instance>,\n  "state": <state>,\n  "ruleArn" : <aws.events.rule-arn>,\n  "ruleName" : <aws.events.rule-name>,\n  "originalEvent" : <aws.events.event>\n}');
    const { detail: _detail, 'detail-type': detailType, ...rest } = EC2;
    expect(JSON.parse(out)).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
      ruleName: 'example',
      originalEvent: { ...rest, detailType },
    });
  });
  it('Including reserved variables in a string', () => {
    expect(run('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });
  it('Amazon CloudWatch log group row: the generic output (that target renders it unquoted)', () => {
    // The doc row shows how CloudWatch Logs displays it; every other target receives this JSON.
    const out = run('{\n  "timestamp" : <timestamp>,\n  "message": "instance \\"<instance>\\" is in <state>"\n}');
    expect(JSON.parse(out)).toEqual({ timestamp: '2015-11-11T21:29:54Z', message: 'instance "i-0123456789" is in RUNNING' });
  });
});

describe('API InputTemplate examples', () => {
  const paths = { instance: '$.detail.instance', status: '$.detail.status' };
  const event = { detail: { instance: 'i-1', status: 'running' } };
  it('plain text without quotes', () => {
    expect(run('<instance> is in state <status>', paths, event)).toBe('i-1 is in state running');
  });
  it('plain text with escaped quotes is passed through', () => {
    expect(run('<instance> is in state \\"<status>\\"', paths, event)).toBe('i-1 is in state \\"running\\"');
  });
  it('JSON with variables in quotes and out', () => {
    const out = run('{"myInstance": <instance>,"myStatus": "<instance> is in state \\"<status>\\""}', paths, event);
    expect(JSON.parse(out)).toEqual({ myInstance: 'i-1', myStatus: 'i-1 is in state "running"' });
  });
});

describe('values, missing paths and predefined variables', () => {
  it('AWS test_put_events_with_input_transformation_to_sqs: a missing path renders as nothing in a string template', () => {
    const event = { 'detail-type': 'customerCreated', time: 'date', detail: { command: 'display-message', payload: 'baz' } };
    const template = '"Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>"';
    expect(run(template, { 'detail-type': '$.detail-type', timestamp: '$.time', command: '$.detail.command' }, event))
      .toBe('"Event of customerCreated type, at time date, info extracted from detail display-message"');
    expect(run(template, { 'detail-type': '$.detail-type', timestamp: '$.time', command: '$.detail.notinmessage' }, event))
      .toBe('"Event of customerCreated type, at time date, info extracted from detail "');
  });
  it('AWS test_put_events_with_input_transformer_input_template_json: a missing path is "" in a JSON value position, empty inside a JSON string', () => {
    const event = { 'detail-type': 'core.update-account-command', time: 'date', detail: { command: 'update-account' } };
    const template = '{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}';
    expect(run(template, { 'detail-type': '$.detail-type', timestamp: '$.time', command: '$.detail.notinmessage' }, event))
      .toBe('{"detailType":"core.update-account-command","time":"date","command":""}');
    expect(run('{"b": "x<gone>y"}', { gone: '$.detail.nothing' })).toBe('{"b":"xy"}');
  });
  it('whole objects and arrays are inserted as JSON in a JSON value position', () => {
    expect(JSON.parse(run('{"d": <d>, "r": <r>}', { d: '$.detail', r: '$.resources' }))).toEqual({ d: EC2.detail, r: EC2.resources });
  });
  // AWS test_input_transformer_nested_keys_replacement, SPECIAL_EVENT_DETAIL: in text, objects and
  // lists are written without quotes; in a JSON template they may not sit inside a string
  // (test_input_transformer_nested_keys_replacement_not_valid: EventBridge delivers nothing).
  const SPECIAL = { detail: { command: 'update-account', payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' }, listsingle: ['HIGH'], listmulti: ['ACTIVE', 'INACTIVE'], valid: true } };
  const SPECIAL_PATHS = { userId: '$.detail.payload.acc_id', payload: '$.detail.payload', systemstring: '$.detail.awsAccountId', listsingle: '$.detail.listsingle', listmulti: '$.detail.listmulti', valid: '$.detail.valid' };
  it.each([
    ['"<listsingle> single list item"', '"[HIGH] single list item"'],
    ['"<listmulti> multiple list items"', '"[ACTIVE,INACTIVE] multiple list items"'],
    ['"Payload of <payload> with path users-service/users/<userId> and <userId>"', '"Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path users-service/users/0a787ecb-4015 and 0a787ecb-4015"'],
    ['"<listsingle> single list item <listmulti> multiple list items <systemstring> system account id <payload> payload <userId> user id"', '"[HIGH] single list item [ACTIVE,INACTIVE] multiple list items  system account id {acc_id:0a787ecb-4015,sf_id:baz} payload 0a787ecb-4015 user id"'],
    ['"Command is <valid>!"', '"Command is true!"'],
    ['{"singlelistitem": <listsingle>}', '{"singlelistitem":["HIGH"]}'],
    ['{"method": "PUT", "path": "users-service/users/<userId>", "bod": [<userId>, "hardcoded"]}', '{"method":"PUT","path":"users-service/users/0a787ecb-4015","bod":["0a787ecb-4015","hardcoded"]}'],
    ['{"multi_replacement": "users/<userId>/second/<userId>"}', '{"multi_replacement":"users/0a787ecb-4015/second/0a787ecb-4015"}'],
  ])('AWS nested keys: %s', (template, expected) => {
    expect(run(template, SPECIAL_PATHS, SPECIAL)).toBe(expected);
  });
  it.each([
    '{"not_valid": "users-service/users/<payload>", "bod": <payload>}',
    '{"payload": "<payload>"}',
    '{"singlelistitem": "<listsingle>"}',
  ])('AWS not valid (nothing delivered): %s is refused when rendered', (template) => {
    expect(() => run(template, SPECIAL_PATHS, SPECIAL)).toThrow(/inside a JSON string/);
  });
  it('numbers, booleans and null keep their JSON type outside quotes', () => {
    const event = { n: 1.5, b: false, z: null };
    expect(run('{"n": <n>, "b": <b>, "z": <z>, "s": "<n>/<b>/<z>"}', { n: '$.n', b: '$.b', z: '$.z' }, event))
      .toBe('{"n":1.5,"b":false,"z":null,"s":"1.5/false/null"}');
  });
  it('DOC: values are not escaped in a plain-text template, but are inside JSON strings', () => {
    const event = { q: 'say "hi"\\now' };
    expect(run('"<q>"', { q: '$.q' }, event)).toBe('"say "hi"\\now"');
    expect(JSON.parse(run('{"s": "<q>"}', { q: '$.q' }, event))).toEqual({ s: 'say "hi"\\now' });
  });
  it('array indices and wildcards (DOC: supported JSONPath syntax)', () => {
    const event = { detail: { items: [{ sku: 'a' }, { sku: 'b' }] } };
    expect(run('{"first": <first>, "all": <all>}', { first: '$.detail.items[0].sku', all: '$.detail.items[*].sku' }, event))
      .toBe('{"first":"a","all":["a","b"]}');
  });
  it('aws.events.event.json is the whole event and ingestion-time is ISO 8601', () => {
    const out = JSON.parse(run('{"e": <aws.events.event.json>, "t": <aws.events.event.ingestion-time>}', {}));
    expect(out).toEqual({ e: EC2, t: '2015-11-11T21:29:55.000Z' });
  });
  it('a predefined variable missing from the context renders like a missing path', () => {
    expect(transformInput({ inputTemplate: '{"r": <aws.events.rule-arn>}' }, EC2)).toBe('{"r":""}');
  });
  it('AWS test_input_transformer_predefined_variables: aws.events.event drops detail and says detailType; .json is the whole event', () => {
    const out = run('{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}', {});
    expect(out).toBe(
      `{"originalEvent":{"id":"${EC2.id}","account":"${EC2.account}","detailType":"${EC2['detail-type']}","time":"${EC2.time}","source":"${EC2.source}","region":"${EC2.region}","resources":${JSON.stringify(EC2.resources)},"version":"0"},"originalEventJson":${JSON.stringify(EC2)}}`,
    );
    expect(run('"Message containing all pre defined variables <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>"', {})).toBe(
      '"Message containing all pre defined variables arn:aws:events:us-east-2:123456789012:rule/example example 2015-11-11T21:29:55.000Z"',
    );
  });
});

describe('validation', () => {
  const invalid: [string, InputTransformerSpec, string, RegExp][] = [
    ['AWS test_put_events_with_input_transformer_missing_keys', { inputPathsMap: PATHS, inputTemplate: '"Event of <state> type, with not defined key <notdefinedkey>"' }, 'INPUT_TRANSFORMER_INVALID', /contains invalid placeholder notdefinedkey\./],
    ['DOC: reserved names cannot be variables', { inputPathsMap: { 'aws.events.rule-name': '$.x' }, inputTemplate: '"x"' }, 'INPUT_TRANSFORMER_INVALID', /reserved name/],
    ['API: keys cannot start with AWS.', { inputPathsMap: { 'AWS.mine': '$.x' }, inputTemplate: '"x"' }, 'INPUT_TRANSFORMER_INVALID', /cannot start with "aws\."/],
    ['API: key characters', { inputPathsMap: { 'has space': '$.x' }, inputTemplate: '"x"' }, 'INPUT_TRANSFORMER_INVALID', /letters, digits, _ or -/],
    ['API: at most 100 variables', { inputPathsMap: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, '$.x'])), inputTemplate: '"x"' }, 'INPUT_TRANSFORMER_INVALID', /101 variables; at most 100/],
    ['API: dot notation, not bracket notation', { inputPathsMap: { a: "$['detail']" }, inputTemplate: '<a>' }, 'INPUT_PATH_INVALID', /use dot notation/],
    ['JSONPath must start with $', { inputPathsMap: { a: 'detail.state' }, inputTemplate: '<a>' }, 'INPUT_PATH_INVALID', /must start with \$/],
    ['JSONPath recursive descent is unsupported', { inputPathsMap: { a: '$..state' }, inputTemplate: '<a>' }, 'INPUT_PATH_INVALID', /recursive descent/],
    ['JSONPath filters are unsupported', { inputPathsMap: { a: '$.items[?(@.x)]' }, inputTemplate: '<a>' }, 'INPUT_PATH_INVALID', /only \[index\] and \[\*\]/],
    ['API: a placeholder cannot be an object key', { inputPathsMap: PATHS, inputTemplate: '{<instance>: 1}' }, 'INPUT_TRANSFORMER_INVALID', /as an object key/],
    ['a JSON template must be valid JSON', { inputPathsMap: PATHS, inputTemplate: '{"a": <instance>,}' }, 'INPUT_TRANSFORMER_INVALID', /not valid JSON/],
    ['aws.events.event.json only as a JSON value (measured: string template)', { inputTemplate: '"event: <aws.events.event.json>"' }, 'INPUT_TRANSFORMER_INVALID', /valid only for JSON template/],
    ['aws.events.event.json only as a JSON value (measured: array template)', { inputTemplate: '[<aws.events.event.json>]' }, 'INPUT_TRANSFORMER_INVALID', /valid only for JSON template/],
    ['aws.events.event only as a JSON value (DOC: contents are not escaped)', { inputTemplate: '{"e": "<aws.events.event>"}' }, 'INPUT_TRANSFORMER_INVALID', /valid only for JSON template/],
    ['API: template length 1', { inputTemplate: '' }, 'INPUT_TRANSFORMER_INVALID', /non-empty/],
    ['API: template length 8192', { inputTemplate: `"${'x'.repeat(8200)}"` }, 'INPUT_TRANSFORMER_INVALID', /longer than 8192/],
  ];
  it.each(invalid)('%s', (_source, spec, code, message) => {
    let caught: unknown;
    try {
      compileTransformer(spec);
    } catch (err) {
      caught = err;
    }
    expect(isHashiError(caught) && caught.code).toBe(code);
    expect((caught as Error).message).toMatch(message);
  });

  it('accepts exactly 100 variables and the measured JSON form of aws.events.event.json', () => {
    const map = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, `$.detail.v${i}`]));
    expect(() => compileTransformer({ inputPathsMap: map, inputTemplate: '"<v0> <v99>"' })).not.toThrow();
    expect(() => compileTransformer({ inputTemplate: '{"e": <aws.events.event.json>}' })).not.toThrow();
  });
});
