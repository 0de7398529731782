import { describe, expect, it } from 'vitest';
import { chooseAutoModel, classifyPrompt, countWords, latestUserText } from './auto.ts';
import { ROUTING_DEFAULTS } from './config.ts';

const auto = ROUTING_DEFAULTS.auto;
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

describe('auto routing heuristic (seed 000: >200 words or analysis keywords → Sonnet)', () => {
  it('keeps a 200-word prompt on the small model and moves a 201-word prompt to the large one', () => {
    expect(classifyPrompt(words(200), auto)).toBe('simple');
    expect(classifyPrompt(words(201), auto)).toBe('complex');
  });

  it('treats analysis keywords as complex, case-insensitively', () => {
    expect(classifyPrompt('Can you COMPARE One Piece and Naruto?', auto)).toBe('complex');
    expect(classifyPrompt('Please explain why volume 3 is out of stock', auto)).toBe('complex');
    expect(classifyPrompt('Recommend based on my last order', auto)).toBe('complex');
    expect(classifyPrompt('Is volume 3 in stock?', auto)).toBe('simple');
  });

  it('honours a configured threshold, keywords and aliases', () => {
    const config = { small: 'tiny', large: 'huge', wordThreshold: 3, keywords: ['比較'] };

    expect(chooseAutoModel('one two three four', config)).toBe('huge');
    expect(chooseAutoModel('ワンピースとナルトを比較して', config)).toBe('huge');
    expect(chooseAutoModel('hi there', config)).toBe('tiny');
  });

  it('counts Japanese text, which has no spaces, at two characters per word', () => {
    expect(countWords('在庫はありますか')).toBe(4);
    expect(countWords('One Piece 105巻')).toBe(4);
  });

  it('judges the latest user message, not the whole history', () => {
    const messages = [
      { role: 'user' as const, content: 'Please compare these two series' },
      { role: 'assistant' as const, content: 'Sure…' },
      { role: 'user' as const, content: [{ type: 'text' as const, text: 'thanks!' }] },
    ];

    expect(latestUserText(messages)).toBe('thanks!');
    expect(chooseAutoModel(latestUserText(messages), auto)).toBe('haiku');
  });
});
