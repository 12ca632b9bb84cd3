/** The text renderers of predict: what a user reads. */
import { describe, expect, it } from 'vitest';
import { methodWarnings } from '../../cli/output/renderPredict.js';

describe('method warnings in the text output', () => {
  it('lists each warning once with its benchmarks, and none of methods that predicted nothing', () => {
    const row = (benchmark: string, method: string, prediction: number | null, warnings: string[]) => ({ benchmark, method, prediction, interval: null, warnings });
    expect(
      methodWarnings([
        row('arc', 'e2e-logistic', 0.5, ['no dof']),
        row('mmlu', 'e2e-logistic', 0.6, ['no dof']),
        row('gsm8k', 'e2e-logistic', null, ['no dof']),
        row('arc', 'cod', 0.4, ['sampled']),
      ]),
    ).toEqual(['e2e-logistic: no dof (2 benchmarks: arc, mmlu)', 'cod: sampled (arc)']);
  });
});
