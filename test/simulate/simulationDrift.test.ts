import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulationDrift } from '../../src/simulate/simulationDrift.js';
import { tempFolders } from '../data/support.js';

const folder = tempFolders('scalecast-drift-');

describe('simulationDrift', () => {
  it('lists the files a folder lacks and those it holds with other bytes', () => {
    const dir = folder({ 'same.csv': 'a\n', 'changed.csv': 'b\n' });
    const files = [
      { name: 'same.csv', content: 'a\n' },
      { name: 'changed.csv', content: 'c\n' },
      { name: 'gone.csv', content: 'd\n' },
    ];
    expect(simulationDrift(dir, files)).toEqual({ missing: ['gone.csv'], different: ['changed.csv'] });
    expect(simulationDrift(join(dir, 'nowhere'), files).missing).toHaveLength(3);
  });
});
