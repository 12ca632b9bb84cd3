import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const synthetic = join(projectRoot, 'datasets', 'synthetic');

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scalecast-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('scalecast inspect', () => {
  it('lists models by compute, benchmarks with coverage, and every score', async () => {
    const r = await runCli('inspect', '--scores', join(synthetic, 'scores.csv'), '--models', join(synthetic, 'models.csv'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    const order = ['sim-122M', 'sim-238M', 'sim-12B', 'sim-70B', 'anchor-34B'].map((m) => lines.findIndex((l) => l.startsWith(`${m} `)));
    expect(order.every((v, i) => v > 0 && (i === 0 || v > order[i - 1]!))).toBe(true);
    expect(r.stdout).toMatch(/sim-gen\s+per item\s+1200\s+9\s+100\.0%\s+100/);
  });

  it('gives the same numbers as JSON with --json', async () => {
    const r = await runCli('inspect', join(synthetic, 'scores.csv'), '--models', join(synthetic, 'models.csv'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.models[0].model).toBe('sim-122M');
    expect(s.benchmarks.map((b: { benchmark: string }) => b.benchmark)).toEqual(['sim-code', 'sim-gen', 'sim-mc']);
    // Hand check: the mean of sim-12B on sim-mc straight from the CSV.
    const rows = readFileSync(join(synthetic, 'scores.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const mine = rows.filter((f) => f[0] === 'sim-12B' && f[1] === 'sim-mc').map((f) => Number(f[3]));
    const want = mine.reduce((a, b) => a + b, 0) / mine.length;
    const got = s.scores.find((x: { model: string; benchmark: string }) => x.model === 'sim-12B' && x.benchmark === 'sim-mc');
    expect(got.score).toBeCloseTo(want, 12);
    expect(got.items).toBe(1200);
  });

  it('fails on bad input with one clear line, exit code 2 and no stack trace', async () => {
    const dir = tmp({ 'bad.csv': 'model,benchmark,item,score\na,b,i1,0.5\na,b,i2,87\n' });
    const r = await runCli('inspect', join(dir, 'bad.csv'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `scalecast: error: ${join(dir, 'bad.csv')}:3:8: score is above 1; the input seems to hold percentages (expected a fraction in [0, 1], found "87"). Hint: if the scores are percentages, pass --percent to divide them by 100\n`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const ok = await runCli('inspect', join(dir, 'bad.csv'), '--percent');
    expect(ok.code).toBe(0);
  });

  it('reports the error as JSON too with --json', async () => {
    const dir = tmp({ 'e.csv': '' });
    const r = await runCli('inspect', join(dir, 'e.csv'), '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'empty-file', file: join(dir, 'e.csv') });
  });

  it('rejects scores of models missing from the models table, unless told to leave them out', async () => {
    const dir = tmp({
      's.csv': 'model,benchmark,item,score\na,b,i1,1\nb,b,i1,0\nc,b,i1,1\n',
      'm.csv': 'model,params\na,1B\n',
    });
    const r = await runCli('inspect', join(dir, 's.csv'), '--models', join(dir, 'm.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2 models have scores but no row in the models table: "b", "c"');
    expect(r.stderr).toContain('--ignore-unlisted');
    const ok = await runCli('inspect', join(dir, 's.csv'), '--models', join(dir, 'm.csv'), '--ignore-unlisted', '--json');
    expect(ok.code).toBe(0);
    const s = JSON.parse(ok.stdout);
    expect(s.scores.map((x: { model: string }) => x.model)).toEqual(['a']);
    expect(s.warnings.map((w: { code: string }) => w.code)).toContain('ignored-unlisted-model');
  });

  it('reports coverage gaps as warnings, not errors', async () => {
    const dir = tmp({ 's.csv': 'model,benchmark,item,score\na,b,i1,1\na,b,i2,0\nb,b,i1,1\n' });
    const r = await runCli('inspect', join(dir, 's.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('b: 1 model lacks results on some items: b (1 of 2)');
  });

  it('says what is wrong with the command line (exit 2)', async () => {
    const r = await runCli('inspect');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no scores given');
    const u = await runCli('inspect', '--no-such-flag');
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("unknown option '--no-such-flag'");
  });

  it('has --help with an example', async () => {
    const r = await runCli('inspect', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('$ scalecast inspect');
  });
});

describe.skipIf(!hasRawData)('scalecast inspect on real data', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});

  const listed = (bench: string) =>
    new Map(
      readFileSync(rawPath('all-the-noises-per-item', 'main', `${bench}.models.csv`), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((f) => [f[0]!, Number(f[2])] as const),
    );

  for (const bench of ['gsm8k', 'arc_challenge', 'piqa', 'siqa', 'nq', 'agi_english']) {
    it(`prints the published per-model means of the Qwen1.5 and Pythia ladders on ${bench}`, async () => {
      const r = await runCli('inspect', rawPath('all-the-noises-per-item', 'main', `${bench}.pass1.csv`), '--json', '--digits', '6');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout);
      const want = listed(bench);
      const ladder = [...want.keys()].filter((m) => m.startsWith('Qwen1.5-') || m.startsWith('pythia-'));
      expect(ladder.length).toBeGreaterThanOrEqual(9);
      for (const m of ladder) {
        const got = s.scores.find((x: { model: string }) => x.model === m);
        expect(Math.abs(got.score - want.get(m)!), m).toBeLessThan(1e-6);
      }
      // And the text table shows them to 6 decimals.
      const t = await runCli('inspect', rawPath('all-the-noises-per-item', 'main', `${bench}.pass1.csv`), '--digits', '6');
      for (const m of ladder) expect(t.stdout).toMatch(new RegExp(`^${m.replace(/[.+]/g, '\\$&')}\\s+${want.get(m)!.toFixed(6)}`, 'm'));
    });
  }
});
