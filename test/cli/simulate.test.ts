import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../data/support.js';
import { writeFilesAtomically } from '../../cli/output/io.js';
import { OutputError } from '../../cli/output/failure.js';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const tempDir = tempFolders('scalecast-sim-');

describe('scalecast simulate', () => {
  it('writes the five files, byte-identical for the same seed and different for another', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    expect((await runCli('simulate', '--out', a, '--seed', '3', '--items', '200')).code).toBe(0);
    expect((await runCli('simulate', '--out', b, '--seed', '3', '--items', '200')).code).toBe(0);
    expect((await runCli('simulate', '--out', c, '--seed', '4', '--items', '200')).code).toBe(0);
    const names = ['heldout.truth.csv', 'items.truth.csv', 'models.csv', 'scores.csv', 'truth.json'];
    expect(readdirSync(a).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(join(a, n)).equals(readFileSync(join(b, n))), n).toBe(true);
    expect(readFileSync(join(a, 'scores.csv')).equals(readFileSync(join(c, 'scores.csv')))).toBe(false);
  });

  it('its output reads back through inspect with the truth close to the observed means', async () => {
    const dir = tempDir();
    expect((await runCli('simulate', '--out', dir, '--seed', '5')).code).toBe(0);
    const r = await runCli('inspect', join(dir, 'scores.csv'), '--models', join(dir, 'models.csv'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    const gen = s.scores.find((x: { model: string; benchmark: string }) => x.model === 'sim-12B' && x.benchmark === 'sim-gen');
    const want = truth.expected.find((e: { model: string; benchmark: string }) => e.model === 'sim-12B' && e.benchmark === 'sim-gen');
    expect(Math.abs(gen.score - want.accuracy)).toBeLessThan(0.01);
  });

  it('its output folder reads as a whole through inspect: the models table is found and the truth files are left out', async () => {
    const dir = tempDir();
    expect((await runCli('simulate', '--out', dir, '--seed', '5', '--items', '50')).code).toBe(0);
    const r = await runCli('inspect', dir, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.models.find((m: { model: string }) => m.model === 'sim-70B')).toMatchObject({ params: 7e10, listed: true, benchmarks: 0 });
    expect(s.benchmarks.map((b: { benchmark: string; models: number; items: number }) => [b.benchmark, b.models, b.items])).toEqual([
      ['sim-code', 9, 50],
      ['sim-gen', 9, 50],
      ['sim-mc', 9, 50],
    ]);
    expect(s.scores.some((x: { model: string }) => x.model === 'sim-70B')).toBe(false);
    expect(s.warnings.map((w: { code: string }) => w.code)).not.toContain('no-models-table');
  });

  it('the embedded default data is exactly what the simulator makes with its default seed', async () => {
    const dir = tempDir();
    expect((await runCli('simulate', '--out', dir)).code).toBe(0);
    const names = readdirSync(dir).sort();
    expect(readdirSync(join(projectRoot, 'datasets', 'synthetic')).sort()).toEqual(names);
    for (const n of names) {
      expect(readFileSync(join(dir, n)).equals(readFileSync(join(projectRoot, 'datasets', 'synthetic', n))), n).toBe(true);
    }
  });

  it('writes nothing when it cannot write everything', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'old');
    writeFileSync(join(dir, 'blocker'), 'a file where a folder is needed');
    expect(() =>
      writeFilesAtomically(dir, [
        { name: 'a.csv', content: 'new' },
        { name: 'blocker/b.csv', content: 'cannot be written' },
      ]),
    ).toThrow(OutputError);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'blocker']);
  });

  it('says in one line, with exit code 2, that --out cannot be written when it is a file', async () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const r = await runCli('simulate', '--out', file, '--items', '10');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`scalecast: error: cannot write ${file}: a file is in the way where a folder is needed\n`);
    const j = await runCli('simulate', '--out', join(file, 'sub'), '--items', '10', '--json');
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).error).toMatchObject({ code: 'unwritable', file: join(file, 'sub') });
  });

  it('accepts only a plain whole-number seed from 0 to 2^32 − 1', async () => {
    for (const seed of ['abc', '', '0x10', '1e3', '-1', '4294967296', '1.5', ' 7']) {
      const r = await runCli('simulate', '--out', tempDir(), '--seed', seed);
      expect(r.code, seed).toBe(2);
      expect(r.stderr, seed).toContain(`--seed must be a whole number from 0 to 4,294,967,295, not "${seed}"`);
    }
    expect((await runCli('simulate', '--out', tempDir(), '--seed', '4294967295', '--items', '10')).code).toBe(0);
  });

  it('accepts from 10 to 100,000 items per benchmark', async () => {
    for (const items of ['9', '100001', 'many']) {
      const r = await runCli('simulate', '--out', tempDir(), '--items', items);
      expect(r.code, items).toBe(2);
      expect(r.stderr).toContain('--items must be a whole number from 10 to 100,000');
    }
  });
});
