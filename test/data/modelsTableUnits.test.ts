import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { parseModelsTableText } from '../../src/data/modelsTable.js';
import { tempFolders } from './support.js';

const folder = tempFolders('scalecast-units-');
const unitWarnings = (text: string) => parseModelsTableText(text, 'm.csv').warnings.filter((w) => w.code === 'implausible-unit');

describe('implausible units in a models table', () => {
  it('params below 1e6: one warning asking whether they are in billions', () => {
    const w = unitWarnings('model,params\nX,0.1\nY,7e9\n');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ file: 'm.csv', line: 2 });
    expect(w[0]!.message).toBe('params 0.1 for model X: parameter counts are whole numbers of parameters, e.g. 1.3e9 or 1.3B; is this in billions?');
  });

  it('one warning per column per file, listing the models', () => {
    const rows = Array.from({ length: 20 }, (_, k) => `m${k},${(k + 1) / 10},${k + 1}`).join('\n');
    const w = unitWarnings(`model,params,tokens\n${rows}\n`);
    expect(w).toHaveLength(2);
    expect(w[0]!.message).toMatch(/^params 0\.1 for model m0, 0\.2 for model m1, .* and \d+ more: parameter counts .* are these in billions\?$/);
    expect(w[1]!.message).toMatch(/^tokens 1 for model m0, .*: token counts are whole numbers of tokens/);
  });

  it('compute below 1e12 FLOPs', () => {
    const w = unitWarnings('model,params,compute\nX,1.3e9,5.88e5\n');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toMatch(/^compute 5\.88e5 for model X: compute is in FLOPs/);
  });

  it('tokens below 1e6', () => {
    const w = unitWarnings('model,tokens\nX,300\n');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toMatch(/^tokens 300 for model X: token counts are whole numbers of tokens, e.g. 3e11 or 300B/);
  });

  it('no warning for real sizes, and none for compute estimated from them', () => {
    expect(unitWarnings('model,params,tokens,compute\nX,160M,300B,\nY,7B,2T,8.4e22\nZ,1e6,1e6,1e12\n')).toEqual([]);
  });

  it('reach loadDataset, as warnings and not errors', () => {
    const dir = folder({ 's.csv': 'model,benchmark,score\nX,arc,0.5\n', 'm.csv': 'model,params\nX,0.1\n' });
    const data = loadDataset({ scores: [join(dir, 's.csv')], models: [join(dir, 'm.csv')] });
    expect(data.warnings.map((w) => w.code)).toContain('implausible-unit');
    expect(data.models!.models[0]!.params).toBe(0.1);
  });
});
