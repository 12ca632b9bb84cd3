import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../data/support.js';
import { projectRoot, hasRawData, noRawDataReason, rawPath } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const synthetic = join(projectRoot, 'datasets', 'synthetic');

const tmp = tempFolders('scalecast-cli-');

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

  it('accepts --digits from 0 to 12 only', async () => {
    const dir = tmp({ 's.csv': 'model,benchmark,item,score\na,b,i1,0.123456789\n' });
    const r = await runCli('inspect', join(dir, 's.csv'), '--digits', '7');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^a\s+0\.1234568$/m);
    for (const bad of ['13', '-1', 'x', '1.5', '']) {
      const e = await runCli('inspect', join(dir, 's.csv'), '--digits', bad);
      expect(e.code, bad).toBe(2);
      expect(e.stderr).toContain(`--digits must be a whole number from 0 to 12, not "${bad}"`);
    }
  });

  it('narrows everything to one family with --family: models, benchmarks, coverage and warnings', async () => {
    const dir = tmp({
      's.csv': 'model,benchmark,item,score\nq-1b,b,i1,1\nq-1b,b,i2,0\np-1b,b,i1,1\np-1b,only-p,j1,1\n',
      'm.csv': 'model,family\nq-1b,qwen\np-1b,pythia\n',
    });
    const all = JSON.parse((await runCli('inspect', join(dir, 's.csv'), '--models', join(dir, 'm.csv'), '--json')).stdout);
    expect(all.warnings.map((w: { code: string }) => w.code)).toEqual(['coverage-gap']);
    const r = await runCli('inspect', join(dir, 's.csv'), '--models', join(dir, 'm.csv'), '--family', 'qwen', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.models.map((m: { model: string }) => m.model)).toEqual(['q-1b']);
    expect(s.benchmarks.map((b: { benchmark: string; models: number; coverage: number }) => [b.benchmark, b.models, b.coverage])).toEqual([['b', 1, 1]]);
    expect(s.warnings).toEqual([]);
  });

  it('says which families exist when --family names none, and that it needs a models table', async () => {
    const dir = tmp({ 's.csv': 'model,benchmark,item,score\na,b,i1,1\n', 'm.csv': 'model,family\na,qwen\n', 'n.csv': 'model\na\n' });
    const r = await runCli('inspect', join(dir, 's.csv'), '--models', join(dir, 'm.csv'), '--family', 'llama');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no model of the models table has family "llama"; the families are: qwen');
    const none = await runCli('inspect', join(dir, 's.csv'), '--family', 'qwen');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--family needs a models table');
    const noColumn = await runCli('inspect', join(dir, 's.csv'), '--models', join(dir, 'n.csv'), '--family', 'qwen');
    expect(noColumn.code).toBe(2);
    expect(noColumn.stderr).toContain('has no family column');
  });

  it('refuses --wide-name for several wide files (exit 2)', async () => {
    const dir = tmp({ 'a.pass1.csv': 'item,m\ni,1\n', 'b.pass1.csv': 'item,m\ni,0\n' });
    const r = await runCli('inspect', join(dir, 'a.pass1.csv'), join(dir, 'b.pass1.csv'), '--wide-name', 'gsm8k');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('names the benchmark of a single wide file');
    expect((await runCli('inspect', join(dir, 'a.pass1.csv'), '--wide-name', 'gsm8k')).code).toBe(0);
  });

  it('lists other aggregate metrics separated by "; " since their names may hold commas', async () => {
    const dir = tmp({ 'agg.jsonl': '{"model": "a", "benchmark": "x", "score": 0.5, "loss": 2.1, "exact_match,flexible-extract": 0.4}\n' });
    const r = await runCli('inspect', join(dir, 'agg.jsonl'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Other metrics in aggregate rows: exact_match,flexible-extract; loss');
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
      const r = await runCli('inspect', rawPath('all-the-noises-per-item', 'main', `${bench}.pass1.csv`), '--json');
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
