import { describe, expect, it } from 'vitest';
import { matches } from './index.ts';

// Sources:
//  ER  = aws/event-ruler README.md ("Ruler by Example", "JSON Array Matching", "$or" sections)
//  LS:<name> = AWS-validated case: localstack/localstack
//        tests/aws/services/events/event_pattern_templates/<name>.json5 (run against real EventBridge)
//  DOC:<page> = Amazon EventBridge User Guide page
//  ERSRC = event-ruler source (JsonRuleCompiler.java, CIDR.java, ComparableNumber.java)

/** The sample event of the event-ruler README. */
const EC2 = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

const envelope = (extra: Record<string, unknown>) => ({
  id: '1', source: 'test-source', 'detail-type': 'test-detail-type', account: '123456789012',
  region: 'us-east-2', time: '2022-07-13T13:48:01Z', ...extra,
});

type Case = [source: string, pattern: unknown, event: unknown, expected: boolean];

const cases: Case[] = [
  // event-ruler README, "Ruler by Example" — every rule in that section matches the sample event
  ['ER simple matching', { 'detail-type': ['EC2 Instance State-change Notification'], resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'], detail: { state: ['initializing', 'running'] } }, EC2, true],
  ['ER prefix matching', { time: [{ prefix: '2017-10-02' }] }, EC2, true],
  ['ER suffix matching', { source: [{ suffix: 'ec2' }] }, EC2, true],
  ['ER equals-ignore-case matching', { source: [{ 'equals-ignore-case': 'EC2' }] }, { source: 'ec2' }, true],
  ['ER anything-but single string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, EC2, true],
  ['ER anything-but single number', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, EC2, true],
  ['ER anything-but list (strings)', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, EC2, true],
  ['ER anything-but list (numbers)', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, EC2, true],
  ['ER anything-but prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, EC2, true],
  ['ER numeric matching', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, EC2, true],
  ['ER IP address matching', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, EC2, true],
  ['ER exists true', { detail: { 'c-count': [{ exists: true }] } }, EC2, true],
  ['ER exists false (field present)', { detail: { 'c-count': [{ exists: false }] } }, EC2, false],
  ['ER complex example', { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'initializing' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ 'anything-but': [100, 200, 300] }], 'source-ip': [{ cidr: '10.0.0.0/8' }] } }, EC2, true],
  // negative twins of the README rules
  ['ER anything-but excludes the value', { detail: { state: [{ 'anything-but': 'running' }] } }, EC2, false],
  ['ER numeric upper bound', { detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } }, EC2, false],
  ['ER cidr outside', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, EC2, false],
  ['ER prefix only works on strings', { detail: { 'c-count': [{ prefix: '5' }] } }, EC2, false],
  ['ER numeric only works on numbers', { detail: { state: [{ numeric: ['>', 0] }] } }, EC2, false],
  ['ER missing field never matches a value', { detail: { nothere: ['x'] } }, EC2, false],
  // Exists on intermediate nodes (DOC:eb-event-patterns-content-based-filtering "Exists matching", ER README)
  ['DOC exists:false matches when c-count is not a leaf', { detail: { 'c-count': [{ exists: false }] } }, { detail: { state: 'running', 'c-count': { c1: 100 } } }, true],
  ['LS exists_dynamodb_NEG: exists:true on an object', { dynamodb: { presentKey: [{ exists: true }] } }, envelope({ dynamodb: { id: { S: 'test1234' }, presentKey: { S: 'test123' } } }), false],
  ['LS content_exists_false: deep missing path', { detail: { level1: { 'level2:': { level3: { level4: [{ exists: false }] } } } } }, envelope({ detail: { level1: { level2: 'l2 value' } } }), true],
  ['LS exists_list_empty_NEG: empty array has no leaf', { resources: [{ exists: true }] }, envelope({ resources: [] }), false],
  ['exists:false on an empty array (no leaf)', { resources: [{ exists: false }] }, envelope({ resources: [] }), true],
  ['exists:true is satisfied by a null leaf', { detail: { r: [{ exists: true }] } }, { detail: { r: null } }, true],
  ['LS test_put_events_with_rule_pattern_exists_true', { detail: { key: [{ exists: true }] } }, { detail: { key: 'value', payload: 'baz' } }, true],
  ['LS test_put_events_with_rule_pattern_exists_true (absent)', { detail: { key: [{ exists: true }] } }, { detail: { 'no-key': 'no-value' } }, false],
  ['LS test_put_events_with_rule_pattern_exists_false', { detail: { key: [{ exists: false }] } }, { detail: { 'no-key': 'no-value' } }, true],
  // Null values and empty strings (DOC:eb-event-patterns-null-values)
  ['DOC null-values: empty string', { detail: { eventVersion: [''] } }, { detail: { eventVersion: '', responseElements: null } }, true],
  ['DOC null-values: null', { detail: { responseElements: [null] } }, { detail: { eventVersion: '', responseElements: null } }, true],
  ['DOC null-values: "" does not match null', { detail: { responseElements: [''] } }, { detail: { responseElements: null } }, false],
  ['DOC null-values: null does not match ""', { detail: { eventVersion: [null] } }, { detail: { eventVersion: '' } }, false],
  ['LS arrays_empty_null_NEG', { resources: [null] }, envelope({ resources: [] }), false],
  // anything-but edge semantics (AWS-validated)
  ['LS content_anything_but_string_missing_NEG', { detail: { state: [{ 'anything-but': 'initializing' }] } }, envelope({ detail: {} }), false],
  ['LS content_anything_but_string_null', { detail: { state: [{ 'anything-but': 'initializing' }] } }, envelope({ detail: { state: null } }), true],
  ['LS content_anything_prefix_int_value', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, envelope({ detail: { state: 12 } }), true],
  ['LS content_anything_wildcard_int', { detail: { FilePath: [{ 'anything-but': { wildcard: '*/dir/*' } }] } }, envelope({ detail: { FilePath: 123 } }), true],
  ['LS content_anything_but_number_zero', { detail: { 'x-limit': [{ 'anything-but': 0 }] } }, envelope({ detail: { 'x-limit': 789 } }), true],
  ['LS rule_pattern_anything_but: other value', { detail: { command: [{ 'anything-but': ['no-message'] }] } }, { detail: { command: 'display-message' } }, true],
  ['LS rule_pattern_anything_but: null value', { detail: { command: [{ 'anything-but': ['no-message'] }] } }, { detail: { command: null } }, true],
  ['LS rule_pattern_anything_but: excluded value', { detail: { command: [{ 'anything-but': ['no-message'] }] } }, { detail: { command: 'no-message' } }, false],
  ['LS or-exists: anything-but OR exists:false', { dynamodb: { NewImage: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } } } }, envelope({ dynamodb: { NewImage: { homemade: { N: '789' } } } }), true],
  ['LS or-exists-parent', { dynamodb: { NewImage: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } } } }, envelope({ dynamodb: { NewImage: { purchased: { N: '789' } } } }), true],
  ['anything-but numbers compare numerically', { x: [{ 'anything-but': [100, 200] }] }, { x: 100.0 }, false],
  ['anything-but number vs a string value', { x: [{ 'anything-but': [100] }] }, { x: '100' }, true],
  ['anything-but on an array: another element differs (ER crushes arrays)', { state: [{ 'anything-but': 'a' }] }, { state: ['a', 'b'] }, true],
  ['anything-but on an array: every element excluded', { state: [{ 'anything-but': ['a', 'b'] }] }, { state: ['a', 'b'] }, false],
  ['DOC anything-but equals-ignore-case', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'INITIALIZING' }, false],
  ['DOC anything-but equals-ignore-case list', { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'overloaded'] } }] }, { state: 'running' }, true],
  ['DOC anything-but suffix', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'image.png' }, false],
  ['DOC anything-but suffix (other)', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'image.txt' }, true],
  ['DOC anything-but wildcard', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/lib/libc.so' }, false],
  ['DOC anything-but wildcard (other)', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/bin/ls' }, true],
  ['ERSRC anything-but prefix list (JsonRuleCompiler values set)', { Region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, { Region: 'eu-west-1' }, false],
  // Prefix / suffix / ignore case (DOC:eb-create-pattern-operators)
  ['DOC prefix equals-ignore-case', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, { detail: { service: 'eventbridge' } }, true],
  ['DOC prefix equals-ignore-case (upper)', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, { detail: { service: 'EVENTBRIDGE' } }, true],
  ['DOC prefix is case-sensitive', { detail: { service: [{ prefix: 'EventB' }] } }, { detail: { service: 'eventbridge' } }, false],
  ['DOC suffix equals-ignore-case', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, { detail: { FileName: 'photo.PNG' } }, true],
  ['DOC suffix', { FileName: [{ suffix: '.png' }] }, { FileName: 'photo.PNG' }, false],
  ['prefix "" matches every string', { a: [{ prefix: '' }] }, { a: 'anything' }, true],
  // Wildcards (DOC:eb-create-pattern-operators "Wildcard matching")
  ['DOC wildcard', { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' }, true],
  ['wildcard needs the literal parts in order', { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:us-west-2:123:event-bus/x' }, false],
  ['LS content_wildcard_repeating', { FileName: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] }, envelope({ FileName: '/Users/ls_user/dir/dir/dir/dir/dir/doc.txt' }), true],
  ['wildcard * matches zero characters', { a: [{ wildcard: 'ab*' }] }, { a: 'ab' }, true],
  ['wildcard \\* is a literal star', { a: [{ wildcard: 'a\\*b' }] }, { a: 'a*b' }, true],
  ['wildcard \\* does not glob', { a: [{ wildcard: 'a\\*b' }] }, { a: 'axb' }, false],
  ['wildcard only matches strings', { a: [{ wildcard: '*' }] }, { a: 5 }, false],
  // Numbers (LS numeric templates; ERSRC JsonRuleCompiler adds numericEquals for number literals)
  ['LS numeric-int-float', { number: [{ numeric: ['>', 100] }] }, envelope({ number: 101.0 }), true],
  ['LS numeric-string_NEG', { number: [{ numeric: ['>', 100] }] }, envelope({ number: '300' }), false],
  ['LS number_comparison_float: [300] matches 300.0', { number: [300] }, envelope({ number: 300.0 }), true],
  ['LS content_numeric_and', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, envelope({ detail: { 'c-count': 3, 'd-count': 9, 'x-limit': 3.018e2 } }), true],
  ['exact number does not match its string', { a: [5] }, { a: '5' }, false],
  ['exact number beyond the numeric range still matches exactly (ERSRC: account numbers)', { account: [123456789012345] }, { account: 123456789012345 }, true],
  ['numeric ignores event values beyond ±5e11 (ERSRC ComparableNumber)', { a: [{ numeric: ['>', 0] }] }, { a: 6e11 }, false],
  ['numeric ignores event values with more than 6 decimals (ERSRC ComparableNumber)', { a: [{ numeric: ['>', 1] }] }, { a: 1.0000001 }, false],
  ['numeric open and closed bounds', { a: [{ numeric: ['>=', 5, '<', 6] }] }, { a: 5 }, true],
  ['numeric null value', { a: [{ numeric: ['>', 0] }] }, { a: null }, false],
  // Booleans and keys (LS boolean, key_case_sensitive_NEG)
  ['LS boolean', { detail: { boolean: [true] } }, { detail: { boolean: true } }, true],
  ['boolean does not match its string', { detail: { boolean: [true] } }, { detail: { boolean: 'true' } }, false],
  ['keys are case-sensitive', { Source: ['aws.ec2'] }, EC2, false],
  ['values are case-sensitive', { source: ['AWS.EC2'] }, EC2, false],
  ['LS nested_json_NEG: a JSON string is not parsed', { detail: { 'my-key': ['my-value'] } }, envelope({ detail: '{"my-key": "my-value"}' }), false],
  // IP addresses (DOC "IP address matching" says IPv4 and IPv6; ERSRC CIDR.ipToRangeIfPossible)
  ['DOC IPv6 cidr', { ip: [{ cidr: '2001:db8:1234:1a00::/64' }] }, { ip: '2001:db8:1234:1a00::1' }, true],
  ['DOC IPv6 cidr outside', { ip: [{ cidr: '2001:db8:1234:1a00::/64' }] }, { ip: '2001:db8:1234:1a01::1' }, false],
  ['LS content_ip_address_bad_type_NEG', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, envelope({ detail: { sourceIPAddress: 123 } }), false],
  ['IPv4 cidr never matches an IPv6 value', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '::1' }, false],
  ['ERSRC exact IP literals compare by address', { ip: ['0:0:0:0:0:0:0:1'] }, { ip: '::1' }, true],
  ['cidr /0 covers every IPv4 address', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '255.255.255.255' }, true],
  // event-ruler CIDRTest.TestCorrectRanges: a CIDR whose address has host bits set covers its whole
  // network (floor of the range), e.g. 54.240.196.171/24 → 36F0C400..36F0C4FF, ::1/24 → 0..000000FF…
  ['ER cidr with host bits set: the network floor matches', { ip: [{ cidr: '54.240.196.171/24' }] }, { ip: '54.240.196.0' }, true],
  ['ER cidr with host bits set: below the written address', { ip: [{ cidr: '54.240.196.171/24' }] }, { ip: '54.240.196.17' }, true],
  ['ER cidr with host bits set: the top', { ip: [{ cidr: '54.240.196.171/24' }] }, { ip: '54.240.196.255' }, true],
  ['ER cidr with host bits set: outside', { ip: [{ cidr: '54.240.196.171/24' }] }, { ip: '54.240.197.0' }, false],
  ['ER cidr IPv6 with host bits set', { ip: [{ cidr: '2001:db8::ff00:42:8329/24' }] }, { ip: '2001:d00::' }, true],
  ['ER cidr IPv6 with host bits set: outside', { ip: [{ cidr: '2001:db8::ff00:42:8329/24' }] }, { ip: '2001:e00::' }, false],
  ['ER cidr ::1/24 starts at ::', { ip: [{ cidr: '::1/24' }] }, { ip: '::' }, true],
  // Arrays (DOC:eb-event-patterns-arrays, ER "JSON Array Matching")
  [
    'DOC arrays: the first pattern value matches the second event element',
    { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f', 'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
    { resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
    true,
  ],
  ['DOC arrays: no common element', { resources: ['a', 'b'] }, { resources: ['c', 'd'] }, false],
  ['ER array of objects: field in one element', { employees: { firstName: ['Anna'] } }, { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] }, true],
  ['ER array consistency: fields from different elements do not match', { employees: { firstName: ['Anna'], lastName: ['Jones'] } }, { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] }, false],
  ['ER array consistency: fields from the same element match', { employees: { firstName: ['Anna'], lastName: ['Smith'] } }, { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] }, true],
  ['ER multi-level arrays are crushed', { employees: { firstName: ['Peter'] } }, { employees: [[{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }], [{ firstName: 'Peter', lastName: 'Jones' }]] }, true],
  ['ER multi-level arrays keep consistency', { employees: { firstName: ['Peter'], lastName: ['Doe'] } }, { employees: [[{ firstName: 'John', lastName: 'Doe' }], [{ firstName: 'Peter', lastName: 'Jones' }]] }, false],
  ['array consistency with a field outside the array', { source: ['x'], items: { sku: ['b'], qty: [{ numeric: ['>', 1] }] } }, { source: 'x', items: [{ sku: 'a', qty: 5 }, { sku: 'b', qty: 2 }] }, true],
  // Dotted keys (ER README "Caveat: Compiled rules and JSON keys with dots")
  ['ER dotted key in the event', { detail: { state: { status: ['running'] } } }, { detail: { 'state.status': 'running' } }, true],
  ['ER dotted key in the pattern', { detail: { 'state.status': ['running'] } }, { detail: { state: { status: 'running' } } }, true],
  // $or (ER README "The $or Primitive"; DOC eb-create-pattern-operators "Or")
  ['ER normal Or (namespace)', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] }, { source: 'aws.cloudwatch', namespace: 'AWS/EC2' }, true],
  ['ER normal Or (neither)', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] }, { source: 'aws.cloudwatch', metricName: 'Other' }, false],
  ['ER normal Or (shared field fails)', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }, { source: 'aws.s3', metricName: 'CPUUtilization' }, false],
  ['ER parallel Or', { $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }], detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] } }, { namespace: 'AWS/EC2', detail: { 'detail-type': 'CloudWatch Alarm State Change' } }, true],
  ['ER parallel Or (second group fails)', { $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }], detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] } }, { namespace: 'AWS/EC2', detail: { source: 'aws.ec2' } }, false],
  ['ER Or with an And inside', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] }, { scope: ['Service'] }] }, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/ES' }, true],
  ['ER Or with an And inside (half of the And)', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] }, { scope: ['Service'] }] }, { source: 'aws.cloudwatch', metricType: 'MetricType' }, false],
  ['ER nested Or and And', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }, { scope: ['Service'] }] }, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 }, true],
  ['ER nested Or and And (inner Or fails)', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }, { scope: ['Service'] }] }, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1 }, false],
  // Events need no envelope (ER: "An event is a JSON object")
  ['no envelope needed', { order: { total: [{ numeric: ['>=', 10] }] } }, { order: { total: 12.5 } }, true],
];

describe('matches', () => {
  it.each(cases)('%s', (_source, pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('refuses an event that is not a JSON object (LS test_plain_string_payload: "Parameter Event is not valid.")', () => {
    for (const event of [['not', 'an', 'object'], 'plain string', null, 5]) {
      expect(() => matches({ a: [{ exists: false }] }, event)).toThrow(/Parameter Event is not valid/);
    }
  });

  it('throws on an invalid pattern instead of answering', () => {
    expect(() => matches({ a: 'x' }, { a: 'x' })).toThrow(/must be an object or an array/);
  });
});

describe('deeply nested input', () => {
  it('an event nested thousands of levels deep is JSON_TOO_DEEP, not a stack overflow', () => {
    const event = JSON.parse('{"detail":' + '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) + '}') as unknown;
    expect(() => matches({ source: ['x'] }, event)).toThrow(expect.objectContaining({ code: 'JSON_TOO_DEEP' }));
  });

  it('a pattern nested thousands of levels deep is JSON_TOO_DEEP', () => {
    const pattern = JSON.parse('{"a":'.repeat(20_000) + '["x"]' + '}'.repeat(20_000)) as unknown;
    expect(() => matches(pattern, {})).toThrow(expect.objectContaining({ code: 'JSON_TOO_DEEP' }));
  });
});
