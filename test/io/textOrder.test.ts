import { describe, expect, it } from 'vitest';
import { compareBySize } from '../../src/data/summarizeDataset.js';
import { compareNatural, compareText, naturalTokens } from '../../src/io/textOrder.js';

describe('compareNatural', () => {
  it('orders decimal sizes in names by value', () => {
    const names = ['pythia-2.8b', 'pythia-12b', 'pythia-1b', 'pythia-1.4b', 'pythia-410m', 'pythia-160m'];
    expect([...names].sort(compareNatural)).toEqual(['pythia-1b', 'pythia-1.4b', 'pythia-2.8b', 'pythia-12b', 'pythia-160m', 'pythia-410m']);
    const qwen = ['Qwen1.5-14B', 'Qwen1.5-0.5B', 'Qwen1.5-4B', 'Qwen1.5-1.8B', 'Qwen1.5-7B'];
    expect([...qwen].sort(compareNatural)).toEqual(['Qwen1.5-0.5B', 'Qwen1.5-1.8B', 'Qwen1.5-4B', 'Qwen1.5-7B', 'Qwen1.5-14B']);
  });

  it('ignores case in text, puts shorter names first, and is a total order', () => {
    expect(compareNatural('Model-b', 'model-a')).toBeGreaterThan(0);
    expect(compareNatural('m-1b', 'm-1b-chat')).toBeLessThan(0);
    expect(compareNatural('a', 'A')).not.toBe(0);
    expect(compareNatural('m-01', 'm-1')).not.toBe(0);
    expect(compareNatural('x', 'x')).toBe(0);
  });

  it('splits names into text and numbers', () => {
    expect(naturalTokens('Qwen1.5-0.5B')).toEqual(['Qwen', 1.5, '-', 0.5, 'B']);
    expect(naturalTokens('12')).toEqual([12]);
    expect(naturalTokens('')).toEqual([]);
  });
});

describe('compareText', () => {
  it('is code-unit order', () => {
    expect(['b', 'B', 'a', 'a1'].sort(compareText)).toEqual(['B', 'a', 'a1', 'b']);
  });
});

describe('compareBySize', () => {
  it('falls back to natural name order when sizes are unknown', () => {
    const models = ['pythia-2.8b', 'pythia-1.4b', 'pythia-1b'].map((model) => ({ model }));
    expect(models.sort(compareBySize).map((m) => m.model)).toEqual(['pythia-1b', 'pythia-1.4b', 'pythia-2.8b']);
  });
});
