/**
 * The claims of docs/validation.md §8 on real checkpoints: the default beats carrying the latest
 * checkpoint forward at both cut-offs on Pythia and on the OLMo ladder, and an injected drop raises
 * the alarm where it is and nowhere else.
 */
import { describe, expect, it } from 'vitest';
import { checkpointAlarms } from '../../src/monitor/checkpointAlarms.js';
import { hasRawData, noRawDataReason } from '../helpers/paths.js';
import type { ForecastCase } from '../../validation/monitorCases.js';

const meanError = (cases: readonly ForecastCase[], cut: string, id: 'default' | 'carry') => {
  const e = cases.filter((c) => c.cut === cut).map((c) => Math.abs(c.values[id]! - c.actual));
  return e.reduce((a, v) => a + v, 0) / e.length;
};

describe.skipIf(!hasRawData)('runs in progress on real checkpoints', () => {
  it('beats carrying forward at 23% and 51% of Pythia\'s training', async () => {
    const { pythiaCases } = await import('../../validation/monitorPythia.js');
    const cases = pythiaCases();
    expect(cases).toHaveLength(224);
    for (const cut of ['33000', '73000']) expect(meanError(cases, cut, 'default')).toBeLessThan(meanError(cases, cut, 'carry'));
    expect(meanError(cases, '33000', 'default')).toBeCloseTo(0.0155, 3);
  }, 60_000);

  it('beats carrying forward at 25% and 50% of each OLMo ladder run', async () => {
    const { olmoCases } = await import('../../validation/monitorOlmo.js');
    const cases = olmoCases();
    expect(cases).toHaveLength(400);
    for (const cut of ['25%', '50%']) expect(meanError(cases, cut, 'default')).toBeLessThan(meanError(cases, cut, 'carry'));
  }, 60_000);

  it('raises the alarm at a 5-point drop on pythia-1.4b arc_easy and nowhere else', async () => {
    const { pythiaCurves } = await import('../../validation/monitorPythia.js');
    const c = pythiaCurves().get('pythia-1.4b|arc_easy')!;
    expect(checkpointAlarms(c).checks.filter((x) => x.alarm)).toEqual([]);
    const dropped = { ...c, points: c.points.map((p) => (p.step === 73_000 ? { ...p, score: p.score - 0.05 } : p)) };
    expect(checkpointAlarms(dropped).checks.filter((x) => x.alarm).map((x) => x.step)).toEqual([73_000]);
  }, 60_000);
});
if (!hasRawData) it.skip(noRawDataReason, () => {});
