import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text.ts';

describe('plainText', () => {
  it('turns headings and list items into sentences without their markers', () => {
    const md = '## What the customer can do\n\n1. Unplug the vehicle and wait one minute\n2. Check that the **cable** is dry.\n   It must be undamaged\n- Never bypass the RCD\n\nA technician must test the `installation`';
    expect(plainText(md)).toBe(
      'What the customer can do. Unplug the vehicle and wait one minute. Check that the cable is dry. It must be undamaged. Never bypass the RCD. A technician must test the installation.',
    );
  });

  it('keeps plain prose as it is', () => {
    expect(plainText('Error E205 means low insulation. The inverter retries.')).toBe('Error E205 means low insulation. The inverter retries.');
  });
});
