import { describe, expect, it } from 'vitest';
import { chainFor, userDetail, withChain } from './chain.ts';
import { checkEntry } from './entry.ts';
import { resolveBusName } from './namespace.ts';
import { entrySize } from './entry-size.ts';

const now = Date.UTC(2026, 0, 1, 12, 0, 0, 500);
const anyBus = () => true;

describe('entrySize (EventBridge user guide, "Calculating PutEvents event entry size")', () => {
  it('counts 14 bytes for Time and the UTF-8 bytes of Source, DetailType, Detail and Resources', () => {
    expect(entrySize({ Source: 'abc', DetailType: 'de', Detail: '{}' })).toBe(7);
    expect(entrySize({ Source: 'abc', DetailType: 'de', Detail: '{}', Time: '2026-01-01T00:00:00Z' })).toBe(21);
    expect(entrySize({ Source: 'é', DetailType: '日本', Detail: { a: 1 }, Resources: ['r1', 'r22'] })).toBe(2 + 6 + 7 + 5);
  });
});

describe('checkEntry', () => {
  it('normalises a good entry: default bus, time to the second, Detail text parsed, bus ARNs read', () => {
    const ok = checkEntry({ Source: 's', DetailType: 'd', Detail: '{"a":1}', EventBusName: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders' }, now, anyBus, false, '123456789012');
    expect(ok).toEqual({ ok: true, entry: { bus: 'orders', source: 's', detailType: 'd', detail: { a: 1 }, resources: [], time: Date.UTC(2026, 0, 1, 12) } });
    const t = checkEntry({ Source: 's', DetailType: 'd', Detail: {}, Time: 1767225600 }, now, anyBus);
    expect(t.ok && t.entry.time).toBe(Date.UTC(2026, 0, 1));
  });

  it('refuses with the code and parameter EventBridge would name', () => {
    const code = (raw: unknown) => {
      const r = checkEntry(raw, now, (b) => b === 'default');
      return r.ok ? 'ok' : `${r.code}: ${r.message}`;
    };
    expect(code(null)).toMatch(/^InvalidArgument: Parameter Entry/);
    expect(code({ DetailType: 'd', Detail: {} })).toBe('InvalidArgument: Parameter Source is not valid. Reason: Source is a required argument.');
    expect(code({ Source: 's', Detail: {} })).toMatch(/^InvalidArgument: Parameter DetailType/);
    expect(code({ Source: 's', DetailType: 'd'.repeat(129), Detail: {} })).toMatch(/longer than 128/);
    expect(code({ Source: 's', DetailType: 'd' })).toMatch(/^InvalidArgument: Parameter Detail is not valid/);
    expect(code({ Source: 's', DetailType: 'd', Detail: 'null' })).toMatch(/^MalformedDetail/);
    expect(code({ Source: 's', DetailType: 'd', Detail: {}, Resources: [1] })).toMatch(/^InvalidArgument: Parameter Resources/);
    expect(code({ Source: 's', DetailType: 'd', Detail: {}, EventBusName: 'other' })).toBe('EVENT_BUS_NOT_FOUND: Event bus other does not exist.');
    expect(code({ Source: 'aws.ec2', DetailType: 'd', Detail: {} })).toMatch(/^NotAuthorizedForSourceException/);
    expect(checkEntry({ Source: 'aws.events', DetailType: 'd', Detail: {} }, now, anyBus, true).ok).toBe(true);
  });
});

describe('loop-guard chain', () => {
  const cause = { id: 'e-1', detail: { _chain_depth: 2 } } as never;

  it('is one deeper than the causing event, else what the publisher carried, else 0', () => {
    expect(chainFor({}, cause)).toEqual({ depth: 3, causedBy: 'e-1' });
    expect(chainFor({ _chain_depth: 7, _caused_by: 'x' }, cause)).toEqual({ depth: 3, causedBy: 'e-1' });
    expect(chainFor({ _chain_depth: 2, _caused_by: 'x' }, undefined)).toEqual({ depth: 2, causedBy: 'x' });
    expect(chainFor({ a: 1 }, undefined)).toEqual({ depth: 0 });
  });

  it('writes the reserved fields and strips them for schemas', () => {
    expect(withChain({ a: 1, _caused_by: 'old' }, { depth: 0 })).toEqual({ a: 1, _chain_depth: 0 });
    expect(userDetail({ a: 1, _chain_depth: 1, _caused_by: 'x' })).toEqual({ a: 1 });
  });
});

describe('resolveBusName', () => {
  it('reads names and event-bus ARNs, an ARN of another account qualified with it', () => {
    expect(resolveBusName('000000000000', 'orders')).toBe('orders');
    expect(resolveBusName('000000000000', 'arn:aws:events:us-east-1:000000000000:event-bus/default')).toBe('default');
    expect(resolveBusName('000000000000', 'arn:aws:events:us-east-1:123456789012:event-bus/default')).toBe('123456789012/default');
    expect(resolveBusName('000000000000', '000000000000/orders')).toBe('orders');
  });
});
