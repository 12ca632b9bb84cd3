import { describe, expect, it } from 'vitest';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { parseScoreText } from '../../src/data/scoreFiles.js';
import type { Dataset } from '../../src/data/types.js';
import { benchmarkData } from '../../src/data/benchmarkData.js';

function dataset(text: string): Dataset {
  const c = new ItemScoreCollector();
  const r = parseScoreText(text, 'agg.csv', c);
  return { models: null, itemScores: c.finish(), aggregates: r.aggregates, warnings: [] };
}

describe('benchmarkData', () => {
  it('uses one loss-like column per benchmark, the preferred one any row has', () => {
    const b = benchmarkData(dataset('model,benchmark,score,loss,bpb\na,x,0.3,2.1,0.9\nb,x,0.4,,0.8\nc,y,0.5,,0.7\n'));
    const x = b.find((v) => v.benchmark === 'x')!;
    expect([...x.losses!.entries()]).toEqual([['a', 2.1]]);
    expect([...b.find((v) => v.benchmark === 'y')!.losses!.entries()]).toEqual([['c', 0.7]]);
  });

  it('reads lm-evaluation-harness bits_per_byte as a loss', () => {
    const b = benchmarkData(dataset('model,benchmark,score,bits_per_byte\na,x,0.3,0.95\n'));
    expect(b[0]!.losses!.get('a')).toBe(0.95);
  });

  it('names the benchmarks asked for that are missing', () => {
    expect(() => benchmarkData(dataset('model,benchmark,score\na,x,0.3\n'), { benchmarks: ['z'] })).toThrow('no scores for benchmark z (have: x)');
  });
});
