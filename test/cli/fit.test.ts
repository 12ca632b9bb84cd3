import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'scalecast-fit-'));
  temps.push(dir);
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

// y = 1.7 + 400·x^(−0.3), exact to 6 digits.
const POWER = `x,y\n${[1e6, 1e7, 1e8, 1e9, 1e10, 3e10].map((x) => `${x},${(1.7 + 400 * x ** -0.3).toFixed(6)}`).join('\n')}\n`;

describe('scalecast fit', () => {
  it('fits a law and prints parameters, statistics and predictions', async () => {
    const file = tmpFile('p.csv', POWER);
    const r = await runCli('fit', '--law', 'power-offset', '--data', file, '--x', 'x', '--y', 'y', '--predict', '1e12');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('power law with offset: y = E + A·x^(−α)');
    expect(r.stdout).toMatch(/^alpha\s+0\.3\s/m);
    expect(r.stdout).toMatch(/1\.000e\+12\s+1\.8005 \*/);
  });

  it('gives the same as JSON, with intervals', async () => {
    const file = tmpFile('p.csv', POWER);
    const r = await runCli('fit', '--law', 'power-offset', '--data', file, '--x', 'x', '--y', 'y', '--predict', 'x=1e12', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.fit.params.E).toBeCloseTo(1.7, 5);
    expect(out.fit.params.A).toBeCloseTo(400, 1);
    expect(out.predictions[0].value).toBeCloseTo(1.7 + 400 * 1e12 ** -0.3, 5);
    expect(out.predictions[0].extrapolation).toBe(true);
    expect(out.fit.intervals[2][0]).toBeLessThan(0.3);
    expect(out.fit.intervals[2][1]).toBeGreaterThan(0.3);
  });

  it('bootstraps deterministically for a seed', async () => {
    const file = tmpFile('p.csv', POWER);
    const args = ['fit', '--law', 'power-offset', '--data', file, '--x', 'x', '--y', 'y', '--bootstrap', '200', '--seed', '3', '--threads', '1', '--json'];
    const a = JSON.parse((await runCli(...args)).stdout);
    const b = JSON.parse((await runCli(...args)).stdout);
    expect(a.bootstrap.standardErrors).toEqual(b.bootstrap.standardErrors);
    expect(a.bootstrap.succeeded).toBe(200);
  });

  it('compares laws by AICc and by leave-the-largest-out error', async () => {
    const file = tmpFile('p.csv', POWER);
    const r = await runCli('fit', '--compare', 'power-offset,linear-log,power', '--data', file, '--x', 'x', '--y', 'y', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    const po = rows.find((x: { law: string }) => x.law === 'power-offset');
    const ll = rows.find((x: { law: string }) => x.law === 'linear-log');
    expect(po.holdoutMeanError).toBeLessThan(1e-4);
    expect(ll.holdoutMeanError).toBeGreaterThan(po.holdoutMeanError);
  });

  it('lists the laws', async () => {
    const r = await runCli('fit', '--list-laws');
    expect(r.code).toBe(0);
    for (const id of ['cod', 'chinchilla', 'isik', 'logistic', 'exponential']) expect(r.stdout).toContain(`${id}: `);
  });

  it.each([
    [['--law', 'cod', '--x', 'x', '--y', 'y'], 'COD performance law has 4 free parameters but there are 3 points', 'x,y\n1e20,0.1\n1e21,0.2\n1e22,0.3\n'],
    [['--law', 'power-offset', '--x', 'x', '--y', 'y'], 'point 1: x must be > 0', 'x,y\n0,1\n1,2\n2,3\n3,4\n'],
    [['--law', 'power-offset', '--x', 'x', '--y', 'z'], 'needs a "z" column', 'x,y\n1,1\n'],
    [['--law', 'power-offset', '--x', 'x', '--y', 'y'], 'y is missing', 'x,y\n1,1\n2,NaN\n'],
    [['--law', 'nope', '--x', 'x', '--y', 'y'], 'unknown law "nope"', 'x,y\n1,1\n'],
  ])('fails with exit code 2 and a clear message: %j', async (args, message, text) => {
    const file = tmpFile('bad.csv', text);
    const r = await runCli('fit', '--data', file, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('warns on flat data and will not extrapolate it', async () => {
    const file = tmpFile('flat.csv', 'x,y\n1e20,0.3\n1e21,0.3\n1e22,0.3\n1e23,0.3\n');
    const r = await runCli('fit', '--law', 'linear-log', '--data', file, '--x', 'x', '--y', 'y', '--predict', '1e25');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('— (the responses are all equal: there is no trend to extrapolate)');
    expect(r.stdout).toContain('Warnings');
  });

  it('has --help with examples', async () => {
    const r = await runCli('fit', '--help');
    expect(r.stdout).toContain('$ scalecast fit --law chinchilla');
  });
});

describe.skipIf(!hasRawData)('scalecast fit on Epoch\'s Chinchilla data', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});
  it('reproduces the Huber fit from the command line', async () => {
    const r = await runCli(
      'fit', '--law', 'chinchilla', '--data', rawPath('epoch-chinchilla', 'svg_extracted_data.csv'),
      '--x', 'Model Size,Training FLOP', '--tokens-from-compute', '--y', 'loss', '--where', 'loss<3.44', '--loss', 'huber', '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.data.points).toBe(240);
    expect(out.data.dropped).toBe(5);
    expect(out.fit.params.E).toBeCloseTo(1.8172, 3);
    expect(out.fit.params.alpha).toBeCloseTo(0.3473, 3);
  });
});
