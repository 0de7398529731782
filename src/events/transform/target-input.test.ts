import { describe, expect, it } from 'vitest';
import { compileTargetInput, renderTargetInput } from './index.ts';

// AWS:<test> = recorded against EventBridge in localstack/localstack tests/aws/services/events/test_events_inputs.snapshot.json
const EVENT = { source: 'core.update-account-command', detail: { command: 'update-account', payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' } } };

describe('target input', () => {
  it('passes the whole event by default', () => {
    expect(JSON.parse(renderTargetInput(compileTargetInput({ kind: 'event' }), EVENT) ?? '')).toEqual(EVENT);
  });
  it('AWS test_put_events_with_input_path: $.detail selects an object', () => {
    const out = renderTargetInput(compileTargetInput({ kind: 'inputPath', inputPath: '$.detail' }), EVENT);
    expect(JSON.parse(out ?? '')).toEqual(EVENT.detail);
  });
  it('AWS test_put_events_with_input_path_max_level_depth: a string leaf arrives as JSON text', () => {
    expect(renderTargetInput(compileTargetInput({ kind: 'inputPath', inputPath: '$.detail.payload.sf_id' }), EVENT)).toBe('"baz"');
  });
  it('an InputPath that selects nothing delivers nothing', () => {
    expect(renderTargetInput(compileTargetInput({ kind: 'inputPath', inputPath: '$.detail.none' }), EVENT)).toBeUndefined();
  });
  it('a constant Input is passed as written and must be valid JSON', () => {
    expect(renderTargetInput(compileTargetInput({ kind: 'input', input: '{ "fixed": true }' }), EVENT)).toBe('{ "fixed": true }');
    expect(() => compileTargetInput({ kind: 'input', input: '{fixed}' })).toThrow(/Input is not valid JSON/);
  });
  it('an input transformer renders through the template', () => {
    const compiled = compileTargetInput({ kind: 'transformer', inputPathsMap: { c: '$.detail.command' }, inputTemplate: '"cmd=<c> rule=<aws.events.rule-name>"' });
    expect(renderTargetInput(compiled, EVENT, { ruleName: 'r1' })).toBe('"cmd=update-account rule=r1"');
  });
});
