import { describe, expect, it } from 'vitest';
import { nextRuns, runJsonl, testPattern, testTransform } from './index.ts';

// Cases reuse documented examples: the event-ruler README sample (patterns), the EventBridge
// "Transforming target input" page (transform) and the EventBridge schedule page (cron/rate).

describe('testPattern', () => {
  it('answers match true/false', () => {
    expect(testPattern({ source: ['aws.ec2'] }, { source: 'aws.ec2' })).toEqual({ match: true });
    expect(testPattern({ source: ['aws.ec2'] }, { source: 'aws.s3' })).toEqual({ match: false });
  });
  it('turns an invalid pattern into {error, code} with the path', () => {
    expect(testPattern({ detail: { price: [{ numeric: ['<'] }] } }, {})).toEqual({
      error: 'detail.price: Value of < must be numeric',
      code: 'EVENT_PATTERN_INVALID',
    });
  });
  it('turns a non-object event into {error}', () => {
    expect(testPattern({ a: ['x'] }, 'text')).toMatchObject({ code: 'EVENT_INVALID' });
  });
});

describe('testTransform', () => {
  const event = { time: '2015-11-11T21:29:54Z', detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' } };
  it('renders the template with the context', () => {
    expect(testTransform({
      event,
      inputPathsMap: { instance: '$.detail.instance-id', state: '$.detail.state' },
      inputTemplate: '"<aws.events.rule-name>: instance <instance> is in <state>"',
      context: { ruleName: 'example' },
    })).toEqual({ output: '"example: instance i-0123456789 is in RUNNING"' });
  });
  it('works without an InputPathsMap', () => {
    expect(testTransform({ event, inputTemplate: '{"t": <aws.events.event.ingestion-time>}', context: { ingestionTime: '2024-01-01T00:00:00Z' } }))
      .toEqual({ output: '{"t":"2024-01-01T00:00:00Z"}' });
  });
  it('turns an undefined placeholder into {error}', () => {
    expect(testTransform({ event, inputPathsMap: {}, inputTemplate: '"<nope>"' })).toEqual({
      error: 'InputTemplate contains invalid placeholder nope.',
      code: 'INPUT_TRANSFORMER_INVALID',
    });
  });
});

describe('nextRuns', () => {
  it('lists ISO times for cron and rate', () => {
    expect(nextRuns('cron(0 10 * * ? *)', 2, '2024-01-01T00:00:00Z')).toEqual({ next: ['2024-01-01T10:00:00.000Z', '2024-01-02T10:00:00.000Z'] });
    expect(nextRuns('rate(5 minutes)', 2, '2024-01-01T10:10:00Z', '2024-01-01T10:02:00Z')).toEqual({ next: ['2024-01-01T10:12:00.000Z', '2024-01-01T10:17:00.000Z'] });
  });
  it('turns bad input into {error}', () => {
    expect(nextRuns('rate(1 hours)', 2, '2024-01-01T00:00:00Z')).toMatchObject({ code: 'SCHEDULE_INVALID' });
    expect(nextRuns('rate(1 hour)', 2, 'yesterday')).toEqual({ error: 'from is not a valid date: yesterday' });
  });
});

describe('runJsonl', () => {
  it('gives one result per line in order; a malformed line fails alone', () => {
    const lines = [
      JSON.stringify({ pattern: { source: ['a'] }, event: { source: 'a' } }),
      '{not json',
      '',
      JSON.stringify({ pattern: { source: ['a'] }, event: { source: 'b' } }),
      '[1,2]',
      JSON.stringify({ pattern: { source: 'a' }, event: { source: 'a' } }),
    ];
    const results = runJsonl('test-pattern', lines);
    expect(results.map((r) => r.line)).toEqual([1, 2, 4, 5, 6]);
    expect(results[0]).toEqual({ line: 1, match: true });
    expect(results[1]).toMatchObject({ line: 2, error: expect.stringMatching(/JSON/) });
    expect(results[2]).toEqual({ line: 4, match: false });
    expect(results[3]).toEqual({ line: 5, error: 'each line must be a JSON object' });
    expect(results[4]).toMatchObject({ line: 6, code: 'EVENT_PATTERN_INVALID' });
  });
  it('runs test-transform lines', () => {
    const results = runJsonl('test-transform', [JSON.stringify({ event: { a: 1 }, inputPathsMap: { a: '$.a' }, inputTemplate: '{"v": <a>}' })]);
    expect(results).toEqual([{ line: 1, output: '{"v":1}' }]);
  });
  it('runs next-runs lines, with the caller clock as the default from', () => {
    const lines = [JSON.stringify({ expression: 'cron(0 10 * * ? *)', count: 1 }), JSON.stringify({ expression: 'cron(0 10 * * ? *)', count: 1, from: '2030-05-01T00:00:00Z' })];
    expect(runJsonl('next-runs', lines, { now: new Date('2024-01-01T00:00:00Z') })).toEqual([
      { line: 1, next: ['2024-01-01T10:00:00.000Z'] },
      { line: 2, next: ['2030-05-01T10:00:00.000Z'] },
    ]);
    expect(runJsonl('next-runs', [lines[0] as string])).toEqual([{ line: 1, error: 'next-runs lines need "from" (no default time was given)' }]);
  });
});

describe('deeply nested input (issue 11)', () => {
  const deep = JSON.parse('{"detail":' + '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) + '}') as unknown;

  it('test-pattern and test-transform report JSON_TOO_DEEP instead of overflowing the stack', () => {
    expect(testPattern({ source: ['x'] }, deep)).toMatchObject({ code: 'JSON_TOO_DEEP' });
    expect(testTransform({ event: deep, inputPathsMap: { d: '$.detail' }, inputTemplate: '{"d": <d>}' })).toMatchObject({ code: 'JSON_TOO_DEEP' });
  });
});
