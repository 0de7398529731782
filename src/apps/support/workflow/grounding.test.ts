import { describe, expect, it } from 'vitest';
import { NO_ANSWER, citedIds, groundSolution } from './grounding.ts';

const passages = [
  { id: 'ev-e101-ground-fault', title: 'E101' },
  { id: 'ev-install-home7', title: 'Installing' },
];

describe('grounding', () => {
  it('finds cited passage ids in order of first citation, ignoring ids that were not handed to the model', () => {
    expect(citedIds('Do this [ev-install-home7]. Then [ev-e101-ground-fault] and again [ev-install-home7] [made-up-id] [1].', passages.map((p) => p.id))).toEqual(['ev-install-home7', 'ev-e101-ground-fault']);
  });

  it('an answer citing passages is grounded and kept as generated', () => {
    expect(groundSolution('Unplug it [ev-e101-ground-fault]', passages, { groundedOnly: true, lang: 'en-US' })).toEqual({
      text: 'Unplug it [ev-e101-ground-fault]',
      citations: [{ id: 'ev-e101-ground-fault', title: 'E101' }],
      grounded: true,
    });
  });

  it('with grounded_only, an answer citing nothing says that no article fits, in the ticket language', () => {
    const out = groundSolution('Restart it.', passages, { groundedOnly: true, lang: 'de-DE' });
    expect(out).toEqual({ text: `Restart it.\n\n${NO_ANSWER['de-DE']}`, citations: [], grounded: false });
    expect(groundSolution('   ', [], { groundedOnly: true, lang: 'it-IT' }).text).toBe(NO_ANSWER['it-IT']);
  });

  it('without grounded_only, an uncited answer stands as it is', () => {
    expect(groundSolution('Restart it.', passages, { groundedOnly: false, lang: 'en-US' })).toEqual({ text: 'Restart it.', citations: [], grounded: false });
  });
});
