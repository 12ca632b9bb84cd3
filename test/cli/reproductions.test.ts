/**
 * The reproductions of issue 11, rerun: each ends in one clear line with exit code 2 (or the right
 * number), and leaves the user's inputs untouched.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const work = mkdtempSync(join(tmpdir(), 'repro-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const synthetic = join(projectRoot, 'datasets', 'synthetic');
for (const f of ['scores.csv', 'models.csv']) copyFileSync(join(synthetic, f), join(work, f));
const scores = join(work, 'scores.csv');
const models = join(work, 'models.csv');
const base = ['-s', scores, '-m', models, '--family', 'sim'];
const accuracyTable = join(work, 'accuracy.csv');
writeFileSync(accuracyTable, 'compute,accuracy\n1e20,0.1\n1e21,0.2\n1e22,0.3\n1e23,0.45\n1e24,0.6\n');
const original = { scores: readFileSync(scores), models: readFileSync(models) };

/** One stderr line, exit 2, matching `pattern`. */
function userError(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^scalecast: error: /);
  expect(r.stderr).toMatch(pattern);
}

function inputsUntouched(): void {
  expect(readFileSync(scores).equals(original.scores)).toBe(true);
  expect(readFileSync(models).equals(original.models)).toBe(true);
}

describe('outputs never destroy inputs', () => {
  it('report --out given the scores file or the models table is refused', async () => {
    userError(await runCli('report', ...base, '--target', 'sim-70B', '--out', scores), /it is the input .*scores\.csv; writing there would destroy it/);
    userError(await runCli('report', ...base, '--target', 'sim-70B', '--out', models), /it is the input .*models\.csv/);
    inputsUntouched();
  });

  it('simulate --out over a folder with the user\'s own models.csv stops, and replaces it only with --force', async () => {
    const mine = join(work, 'mydata');
    mkdirSync(mine);
    writeFileSync(join(mine, 'models.csv'), 'model,params\nmine,1B\n');
    userError(await runCli('simulate', '--out', mine), /models\.csv: a data file with other contents is there; pass --force to replace it/);
    expect(readFileSync(join(mine, 'models.csv'), 'utf8')).toBe('model,params\nmine,1B\n');
    expect((await runCli('simulate', '--out', mine, '--force', '--json')).code).toBe(0);
    expect(readFileSync(join(mine, 'models.csv'), 'utf8')).toBe(original.models.toString());
    // The same seed again writes the same bytes: no --force needed.
    expect((await runCli('simulate', '--out', mine, '--json')).code).toBe(0);
  });

  it('plot and evaluate outputs into an input folder or onto an input are refused', async () => {
    userError(await runCli('plot', 'scaling', ...base, '--target', 'sim-70B', '--out', work, '-s', work), /input folder/);
    inputsUntouched();
  });

  it.each([
    ['plot', 'scaling', ...base, '--target', 'sim-70B', '--out', '/proc/xx'],
    ['report', ...base, '--target', 'sim-70B', '--out', '/proc/xx/report.html'],
    ['simulate', '--out', '/proc/xx'],
  ])('an --out under /proc ends at once: %s %s', async (...argv) => {
    const t0 = Date.now();
    userError(await runCli(...argv), /\/proc is a special file system/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('density without dates to draw', () => {
  it('report --reference sim says there is no chart, and plot density refuses with the reason', async () => {
    const out = join(work, 'r.html');
    const r = await runCli('report', ...base, '--target', 'sim-70B', '--reference', 'sim', '--bootstrap', '0', '--out', out);
    expect(r.code).toBe(0);
    for (const line of r.stderr.trimEnd().split('\n').filter(Boolean)) expect(line).toMatch(/^scalecast: warning: /);
    expect(readFileSync(out, 'utf8')).toContain('No chart: no model outside the reference has both a release date and a density');
    userError(await runCli('plot', 'density', '-s', scores, '-m', models, '--reference', 'sim', '--out', join(work, 'figs')), /nothing to draw: no model outside the reference has both a release date and a density/);
  });
});

describe('the right number', () => {
  // Runs whose loss follows a known Chinchilla law, given as (N, C) with C = 6·N·D.
  const law = (N: number, D: number) => 1.8 + 400 / N ** 0.34 + 410 / D ** 0.28;
  const table = join(work, 'runs.csv');
  const rows = ['N,C,loss'];
  for (const N of [4e7, 1e8, 3e8, 1e9, 3e9]) for (const r of [5, 10, 20, 40, 80]) rows.push(`${N},${6 * N * N * r},${law(N, N * r)}`);
  writeFileSync(table, `${rows.join('\n')}\n`);

  it('fit --tokens-from-compute converts the --predict point\'s compute as it converts the data', async () => {
    const byCompute = await runCli('fit', '--law', 'chinchilla', '--data', table, '--x', 'N,C', '--tokens-from-compute', '--y', 'loss', '--predict', 'N=70e9,C=5.88e23', '--json');
    const byTokens = await runCli('fit', '--law', 'chinchilla', '--data', table, '--x', 'N,C', '--tokens-from-compute', '--y', 'loss', '--predict', 'params=70e9,tokens=1.4e12', '--json');
    expect([byCompute.code, byTokens.code]).toEqual([0, 0]);
    const a = JSON.parse(byCompute.stdout).predictions[0];
    const b = JSON.parse(byTokens.stdout).predictions[0];
    expect(a.x[1]).toBeCloseTo(1.4e12, -6);
    expect(a.value).toBeCloseTo(b.value, 12);
    expect(a.value).toBeCloseTo(law(70e9, 1.4e12), 3);
  });

  it('plot chinchilla refuses (N, C) read as (N, D), and draws with --tokens-from-compute', async () => {
    userError(await runCli('plot', 'chinchilla', '--data', table, '-x', 'N,C', '--out', join(work, 'c')), /looks like training compute, not tokens; pass --tokens-from-compute/);
    const r = await runCli('plot', 'chinchilla', '--data', table, '-x', 'N,C', '--tokens-from-compute', '--format', 'json', '--out', join(work, 'c'));
    expect(r.code).toBe(0);
  });

  it('--percent on scores that are already fractions is refused', async () => {
    userError(await runCli('inspect', '--scores', scores, '--percent'), /already fractions in \[0, 1\]/);
  });
});

describe('options that cannot apply are errors', () => {
  it.each([
    [['predict', ...base, '--target', 'sim-70B', '--guess', 'zz=0.25'], /--guess names zz, which is not among the benchmarks/],
    [['predict', ...base, '--target', 'sim-70B', '--clusters', '3'], /--clusters sets the number of clusters of --clustering kmeans/],
    [['predict', ...base, '--target', 'sim-70B', '--anchor', 'nope'], /--anchor nope: no such model/],
    [['predict', '-s', scores, '-m', models, '--ladder', 'sim-1.9B,sim-7B,sim-12B', '--target', 'sim-70B', '--anchor', 'sim-12B'], /--anchor sim-12B: is a ladder model \(--ladder names it\)/],
    [['predict', ...base, '--target', 'sim-7B'], /the target is not larger than the ladder's largest model/],
    [['fit', '--law', 'power', '--compare', 'power,linear-log', '--data', scores, '--x', 'score', '--y', 'score'], /--law applies to one fitted law/],
    [['fit', '--law', 'cod', '--data', accuracyTable, '--x', 'compute', '--y', 'accuracy', '--fix', 'g=2'], /fixed value of g \(2\) is outside its bounds \[0, 1\]/],
    [['fit', '--law', 'power', '--data', scores, '--x', 'score', '--y', 'score', '--bootstrap', '20', '--threads', '0'], /--threads must be a whole number from 1 to 256, not "0"/],
    [['fit', '--law', 'power', '--data', scores, '--x', 'score', '--y', 'score', '--loss', 'huber', '--delta', '-1'], /--delta must be a number above 0, not "-1"/],
    [['fit', '--law', 'power', '--data', scores, '--x', 'score', '--y', 'score', '--bootstrap', '20', '--seed', '1.5'], /--seed must be a whole number from 0 to 4,294,967,295, not "1.5"/],
    [['predict', ...base, '--target', 'sim-70B', '--seed', '1.5'], /--seed must be a whole number from 0 to 4,294,967,295, not "1.5"/],
    [['fit', '--law', 'power', '--data', scores, '--x', 'score', '--y', 'score', '--threads', '2'], /--threads sets up the bootstrap; add --bootstrap N/],
  ])('%j', async (argv, pattern) => {
    userError(await runCli(...(argv as string[])), pattern as RegExp);
  });
});

describe('messages that say what is wrong', () => {
  it('a missing path says so, whatever its name', async () => {
    userError(await runCli('inspect', '--scores', join(work, 'nosuchdir')), /no such file or folder/);
  });

  it('a comma-separated .tsv says it looks like a CSV', async () => {
    const tsv = join(work, 'scores.tsv');
    copyFileSync(scores, tsv);
    userError(await runCli('inspect', '--scores', tsv), /header has commas and no tabs/);
  });

  it('a usage error is one line, with where to look', async () => {
    const r = await runCli('predict', '--nope');
    userError(r, /unknown option '--nope' \(see scalecast predict --help\)/);
  });
});

describe('options that do nothing in a combination are errors', () => {
  it.each([
    [['predict', ...base, '--target', 'sim-70B', '--method', 'carry', '--bootstrap', '10'], /--bootstrap applies to COD, which --method carry does not run/],
    [['predict', ...base, '--target', 'sim-70B', '--method', 'e2e-linear', '--anchor', 'anchor-34B'], /--anchor applies to COD, which --method e2e-linear does not run/],
    [['backtest', ...base, '--method', 'carry', '--clustering', 'kmeans'], /--clustering applies to COD/],
    [['fit', '--law', 'power', '--data', scores, '--x', 'score', '--y', 'score', '--delta', '0.1'], /--delta is the δ of the Huber loss; it applies with --loss huber/],
    [['fit', '--law', 'power', '--data', scores, '--x', 'score', '--y', 'score', '--seed', '3'], /--seed sets up the bootstrap; add --bootstrap N/],
    [['fit', '--compare', 'power,linear-log', '--data', scores, '--x', 'score', '--y', 'score', '--level', '0.9'], /--level sets the intervals of one fitted law/],
    [['inspect', '--scores', scores, '--json', '--digits', '2'], /--digits sets the decimals of the table/],
    [['density', '-s', join(projectRoot, 'datasets/public/density.scores.csv'), '-m', join(projectRoot, 'datasets/public/density.models.csv'), '--reference', 'Qwen1.5', '--form', 'one-step', '--d0', '1e12'], /--d0 is the D0 of the two-step curve/],
    [['density', '-s', join(projectRoot, 'datasets/public/density.scores.csv'), '-m', join(projectRoot, 'datasets/public/density.models.csv'), '--reference', 'Qwen1.5', '--ceiling', '0'], /--ceiling must be a number in \(0, 1\], not "0"/],
  ])('%j', async (argv, pattern) => {
    userError(await runCli(...(argv as string[])), pattern as RegExp);
  });
});
