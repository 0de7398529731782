import { describe, expect, it } from 'vitest';
import { parseTargetArn } from './arn.ts';

describe('parseTargetArn', () => {
  it('reads <kind>:<name>, keeping colons in the name', () => {
    expect(parseTargetArn('function:orderConfirmation')).toEqual({ kind: 'function', name: 'orderConfirmation' });
    expect(parseTargetArn('http:https://example.com:8443/hook')).toEqual({ kind: 'http', name: 'https://example.com:8443/hook' });
  });

  it('reads event-bus, SQS and Lambda ARNs as bus, queue and function targets, bus and queue qualified with the account', () => {
    expect(parseTargetArn('arn:aws:events:eu-west-1:123456789012:event-bus/orders')).toEqual({ kind: 'bus', name: '123456789012/orders' });
    expect(parseTargetArn('arn:aws:sqs:eu-west-1:123456789012:audit-q')).toEqual({ kind: 'queue', name: '123456789012/audit-q' });
    expect(parseTargetArn('arn:aws:sqs:eu-west-1:123456789012:jobs.fifo')).toEqual({ kind: 'queue', name: '123456789012/jobs.fifo' });
    expect(parseTargetArn('arn:aws:lambda:eu-west-1:123456789012:function:notify:live')).toEqual({ kind: 'function', name: 'notify' });
  });

  it('refuses other ARNs, missing names and malformed kinds', () => {
    expect(parseTargetArn('arn:aws:sns:eu-west-1:123456789012:topic')).toBeUndefined();
    expect(parseTargetArn('arn:aws:sqs:eu-west-1:not-an-account:q')).toBeUndefined();
    expect(parseTargetArn('function:')).toBeUndefined();
    expect(parseTargetArn('Function:x')).toBeUndefined();
    expect(parseTargetArn('noseparator')).toBeUndefined();
  });
});
