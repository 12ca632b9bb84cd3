/** The OLMo ladder's folder of training logs is read as score data, with no converter; the estimated-compute warning counts scored models only. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { readOlmoLadder } from '../../src/data/olmoLadder.js';
import { hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';
import { tempFolders } from './support.js';

describe.skipIf(!hasRawData)('the OLMo ladder folder', () => {
  it('loads as the final evaluations of its runs and targets, with sizes and tokens', () => {
    const dir = rawPath('olmo-ladder');
    const data = loadDataset({ scores: [dir] });
    const direct = readOlmoLadder(dir);
    expect(data.aggregates).toHaveLength(direct.aggregates.length);
    expect(data.models!.models.map((m) => m.model).sort()).toEqual(direct.models!.models.map((m) => m.model).sort());
    const hs = data.aggregates.find((a) => a.model === 'OLMo-2-13B' && a.benchmark === 'HellaSwag')!;
    // The paper's "Actual" HellaSwag of the 13B (SOURCE.md): 0.8337, the mean of its last five evaluations.
    expect(hs.score).toBeCloseTo(0.832, 2);
    expect(hs.metrics.bpb).toBeGreaterThan(0);
  });
});
if (!hasRawData) it.skip(noRawDataReason, () => {});

const temp = tempFolders('scalecast-estimated-');

describe('the estimated-compute warning', () => {
  it('counts only the models that have scores', () => {
    const dir = temp({
      'm.csv': 'model,params,tokens\na,1e9,2e10\nb,2e9,4e10\nunused-1,3e9,6e10\nunused-2,4e9,8e10\n',
      's.csv': 'model,benchmark,score\na,x,0.3\nb,x,0.4\n',
    });
    const data = loadDataset({ scores: [join(dir, 's.csv')], models: [join(dir, 'm.csv')] });
    const w = data.warnings.filter((x) => x.code === 'compute-estimated');
    expect(w.map((x) => x.message)).toEqual(['2 of the 2 scored models had no compute; it was estimated as 6·params·tokens (a, b)']);
  });
});
