/**
 * Reading the real per-item matrices in ../shared/datasets/raw/all-the-noises-per-item: every
 * model's mean must equal the `mean_pass1` its source lists in the matching `.models.csv`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { modelMeans } from '../../src/data/summarizeDataset.js';
import { hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';

function listedMeans(file: string): Map<string, { mean: number; items: number }> {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const [iModel, iItems, iMean] = ['model', 'n_items', 'mean_pass1'].map((h) => header.indexOf(h));
  return new Map(
    lines.slice(1).map((l) => {
      const f = l.split(',');
      return [f[iModel!]!, { mean: Number(f[iMean!]), items: Number(f[iItems!]) }] as const;
    }),
  );
}

describe.skipIf(!hasRawData)('real per-item matrices (all-the-noises-per-item)', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});

  for (const config of ['main', 'lowk_temp1', 'highk_temp0.7']) {
    it(`${config}: every model's mean matches the published mean_pass1 to 1e-6, for every benchmark`, () => {
      const dir = rawPath('all-the-noises-per-item', config);
      const data = loadDataset({ scores: [dir] });
      const files = readdirSync(dir).filter((f) => f.endsWith('.pass1.csv'));
      expect(data.itemScores.length).toBe(files.length);
      let checked = 0;
      for (const m of data.itemScores) {
        const listed = listedMeans(`${dir}/${m.benchmark}.models.csv`);
        const { means, counts } = modelMeans(m);
        expect(new Set(m.models)).toEqual(new Set(listed.keys()));
        m.models.forEach((name, j) => {
          const want = listed.get(name)!;
          expect(counts[j], `${m.benchmark} ${name} items`).toBe(want.items);
          expect(Math.abs(means[j]! - want.mean), `${m.benchmark} ${name}`).toBeLessThan(1e-6);
          checked++;
        });
      }
      expect(checked).toBeGreaterThan(100);
    });
  }

  it('main: trial counts come from the .count.csv companions (CRUXEval at T=0.8 has 10 samples)', () => {
    const dir = rawPath('all-the-noises-per-item', 'main');
    const data = loadDataset({ scores: [`${dir}/CRUXEval-input-T0.8.pass1.csv`] });
    const m = data.itemScores[0]!;
    expect(m.trials).not.toBeNull();
    expect(Math.max(...m.trials!)).toBe(10);
  });
});
