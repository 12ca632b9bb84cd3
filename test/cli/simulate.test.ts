import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFilesAtomically } from '../../cli/output/io.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

describe('scalecast simulate', () => {
  it('writes the five files, byte-identical for the same seed and different for another', async () => {
    const a = mkdtempSync(join(tmpdir(), 'sim-a-'));
    const b = mkdtempSync(join(tmpdir(), 'sim-b-'));
    const c = mkdtempSync(join(tmpdir(), 'sim-c-'));
    expect((await runCli('simulate', '--out', a, '--seed', '3', '--items', '200')).code).toBe(0);
    expect((await runCli('simulate', '--out', b, '--seed', '3', '--items', '200')).code).toBe(0);
    expect((await runCli('simulate', '--out', c, '--seed', '4', '--items', '200')).code).toBe(0);
    const names = ['heldout.csv', 'items.csv', 'models.csv', 'scores.csv', 'truth.json'];
    expect(readdirSync(a).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(join(a, n)).equals(readFileSync(join(b, n))), n).toBe(true);
    expect(readFileSync(join(a, 'scores.csv')).equals(readFileSync(join(c, 'scores.csv')))).toBe(false);
  });

  it('its output reads back through inspect with the truth close to the observed means', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    await runCli('simulate', '--out', dir, '--seed', '5');
    const r = await runCli('inspect', join(dir, 'scores.csv'), '--models', join(dir, 'models.csv'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    const gen = s.scores.find((x: { model: string; benchmark: string }) => x.model === 'sim-12B' && x.benchmark === 'sim-gen');
    const want = truth.expected.find((e: { model: string; benchmark: string }) => e.model === 'sim-12B' && e.benchmark === 'sim-gen');
    expect(Math.abs(gen.score - want.accuracy)).toBeLessThan(0.01);
  });

  it('the embedded default data is exactly what the simulator makes with its default seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-default-'));
    await runCli('simulate', '--out', dir);
    for (const n of readdirSync(dir)) {
      expect(readFileSync(join(dir, n)).equals(readFileSync(join(projectRoot, 'datasets', 'synthetic', n))), n).toBe(true);
    }
  });

  it('writes nothing when it cannot write everything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-atomic-'));
    writeFileSync(join(dir, 'a.csv'), 'old');
    writeFileSync(join(dir, 'blocker'), 'a file where a folder is needed');
    expect(() =>
      writeFilesAtomically(dir, [
        { name: 'a.csv', content: 'new' },
        { name: 'blocker/b.csv', content: 'cannot be written' },
      ]),
    ).toThrow();
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'blocker']);
  });

  it('rejects a bad seed with exit code 2', async () => {
    const r = await runCli('simulate', '--out', mkdtempSync(join(tmpdir(), 'x-')), '--seed', 'abc');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seed must be a whole number');
  });
});
