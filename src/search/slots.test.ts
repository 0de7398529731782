import { describe, expect, it } from 'vitest';
import { SlotTable } from './slots.ts';

describe('SlotTable', () => {
  it('allocates dense slots and reuses the lowest freed one', () => {
    const t = new SlotTable();
    expect(['a', 'b', 'c', 'd'].map((id) => t.allocate(id))).toEqual([0, 1, 2, 3]);
    expect(t.release('c')).toBe(2);
    expect(t.release('a')).toBe(0);
    expect(t.allocate('e')).toBe(0);
    expect(t.allocate('f')).toBe(2);
    expect(t.allocate('g')).toBe(4);
    expect(t.capacity).toBe(5);
    expect(t.size).toBe(5);
    expect([...t.liveSlots()]).toEqual([0, 1, 2, 3, 4]);
    expect(t.idOf(2)).toBe('f');
  });

  it('refuses a second slot for a live id and forgets released ids', () => {
    const t = new SlotTable();
    t.allocate('x');
    expect(() => t.allocate('x')).toThrow();
    expect(t.release('x')).toBe(0);
    expect(t.release('x')).toBeUndefined();
    expect(t.slotOf('x')).toBeUndefined();
    expect(t.idOf(0)).toBeUndefined();
  });
});
