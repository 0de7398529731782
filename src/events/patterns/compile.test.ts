import { describe, expect, it } from 'vitest';
import { isHashiError } from '../../kernel/index.ts';
import { compilePattern, validatePattern } from './index.ts';

// Sources:
//  AWS  = AWS's own InvalidEventPatternException text, recorded against the real service in
//         localstack/localstack tests/aws/services/events/test_events_patterns.snapshot.json (label given)
//  ER   = aws/event-ruler src/main/software/amazon/event/ruler/JsonRuleCompiler.java (and CIDR.java,
//         ComparableNumber.java, input/WildcardParser.java), the engine EventBridge runs
//  HASHI = Hashi's own guard, not an EventBridge rule
const invalid: [source: string, pattern: unknown, message: string][] = [
  ['AWS int_nolist_EXC', { int: 42 }, 'int: "int" must be an object or an array'],
  ['AWS string_nolist_EXC', { string: 'my-value' }, 'string: "string" must be an object or an array'],
  ['AWS content_numeric_operatorcasing_EXC', { detail: { equal: [{ NUMERIC: ['=', 5] }] } }, 'detail.equal: Unrecognized match type NUMERIC'],
  ['AWS arrays_empty_EXC', { resources: [] }, 'resources: Empty arrays are not allowed'],
  ['AWS operator_case_sensitive_EXC', { my_key: [{ EXISTS: true }] }, 'my_key: Unrecognized match type EXISTS'],
  ['AWS content_numeric_EXC', { detail: { 'c-count': [{ numeric: ['>', 0, '>', 0] }] } }, 'detail.c-count: Bad numeric range operator: >'],
  ['AWS content_numeric_syntax_EXC', { detail: { 'c-count': [{ numeric: ['>', 0, '<'] }] } }, 'detail.c-count: Value of < must be numeric'],
  [
    'AWS content_wildcard_complex_EXC',
    { EventBusArn: [{ wildcard: '*:*:*:*:*:event-bus/*' }] },
    'EventBusArn: Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
  ],
  [
    'AWS content_wildcard_repeating_star_EXC',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] },
    'EventBusArn: Consecutive wildcard characters at pos 26',
  ],
  [
    'AWS content_ignorecase_EXC',
    { 'detail-type': [{ 'equals-ignore-case': ['ec2 instance state-change notification'] }] },
    'detail-type: equals-ignore-case match pattern must be a string',
  ],
  ['AWS content_ignorecase_list_EXC', { 'detail-type': [{ 'equals-ignore-case': { prefix: 'ec2' } }] }, 'equals-ignore-case match pattern must be a string'],
  ['AWS content_ip_address_EXC', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0' }] } }, "Malformed CIDR, one '/' required"],
  ['AWS content_ip_address_bad_mask_EXC', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/xx' }] } }, 'Malformed CIDR, mask bits must be an integer'],
  ['AWS content_ip_address_bad_ip_EXC', { detail: { sourceIPAddress: [{ cidr: 'xx.11.xx/24' }] } }, 'Nonstandard IP address: xx.11.xx'],
  ['AWS content_ip_address_v6_bad_ip_EXC', { detail: { sourceIPAddress: [{ cidr: 'xxxx:db8:1234:1a00::/64' }] } }, 'Nonstandard IP address: xxxx:db8:1234:1a00::'],
  ['AWS content_ip_address_type_EXC', { detail: { sourceIPAddress: [{ cidr: ['bad-type'] }] } }, 'prefix match pattern must be a string'],
  [
    'AWS content_anything_but_ignorecase_EXC',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 123 } }] } },
    'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  ],
  [
    'AWS content_anything_but_ignorecase_list_EXC',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': [123, 456] } }] } },
    'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  ],
  ['AWS content_wildcard_int_EXC', { EventBusArn: [{ wildcard: 123 }] }, 'wildcard match pattern must be a string'],
  ['AWS content_wildcard_list_EXC', { EventBusArn: [{ wildcard: ['arn:*'] }] }, 'wildcard match pattern must be a string'],
  ['AWS content_anything_wildcard_list_type_EXC', { detail: { state: [{ 'anything-but': { wildcard: [123, '*/dir/*'] } }] } }, 'wildcard match pattern must be a string'],
  ['AWS content_anything_wildcard_type_EXC', { detail: { FilePath: [{ 'anything-but': { wildcard: 123 } }] } }, 'wildcard match pattern must be a string'],
  ['AWS content_anything_suffix_list_type_EXC', { detail: { FileName: [{ 'anything-but': { suffix: [123, '.txt'] } }] } }, 'prefix/suffix match pattern must be a string'],
  ['AWS content_anything_suffix_int_EXC', { detail: { FileName: [{ 'anything-but': { suffix: 123 } }] } }, 'prefix/suffix match pattern must be a string'],
  ['AWS content_anything_prefix_list_type_EXC', { detail: { state: [{ 'anything-but': { prefix: [123, 'test'] } }] } }, 'prefix/suffix match pattern must be a string'],
  ['AWS content_anything_prefix_int_EXC', { detail: { state: [{ 'anything-but': { prefix: 123 } }] } }, 'prefix/suffix match pattern must be a string'],
  ['AWS content_prefix_list_EXC', { time: [{ prefix: ['2022-07-13'] }] }, 'time: prefix match pattern must be a string'],
  ['AWS content_prefix_int_EXC', { time: [{ prefix: 123 }] }, 'time: prefix match pattern must be a string'],
  ['AWS content_suffix_int_EXC', { FileName: [{ suffix: 123 }] }, 'FileName: suffix match pattern must be a string'],
  ['AWS content_suffix_list_EXC', { FileName: [{ suffix: ['.png'] }] }, 'FileName: suffix match pattern must be a string'],
  [
    'AWS content_anything_prefix_ignorecase_EXC',
    { detail: { FileName: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'file' } } }] } },
    'Value of anything-but must be an array or single string/number value.',
  ],
  [
    'AWS content_anything_suffix_ignorecase_EXC',
    { detail: { FileName: [{ 'anything-but': { suffix: { 'equals-ignore-case': '.png' } } }] } },
    'Value of anything-but must be an array or single string/number value.',
  ],
  ['AWS test_invalid_json_event_pattern (array)', ['not', 'a', 'dict', 'but valid json'], '<root>: Filter is not an object'],
  ['ER parseObject', {}, '<root>: Empty objects are not allowed'],
  ['ER parseObject', { detail: {} }, 'detail: Empty objects are not allowed'],
  ['ER writeRules', { a: [[1]] }, 'a: Match value must be String, number, true, false, or null'],
  ['ER processMatchExpression', { a: [{}] }, 'a: Match expression name not found'],
  ['ER processMatchExpression', { a: [{ prefix: 'x', suffix: 'y' }] }, 'a: Only one key allowed in match expression'],
  ['ER processMatchExpression', { a: [{ numeric: ['>', 1], prefix: 'y' }] }, 'a: Too many elements in numeric expression'],
  ['ER processExistsExpression', { a: [{ exists: 'yes' }] }, 'a: exists match pattern must be either true or false.'],
  ['ER processNumericMatchExpression', { a: [{ numeric: '>' }] }, 'a: Value of numeric must be an array.'],
  ['ER processNumericMatchExpression', { a: [{ numeric: [] }] }, 'a: Invalid member in numeric match: ]'],
  ['ER processNumericMatchExpression', { a: [{ numeric: [5, '>'] }] }, 'a: Invalid member in numeric match: 5'],
  ['ER processNumericMatchExpression', { a: [{ numeric: ['~', 1] }] }, 'a: Unrecognized numeric range operator: ~'],
  ['ER processNumericMatchExpression', { a: [{ numeric: ['=', 'one'] }] }, 'a: Value of equals must be numeric'],
  ['ER processNumericMatchExpression', { a: [{ numeric: ['<', 10, '>', 0] }] }, 'a: Too many elements in numeric expression'],
  ['ER completeNumericRange', { a: [{ numeric: ['>', 0, 5, 1] }] }, 'a: Bad value in numeric range: 5'],
  ['ER completeNumericRange', { a: [{ numeric: ['>', 0, '<', 5, 6] }] }, 'a: Too many terms in numeric range expression'],
  ['ER Range.ensureValidRange', { a: [{ numeric: ['>', 10, '<', 5] }] }, 'a: Bottom must be less than top'],
  ['ER Range.ensureValidRange', { a: [{ numeric: ['>=', 5, '<=', 5] }] }, 'a: Bottom must be less than top'],
  ['ER ComparableNumber', { a: [{ numeric: ['>', 6e11] }] }, 'a: Value must be between -5.0E11 and 5.0E11, inclusive'],
  ['ER ComparableNumber', { a: [{ numeric: ['=', 1.0000001] }] }, 'a: Only values upto 6 decimals are supported'],
  ['ER ComparableNumber', { a: [{ 'anything-but': [1, 6e11] }] }, 'a: Value must be between -5.0E11 and 5.0E11, inclusive'],
  [
    'ER processAnythingButListMatchExpression',
    { a: [{ 'anything-but': ['a', 1] }] },
    'a: Inside anything but list, either all values are number or string, mixed type is not supported',
  ],
  ['ER processAnythingButListMatchExpression', { a: [{ 'anything-but': [] }] }, 'mixed type is not supported'],
  ['ER processAnythingButListMatchExpression', { a: [{ 'anything-but': [null] }] }, 'a: Inside anything but list, start|null|boolean is not supported.'],
  ['ER anything-but token check', { a: [{ 'anything-but': true }] }, 'a: Value of anything-but must be an array or single string/number value.'],
  ['ER anything-but object', { a: [{ 'anything-but': { exists: true } }] }, 'a: Unsupported anything-but pattern: exists'],
  ['ER anything-but object', { a: [{ 'anything-but': {} }] }, 'a: Anything-But expression name not found'],
  ['ER anything-but prefix', { a: [{ 'anything-but': { prefix: '' } }] }, 'a: Null prefix/suffix not allowed'],
  ['ER anything-but suffix list', { a: [{ 'anything-but': { suffix: ['.png', ''] } }] }, 'a: Null prefix/suffix not allowed'],
  ['ER processPrefixEqualsIgnoreCaseExpression', { a: [{ prefix: { foo: 'x' } }] }, 'a: Unsupported prefix pattern: foo'],
  ['ER processPrefixEqualsIgnoreCaseExpression', { a: [{ prefix: {} }] }, 'a: Prefix expression name not found'],
  ['ER processSuffixEqualsIgnoreCaseExpression', { a: [{ suffix: { 'equals-ignore-case': 5 } }] }, 'a: equals-ignore-case match pattern must be a string'],
  ['ER WildcardParser', { a: [{ wildcard: 'a\\b' }] }, 'a: Invalid escape character at pos 2'],
  ['ER WildcardParser (UTF-8 byte offsets)', { a: [{ wildcard: 'é**' }] }, 'a: Consecutive wildcard characters at pos 3'],
  ['ER CIDR', { a: [{ cidr: '10.0.0.1/32' }] }, 'a: IPv4 mask bits must be < 32'],
  ['ER CIDR', { a: [{ cidr: '::1/128' }] }, 'a: IPv6 mask bits must be < 128'],
  ['ER CIDR', { a: [{ cidr: '10.0.0.0/-1' }] }, 'a: Malformed CIDR, mask bits must not be negative'],
  ['ER CIDR', { a: [{ cidr: '999.0.0.0/8' }] }, 'a: Invalid IP address: 999.0.0.0'],
  ['ER parseIntoOrRelationship', { $or: [{ a: ['x'] }] }, '$or: There must have at least 2 Objects in $or relationship.'],
  ['ER parseIntoOrRelationship', { $or: { a: ['x'] } }, '$or: It must be an Array followed with $or.'],
  ['ER parseIntoOrRelationship', { $or: [{ a: ['x'] }, 'b'] }, '$or: Only JSON object is allowed in array of $or relationship.'],
  [
    'ER RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP',
    { $or: [{ numeric: [{ numeric: ['>', 1] }] }, { prefix: ['abc'] }] },
    '$or[0].numeric: numeric is Ruler reserved fieldName which cannot be used inside $or.',
  ],
  ['HASHI path naming inside $or', { detail: { $or: [{ a: ['x'] }, { price: [{ numeric: ['<'] }] }] } }, 'detail.$or[1].price: Value of < must be numeric'],
];

describe('validatePattern', () => {
  it.each(invalid)('%s: %j', (_source, pattern, message) => {
    // Prepare / Act
    let caught: unknown;
    try {
      validatePattern(pattern);
    } catch (err) {
      caught = err;
    }
    // Assess
    expect(isHashiError(caught)).toBe(true);
    const err = caught as { code: string; message: string; status: number };
    expect(err.code).toBe('EVENT_PATTERN_INVALID');
    expect(err.status).toBe(400);
    expect(err.message).toContain(message);
  });

  it('names the offending path in details (brief example: detail.price)', () => {
    try {
      validatePattern({ detail: { price: [{ numeric: ['>', 'ten'] }] } });
      expect.unreachable();
    } catch (err) {
      expect((err as { details: unknown }).details).toEqual({ path: 'detail.price', reason: 'Value of > must be numeric' });
    }
  });

  it('refuses patterns over the 2048-character quota unless the limit is raised (EventBridge quotas)', () => {
    const pattern = { source: ['x'.repeat(2100)] };
    expect(() => validatePattern(pattern)).toThrow(/limit is 2048/);
    expect(() => validatePattern(pattern, { maxLength: 4096 })).not.toThrow();
  });

  it('refuses $or products beyond the branch guard (HASHI)', () => {
    const or = (n: number) => ({ $or: [{ [`a${n}`]: ['x'] }, { [`b${n}`]: ['y'] }] });
    const pattern = { l1: or(1), l2: or(2), l3: or(3), l4: or(4), l5: or(5), l6: or(6), l7: or(7), l8: or(8), l9: or(9), l10: or(10), l11: or(11) };
    expect(() => validatePattern(pattern, { maxLength: 100_000 })).toThrow(/more than 1024 alternatives/);
  });

  it('accepts every operator form the docs list (eb-create-pattern-operators)', () => {
    const pattern = {
      source: ['aws.ec2', 123, true, null, ''],
      a: [{ prefix: 'us-' }, { prefix: { 'equals-ignore-case': 'EventB' } }],
      b: [{ suffix: '.png' }, { suffix: { 'equals-ignore-case': '.png' } }],
      c: [{ 'equals-ignore-case': 'x' }, { wildcard: 'dir/*.png' }, { exactly: 'x' }],
      d: [{ 'anything-but': 'initializing' }, { 'anything-but': 123 }, { 'anything-but': ['a', 'b'] }, { 'anything-but': [1, 2] }],
      e: [{ 'anything-but': { prefix: 'us-' } }, { 'anything-but': { suffix: '.png' } }, { 'anything-but': { 'equals-ignore-case': ['x', 'Y'] } }],
      f: [{ 'anything-but': { wildcard: '*/lib/*' } }, { numeric: ['>', 0, '<=', 5] }, { numeric: ['=', 3.018e2] }],
      g: [{ cidr: '10.0.0.0/24' }, { cidr: '2001:db8::/64' }, { exists: true }],
    };
    expect(compilePattern(pattern).branches).toHaveLength(1);
  });

  it('expands nested $or into one branch per alternative (ER JsonRuleCompiler doc comment)', () => {
    const compiled = compilePattern({
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'] }, { scope: ['Service'] }],
    });
    expect(compiled.branches.map((b) => b.conditions.map((c) => c.path).sort())).toEqual([
      ['metricName', 'source'],
      ['metricType', 'namespace', 'source'],
      ['scope', 'source'],
    ]);
  });
});
