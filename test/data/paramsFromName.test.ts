/** Sizes stated in model names order models that have no models-table row. */
import { describe, expect, it } from 'vitest';
import { paramsFromName } from '../../src/data/paramsFromName.js';
import { compareBySize, sizeOrderText } from '../../src/data/summarizeDataset.js';

describe('paramsFromName', () => {
  it('reads the size a name states', () => {
    expect(paramsFromName('pythia-70m')).toBe(70e6);
    expect(paramsFromName('pythia-1.4b-deduped')).toBe(1.4e9);
    expect(paramsFromName('Qwen1.5-14B-Chat')).toBe(14e9);
    expect(paramsFromName('Qwen1.5-0.5B')).toBe(0.5e9);
    expect(paramsFromName('meta-llama/Llama-2-70b-hf')).toBe(70e9);
    expect(paramsFromName('opt-125m')).toBe(125e6);
  });

  it('finds none where the name states none', () => {
    expect(paramsFromName('phi-1_5')).toBeUndefined();
    expect(paramsFromName('gpt2')).toBeUndefined();
    expect(paramsFromName('Mixtral-8x7B')).toBeUndefined(); // 8x7B is no parameter count
    expect(paramsFromName('model-3bits')).toBeUndefined();
  });

  it('orders pythia by the size in its names without a models table, and says so', () => {
    const names = ['pythia-1b', 'pythia-70m', 'pythia-12b', 'pythia-1.4b', 'pythia-160m', 'phi-1_5'];
    const sorted = names.map((model) => ({ model })).sort(compareBySize).map((m) => m.model);
    expect(sorted).toEqual(['pythia-70m', 'pythia-160m', 'pythia-1b', 'pythia-1.4b', 'pythia-12b', 'phi-1_5']);
    expect(sizeOrderText(names.map((model) => ({ model })))).toBe('the size in the name, then name');
    expect(sizeOrderText([{ model: 'a', compute: 1 }, { model: 'b', params: 2 }])).toBe('training compute, then parameters');
    expect(sizeOrderText([{ model: 'a', compute: 1 }])).toBe('training compute');
  });
});
